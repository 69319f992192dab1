package io.github.photo2car.bake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import io.github.photo2car.raster.JavaRasterBackend;
import io.github.photo2car.raster.OrbitCamera;
import io.github.photo2car.raster.RasterOutput;
import io.github.photo2car.template.BodyType;
import io.github.photo2car.template.CarMesh;
import io.github.photo2car.template.CarParams;
import io.github.photo2car.template.CarTemplate;

/**
 * Round trip: a synthetic photo of a car whose colour is a known function of the surface point
 * (symmetric in x, so mirrored texels have a right answer too) is baked back onto the atlas; the
 * baked texels must match that function where they were seen or mirrored.
 */
class PhotoBakerTest {

    private static final JavaRasterBackend BACKEND = new JavaRasterBackend(2);

    /** A smooth colour field over the car, the same at (x, y, z) and (-x, y, z). */
    private static void truth(double x, double y, double z, float[] out) {
        out[0] = (float) (0.5 + 0.4 * Math.sin(1.3 * z));
        out[1] = (float) (0.5 + 0.4 * Math.cos(2.1 * y + 0.4));
        out[2] = (float) (0.5 + 0.4 * Math.sin(2.5 * Math.abs(x) + 0.8 * z));
    }

    /** Renders the colour field through the camera: the "photo", with its exact mask. */
    private static PhotoImage photo(CarMesh car, OrbitCamera camera, int width, int height) {
        float aspect = width / (float) height;
        float[][] clip = {camera.project(car.renderPositions(), aspect)};
        int[] tris = car.renderTriangles();
        RasterOutput raster = BACKEND.rasterize(clip, tris, width, height);
        float[] points = BACKEND.interpolate(raster, tris, new float[][] {car.renderPositions()}, 3)[0];
        float[] rgb = new float[3 * width * height];
        float[] mask = raster.mask(0);
        float[] c = new float[3];
        for (int p = 0; p < width * height; p++) {
            if (mask[p] > 0) {
                truth(points[3 * p], points[3 * p + 1], points[3 * p + 2], c);
                System.arraycopy(c, 0, rgb, 3 * p, 3);
            } else {
                rgb[3 * p] = 0.3f;
                rgb[3 * p + 1] = 0.6f;
                rgb[3 * p + 2] = 0.3f;
            }
        }
        return new PhotoImage(width, height, rgb, mask);
    }

    @Test
    void seenAndMirroredTexelsCarryThePhotosColours() {
        CarMesh car = CarTemplate.build(CarParams.preset(BodyType.SEDAN), null);
        OrbitCamera camera = OrbitCamera.lookingAt(50, 15, 7f, 40, 0, 0.7f, 0);
        PhotoImage photo = photo(car, camera, 480, 320);
        int size = 256;
        BakedTexture baked = new PhotoBaker(BACKEND).bake(photo, car, camera, size);

        // the atlas texel -> surface point map, to know what each texel should hold
        float[][] atlas = atlasGeometry(car, size);
        float[] points = atlas[0];
        float[] normals = atlas[1];
        float[] eye = camera.eye();
        float[] rgb = baked.rgb();
        TexelSource[] sources = baked.sources();
        double[] error = new double[TexelSource.values().length];
        int[] count = new int[TexelSource.values().length];
        float[] c = new float[3];
        double[] errors = new double[sources.length];
        int n = 0;
        for (int t = 0; t < sources.length; t++) {
            if (sources[t] != TexelSource.SEEN && sources[t] != TexelSource.MIRRORED) {
                continue;
            }
            // grazing texels blend toward the fill colour by design; judge the well-seen ones
            int sign = sources[t] == TexelSource.SEEN ? 1 : -1;
            double dx = eye[0] - sign * points[3 * t];
            double dy = eye[1] - points[3 * t + 1];
            double dz = eye[2] - points[3 * t + 2];
            double nx = sign * normals[3 * t];
            double facing = (dx * nx + dy * normals[3 * t + 1] + dz * normals[3 * t + 2])
                    / Math.sqrt((dx * dx + dy * dy + dz * dz)
                    * (nx * nx + normals[3 * t + 1] * normals[3 * t + 1] + normals[3 * t + 2] * normals[3 * t + 2]));
            if (facing < PhotoBaker.FULL_FACING + 0.05) {
                continue;
            }
            truth(points[3 * t], points[3 * t + 1], points[3 * t + 2], c);
            double e = (Math.abs(c[0] - rgb[3 * t]) + Math.abs(c[1] - rgb[3 * t + 1]) + Math.abs(c[2] - rgb[3 * t + 2])) / 3;
            error[sources[t].ordinal()] += e;
            count[sources[t].ordinal()]++;
            errors[n++] = e;
        }
        double[] sorted = Arrays.copyOf(errors, n);
        Arrays.sort(sorted);
        double median = sorted[n / 2];
        System.out.printf("baked: seen %.1f%%, mirrored %.1f%%, filled %.1f%%; median error %.4f, seen mean %.4f,"
                        + " mirrored mean %.4f%n", 100 * baked.fraction(TexelSource.SEEN),
                100 * baked.fraction(TexelSource.MIRRORED), 100 * baked.fraction(TexelSource.FILLED), median,
                error[TexelSource.SEEN.ordinal()] / count[TexelSource.SEEN.ordinal()],
                error[TexelSource.MIRRORED.ordinal()] / count[TexelSource.MIRRORED.ordinal()]);
        assertTrue(baked.fraction(TexelSource.SEEN) > 0.25, "too little seen");
        assertTrue(baked.fraction(TexelSource.MIRRORED) > 0.15, "too little mirrored");
        assertTrue(baked.fraction(TexelSource.FILLED) > 0.05, "a 3/4 view cannot see everything");
        assertTrue(median < 0.02, "median colour error " + median);
        System.out.printf("errors of well-seen texels: 90th percentile %.4f, 98th %.4f%n", sorted[(int) (0.9 * n)],
                sorted[(int) (0.98 * n)]);
        assertTrue(sorted[(int) (0.9 * n)] < 0.05, "90th percentile error " + sorted[(int) (0.9 * n)]);
    }

    /** A photo of the car in one flat colour, with its exact mask. */
    private static PhotoImage flat(CarMesh car, OrbitCamera camera, int width, int height, float[] colour) {
        PhotoImage shaded = photo(car, camera, width, height);
        float[] mask = shaded.maskOrNull();
        float[] rgb = shaded.rgb();
        for (int p = 0; p < mask.length; p++) {
            if (mask[p] > 0) {
                System.arraycopy(colour, 0, rgb, 3 * p, 3);
            }
        }
        return new PhotoImage(width, height, rgb, mask);
    }

    /**
     * Every atlas texel's surface point and normal, and 1 where the car covers the texel:
     * {points [3*size*size], normals [3*size*size], covered [size*size]}.
     */
    private static float[][] atlasGeometry(CarMesh car, int size) {
        float[] uv = car.renderUvs();
        float[] clip = new float[uv.length * 2];
        for (int i = 0; i < uv.length / 2; i++) {
            clip[4 * i] = 2 * uv[2 * i] - 1;
            clip[4 * i + 1] = 2 * uv[2 * i + 1] - 1;
            clip[4 * i + 3] = 1;
        }
        int[] tris = car.renderTriangles();
        RasterOutput atlas = BACKEND.rasterize(new float[][] {clip}, tris, size, size);
        return new float[][] {BACKEND.interpolate(atlas, tris, new float[][] {car.renderPositions()}, 3)[0],
                BACKEND.interpolate(atlas, tris, new float[][] {car.renderNormals()}, 3)[0], atlas.mask(0)};
    }

    /** Facing cosine of every atlas texel towards a camera (NaN off the car). */
    private static double[] facing(CarMesh car, int size, OrbitCamera camera) {
        float[][] atlas = atlasGeometry(car, size);
        float[] p = atlas[0];
        float[] n = atlas[1];
        float[] covered = atlas[2];
        float[] eye = camera.eye();
        double[] out = new double[size * size];
        for (int t = 0; t < out.length; t++) {
            double dx = eye[0] - p[3 * t];
            double dy = eye[1] - p[3 * t + 1];
            double dz = eye[2] - p[3 * t + 2];
            double nn = Math.sqrt(n[3 * t] * n[3 * t] + n[3 * t + 1] * n[3 * t + 1] + n[3 * t + 2] * n[3 * t + 2]);
            out[t] = covered[t] <= 0 ? Double.NaN
                    : (dx * n[3 * t] + dy * n[3 * t + 1] + dz * n[3 * t + 2]) / (Math.sqrt(dx * dx + dy * dy + dz * dz) * nn);
        }
        return out;
    }

    @Test
    void eachTexelComesFromThePhotoThatSeesItMostSquarely() {
        CarMesh car = CarTemplate.build(CarParams.preset(BodyType.SEDAN), null);
        OrbitCamera front = OrbitCamera.lookingAt(20, 15, 7f, 40, 0, 0.7f, 0);
        OrbitCamera side = OrbitCamera.lookingAt(110, 15, 7f, 40, 0, 0.7f, 0);
        float[] red = {0.9f, 0.1f, 0.1f};
        float[] blue = {0.1f, 0.1f, 0.9f};
        PhotoImage a = flat(car, front, 480, 320, red);
        PhotoImage b = flat(car, side, 480, 320, blue);
        int size = 128;
        PhotoBaker baker = new PhotoBaker(BACKEND);
        BakedTexture both = baker.bake(java.util.List.of(a, b), car, java.util.List.of(front, side), size);
        BakedTexture onlyA = baker.bake(a, car, front, size);
        BakedTexture onlyB = baker.bake(b, car, side, size);
        double[] fa = facing(car, size, front);
        double[] fb = facing(car, size, side);
        int judged = 0;
        int wrong = 0;
        for (int t = 0; t < size * size; t++) {
            if (both.sources()[t] != TexelSource.SEEN) {
                continue;
            }
            boolean fromA = onlyA.sources()[t] == TexelSource.SEEN && fa[t] > PhotoBaker.FULL_FACING
                    && (onlyB.sources()[t] != TexelSource.SEEN || fa[t] > fb[t] + 0.05);
            boolean fromB = onlyB.sources()[t] == TexelSource.SEEN && fb[t] > PhotoBaker.FULL_FACING
                    && (onlyA.sources()[t] != TexelSource.SEEN || fb[t] > fa[t] + 0.05);
            if (fromA || fromB) {
                judged++;
                float r = both.rgb()[3 * t];
                float bl = both.rgb()[3 * t + 2];
                wrong += (fromA ? r > 0.8f && bl < 0.2f : bl > 0.8f && r < 0.2f) ? 0 : 1;
            }
        }
        System.out.printf("two photos: seen %.1f%% (front alone %.1f%%, side alone %.1f%%), mirrored %.1f%%;"
                        + " %d of %d clearly placed texels from the wrong photo%n", 100 * both.fraction(TexelSource.SEEN),
                100 * onlyA.fraction(TexelSource.SEEN), 100 * onlyB.fraction(TexelSource.SEEN),
                100 * both.fraction(TexelSource.MIRRORED), wrong, judged);
        assertTrue(both.fraction(TexelSource.SEEN) > Math.max(onlyA.fraction(TexelSource.SEEN),
                onlyB.fraction(TexelSource.SEEN)) + 0.05, "the second photo must see more of the car");
        assertTrue(judged > 1000, "judged only " + judged);
        assertTrue(wrong < 0.01 * judged, wrong + " of " + judged + " texels from the wrong photo");
        assertThrows(IllegalArgumentException.class,
                () -> baker.bake(java.util.List.of(a, b), car, java.util.List.of(front), size));
    }

    @Test
    void anEmptyMaskSeesNothingAndFillsWithGrey() {
        CarMesh car = CarTemplate.build(CarParams.preset(BodyType.HATCHBACK), null);
        OrbitCamera camera = OrbitCamera.lookingAt(-30, 10, 7f, 40, 0, 0.7f, 0);
        int w = 160;
        int h = 120;
        float[] rgb = new float[3 * w * h];
        Arrays.fill(rgb, 0.8f);
        PhotoImage photo = new PhotoImage(w, h, rgb, new float[w * h]);
        BakedTexture baked = new PhotoBaker(BACKEND).bake(photo, car, camera, 64);
        assertEquals(0, baked.fraction(TexelSource.SEEN));
        assertEquals(0, baked.fraction(TexelSource.MIRRORED));
        assertEquals(1, baked.fraction(TexelSource.FILLED), 1e-9);
        assertEquals(0.5f, baked.paintColor()[0]);
        assertEquals(64, baked.toImage().getWidth());
    }

    @Test
    void badArgumentsAreRejected() {
        CarMesh car = CarTemplate.build(CarParams.preset(BodyType.SEDAN), null);
        OrbitCamera camera = OrbitCamera.lookingAt(0, 10, 7f, 40, 0, 0.7f, 0);
        PhotoImage photo = new PhotoImage(2, 2, new float[12], null);
        PhotoBaker baker = new PhotoBaker(BACKEND);
        assertThrows(IllegalArgumentException.class, () -> baker.bake(null, car, camera, 64));
        assertThrows(IllegalArgumentException.class, () -> baker.bake(photo, car, camera, 8));
        assertThrows(IllegalArgumentException.class, () -> new PhotoImage(2, 2, new float[11], null));
        float[] nan = new float[12];
        nan[3] = Float.NaN;
        assertThrows(IllegalArgumentException.class, () -> new PhotoImage(2, 2, nan, null));
        assertThrows(IllegalArgumentException.class, () -> new PhotoBaker(null));
    }
}
