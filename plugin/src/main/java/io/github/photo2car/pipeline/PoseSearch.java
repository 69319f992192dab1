package io.github.photo2car.pipeline;

import io.github.photo2car.fit.CarFitter;
import io.github.photo2car.fit.FitOptions;
import io.github.photo2car.fit.FitResult;
import io.github.photo2car.fit.FitStage;
import io.github.photo2car.fit.FitTarget;
import io.github.photo2car.raster.OrbitCamera;
import io.github.photo2car.raster.RasterBackend;
import io.github.photo2car.template.BodyType;
import io.github.photo2car.template.CarParams;

/**
 * A first guess of the camera from the car's mask alone, for when no inverse-graphics network
 * is available: short pose-only fits of a typical car from eight azimuths around it, each
 * placed so its size roughly matches the crop, keeping the best: by IoU, or, when the target
 * carries labels (e.g. the segmenter's classes), by IoU averaged with the label agreement. A
 * silhouette cannot tell the front of a car from its back, so a mask-only guess may be turned by
 * 180 degrees; lamps, windows and wheels in the labels can, as can the inverse-graphics network's
 * cues, which is why that is the preferred estimator.
 */
public final class PoseSearch {

    /** Azimuths tried, degrees. */
    private static final float[] AZIMUTHS = {0, 45, 90, 135, 180, -135, -90, -45};
    /** Iterations of each short fit. */
    private static final int ITERATIONS = 12;

    private final CarFitter fitter;

    /**
     * @param backend the rasterizer for the short fits
     */
    public PoseSearch(RasterBackend backend) {
        FitOptions options = FitOptions.builder()
                .stageIterations(FitStage.POSE, ITERATIONS)
                .stageIterations(FitStage.SHAPE, 0)
                .stageIterations(FitStage.RESIDUAL, 0)
                .maxIterations(ITERATIONS)
                .azimuthRestarts(new float[] {0f}, 0)
                .downsample(FitStage.POSE, 2)
                .sigma(8f, 3f)
                .build();
        this.fitter = new CarFitter(backend, options);
    }

    /**
     * Finds the best of the starting poses.
     *
     * @param target     the car's mask in the crop, with or without labels (not modified)
     * @param cropCamera a camera of the crop with the assumed lens: its field of view and
     *                   principal point are used, its pose is not
     * @return the best short fit (its camera and the typical car's parameters), by IoU, or by the
     *         mean of IoU and label agreement when the target has labels
     */
    public FitResult search(FitTarget target, OrbitCamera cropCamera) {
        CarParams typical = CarParams.preset(BodyType.SEDAN);
        FitResult best = null;
        for (float azimuth : AZIMUTHS) {
            OrbitCamera start = placed(cropCamera, typical, azimuth, 10f);
            FitResult r = fitter.fit(target, start, typical);
            if (best == null || score(r) > score(best)) {
                best = r;
            }
        }
        return best;
    }

    private static double score(FitResult r) {
        return Double.isNaN(r.partAgreement()) ? r.iou() : 0.5 * (r.iou() + r.partAgreement());
    }

    /**
     * A camera at the given pose whose distance makes the car's horizontal extent fill about
     * 86 % of the crop (the crop's margin), looking at the car's middle.
     */
    static OrbitCamera placed(OrbitCamera lens, CarParams car, float azimuth, float elevation) {
        double a = Math.toRadians(azimuth);
        double extent = Math.abs(car.length() * Math.sin(a)) + Math.abs(car.width() * Math.cos(a));
        double focal = 1 / Math.tan(Math.toRadians(0.5 * lens.fovYDeg()));
        double distance = focal * 0.5 * extent / 0.86;
        return new OrbitCamera(azimuth, elevation, (float) Math.max(1.5, distance), lens.fovYDeg(), lens.principalX(),
                lens.principalY(), 0, 0, 0.5f * car.height(), 0, 0.1f, 200);
    }
}
