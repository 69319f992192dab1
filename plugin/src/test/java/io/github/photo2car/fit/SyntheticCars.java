package io.github.photo2car.fit;

import io.github.photo2car.raster.OrbitCamera;
import io.github.photo2car.raster.RasterBackends;
import io.github.photo2car.raster.RasterOutput;
import io.github.photo2car.template.CarParams;
import io.github.photo2car.template.CarPart;
import io.github.photo2car.template.CarTemplate;
import java.util.Random;

/** Synthetic fitting targets and perturbed starting guesses for the fit tests. */
final class SyntheticCars {

    static final int SIZE = 128;

    private SyntheticCars() {
    }

    /** A camera on the car's mid-height with a small principal-point offset, fovY 40 degrees. */
    static OrbitCamera camera(float azimuth, float elevation, float distance, float px, float py) {
        return new OrbitCamera(azimuth, elevation, distance, 40f, px, py, 0f, 0f, 0.7f, 0f, 0.05f, 100f);
    }

    /** Renders the car's hard mask (and part labels when asked) at SIZE x SIZE. */
    static FitTarget render(CarParams params, OrbitCamera camera, boolean labels) {
        float[][] pos = {camera.project(CarTemplate.build(params).shapePositions(), 1f)};
        RasterOutput raster = RasterBackends.javaBackend().rasterize(pos, CarTemplate.triangles(), SIZE, SIZE);
        return new FitTarget(SIZE, SIZE, raster.mask(0), labels ? partLabels(raster.triangleIds(0)) : null, 1f);
    }

    /** Part label per pixel from visible triangle ids, -1 where nothing is visible. */
    static int[] partLabels(int[] ids) {
        CarPart[] parts = CarTemplate.triangleParts();
        int[] labels = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            labels[i] = ids[i] < 0 ? FitTarget.UNKNOWN : parts[ids[i]].ordinal();
        }
        return labels;
    }

    /** Fraction of labelled pixels where the car rendered through the camera shows the same part. */
    static double partAgreement(CarParams params, float[] residual, OrbitCamera camera, int[] labels) {
        float[][] pos = {camera.project(CarTemplate.build(params, residual).shapePositions(), 1f)};
        int[] rendered = partLabels(RasterBackends.javaBackend()
                .rasterize(pos, CarTemplate.triangles(), SIZE, SIZE).triangleIds(0));
        int labelled = 0;
        int agree = 0;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] >= 0) {
                labelled++;
                agree += rendered[i] == labels[i] ? 1 : 0;
            }
        }
        return agree / (double) labelled;
    }

    /** Hard-mask IoU of a car through a camera against a mask. */
    static double iou(CarParams params, float[] residual, OrbitCamera camera, float[] mask) {
        float[][] pos = {camera.project(CarTemplate.build(params, residual).shapePositions(), 1f)};
        float[] m = RasterBackends.javaBackend().rasterize(pos, CarTemplate.triangles(), SIZE, SIZE).mask(0);
        return SilhouetteObjective.iou(m, mask);
    }

    /**
     * Every normalised parameter t moved to t * (1 +- fraction), signs drawn at random; sign
     * draws that make an invalid car are redrawn.
     *
     * @return the perturbed parameters
     * @throws IllegalStateException if no valid draw is found
     */
    static CarParams perturb(CarParams truth, float fraction, Random random) {
        float[] v = truth.toVector();
        for (int attempt = 0; attempt < 500; attempt++) {
            float[] w = v.clone();
            for (int i = 0; i < w.length; i++) {
                w[i] = v[i] * (1f + (random.nextBoolean() ? fraction : -fraction));
            }
            CarParams p = ParamSpace.tryParams(w);
            if (p != null) {
                return p;
            }
        }
        throw new IllegalStateException("no valid perturbation of " + truth);
    }

    /** Smallest absolute difference between two angles, degrees. */
    static double angleError(double a, double b) {
        double d = ((a - b) % 360 + 540) % 360 - 180;
        return Math.abs(d);
    }
}
