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
        float[] uv = car.renderUvs();
        float[] clip = new float[uv.length * 2];
        for (int i = 0; i < uv.length / 2; i++) {
            clip[4 * i] = 2 * uv[2 * i] - 1;
            clip[4 * i + 1] = 2 * uv[2 * i + 1] - 1;
            clip[4 * i + 3] = 1;
        }
        int[] tris = car.renderTriangles();
        RasterOutput atlas = BACKEND.rasterize(new float[][] {clip}, tris, size, size);
        float[] points = BACKEND.interpolate(atlas, tris, new float[][] {car.renderPositions()}, 3)[0];
        float[] normals = BACKEND.interpolate(atlas, tris, new float[][] {car.renderNormals()}, 3)[0];
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
