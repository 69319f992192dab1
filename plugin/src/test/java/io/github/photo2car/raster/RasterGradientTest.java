package io.github.photo2car.raster;

import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every backward of {@link JavaRasterBackend} against central finite differences of the scalar
 * L = sum(G * output) with random G, on random small meshes in a batch of two views. Required:
 * relative error &le; 1e-2 on &ge; 95% of all entries (see {@link GradCheck}). The systematic
 * exception is point-sampled coverage: a step that moves an edge across a pixel centre changes
 * the output discontinuously; such entries are counted as failures in the overall rate and
 * reported apart. Antialias and soft silhouette exist to make those effects differentiable.
 */
class RasterGradientTest {

    private static final int W = 24;
    private static final int H = 20;
    private static final int GRID = 4;

    private final JavaRasterBackend backend = new JavaRasterBackend(2);
    private final int[] tris = TestMeshes.gridTriangles(GRID);

    private float[][] meshViews(Random rnd) {
        return new float[][] {TestMeshes.gridClip(GRID, 0.6f, rnd), TestMeshes.gridClip(GRID, 0.5f, rnd)};
    }

    private static void require(GradCheck.Result r) {
        assertTrue(r.rate() >= 0.95, r.toString());
    }

    @Test
    void interpolateToAttributes() {
        Random rnd = new Random(1);
        float[][] pos = meshViews(rnd);
        RasterOutput raster = backend.rasterize(pos, tris, W, H);
        float[][] attr = GradCheck.random(rnd, 1, GRID * GRID * 3);
        float[][] g = GradCheck.random(rnd, 2, W * H * 3);
        float[] analytic = backend.interpolateBackward(raster, tris, attr, 3, g).attributes()[0];
        require(GradCheck.check("interpolate -> attributes", attr[0], analytic,
                () -> GradCheck.dot(backend.interpolate(raster, tris, attr, 3), g), 1e-2f, 200, rnd));
    }

    @Test
    void interpolateToPositionsThroughBarycentrics() {
        Random rnd = new Random(2);
        float[][] pos = meshViews(rnd);
        float[][] attr = GradCheck.random(rnd, 2, GRID * GRID * 2);
        float[][] g = GradCheck.random(rnd, 2, W * H * 2);
        RasterOutput raster = backend.rasterize(pos, tris, W, H);
        float[][] gBary = backend.interpolateBackward(raster, tris, attr, 2, g).barycentrics();
        float[] analytic = GradCheck.flat(backend.rasterizeBackward(raster, pos, tris, gBary));
        float[] flat = GradCheck.flat(pos);
        require(GradCheck.check("rasterize(bary) -> positions", flat, analytic, probe(flat, attr, g), 1e-3f, 200, rnd));
    }

    private GradCheck.Probe probe(float[] flat, float[][] attr, float[][] g) {
        return new GradCheck.Probe() {
            @Override
            public double loss() {
                RasterOutput r = backend.rasterize(GradCheck.split(flat, 2), tris, W, H);
                return GradCheck.dot(backend.interpolate(r, tris, attr, 2), g);
            }

            @Override
            public long signature() {
                return GradCheck.signature(backend.rasterize(GradCheck.split(flat, 2), tris, W, H));
            }
        };
    }

    @Test
    void textureToTexelsAndUv() {
        Random rnd = new Random(3);
        int tw = 8;
        int th = 6;
        float[] tex = GradCheck.random(rnd, 1, tw * th * 3)[0];
        float[][] uv = new float[2][300 * 2];
        for (float[] v : uv) {
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) (-0.1 + 1.2 * rnd.nextDouble());
            }
        }
        float[][] g = GradCheck.random(rnd, 2, 300 * 3);
        TextureGradients grads = backend.textureBackward(tex, tw, th, 3, uv, g);
        require(GradCheck.check("texture -> texels", tex, grads.texture(),
                () -> GradCheck.dot(backend.texture(tex, tw, th, 3, uv), g), 1e-2f, 144, rnd));
        float[] flatUv = GradCheck.flat(uv);
        require(GradCheck.check("texture -> uv", flatUv, GradCheck.flat(grads.uv()),
                () -> GradCheck.dot(backend.texture(tex, tw, th, 3, GradCheck.split(flatUv, 2)), g), 1e-4f, 300, rnd));
    }

    @Test
    void antialiasToColorsAndPositions() {
        Random rnd = new Random(4);
        float[][] pos = meshViews(rnd);
        EdgeTopology topo = EdgeTopology.of(tris);
        RasterOutput raster = backend.rasterize(pos, tris, W, H);
        float[][] colors = GradCheck.random(rnd, 2, W * H * 3);
        float[][] g = GradCheck.random(rnd, 2, W * H * 3);
        AntialiasGradients grads = backend.antialiasBackward(colors, 3, raster, pos, tris, topo, g);
        require(GradCheck.check("antialias -> colours", colors[0], grads.colors()[0],
                () -> GradCheck.dot(backend.antialias(colors, 3, raster, pos, tris, topo), g), 1e-2f, 200, rnd));

        // a hard mask: its only position dependence is the antialiased silhouette
        float[][] mask = {raster.mask(0), raster.mask(1)};
        float[][] gm = GradCheck.random(rnd, 2, W * H);
        float[] analytic = GradCheck.flat(backend.antialiasBackward(mask, 1, raster, pos, tris, topo, gm).positions());
        float[] flat = GradCheck.flat(pos);
        GradCheck.Result r = GradCheck.check("antialias(mask) -> positions", flat, analytic, new GradCheck.Probe() {
            @Override
            public double loss() {
                float[][] p = GradCheck.split(flat, 2);
                RasterOutput rr = backend.rasterize(p, tris, W, H);
                return GradCheck.dot(backend.antialias(new float[][] {rr.mask(0), rr.mask(1)}, 1, rr, p, tris, topo), gm);
            }

            @Override
            public long signature() {
                return GradCheck.signature(backend.rasterize(GradCheck.split(flat, 2), tris, W, H));
            }
        }, 1e-3f, 200, rnd);
        require(r);
        boolean nonZero = false;
        for (float a : analytic) {
            nonZero |= a != 0;
        }
        assertTrue(nonZero, "a hard mask must get position gradients through antialias");
    }

    @Test
    void softSilhouetteToPositions() {
        Random rnd = new Random(5);
        float[][] pos = meshViews(rnd);
        float[][] g = GradCheck.random(rnd, 2, W * H);
        float sigma = 2f;
        float[] analytic = GradCheck.flat(backend.softSilhouetteBackward(pos, tris, W, H, sigma, g));
        float[] flat = GradCheck.flat(pos);
        require(GradCheck.check("softSilhouette -> positions", flat, analytic,
                () -> GradCheck.dot(backend.softSilhouette(GradCheck.split(flat, 2), tris, W, H, sigma), g),
                1e-3f, 200, rnd));
    }

    @Test
    void nearPlaneCrossingTrianglesGetGradients() {
        Random rnd = new Random(6);
        // a ground-like quad strip running from in front of the camera to behind it
        OrbitCamera cam = OrbitCamera.lookingAt(0, 5, 2f, 60, 0, 0.3f, 0);
        float[] world = {
            -1.0f, 0, -2f, 1.0f, 0, -2f, -1.2f, 0.1f, 3.5f, 1.3f, 0.05f, 3.5f, -0.4f, 0.6f, 0.5f, 0.5f, 0.7f, 0.4f};
        int[] t = {0, 1, 2, 1, 3, 2, 0, 1, 4, 1, 5, 4};
        float[] clip = cam.project(world, W / (float) H);
        boolean behind = false;
        for (int i = 0; i < clip.length / 4; i++) {
            behind |= clip[4 * i + 2] < -clip[4 * i + 3];
        }
        assertTrue(behind, "the test mesh must cross the near plane");
        float[][] pos = {clip};
        float[][] g = GradCheck.random(rnd, 1, W * H);
        float sigma = 3f;
        float[] analytic = backend.softSilhouetteBackward(pos, t, W, H, sigma, g)[0];
        require(GradCheck.check("softSilhouette (near-clipped)", clip, analytic,
                () -> GradCheck.dot(backend.softSilhouette(pos, t, W, H, sigma), g), 1e-3f, 24, rnd));

        float[][] attr = GradCheck.random(rnd, 1, 6 * 2);
        float[][] gi = GradCheck.random(rnd, 1, W * H * 2);
        RasterOutput raster = backend.rasterize(pos, t, W, H);
        float[][] gBary = backend.interpolateBackward(raster, t, attr, 2, gi).barycentrics();
        float[] a2 = backend.rasterizeBackward(raster, pos, t, gBary)[0];
        require(GradCheck.check("rasterize(bary) (near-clipped)", clip, a2, new GradCheck.Probe() {
            @Override
            public double loss() {
                return GradCheck.dot(backend.interpolate(backend.rasterize(pos, t, W, H), t, attr, 2), gi);
            }

            @Override
            public long signature() {
                return GradCheck.signature(backend.rasterize(pos, t, W, H));
            }
        }, 1e-3f, 24, rnd));
    }
}
