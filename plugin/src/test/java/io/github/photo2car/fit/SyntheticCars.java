package io.github.photo2car.fit;

import io.github.photo2car.neural.SegmentClass;
import io.github.photo2car.raster.OrbitCamera;
import io.github.photo2car.raster.RasterBackends;
import io.github.photo2car.raster.RasterOutput;
import io.github.photo2car.template.CarMesh;
import io.github.photo2car.template.CarParams;
import io.github.photo2car.template.CarPart;
import io.github.photo2car.template.CarTemplate;
import io.github.photo2car.template.SurfaceMesh;
import io.github.photo2car.template.WheelAnchor;
import io.github.photo2car.template.WheelMesh;
import io.github.photo2car.template.WheelMeshBuilder;
import java.util.Arrays;
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
        return render(params, camera, labels, SIZE);
    }

    /** Renders the car's body alone, hard mask (and part labels when asked), at size x size. */
    static FitTarget render(CarParams params, OrbitCamera camera, boolean labels, int size) {
        float[][] pos = {camera.project(CarTemplate.build(params).shapePositions(), 1f)};
        RasterOutput raster = RasterBackends.javaBackend().rasterize(pos, CarTemplate.triangles(), size, size);
        return new FitTarget(size, size, raster.mask(0), labels ? partLabels(raster.triangleIds(0)) : null, 1f);
    }

    /**
     * Renders the car as a photo's segmenter would see it: the body with its four real wheels
     * (tyres and rims of {@link WheelMeshBuilder}, as the preview and the segmenter's training
     * data draw them), at size x size, aspect 1. The mask covers body and wheels; the labels are
     * {@link SegmentClass} ordinals (body parts mapped by {@link SegmentClass#of(CarPart)}, tyres
     * and rims WHEEL), UNKNOWN where nothing is drawn.
     */
    static FitTarget renderWithWheels(CarParams params, OrbitCamera camera, int size) {
        CarMesh car = CarTemplate.build(params);
        float[] positions = car.shapePositions();
        int[] triangles = car.triangles();
        int bodyTriangles = triangles.length / 3;
        WheelMesh wheel = WheelMeshBuilder.build(params);
        for (WheelAnchor a : car.wheels()) {
            float sign = a.centerX() >= 0 ? 1 : -1;
            for (SurfaceMesh m : new SurfaceMesh[] {wheel.tyre(), wheel.rim()}) {
                float[] local = m.positions();
                int first = positions.length / 3;
                positions = Arrays.copyOf(positions, positions.length + local.length);
                for (int i = 0; i < local.length; i += 3) {
                    positions[3 * first + i] = a.centerX() + sign * local[i];
                    positions[3 * first + i + 1] = a.centerY() + local[i + 1];
                    positions[3 * first + i + 2] = a.centerZ() + sign * local[i + 2];
                }
                int[] t = m.triangles();
                int at = triangles.length;
                triangles = Arrays.copyOf(triangles, triangles.length + t.length);
                for (int i = 0; i < t.length; i++) {
                    triangles[at + i] = first + t[i];
                }
            }
        }
        float[][] pos = {camera.project(positions, 1f)};
        RasterOutput raster = RasterBackends.javaBackend().rasterize(pos, triangles, size, size);
        int[] ids = raster.triangleIds(0);
        CarPart[] parts = CarTemplate.triangleParts();
        int[] labels = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            labels[i] = ids[i] < 0 ? FitTarget.UNKNOWN
                    : ids[i] >= bodyTriangles ? SegmentClass.WHEEL.ordinal() : SegmentClass.of(parts[ids[i]]).ordinal();
        }
        return new FitTarget(size, size, raster.mask(0), labels, FitTarget.LabelKind.CLASSES, 1f);
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
