package io.github.photo2car.trainer.bench;

/**
 * Closed triangle meshes of a chosen size for benchmarks: a car-sized superellipsoid (4.5 m long
 * on Z, 1.8 m wide on X, 1.4 m tall on Y, centred 0.7 m above the ground) tessellated as a
 * latitude-longitude grid with n rings and 2n segments, which gives 4n(n - 1) triangles. Its
 * rounded-box outline behaves like a car body's for the rasterizer: a closed surface whose
 * silhouette is a fraction of its faces.
 *
 * @param positions vertex positions [V*3] in metres, car frame (Y up, front toward +Z)
 * @param triangles vertex indices [T*3], counter-clockwise seen from outside
 */
public record BenchMesh(float[] positions, int[] triangles) {

    /** Superellipsoid exponent: 2 is an ellipsoid, smaller is boxier. */
    private static final double BOXINESS = 0.5;

    /**
     * @return the triangle count T
     */
    public int triangleCount() {
        return triangles.length / 3;
    }

    /**
     * Builds the mesh with the ring count whose triangle count 4n(n - 1) is closest to the goal.
     *
     * @param goalTriangles the wanted triangle count, &ge; 24
     * @return a new mesh
     * @throws IllegalArgumentException if goalTriangles &lt; 24
     */
    public static BenchMesh withAbout(int goalTriangles) {
        if (goalTriangles < 24) {
            throw new IllegalArgumentException("goalTriangles must be >= 24, got " + goalTriangles);
        }
        int rings = (int) Math.round(0.5 + Math.sqrt(0.25 + goalTriangles / 4.0));
        return withRings(Math.max(3, rings));
    }

    /**
     * @param rings n, the latitude rings (&ge; 3); the mesh has 2n segments and 4n(n - 1) triangles
     * @return a new mesh
     */
    static BenchMesh withRings(int rings) {
        int segments = 2 * rings;
        int vertices = 2 + (rings - 1) * segments;
        float[] pos = new float[3 * vertices];
        put(pos, 0, 0, 1, 0);
        put(pos, vertices - 1, 0, -1, 0);
        for (int r = 1; r < rings; r++) {
            double lat = Math.PI / 2 - Math.PI * r / rings;
            for (int s = 0; s < segments; s++) {
                double lon = 2 * Math.PI * s / segments;
                double x = signedPow(Math.cos(lat), BOXINESS) * signedPow(Math.sin(lon), BOXINESS);
                double y = signedPow(Math.sin(lat), BOXINESS);
                double z = signedPow(Math.cos(lat), BOXINESS) * signedPow(Math.cos(lon), BOXINESS);
                put(pos, 1 + (r - 1) * segments + s, x, y, z);
            }
        }
        for (int v = 0; v < vertices; v++) {
            pos[3 * v] *= 0.9f;
            pos[3 * v + 1] = 0.7f + 0.7f * pos[3 * v + 1];
            pos[3 * v + 2] *= 2.25f;
        }
        int[] tris = new int[3 * 4 * rings * (rings - 1)];
        int t = 0;
        for (int s = 0; s < segments; s++) {
            int s1 = (s + 1) % segments;
            t = tri(tris, t, 0, 1 + s1, 1 + s);
            int last = 1 + (rings - 2) * segments;
            t = tri(tris, t, vertices - 1, last + s, last + s1);
        }
        for (int r = 0; r < rings - 2; r++) {
            int a = 1 + r * segments;
            int b = a + segments;
            for (int s = 0; s < segments; s++) {
                int s1 = (s + 1) % segments;
                t = tri(tris, t, a + s, a + s1, b + s1);
                t = tri(tris, t, a + s, b + s1, b + s);
            }
        }
        return new BenchMesh(pos, tris);
    }

    private static void put(float[] pos, int v, double x, double y, double z) {
        pos[3 * v] = (float) x;
        pos[3 * v + 1] = (float) y;
        pos[3 * v + 2] = (float) z;
    }

    private static int tri(int[] tris, int t, int a, int b, int c) {
        tris[t] = a;
        tris[t + 1] = b;
        tris[t + 2] = c;
        return t + 3;
    }

    private static double signedPow(double v, double e) {
        return Math.copySign(Math.pow(Math.abs(v), e), v);
    }
}
