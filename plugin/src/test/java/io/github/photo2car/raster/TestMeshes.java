package io.github.photo2car.raster;

import java.util.Random;

/** Small random meshes in clip space for the raster tests. */
final class TestMeshes {

    private TestMeshes() {
    }

    /** Triangles of an n x n vertex grid (2 (n-1)^2 triangles, consistently wound). */
    static int[] gridTriangles(int n) {
        int[] t = new int[6 * (n - 1) * (n - 1)];
        int k = 0;
        for (int y = 0; y + 1 < n; y++) {
            for (int x = 0; x + 1 < n; x++) {
                int a = y * n + x;
                t[k++] = a;
                t[k++] = a + 1;
                t[k++] = a + n;
                t[k++] = a + 1;
                t[k++] = a + n + 1;
                t[k++] = a + n;
            }
        }
        return t;
    }

    /**
     * A jittered n x n grid spanning about NDC [-extent, extent] with random depth and
     * w in [0.8, 1.6], as clip positions [n*n*4].
     */
    static float[] gridClip(int n, float extent, Random rnd) {
        float[] p = new float[4 * n * n];
        float cell = 2 * extent / (n - 1);
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                int i = y * n + x;
                double w = 0.8 + 0.8 * rnd.nextDouble();
                double nx = -extent + x * cell + 0.25 * cell * (rnd.nextDouble() - 0.5);
                double ny = -extent + y * cell + 0.25 * cell * (rnd.nextDouble() - 0.5);
                double nz = -0.5 + rnd.nextDouble();
                p[4 * i] = (float) (nx * w);
                p[4 * i + 1] = (float) (ny * w);
                p[4 * i + 2] = (float) (nz * w);
                p[4 * i + 3] = (float) w;
            }
        }
        return p;
    }

    /**
     * A soup of t independent triangles around the origin (centres in a 3-unit cube, corners
     * spread by 0.7), world positions [t*9]; seen from close cameras many cross the near plane.
     */
    static float[] triangleSoup(int t, Random rnd) {
        float[] world = new float[9 * t];
        for (int k = 0; k < t; k++) {
            double cx = 3 * (rnd.nextDouble() - 0.5);
            double cy = 3 * (rnd.nextDouble() - 0.5);
            double cz = 3 * (rnd.nextDouble() - 0.5);
            for (int c = 0; c < 3; c++) {
                world[9 * k + 3 * c] = (float) (cx + 0.7 * rnd.nextGaussian());
                world[9 * k + 3 * c + 1] = (float) (cy + 0.7 * rnd.nextGaussian());
                world[9 * k + 3 * c + 2] = (float) (cz + 0.7 * rnd.nextGaussian());
            }
        }
        return world;
    }
}
