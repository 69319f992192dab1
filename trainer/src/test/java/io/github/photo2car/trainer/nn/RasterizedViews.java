package io.github.photo2car.trainer.nn;

import java.util.SplittableRandom;

import io.github.photo2car.fit.FitTarget;
import io.github.photo2car.neural.SegmentClass;
import io.github.photo2car.raster.JavaRasterBackend;
import io.github.photo2car.raster.OrbitCamera;
import io.github.photo2car.raster.RasterOutput;
import io.github.photo2car.template.CarMesh;
import io.github.photo2car.template.CarParams;
import io.github.photo2car.template.CarPart;
import io.github.photo2car.template.CarTemplate;
import io.github.photo2car.trainer.synth.ResidualModes;

/**
 * A small multi-view test fixture for the inverse-graphics trainer: random template cars in flat
 * paint with Lambert shading, each rendered by the Java rasterizer from a few random cameras
 * that frame the car; each view's frame is its own crop. Deterministic by seed; far from photo-real.
 */
final class RasterizedViews implements InverseData {

    private static final JavaRasterBackend BACKEND = new JavaRasterBackend(1);

    private final int size;
    private final View[][] views;

    RasterizedViews(int size, int cars, int viewsPerCar, long seed) {
        this(size, cars, viewsPerCar, seed, null, 0);
    }

    /**
     * The same with every car's body leaving the template by one residual code.
     *
     * @param residualCode {@link ResidualModes} weights of every car, or null for template bodies
     * @param amplitude    metres per unit weight
     */
    RasterizedViews(int size, int cars, int viewsPerCar, long seed, float[] residualCode, float amplitude) {
        this.size = size;
        this.views = new View[cars][viewsPerCar];
        for (int c = 0; c < cars; c++) {
            SplittableRandom rnd = new SplittableRandom(seed * 104_729L + c);
            CarParams params = CarParams.random(rnd.nextLong());
            float[] residual = residualCode == null ? null : ResidualModes.residual(params, residualCode, amplitude);
            CarMesh car = CarTemplate.build(params, residual);
            float[] paint = {(float) rnd.nextDouble(), (float) rnd.nextDouble(), (float) rnd.nextDouble()};
            for (int v = 0; v < viewsPerCar; v++) {
                OrbitCamera cam = new OrbitCamera((float) (360 * rnd.nextDouble() - 180), (float) (5 + 25 * rnd.nextDouble()),
                        (float) (6.5 + 2 * rnd.nextDouble()), 40, (float) (0.1 * rnd.nextGaussian()),
                        (float) (0.1 * rnd.nextGaussian()), 0, 0, 0.7f, 0, 0.1f, 100);
                int[] classes = new int[size * size];
                float[] crop = render(car, cam, paint, classes);
                views[c][v] = new View(crop, cam, params.toVector(), paint, frame(crop), classes, residual);
            }
        }
    }

    /** The crop is the whole picture: centred, as tall as the picture. */
    private Frame frame(float[] crop) {
        byte[] labels = new byte[size * size];
        for (int p = 0; p < labels.length; p++) {
            labels[p] = crop[4 * p + 3] > 0.5f ? Frame.CAR : Frame.BACKGROUND;
        }
        return new Frame(size, size, labels, 1, 0, 0, 1, null);
    }

    /** Renders the crop; fills classes with each pixel's segment class (UNKNOWN off the car). */
    private float[] render(CarMesh car, OrbitCamera cam, float[] paint, int[] classes) {
        CarPart[] parts = car.triangleParts();
        int[] tris = car.renderTriangles();
        float[][] clip = {cam.project(car.renderPositions(), 1f)};
        RasterOutput raster = BACKEND.rasterize(clip, tris, size, size);
        float[] normals = BACKEND.interpolate(raster, tris, new float[][] {car.renderNormals()}, 3)[0];
        int[] ids = raster.triangleIds(0);
        float[] crop = new float[4 * size * size];
        for (int p = 0; p < size * size; p++) {
            classes[p] = ids[p] < 0 ? FitTarget.UNKNOWN : SegmentClass.of(parts[ids[p]]).ordinal();
            if (ids[p] < 0) {
                float t = (p / size) / (float) size;
                crop[4 * p] = 0.6f - 0.3f * t;
                crop[4 * p + 1] = 0.6f - 0.2f * t;
                crop[4 * p + 2] = 0.7f - 0.4f * t;
                continue;
            }
            float light = 0.35f + 0.65f * Math.max(0, 0.3f * normals[3 * p] + 0.8f * normals[3 * p + 1]
                    + 0.5f * normals[3 * p + 2]);
            for (int c = 0; c < 3; c++) {
                crop[4 * p + c] = Math.min(1, paint[c] * light);
            }
            crop[4 * p + 3] = 1;
        }
        return crop;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public int cars() {
        return views.length;
    }

    @Override
    public int views() {
        return views[0].length;
    }

    @Override
    public View read(int car, int view) {
        return views[car][view];
    }
}
