package io.github.photo2car.raster;

import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The tiled, clipped, multithreaded rasterizer against {@link NaiveRasterizer} on random
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
        RasterOutput slow = NaiveRasterizer.rasterize(pos, tris, w, h);
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
}
