package io.github.photo2car.raster;

import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Gradient checks of the camera projection, the image losses and the mesh regularisers against
 * central finite differences (same criterion as {@link RasterGradientTest}), plus the camera's
 * conventions: azimuth 0 looks at the car's front from +Z, 90 degrees from the car's left (+X).
 */
class CameraLossGradientTest {

    private static void require(GradCheck.Result r) {
        assertTrue(r.rate() >= 0.95, r.toString());
    }

    private static double dot(float[] a, float[] g) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * g[i];
        }
        return s;
    }

    @Test
    void cameraConventions() {
        OrbitCamera front = OrbitCamera.lookingAt(0, 0, 5, 40, 0, 0, 0);
        assertArrayEquals(new float[] {0, 0, 5}, front.eye(), 1e-5f);
        OrbitCamera left = OrbitCamera.lookingAt(90, 0, 5, 40, 0, 0, 0);
        assertArrayEquals(new float[] {5, 0, 0}, left.eye(), 1e-5f);
        OrbitCamera above = OrbitCamera.lookingAt(0, 30, 5, 40, 0, 0, 0);
        assertTrue(above.eye()[1] > 0, "positive elevation is above");
        // seen from the front, the car's left (+X) appears on the image right (+NDC x)
        float[] clip = front.project(new float[] {1, 0, 0, 0, 1, 0}, 1);
        assertTrue(clip[0] / clip[3] > 0.1f);
        assertTrue(clip[5] / clip[7] > 0.1f, "+Y is up in the image");
        // the target projects to the principal point, at NDC depth in (-1, 1)
        OrbitCamera shifted = new OrbitCamera(20, 10, 4, 50, 0.1f, -0.2f, 15, 0, 0.5f, 0, 0.1f, 50);
        float[] c = shifted.project(new float[] {0, 0.5f, 0}, 1.5f);
        assertEquals(0.1f, c[0] / c[3], 1e-5f);
        assertEquals(-0.2f, c[1] / c[3], 1e-5f);
        assertTrue(Math.abs(c[2] / c[3]) < 1);
    }

    @Test
    void projectionGradients() {
        Random rnd = new Random(11);
        float[] world = new float[3 * 12];
        for (int i = 0; i < world.length; i++) {
            world[i] = (float) (rnd.nextDouble() * 2 - 1);
        }
        float aspect = 1.3f;
        float[] g = GradCheck.random(rnd, 1, 4 * 12)[0];
        OrbitCamera cam = new OrbitCamera(35, 12, 5, 45, 0.05f, -0.03f, 7, 0.1f, 0.4f, -0.2f, 0.1f, 50);
        CameraGradients grads = cam.projectBackward(world, aspect, g);
        float[] params = cam.parameters();
        require(GradCheck.check("camera -> parameters", params, grads.camera(),
                () -> dot(cam.withParameters(params).project(world, aspect), g), 1e-2f, 7, rnd));
        require(GradCheck.check("camera -> world", world, grads.world(),
                () -> dot(cam.project(world, aspect), g), 1e-3f, 36, rnd));
    }

    @Test
    void imageLossGradients() {
        Random rnd = new Random(12);
        int n = 200;
        float[] pred = new float[n];
        float[] target = new float[n];
        for (int i = 0; i < n; i++) {
            pred[i] = (float) rnd.nextDouble();
            target[i] = rnd.nextDouble() < 0.5 ? 1 : 0;
        }
        float[] g = new float[n];
        ImageLosses.softIou(pred, target, 1.5f, g);
        require(GradCheck.check("softIou", pred, g, () -> ImageLosses.softIou(pred, target, 1.5f, null), 1e-3f, n, rnd));
        g = new float[n];
        ImageLosses.l2(pred, target, 2f, g);
        require(GradCheck.check("l2", pred, g, () -> ImageLosses.l2(pred, target, 2f, null), 1e-3f, n, rnd));
        g = new float[n];
        ImageLosses.l1(pred, target, 1f, g);
        require(GradCheck.check("l1", pred, g, () -> ImageLosses.l1(pred, target, 1f, null), 1e-4f, n, rnd));

        int c = 4;
        float[] probs = new float[n * c];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (int k = 0; k < c; k++) {
                probs[i * c + k] = (float) (0.05 + rnd.nextDouble());
                sum += probs[i * c + k];
            }
            for (int k = 0; k < c; k++) {
                probs[i * c + k] /= (float) sum;
            }
            labels[i] = rnd.nextInt(c + 1) - 1;
        }
        float[] gp = new float[n * c];
        ImageLosses.partCrossEntropy(probs, c, labels, 1e-4f, 1f, gp);
        require(GradCheck.check("partCrossEntropy", probs, gp,
                () -> ImageLosses.partCrossEntropy(probs, c, labels, 1e-4f, 1f, null), 1e-4f, 300, rnd));
        assertEquals(0, ImageLosses.softIou(target, target, 1f, null), 1e-9);
    }

    @Test
    void regulariserGradients() {
        Random rnd = new Random(13);
        int grid = 5;
        int[] tris = TestMeshes.gridTriangles(grid);
        int v = grid * grid;
        float[] pos = new float[3 * v];
        float[] rest = new float[3 * v];
        int[] mirror = new int[v];
        for (int y = 0; y < grid; y++) {
            for (int x = 0; x < grid; x++) {
                int i = y * grid + x;
                mirror[i] = y * grid + (grid - 1 - x);
                rest[3 * i] = x - 2;
                rest[3 * i + 1] = y;
                rest[3 * i + 2] = 0;
            }
        }
        for (int i = 0; i < pos.length; i++) {
            pos[i] = rest[i] + (float) (0.2 * rnd.nextGaussian());
        }
        MeshRegularizers reg = new MeshRegularizers(v, tris);
        assertEquals(3 * 16 + 8, reg.edgeCount());
        float[] g = new float[3 * v];
        reg.laplacian(pos, 1f, g);
        require(GradCheck.check("laplacian", pos, g, () -> reg.laplacian(pos, 1f, null), 1e-3f, 75, rnd));
        g = new float[3 * v];
        reg.symmetry(pos, mirror, 1f, g);
        require(GradCheck.check("symmetry", pos, g, () -> reg.symmetry(pos, mirror, 1f, null), 1e-3f, 75, rnd));
        g = new float[3 * v];
        reg.edgeLength(pos, rest, 1f, g);
        require(GradCheck.check("edgeLength", pos, g, () -> reg.edgeLength(pos, rest, 1f, null), 1e-3f, 75, rnd));
        assertEquals(0, reg.symmetry(rest, mirror, 1f, null), 1e-9);
        assertEquals(0, reg.edgeLength(rest, rest, 1f, null), 1e-9);
    }

    @Test
    void cameraThroughSoftSilhouetteAndIou() {
        // the chain the fitting uses: camera parameters -> clip -> soft silhouette -> soft IoU
        Random rnd = new Random(14);
        JavaRasterBackend backend = new JavaRasterBackend(2);
        int grid = 4;
        int[] tris = TestMeshes.gridTriangles(grid);
        float[] world = new float[3 * grid * grid];
        for (int y = 0; y < grid; y++) {
            for (int x = 0; x < grid; x++) {
                int i = y * grid + x;
                world[3 * i] = x * 0.6f - 0.9f;
                world[3 * i + 1] = y * 0.5f + 0.1f * (float) rnd.nextDouble();
                world[3 * i + 2] = 0.3f * (float) rnd.nextGaussian();
            }
        }
        int w = 32;
        int h = 24;
        float aspect = w / (float) h;
        OrbitCamera truth = new OrbitCamera(10, 5, 4, 40, 0, 0, 0, 0, 0.7f, 0, 0.1f, 50);
        float[] target = backend.softSilhouette(new float[][] {truth.project(world, aspect)}, tris, w, h, 2f)[0];
        OrbitCamera cam = new OrbitCamera(18, 9, 4.3f, 42, 0.02f, -0.03f, 3, 0, 0.7f, 0, 0.1f, 50);
        float[] params = cam.parameters();
        float[] clip = cam.project(world, aspect);
        float[] soft = backend.softSilhouette(new float[][] {clip}, tris, w, h, 2f)[0];
        float[] gSoft = new float[w * h];
        ImageLosses.softIou(soft, target, 1f, gSoft);
        float[] gClip = backend.softSilhouetteBackward(new float[][] {clip}, tris, w, h, 2f, new float[][] {gSoft})[0];
        float[] analytic = cam.projectBackward(world, aspect, gClip).camera();
        require(GradCheck.check("camera -> softSilhouette -> softIou", params, analytic, () -> {
            float[] c = cam.withParameters(params).project(world, aspect);
            return ImageLosses.softIou(backend.softSilhouette(new float[][] {c}, tris, w, h, 2f)[0], target, 1f, null);
        }, 3e-3f, 7, rnd));
    }
}
