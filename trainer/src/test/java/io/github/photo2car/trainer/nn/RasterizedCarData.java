package io.github.photo2car.trainer.nn;

import java.util.SplittableRandom;

import io.github.photo2car.neural.SegmentClass;
import io.github.photo2car.raster.JavaRasterBackend;
import io.github.photo2car.raster.OrbitCamera;
import io.github.photo2car.raster.RasterOutput;
import io.github.photo2car.template.CarMesh;
import io.github.photo2car.template.CarParams;
import io.github.photo2car.template.CarPart;
import io.github.photo2car.template.CarTemplate;

/**
 * A small, fast test fixture for the segmenter: random template cars (body only) rasterized by
 * the Java backend with simple Lambert shading per part over noisy gradient backgrounds. Far
 * from photo-real; it only proves that the training machinery learns. Deterministic by seed.
 */
final class RasterizedCarData implements SegmentationData {

    private static final JavaRasterBackend BACKEND = new JavaRasterBackend(1);

    private final int size;
    private final float[][] rgb;
    private final byte[][] labels;

    RasterizedCarData(int size, int count, long seed) {
        this.size = size;
        this.rgb = new float[count][];
        this.labels = new byte[count][];
        for (int i = 0; i < count; i++) {
            render(i, new SplittableRandom(seed * 7919 + i));
        }
    }

    private void render(int i, SplittableRandom rnd) {
        CarMesh car = CarTemplate.build(CarParams.random(rnd.nextLong()), null);
        OrbitCamera cam = OrbitCamera.lookingAt((float) (360 * rnd.nextDouble()), (float) (5 + 25 * rnd.nextDouble()),
                (float) (6 + 4 * rnd.nextDouble()), 40, 0, 0.7f, 0);
        int[] tris = car.renderTriangles();
        float[][] clip = {cam.project(car.renderPositions(), 1f)};
        RasterOutput raster = BACKEND.rasterize(clip, tris, size, size);
        float[] normals = BACKEND.interpolate(raster, tris, new float[][] {car.renderNormals()}, 3)[0];
        int[] ids = raster.triangleIds(0);
        CarPart[] parts = car.triangleParts();
        float[] paint = {(float) rnd.nextDouble(), (float) rnd.nextDouble(), (float) rnd.nextDouble()};
        float[] top = {(float) rnd.nextDouble(), (float) rnd.nextDouble(), (float) rnd.nextDouble()};
        float[] bottom = {(float) rnd.nextDouble(), (float) rnd.nextDouble(), (float) rnd.nextDouble()};
        float[] img = new float[3 * size * size];
        byte[] lab = new byte[size * size];
        for (int p = 0; p < size * size; p++) {
            float t = (p / size) / (float) size;
            if (ids[p] < 0) {
                for (int c = 0; c < 3; c++) {
                    img[3 * p + c] = clamp((1 - t) * top[c] + t * bottom[c] + 0.08f * (float) rnd.nextGaussian());
                }
                continue;
            }
            SegmentClass cls = SegmentClass.of(parts[ids[p]]);
            lab[p] = (byte) cls.ordinal();
            float light = 0.35f + 0.65f * Math.max(0, 0.3f * normals[3 * p] + 0.8f * normals[3 * p + 1]
                    + 0.5f * normals[3 * p + 2]);
            float[] base = switch (cls) {
                case WINDOW -> new float[] {0.1f, 0.12f, 0.15f};
                case HEADLIGHT -> new float[] {0.9f, 0.9f, 0.85f};
                case TAILLIGHT -> new float[] {0.7f, 0.05f, 0.05f};
                case TRIM -> new float[] {0.08f, 0.08f, 0.08f};
                default -> paint;
            };
            for (int c = 0; c < 3; c++) {
                img[3 * p + c] = clamp(base[c] * light + 0.02f * (float) rnd.nextGaussian());
            }
        }
        rgb[i] = img;
        labels[i] = lab;
    }

    private static float clamp(float v) {
        return Math.max(0, Math.min(1, v));
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public int count() {
        return rgb.length;
    }

    @Override
    public void read(int index, float[] outRgb, byte[] outLabels) {
        System.arraycopy(rgb[index], 0, outRgb, 0, outRgb.length);
        System.arraycopy(labels[index], 0, outLabels, 0, outLabels.length);
    }
}
