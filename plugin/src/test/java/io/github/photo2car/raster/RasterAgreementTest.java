package io.github.photo2car.raster;

import java.util.Random;

import io.github.photo2car.template.BodyType;
import io.github.photo2car.template.CarMesh;
import io.github.photo2car.template.CarParams;
import io.github.photo2car.template.CarTemplate;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The tiled, clipped, multithreaded rasterizer against {@link NaiveRasterBackend} on random
 * overlapping triangles, many of them crossing the near plane or lying partly behind the camera:
 * the same triangle ids (up to pixels on a shared edge or at an exact depth tie) and the same
 * barycentrics and depths where the ids agree.
 */
class RasterAgreementTest {

    @Test
    void tiledAgreesWithNaiveReference() {
        Random rnd = new Random(31);
        int t = 60;
        int v = 3 * t;
        float[][] pos = new float[2][4 * v];
        int[] tris = new int[3 * t];
        for (int i = 0; i < tris.length; i++) {
            tris[i] = i;
        }
        OrbitCamera[] cams = {OrbitCamera.lookingAt(20, 10, 2.5f, 70, 0, 0, 0),
            OrbitCamera.lookingAt(-140, 30, 1.5f, 90, 0, 0, 0)};
        float[] world = TestMeshes.triangleSoup(t, rnd);
        int crossing = 0;
        for (int b = 0; b < 2; b++) {
            pos[b] = cams[b].project(world, 40 / 30f);
            for (int k = 0; k < t; k++) {
                int behind = 0;
                for (int c = 0; c < 3; c++) {
                    int i = 3 * k + c;
                    behind += pos[b][4 * i + 2] < -pos[b][4 * i + 3] ? 1 : 0;
                }
                crossing += behind == 1 || behind == 2 ? 1 : 0;
            }
        }
        assertTrue(crossing >= 10, "want many near-plane crossings, got " + crossing);
        int w = 40;
        int h = 30;
        RasterOutput fast = new JavaRasterBackend(2).rasterize(pos, tris, w, h);
        RasterOutput slow = new NaiveRasterBackend().rasterize(pos, tris, w, h);
        int mismatches = 0;
        int covered = 0;
        for (int b = 0; b < 2; b++) {
            for (int p = 0; p < w * h; p++) {
                int a = fast.triangleIds(b)[p];
                int c = slow.triangleIds(b)[p];
                covered += c >= 0 ? 1 : 0;
                if (a != c) {
                    mismatches++;
                    continue;
                }
                if (a >= 0) {
                    assertEquals(slow.barycentrics(b)[2 * p], fast.barycentrics(b)[2 * p], 1e-4f);
                    assertEquals(slow.barycentrics(b)[2 * p + 1], fast.barycentrics(b)[2 * p + 1], 1e-4f);
                    assertEquals(slow.depth(b)[p], fast.depth(b)[p], 1e-4f);
                }
            }
        }
        System.out.printf("agreement: %d of %d pixels differ (%d covered), %d near-plane crossings%n",
                mismatches, 2 * w * h, covered, crossing);
        assertTrue(covered > w * h / 4, "scene too empty: " + covered);
        assertTrue(mismatches <= 2 * w * h / 500, mismatches + " pixels differ");
    }

    /**
     * The Java backend's soft silhouette skips faces and pixels that cannot matter and reuses its
     * forward pass in the backward; the naive backend tests every face at every pixel. Both must
     * give the same masks and gradients, on a car and on a scene crossing the near plane.
     */
    @Test
    void softSilhouetteAgreesWithNaiveReference() {
        CarMesh car = CarTemplate.build(CarParams.preset(BodyType.PICKUP), null);
        float[] world = car.shapePositions();
        float[][] pos = {OrbitCamera.lookingAt(35, 15, 6.5f, 40, 0, 0.7f, 0).project(world, 64 / 48f),
            OrbitCamera.lookingAt(-100, 5, 3.0f, 70, 0, 0.5f, 0).project(world, 64 / 48f)};
        int[] tris = car.triangles();
        JavaRasterBackend fast = new JavaRasterBackend(2);
        NaiveRasterBackend slow = new NaiveRasterBackend();
        float[][] a = fast.softSilhouette(pos, tris, 64, 48, 2f);
        float[][] b = slow.softSilhouette(pos, tris, 64, 48, 2f);
        float[][] g = new float[2][64 * 48];
        Random rnd = new Random(5);
        for (int v = 0; v < 2; v++) {
            for (int p = 0; p < g[v].length; p++) {
                assertEquals(b[v][p], a[v][p], 1e-6f, "mask view " + v + " pixel " + p);
                g[v][p] = (float) rnd.nextGaussian();
            }
        }
        float[][] ga = fast.softSilhouetteBackward(pos, tris, 64, 48, 2f, g);
        float[][] gb = slow.softSilhouetteBackward(pos, tris, 64, 48, 2f, g);
        for (int v = 0; v < 2; v++) {
            double max = 0;
            for (float x : gb[v]) {
                max = Math.max(max, Math.abs(x));
            }
            assertTrue(max > 0, "no gradient in view " + v);
            for (int i = 0; i < gb[v].length; i++) {
                assertEquals(gb[v][i], ga[v][i], 1e-4 * max + 1e-3 * Math.abs(gb[v][i]), "gradient " + i);
            }
        }
        // a fresh backward without its forward must not depend on the cache
        float[][] cold = new JavaRasterBackend(1).softSilhouetteBackward(pos, tris, 64, 48, 2f, g);
        for (int v = 0; v < 2; v++) {
            for (int i = 0; i < cold[v].length; i++) {
                assertEquals(ga[v][i], cold[v][i], 1e-5 * Math.max(1, Math.abs(ga[v][i])));
            }
        }
    }

    /**
     * The backend keeps the last pass's clipped views for the next pass; a caller that moves its
     * vertices in place between calls must still get results for the new positions.
     */
    @Test
    void sharedWorkFollowsPositionsEditedInPlace() {
        CarMesh car = CarTemplate.build(CarParams.preset(BodyType.SEDAN), null);
        int[] tris = car.triangles();
        float[][] pos = {OrbitCamera.lookingAt(30, 10, 6f, 40, 0, 0.7f, 0).project(car.shapePositions(), 1f)};
        JavaRasterBackend shared = new JavaRasterBackend(2);
        shared.softSilhouette(pos, tris, 48, 48, 2f);
        shared.rasterize(pos, tris, 48, 48);
        for (int i = 0; i < pos[0].length; i += 4) {
            pos[0][i] += 0.05f * pos[0][i + 3];
        }
        float[][] gradMask = {new float[48 * 48]};
        java.util.Arrays.fill(gradMask[0], 1f);
        RasterOutput moved = shared.rasterize(pos, tris, 48, 48);
        float[] soft = shared.softSilhouette(pos, tris, 48, 48, 2f)[0];
        float[] grad = shared.softSilhouetteBackward(pos, tris, 48, 48, 2f, gradMask)[0];
        JavaRasterBackend fresh = new JavaRasterBackend(1);
        assertTrue(java.util.Arrays.equals(fresh.rasterize(pos, tris, 48, 48).triangleIds(0), moved.triangleIds(0)));
        float[] softFresh = fresh.softSilhouette(pos, tris, 48, 48, 2f)[0];
        float[] gradFresh = new JavaRasterBackend(1).softSilhouetteBackward(pos, tris, 48, 48, 2f, gradMask)[0];
        for (int p = 0; p < soft.length; p++) {
            assertEquals(softFresh[p], soft[p], 1e-6f);
        }
        for (int i = 0; i < grad.length; i++) {
            assertEquals(gradFresh[i], grad[i], 1e-5f * Math.max(1f, Math.abs(gradFresh[i])));
        }
    }
}
