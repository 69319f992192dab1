package io.github.photo2car.raster;

import java.util.Random;

import io.github.photo2car.template.BodyType;
import io.github.photo2car.template.CarMesh;
import io.github.photo2car.template.CarParams;
import io.github.photo2car.template.CarTemplate;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Edge cases of the Java backend: degenerate, near-plane-crossing, behind-camera, off-screen
 * and empty geometry, large images, non-finite input; plus the basic correctness of depth
 * testing and perspective-correct barycentrics.
 */
class RasterRobustnessTest {

    private final JavaRasterBackend backend = new JavaRasterBackend(2);

    private static int covered(RasterOutput r, int view) {
        int n = 0;
        for (int id : r.triangleIds(view)) {
            n += id >= 0 ? 1 : 0;
        }
        return n;
    }

    private static void assertFinite(float[][] values) {
        for (float[] v : values) {
            for (float x : v) {
                assertTrue(Float.isFinite(x), "gradient must be finite");
            }
        }
    }

    /** Runs every backward with unit gradients and checks that nothing is NaN or infinite. */
    private void allBackwardsFinite(float[][] pos, int[] tris, int w, int h) {
        RasterOutput r = backend.rasterize(pos, tris, w, h);
        int v = pos[0].length / 4;
        float[][] attr = new float[1][v * 2];
        java.util.Arrays.fill(attr[0], 1f);
        for (int i = 0; i < attr[0].length; i++) {
            attr[0][i] = i % 7;
        }
        float[][] ones = new float[pos.length][w * h * 2];
        for (float[] o : ones) {
            java.util.Arrays.fill(o, 1f);
        }
        InterpolateGradients ig = backend.interpolateBackward(r, tris, attr, 2, ones);
        assertFinite(ig.attributes());
        assertFinite(backend.rasterizeBackward(r, pos, tris, ig.barycentrics()));
        float[][] mask = new float[pos.length][];
        float[][] gm = new float[pos.length][w * h];
        for (int b = 0; b < pos.length; b++) {
            mask[b] = r.mask(b);
            java.util.Arrays.fill(gm[b], 1f);
        }
        AntialiasGradients ag = backend.antialiasBackward(mask, 1, r, pos, tris, EdgeTopology.of(tris), gm);
        assertFinite(ag.positions());
        assertFinite(ag.colors());
        assertFinite(backend.softSilhouette(pos, tris, w, h, 2f));
        assertFinite(backend.softSilhouetteBackward(pos, tris, w, h, 2f, gm));
    }

    @Test
    void depthTestAndTies() {
        // two full-screen-ish triangles, the second nearer: it wins whatever the order
        float[] pos = {-1, -1, 0.5f, 1, 3, -1, 0.5f, 1, -1, 3, 0.5f, 1, -1, -1, -0.5f, 1, 3, -1, -0.5f, 1, -1, 3, -0.5f, 1};
        RasterOutput r = backend.rasterize(new float[][] {pos}, new int[] {0, 1, 2, 3, 4, 5}, 8, 8);
        assertEquals(1, r.triangleIds(0)[27]);
        assertEquals(-0.5f, r.depth(0)[27], 1e-6f);
        r = backend.rasterize(new float[][] {pos}, new int[] {3, 4, 5, 0, 1, 2}, 8, 8);
        assertEquals(0, r.triangleIds(0)[27]);
        // exact tie: the lower id wins
        r = backend.rasterize(new float[][] {pos}, new int[] {0, 1, 2, 0, 2, 1}, 8, 8);
        assertEquals(0, r.triangleIds(0)[27]);
    }

    @Test
    void barycentricsArePerspectiveCorrect() {
        Random rnd = new Random(21);
        float[] pos = TestMeshes.gridClip(4, 0.7f, rnd);
        int[] tris = TestMeshes.gridTriangles(4);
        RasterOutput r = backend.rasterize(new float[][] {pos}, tris, 32, 24);
        // interpolating clip (x, y, w) and dividing must give back each pixel centre's NDC
        float[] attr = new float[16 * 3];
        for (int i = 0; i < 16; i++) {
            attr[3 * i] = pos[4 * i];
            attr[3 * i + 1] = pos[4 * i + 1];
            attr[3 * i + 2] = pos[4 * i + 3];
        }
        float[] img = backend.interpolate(r, tris, new float[][] {attr}, 3)[0];
        int checked = 0;
        for (int y = 0; y < 24; y++) {
            for (int x = 0; x < 32; x++) {
                int p = y * 32 + x;
                if (r.triangleIds(0)[p] < 0) {
                    continue;
                }
                assertEquals((x + 0.5) * 2 / 32 - 1, img[3 * p] / img[3 * p + 2], 1e-5);
                assertEquals(1 - (y + 0.5) * 2 / 24, img[3 * p + 1] / img[3 * p + 2], 1e-5);
                checked++;
            }
        }
        assertTrue(checked > 300, "most pixels are covered, got " + checked);
    }

    @Test
    void degenerateTrianglesAreIgnored() {
        float[] pos = {0, 0, 0, 1, 0.5f, 0.5f, 0, 1, 1, 1, 0, 1, -0.5f, 0.2f, 0, 1};
        int[] tris = {0, 0, 1, 0, 1, 2, 1, 1, 1, 3, 3, 2};
        RasterOutput r = backend.rasterize(new float[][] {pos}, tris, 16, 16);
        assertEquals(0, covered(r, 0));
        allBackwardsFinite(new float[][] {pos}, tris, 16, 16);
    }

    @Test
    void groundPlaneCrossingTheNearPlaneDoesNotWrapAround() {
        // camera 1 m above a huge ground quad, looking level: the ground fills the lower half only
        OrbitCamera cam = OrbitCamera.lookingAt(0, 0, 1f, 60, 0, 1f, 0);
        float[] world = {-50, 0, -50, 50, 0, -50, 50, 0, 60, -50, 0, 60};
        int[] tris = {0, 1, 2, 0, 2, 3};
        float[][] pos = {cam.project(world, 1f)};
        int w = 32;
        RasterOutput r = backend.rasterize(pos, tris, w, w);
        for (int y = 0; y < w / 2; y++) {
            for (int x = 0; x < w; x++) {
                assertEquals(-1, r.triangleIds(0)[y * w + x], "sky pixel (" + x + "," + y + ") is covered");
            }
        }
        for (int x = 0; x < w; x++) {
            assertTrue(r.triangleIds(0)[(w - 1) * w + x] >= 0, "ground below the camera must be covered");
        }
        float[] soft = backend.softSilhouette(pos, tris, w, w, 2f)[0];
        assertTrue(soft[0] < 1e-3f, "no soft coverage in the sky");
        allBackwardsFinite(pos, tris, w, w);
    }

    @Test
    void geometryBehindTheCameraOrOffScreenIsEmpty() {
        OrbitCamera cam = OrbitCamera.lookingAt(0, 0, 3f, 50, 0, 0, 0);
        // a triangle behind the eye (z > 3) and one far off to the side
        float[] world = {-1, -1, 6, 1, -1, 6, 0, 1, 6, 40, 0, 0, 41, 0, 0, 40, 1, 0};
        int[] tris = {0, 1, 2, 3, 4, 5};
        float[][] pos = {cam.project(world, 1f)};
        RasterOutput r = backend.rasterize(pos, tris, 24, 24);
        assertEquals(0, covered(r, 0));
        float[] soft = backend.softSilhouette(pos, tris, 24, 24, 2f)[0];
        for (float s : soft) {
            assertEquals(0f, s);
        }
        allBackwardsFinite(pos, tris, 24, 24);
    }

    @Test
    void emptyMeshes() {
        float[][] none = {new float[0], new float[0]};
        RasterOutput r = backend.rasterize(none, new int[0], 10, 7);
        assertEquals(2, r.views());
        assertEquals(0, covered(r, 1));
        assertEquals(0f, backend.softSilhouette(none, new int[0], 10, 7, 1f)[1][5]);
        float[][] g = backend.softSilhouetteBackward(none, new int[0], 10, 7, 1f, new float[2][70]);
        assertEquals(0, g[0].length);
        assertEquals(0, backend.rasterizeBackward(r, none, new int[0], new float[2][140])[1].length);
    }

    @Test
    void carAt1024Squared() {
        CarMesh car = CarTemplate.build(CarParams.preset(BodyType.SEDAN), null);
        OrbitCamera cam = OrbitCamera.lookingAt(30, 15, 6.5f, 40, 0, 0.7f, 0);
        float[][] pos = {cam.project(car.shapePositions(), 1f)};
        long t0 = System.nanoTime();
        RasterOutput r = backend.rasterize(pos, car.triangles(), 1024, 1024);
        float[][] img = backend.interpolate(r, car.triangles(), new float[][] {car.shapePositions()}, 3);
        double ms = (System.nanoTime() - t0) / 1e6;
        int c = covered(r, 0);
        assertTrue(c > 0.1 * 1024 * 1024 && c < 0.6 * 1024 * 1024, "coverage " + c);
        assertEquals(3 * 1024 * 1024, img[0].length);
        System.out.printf("[raster] 1024^2 sedan: rasterize + interpolate %.0f ms (a figure, not a check)%n", ms);
        // a hard-mask gradient through antialias reaches the car's vertices
        float[][] mask = {r.mask(0)};
        float[] gp = backend.antialiasBackward(mask, 1, r, pos, car.triangles(), EdgeTopology.of(car.triangles()),
                mask).positions()[0];
        double norm = 0;
        for (float x : gp) {
            assertTrue(Float.isFinite(x));
            norm += x * x;
        }
        assertTrue(norm > 0);
    }

    @Test
    void nonFiniteInputIsRejectedWithAMessage() {
        float[] pos = {0, 0, 0, 1, 1, 0, 0, 1, 0, 1, 0, Float.NaN};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> backend.rasterize(new float[][] {pos}, new int[] {0, 1, 2}, 8, 8));
        assertTrue(e.getMessage().contains("positions[0][11]"), e.getMessage());
        pos[11] = Float.POSITIVE_INFINITY;
        assertThrows(IllegalArgumentException.class,
                () -> backend.softSilhouette(new float[][] {pos}, new int[] {0, 1, 2}, 8, 8, 1f));
        pos[11] = 1;
        assertThrows(IllegalArgumentException.class,
                () -> backend.softSilhouette(new float[][] {pos}, new int[] {0, 1, 2}, 8, 8, Float.NaN));
        assertThrows(IllegalArgumentException.class,
                () -> backend.rasterize(new float[][] {pos}, new int[] {0, 1, 3}, 8, 8));
        assertThrows(IllegalArgumentException.class,
                () -> backend.rasterize(new float[][] {pos}, new int[] {0, 1, 2}, 0, 8));
        assertThrows(IllegalArgumentException.class,
                () -> backend.texture(new float[] {1, 2, 3, 4}, 2, 2, 1, new float[][] {{0.5f, Float.NaN}}));
        RasterOutput r = backend.rasterize(new float[][] {pos}, new int[] {0, 1, 2}, 8, 8);
        float[][] badGrad = new float[1][128];
        badGrad[0][3] = Float.NaN;
        assertThrows(IllegalArgumentException.class, () -> backend.rasterizeBackward(r, new float[][] {pos},
                new int[] {0, 1, 2}, badGrad));
        assertThrows(IllegalArgumentException.class,
                () -> OrbitCamera.lookingAt(Float.NaN, 0, 3, 40, 0, 0, 0));
        assertThrows(IllegalArgumentException.class,
                () -> OrbitCamera.lookingAt(0, 0, 3, 40, 0, 0, 0).project(new float[] {0, Float.NaN, 0}, 1));
        assertThrows(IllegalArgumentException.class,
                () -> new Adam(1, 0.1).step(new float[1], new float[] {Float.NaN}));
        assertThrows(IllegalArgumentException.class,
                () -> ImageLosses.softIou(new float[] {Float.NaN}, new float[] {1}, 1, null));
    }

    @Test
    void backendSelection() {
        String old = System.getProperty(RasterBackends.PROPERTY);
        try {
            System.clearProperty(RasterBackends.PROPERTY);
            assertEquals(RasterBackends.Kind.JAVA, RasterBackends.choose(null));
            io.github.photo2car.gl.GlInfo llvmpipe = new io.github.photo2car.gl.GlInfo("4.5", "llvmpipe (LLVM 15)",
                    "Mesa", "4.50", 4, 5, true, 1024, 32768);
            io.github.photo2car.gl.GlInfo gpu = new io.github.photo2car.gl.GlInfo("4.6", "NVIDIA H100", "NVIDIA",
                    "4.60", 4, 6, true, 1024, 49152);
            assertEquals(RasterBackends.Kind.JAVA, RasterBackends.choose(llvmpipe));
            assertEquals(RasterBackends.Kind.GLSL, RasterBackends.choose(gpu));
            // no GPU backend registered in this JVM: the selection falls back to Java
            assertEquals("java", RasterBackends.select(gpu).name());
            System.setProperty(RasterBackends.PROPERTY, "java");
            assertEquals(RasterBackends.Kind.JAVA, RasterBackends.choose(gpu));
            System.setProperty(RasterBackends.PROPERTY, "glsl");
            assertEquals(RasterBackends.Kind.GLSL, RasterBackends.choose(null));
            assertEquals("java", RasterBackends.select(null).name());
            System.setProperty(RasterBackends.PROPERTY, "cuda");
            assertThrows(IllegalArgumentException.class, () -> RasterBackends.choose(null));
        } finally {
            if (old == null) {
                System.clearProperty(RasterBackends.PROPERTY);
            } else {
                System.setProperty(RasterBackends.PROPERTY, old);
            }
        }
    }
}
