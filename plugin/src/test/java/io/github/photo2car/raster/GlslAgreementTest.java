package io.github.photo2car.raster;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import io.github.photo2car.gl.GlInfo;
import io.github.photo2car.headless.BareApplication;
import io.github.photo2car.headless.HeadlessSession;
import io.github.photo2car.template.BodyType;
import io.github.photo2car.template.CarMesh;
import io.github.photo2car.template.CarParams;
import io.github.photo2car.template.CarTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link GlslRasterBackend} against the reference {@link JavaRasterBackend}, inside a real jME
 * application (Mesa llvmpipe under Xvfb in CI): random meshes, a mesh crossing the near plane,
 * the sedan template in two views, an empty mesh, degenerate triangles, off-screen geometry and
 * one 1024x1024 raster. Every primitive, forward and backward, is compared.
 *
 * <p>Allowed differences: triangle ids may differ only at an exact tie (both depths equal within
 * 1e-6) or where the pixel centre lies on an edge of one of the two triangles (a barycentric
 * within 1e-6 of 0), at most 0.1 % of the pixels; the GLSL geometry runs in double with Java's
 * operation order, so on llvmpipe there are none. Forward values: 1e-4 absolute. Backward:
 * |glsl - java| &lt;= 1e-3 max(|glsl|, |java|, floor), floor = 1e-4 of the largest |java| entry,
 * because the GPU adds float atomics in a different order from Java's double accumulators.
 */
class GlslAgreementTest {

    private static final double VALUE_TOLERANCE = 1e-4;
    private static final double GRADIENT_TOLERANCE = 1e-3;
    private static final double GRADIENT_FLOOR = 1e-4;

    private static HeadlessSession session;
    private static GlslRasterBackend glsl;
    private static final JavaRasterBackend JAVA = new JavaRasterBackend(2);
    /** Largest error per primitive over all scenes, printed at the end for docs/RASTER.md. */
    private static final Map<String, Double> WORST = new TreeMap<>();
    private static int tiesAllowed;

    @BeforeAll
    static void start() {
        session = HeadlessSession.start(new BareApplication(), 64, 64, Duration.ofSeconds(60));
        glsl = GlslRasterBackend.create(session.app());
    }

    @AfterAll
    static void stop() {
        WORST.forEach((what, e) -> System.out.printf(Locale.ROOT, "[glsl] worst %-40s %.3g%n", what, e));
        System.out.println("[glsl] id differences allowed as ties or on edges: " + tiesAllowed);
        if (glsl != null) {
            glsl.close();
        }
        if (session != null) {
            session.close();
        }
    }

    @Test
    void randomGridsInTwoViews() {
        Random rnd = new Random(5);
        float[][] pos = {TestMeshes.gridClip(6, 0.8f, rnd), TestMeshes.gridClip(6, 0.9f, rnd)};
        compareEverything("grid", pos, TestMeshes.gridTriangles(6), 48, 40, rnd);
    }

    @Test
    void overlappingTrianglesCrossingTheNearPlane() {
        Random rnd = new Random(31);
        int t = 60;
        float[] world = TestMeshes.triangleSoup(t, rnd);
        int[] tris = new int[3 * t];
        for (int i = 0; i < tris.length; i++) {
            tris[i] = i;
        }
        float[][] pos = {OrbitCamera.lookingAt(20, 10, 2.5f, 70, 0, 0, 0).project(world, 40 / 30f),
            OrbitCamera.lookingAt(-140, 30, 1.5f, 90, 0, 0, 0).project(world, 40 / 30f)};
        int crossing = 0;
        for (float[] p : pos) {
            for (int k = 0; k < t; k++) {
                int behind = 0;
                for (int c = 0; c < 3; c++) {
                    behind += p[4 * (3 * k + c) + 2] < -p[4 * (3 * k + c) + 3] ? 1 : 0;
                }
                crossing += behind == 1 || behind == 2 ? 1 : 0;
            }
        }
        assertTrue(crossing >= 10, "want many near-plane crossings, got " + crossing);
        compareEverything("near-plane", pos, tris, 40, 30, rnd);
    }

    @Test
    void sedanTemplateInTwoViews() {
        CarMesh car = CarTemplate.build(CarParams.preset(BodyType.SEDAN), null);
        float[] world = car.shapePositions();
        float[][] pos = {OrbitCamera.lookingAt(35, 15, 6.5f, 40, 0, 0.7f, 0).project(world, 4 / 3f),
            OrbitCamera.lookingAt(-120, 25, 5f, 50, 0, 0.7f, 0).project(world, 4 / 3f)};
        compareEverything("sedan", pos, car.triangles(), 160, 120, new Random(9));
    }

    @Test
    void emptyMesh() {
        float[][] pos = {{0, 0, 0, 1, 1, 0, 0, 1, 0, 1, 0, 1}};
        RasterOutput r = compareEverything("empty", pos, new int[0], 20, 17, new Random(1));
        for (int id : r.triangleIds(0)) {
            assertEquals(-1, id);
        }
        RasterOutput noViews = new RasterOutput(4, 4, new int[0][], new float[0][], new float[0][]);
        float[][] attr = {{1, 2, 3}};
        assertEquals(0, glsl.interpolate(noViews, new int[] {0, 1, 2}, attr, 1).length);
        InterpolateGradients none = glsl.interpolateBackward(noViews, new int[] {0, 1, 2}, attr, 1, new float[0][]);
        assertArrayEquals(JAVA.interpolateBackward(noViews, new int[] {0, 1, 2}, attr, 1, new float[0][]).attributes(),
                none.attributes());
    }

    @Test
    void degenerateTriangles() {
        float[][] pos = {{-0.8f, -0.8f, 0, 1, 0.8f, -0.7f, 0.1f, 1, 0, 0.9f, 0.2f, 1,
            0, 0, 0.5f, 1, 0.4f, 0.4f, 0.5f, 1, -0.4f, -0.4f, 0.5f, 1}};
        // a normal triangle, repeated indices, a collinear one (vertices 3, 4, 5 on a line), the
        // first one rotated, and an exact duplicate of the first: an exact depth tie everywhere
        int[] tris = {0, 1, 2, 1, 1, 2, 0, 0, 0, 3, 4, 5, 2, 0, 1, 0, 1, 2};
        RasterOutput r = compareEverything("degenerate", pos, tris, 24, 24, new Random(2));
        RasterOutput g = glsl.rasterize(pos, tris, 24, 24);
        int covered = 0;
        for (int p = 0; p < 24 * 24; p++) {
            assertTrue(g.triangleIds(0)[p] != 5 && r.triangleIds(0)[p] != 5, "the lower id wins an exact tie");
            covered += g.triangleIds(0)[p] == 0 ? 1 : 0;
        }
        assertTrue(covered > 50, "triangle 0 is visible: " + covered);
    }

    @Test
    void offScreenGeometry() {
        Random rnd = new Random(3);
        float[] far = TestMeshes.gridClip(4, 0.5f, rnd);
        float[] partly = TestMeshes.gridClip(4, 1.6f, rnd);
        for (int i = 0; i < far.length; i += 4) {
            far[i] += 5 * far[i + 3]; // all of it right of the image
        }
        compareEverything("off-screen", new float[][] {far, partly}, TestMeshes.gridTriangles(4), 32, 24, rnd);
    }

    @Test
    void sedanAt1024() {
        CarMesh car = CarTemplate.build(CarParams.preset(BodyType.SEDAN), null);
        float[][] pos = {OrbitCamera.lookingAt(35, 15, 6.5f, 40, 0, 0.7f, 0).project(car.shapePositions(), 1f)};
        long t0 = System.nanoTime();
        RasterOutput g = glsl.rasterize(pos, car.triangles(), 1024, 1024);
        long t1 = System.nanoTime();
        RasterOutput j = JAVA.rasterize(pos, car.triangles(), 1024, 1024);
        System.out.printf(Locale.ROOT, "[glsl] sedan 1024^2 rasterize: glsl %.0f ms (first call), java %.0f ms%n",
                (t1 - t0) / 1e6, (System.nanoTime() - t1) / 1e6);
        compareRasters("sedan-1024", j, g, pos, car.triangles());
    }

    @Test
    void runsDirectlyOnTheRenderThread() {
        Random rnd = new Random(4);
        float[][] pos = {TestMeshes.gridClip(3, 0.7f, rnd)};
        int[] tris = TestMeshes.gridTriangles(3);
        RasterOutput there = session.onRenderThread(() -> glsl.rasterize(pos, tris, 16, 16));
        RasterOutput here = glsl.rasterize(pos, tris, 16, 16);
        assertArrayEquals(here.triangleIds(0), there.triangleIds(0));
        assertArrayEquals(here.barycentrics(0), there.barycentrics(0));
    }

    @Test
    void rejectsWhatJavaRejects() {
        float[][] pos = {{0, 0, 0, 1, 1, 0, 0, 1, 0, 1, 0, 1}};
        float[][] nan = {{0, 0, 0, 1, 1, Float.NaN, 0, 1, 0, 1, 0, 1}};
        int[] tri = {0, 1, 2};
        for (RasterBackend b : new RasterBackend[] {JAVA, glsl}) {
            assertThrows(IllegalArgumentException.class, () -> b.rasterize(nan, tri, 8, 8));
            assertThrows(IllegalArgumentException.class, () -> b.rasterize(pos, new int[] {0, 1, 3}, 8, 8));
            assertThrows(IllegalArgumentException.class, () -> b.rasterize(pos, tri, 0, 8));
            assertThrows(IllegalArgumentException.class, () -> b.softSilhouette(pos, tri, 8, 8, 0f));
            RasterOutput r = b.rasterize(pos, tri, 8, 8);
            assertThrows(IllegalArgumentException.class, () -> b.interpolate(r, tri, new float[][] {{1, 2}}, 1));
            assertThrows(IllegalArgumentException.class, () -> b.interpolate(r, new int[0], new float[][] {{1, 2, 3}}, 1));
            assertThrows(IllegalArgumentException.class,
                    () -> b.texture(new float[] {1, 2}, 1, 1, 1, new float[][] {{0.5f, 0.5f}}));
        }
    }

    @Test
    void closedBackendRefusesWork() {
        GlslRasterBackend own = GlslRasterBackend.create(session.app());
        float[][] pos = {{0, 0, 0, 1, 1, 0, 0, 1, 0, 1, 0, 1}};
        assertEquals(8 * 8, own.rasterize(pos, new int[] {0, 1, 2}, 8, 8).triangleIds(0).length);
        own.close();
        own.close();
        assertThrows(IllegalStateException.class, () -> own.rasterize(pos, new int[] {0, 1, 2}, 8, 8));
    }

    @Test
    void selectionReturnsTheRegisteredGlslBackend() {
        String old = System.getProperty(RasterBackends.PROPERTY);
        GlInfo here = session.glInfo();
        GlInfo gpu = new GlInfo("4.6", "NVIDIA H100", "NVIDIA", "4.60", 4, 6, true, 1024, 49152);
        GlInfo noCompute = new GlInfo("3.3", "Intel HD", "Intel", "3.30", 3, 3, false, 0, 0);
        try {
            GlslRasterBackend.register(session.app());
            System.clearProperty(RasterBackends.PROPERTY);
            assertEquals(here.isSoftwareRenderer() ? "java" : "glsl", RasterBackends.select(here).name());
            assertEquals("glsl", RasterBackends.select(gpu).name());
            assertEquals("java", RasterBackends.select(noCompute).name());
            assertEquals("java", RasterBackends.select(null).name());
            // one shared instance per application
            assertTrue(RasterBackends.select(gpu) == RasterBackends.select(gpu));
            System.setProperty(RasterBackends.PROPERTY, "glsl");
            RasterBackend forced = RasterBackends.select(here);
            assertEquals("glsl", forced.name());
            assertEquals("java", RasterBackends.select(null).name(), "no GL context: Java even when forced");
            assertEquals("java", RasterBackends.select(noCompute).name(), "no compute: Java even when forced");
            float[][] pos = {{0, 0, 0, 1, 1, 0, 0, 1, 0, 1, 0, 1}};
            assertTrue(forced.rasterize(pos, new int[] {0, 1, 2}, 8, 8).triangleIds(0)[8 * 2 + 5] == 0,
                    "the selected backend works");
            System.setProperty(RasterBackends.PROPERTY, "java");
            assertEquals("java", RasterBackends.select(gpu).name());
        } finally {
            RasterBackends.registerGpuFactory(null);
            if (old == null) {
                System.clearProperty(RasterBackends.PROPERTY);
            } else {
                System.setProperty(RasterBackends.PROPERTY, old);
            }
        }
        assertEquals("java", RasterBackends.select(gpu).name(), "unregistered: Java");
    }

    // ------------------------------------------------------------------ comparison

    /** Runs every primitive on both backends and compares; returns the Java raster. */
    private static RasterOutput compareEverything(String scene, float[][] pos, int[] tris, int w, int h, Random rnd) {
        int views = pos.length;
        int v = pos[0].length / 4;
        int n = w * h;
        RasterOutput jr = JAVA.rasterize(pos, tris, w, h);
        RasterOutput gr = glsl.rasterize(pos, tris, w, h);
        compareRasters(scene, jr, gr, pos, tris);

        // interpolate: GLSL on its own (resident) raster, then both on the Java raster
        float[][] shared = GradCheck.random(rnd, 1, 3 * v);
        float[][] perView = GradCheck.random(rnd, views, 2 * v);
        float[][] ji = JAVA.interpolate(jr, tris, shared, 3);
        float[][] gi = glsl.interpolate(gr, tris, shared, 3);
        values(scene + " interpolate", ji, gi);
        values(scene + " interpolate per view", JAVA.interpolate(jr, tris, perView, 2),
                glsl.interpolate(jr, tris, perView, 2));
        float[][] gOut = GradCheck.random(rnd, views, 3 * n);
        InterpolateGradients jg = JAVA.interpolateBackward(jr, tris, shared, 3, gOut);
        InterpolateGradients gg = glsl.interpolateBackward(jr, tris, shared, 3, gOut);
        gradients(scene + " interpolate backward attributes", jg.attributes(), gg.attributes());
        gradients(scene + " interpolate backward barycentrics", jg.barycentrics(), gg.barycentrics());
        float[][] gOut2 = GradCheck.random(rnd, views, 2 * n);
        gradients(scene + " interpolate backward per-view attributes",
                JAVA.interpolateBackward(jr, tris, perView, 2, gOut2).attributes(),
                glsl.interpolateBackward(jr, tris, perView, 2, gOut2).attributes());
        gradients(scene + " rasterize backward", JAVA.rasterizeBackward(jr, pos, tris, jg.barycentrics()),
                glsl.rasterizeBackward(jr, pos, tris, jg.barycentrics()));

        // texture: a 7x5 RGB texture, uv partly outside [0, 1], different sample counts per view
        float[] tex = GradCheck.random(rnd, 1, 7 * 5 * 3)[0];
        float[][] uv = new float[views][];
        for (int b = 0; b < views; b++) {
            uv[b] = new float[2 * (50 + 13 * b)];
            for (int i = 0; i < uv[b].length; i++) {
                uv[b][i] = (float) (1.4 * rnd.nextDouble() - 0.2);
            }
        }
        values(scene + " texture", JAVA.texture(tex, 7, 5, 3, uv), glsl.texture(tex, 7, 5, 3, uv));
        float[][] gTex = new float[views][];
        for (int b = 0; b < views; b++) {
            gTex[b] = GradCheck.random(rnd, 1, uv[b].length / 2 * 3)[0];
        }
        TextureGradients jt = JAVA.textureBackward(tex, 7, 5, 3, uv, gTex);
        TextureGradients gt = glsl.textureBackward(tex, 7, 5, 3, uv, gTex);
        gradients(scene + " texture backward texels", new float[][] {jt.texture()}, new float[][] {gt.texture()});
        gradients(scene + " texture backward uv", jt.uv(), gt.uv());

        // antialias of the interpolated colours
        EdgeTopology topology = EdgeTopology.of(tris);
        values(scene + " antialias", JAVA.antialias(ji, 3, jr, pos, tris, topology),
                glsl.antialias(ji, 3, jr, pos, tris, topology));
        float[][] gAa = GradCheck.random(rnd, views, 3 * n);
        AntialiasGradients ja = JAVA.antialiasBackward(ji, 3, jr, pos, tris, topology, gAa);
        AntialiasGradients ga = glsl.antialiasBackward(ji, 3, jr, pos, tris, topology, gAa);
        gradients(scene + " antialias backward colours", ja.colors(), ga.colors());
        gradients(scene + " antialias backward positions", ja.positions(), ga.positions());

        // soft silhouette at two softnesses
        for (float sigma : new float[] {1f, 3f}) {
            values(scene + " soft silhouette " + sigma + " forward", JAVA.softSilhouette(pos, tris, w, h, sigma),
                    glsl.softSilhouette(pos, tris, w, h, sigma));
            float[][] gMask = GradCheck.random(rnd, views, n);
            gradients(scene + " soft silhouette " + sigma + " backward",
                    JAVA.softSilhouetteBackward(pos, tris, w, h, sigma, gMask),
                    glsl.softSilhouetteBackward(pos, tris, w, h, sigma, gMask));
        }
        return jr;
    }

    /**
     * Same ids except exact ties or on-edge centres (counted, at most 0.1 %); same barycentrics
     * and depths where the ids agree.
     */
    private static void compareRasters(String scene, RasterOutput j, RasterOutput g, float[][] pos, int[] tris) {
        assertEquals(j.views(), g.views());
        int w = j.width();
        int h = j.height();
        int differ = 0;
        int covered = 0;
        double bary = 0;
        double depth = 0;
        for (int b = 0; b < j.views(); b++) {
            for (int p = 0; p < w * h; p++) {
                int a = j.triangleIds(b)[p];
                int c = g.triangleIds(b)[p];
                covered += a >= 0 ? 1 : 0;
                if (a != c) {
                    boolean tie = a >= 0 && c >= 0 && Math.abs(j.depth(b)[p] - g.depth(b)[p]) <= 1e-6;
                    boolean edge = onEdge(pos[b], tris, a, p % w, p / w, w, h)
                            || onEdge(pos[b], tris, c, p % w, p / w, w, h);
                    assertTrue(tie || edge, scene + ": view " + b + " pixel (" + p % w + ", " + p / w + ") java "
                            + a + " glsl " + c + " is neither a depth tie nor on an edge");
                    differ++;
                    continue;
                }
                bary = Math.max(bary, Math.abs(j.barycentrics(b)[2 * p] - g.barycentrics(b)[2 * p]));
                bary = Math.max(bary, Math.abs(j.barycentrics(b)[2 * p + 1] - g.barycentrics(b)[2 * p + 1]));
                depth = Math.max(depth, Math.abs(j.depth(b)[p] - g.depth(b)[p]));
            }
        }
        System.out.printf(Locale.ROOT, "[glsl] %-12s rasterize: %d of %d pixels covered, %d ids differ, max bary %.3g,"
                + " max depth %.3g%n", scene, covered, j.views() * w * h, differ, bary, depth);
        assertTrue(differ <= j.views() * w * h / 1000, scene + ": " + differ + " ids differ");
        assertTrue(bary <= VALUE_TOLERANCE && depth <= VALUE_TOLERANCE, scene + ": bary " + bary + " depth " + depth);
        tiesAllowed += differ;
        record("rasterize barycentrics (abs)", bary);
        record("rasterize depth (abs)", depth);
    }

    /** True if pixel (x, y) lies on an edge of triangle t (a homogeneous barycentric within 1e-6 of 0). */
    private static boolean onEdge(float[] pos, int[] tris, int t, int x, int y, int w, int h) {
        if (t < 0) {
            return false;
        }
        double px = Homogeneous.ndcX(x, w);
        double py = Homogeneous.ndcY(y, h);
        double f0 = Homogeneous.edge(pos, tris[3 * t + 1], tris[3 * t + 2], px, py);
        double f1 = Homogeneous.edge(pos, tris[3 * t + 2], tris[3 * t], px, py);
        double f2 = Homogeneous.edge(pos, tris[3 * t], tris[3 * t + 1], px, py);
        double sum = f0 + f1 + f2;
        return Math.min(Math.abs(f0), Math.min(Math.abs(f1), Math.abs(f2))) <= 1e-6 * Math.abs(sum);
    }

    private static void values(String what, float[][] java, float[][] gl) {
        assertEquals(java.length, gl.length, what);
        double worst = 0;
        for (int b = 0; b < java.length; b++) {
            assertEquals(java[b].length, gl[b].length, what);
            for (int i = 0; i < java[b].length; i++) {
                worst = Math.max(worst, Math.abs(java[b][i] - gl[b][i]));
            }
        }
        assertTrue(worst <= VALUE_TOLERANCE, what + ": max difference " + worst);
        record(what + " (abs)", worst);
    }

    /** Keeps the largest error per primitive; the scene is the label's first word. */
    private static void record(String what, double error) {
        String primitive = what.substring(what.indexOf(' ') + 1).replaceAll(" [0-9.]+ ", " ");
        WORST.merge(primitive, error, Math::max);
    }

    private static void gradients(String what, float[][] java, float[][] gl) {
        assertEquals(java.length, gl.length, what);
        double max = 0;
        for (float[] a : java) {
            for (float x : a) {
                max = Math.max(max, Math.abs(x));
            }
        }
        double floor = GRADIENT_FLOOR * max;
        double worst = 0;
        for (int b = 0; b < java.length; b++) {
            assertEquals(java[b].length, gl[b].length, what);
            for (int i = 0; i < java[b].length; i++) {
                double scale = Math.max(Math.max(Math.abs(java[b][i]), Math.abs(gl[b][i])), floor);
                if (scale > 0) {
                    worst = Math.max(worst, Math.abs(java[b][i] - gl[b][i]) / scale);
                }
            }
        }
        assertTrue(worst <= GRADIENT_TOLERANCE, what + ": max relative difference " + worst);
        record(what + " (rel)", worst);
    }
}
