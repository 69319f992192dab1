package io.github.photo2car.raster;

import java.util.HashMap;
import java.util.Map;

/**
 * Edge adjacency of a triangle list: for edge k of triangle t (the edge opposite corner k,
 * joining corners (k+1)%3 and (k+2)%3) the triangle on the other side, or -1 on a boundary.
 * {@link RasterBackend#antialias} needs it to tell silhouette edges from interior ones, as
 * nvdiffrast's topology hash does; it is computed once per mesh topology and reused.
 * Non-manifold edges (three or more triangles) pair the first two triangles found and leave the
 * rest as boundaries. Also lists the unique undirected edges for the edge-length regulariser.
 */
public final class EdgeTopology {

    private final int triangleCount;
    private final int[] neighbors;
    private final int[] edges;

    private EdgeTopology(int triangleCount, int[] neighbors, int[] edges) {
        this.triangleCount = triangleCount;
        this.neighbors = neighbors;
        this.edges = edges;
    }

    /**
     * Builds the adjacency of a triangle list.
     *
     * @param triangles vertex indices [T*3], non-negative (not modified)
     * @return a new topology
     * @throws IllegalArgumentException if triangles is null, not a multiple of 3 long, or negative
     */
    public static EdgeTopology of(int[] triangles) {
        Checks.notNull(triangles, "triangles");
        if (triangles.length % 3 != 0) {
            throw new IllegalArgumentException("triangles length " + triangles.length + " is not a multiple of 3");
        }
        for (int i = 0; i < triangles.length; i++) {
            if (triangles[i] < 0) {
                throw new IllegalArgumentException("triangles[" + i + "] = " + triangles[i] + " is negative");
            }
        }
        int t = triangles.length / 3;
        int[] nb = new int[3 * t];
        java.util.Arrays.fill(nb, -1);
        Map<Long, Integer> open = new HashMap<>(4 * t);
        int[] edgeList = new int[2 * 3 * t];
        int edgeCount = 0;
        for (int tri = 0; tri < t; tri++) {
            for (int k = 0; k < 3; k++) {
                int a = triangles[3 * tri + (k + 1) % 3];
                int b = triangles[3 * tri + (k + 2) % 3];
                if (a == b) {
                    continue;
                }
                long key = ((long) Math.min(a, b) << 32) | Math.max(a, b);
                Integer other = open.get(key);
                if (other == null) {
                    open.put(key, 3 * tri + k);
                    edgeList[2 * edgeCount] = Math.min(a, b);
                    edgeList[2 * edgeCount + 1] = Math.max(a, b);
                    edgeCount++;
                } else if (other >= 0 && nb[other] < 0) {
                    nb[other] = tri;
                    nb[3 * tri + k] = other / 3;
                    // a third triangle on this edge stays a boundary
                    open.put(key, -1);
                }
            }
        }
        return new EdgeTopology(t, nb, java.util.Arrays.copyOf(edgeList, 2 * edgeCount));
    }

    /** @return the number of triangles T this topology was built for */
    public int triangleCount() {
        return triangleCount;
    }

    /**
     * @param triangle a triangle index, 0..T-1
     * @param edge     the corner k the edge is opposite to, 0..2
     * @return the neighbouring triangle across that edge, or -1 for none
     */
    public int neighbor(int triangle, int edge) {
        return neighbors[3 * triangle + edge];
    }

    /** @return the number of unique undirected edges E */
    public int edgeCount() {
        return edges.length / 2;
    }

    /**
     * @return a new [E*2] array of unique undirected edges (lower vertex index first)
     */
    public int[] edges() {
        return edges.clone();
    }
}
