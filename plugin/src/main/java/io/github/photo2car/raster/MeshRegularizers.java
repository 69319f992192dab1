package io.github.photo2car.raster;

/**
 * Shape regularisers for a mesh of fixed topology, with gradients: uniform Laplacian
 * smoothness, left/right symmetry through a mirror map, and edge-length preservation. Built once
 * per topology (the vertex neighbourhoods are precomputed); positions are world or object space
 * [V*3] in metres. Every method returns weight * loss and, when grad is not null, <b>adds</b>
 * weight * dloss/dpositions into grad. Inputs are not modified. Immutable and thread-safe.
 */
public final class MeshRegularizers {

    private final int vertexCount;
    private final int[] edges;
    private final int[] neighborStart;
    private final int[] neighbors;

    /**
     * Precomputes the edges and vertex neighbourhoods of a triangle list.
     *
     * @param vertexCount V
     * @param triangles   vertex indices [T*3] in 0..V-1 (not modified)
     * @throws IllegalArgumentException on an index out of range
     */
    public MeshRegularizers(int vertexCount, int[] triangles) {
        if (vertexCount < 0) {
            throw new IllegalArgumentException("vertexCount must be >= 0, got " + vertexCount);
        }
        Checks.triangles(triangles, vertexCount);
        this.vertexCount = vertexCount;
        this.edges = EdgeTopology.of(triangles).edges();
        neighborStart = new int[vertexCount + 1];
        for (int e = 0; e < edges.length; e++) {
            neighborStart[edges[e] + 1]++;
        }
        for (int v = 0; v < vertexCount; v++) {
            neighborStart[v + 1] += neighborStart[v];
        }
        neighbors = new int[edges.length];
        int[] fill = java.util.Arrays.copyOf(neighborStart, vertexCount);
        for (int e = 0; e < edges.length; e += 2) {
            neighbors[fill[edges[e]]++] = edges[e + 1];
            neighbors[fill[edges[e + 1]]++] = edges[e];
        }
    }

    /** @return the number of unique edges E */
    public int edgeCount() {
        return edges.length / 2;
    }

    /**
     * Uniform Laplacian smoothness: mean over vertices of |x_v - mean of its neighbours|^2
     * (vertices without neighbours contribute 0).
     *
     * @param positions [V*3] (not modified)
     * @param weight    loss weight
     * @param grad      [V*3] accumulator or null (added to)
     * @return weight * loss
     */
    public double laplacian(float[] positions, float weight, float[] grad) {
        check(positions, grad);
        if (vertexCount == 0) {
            return 0;
        }
        double sum = 0;
        double scale = 2.0 * weight / vertexCount;
        for (int v = 0; v < vertexCount; v++) {
            int n = neighborStart[v + 1] - neighborStart[v];
            if (n == 0) {
                continue;
            }
            for (int c = 0; c < 3; c++) {
                double mean = 0;
                for (int k = neighborStart[v]; k < neighborStart[v + 1]; k++) {
                    mean += positions[3 * neighbors[k] + c];
                }
                mean /= n;
                double d = positions[3 * v + c] - mean;
                sum += d * d;
                if (grad != null) {
                    grad[3 * v + c] += (float) (scale * d);
                    for (int k = neighborStart[v]; k < neighborStart[v + 1]; k++) {
                        grad[3 * neighbors[k] + c] -= (float) (scale * d / n);
                    }
                }
            }
        }
        return weight * sum / vertexCount;
    }

    /**
     * Symmetry about the plane x = 0: mean over vertices of |x_v - M x_m(v)|^2 with
     * M(x, y, z) = (-x, y, z) and m the mirror map (the car frame's left/right symmetry).
     *
     * @param positions [V*3] (not modified)
     * @param mirror    [V] mirror partner of each vertex, in 0..V-1 (not modified)
     * @param weight    loss weight
     * @param grad      [V*3] accumulator or null (added to)
     * @return weight * loss
     */
    public double symmetry(float[] positions, int[] mirror, float weight, float[] grad) {
        check(positions, grad);
        Checks.notNull(mirror, "mirror");
        if (mirror.length != vertexCount) {
            throw new IllegalArgumentException("mirror must have length " + vertexCount + ", got " + mirror.length);
        }
        if (vertexCount == 0) {
            return 0;
        }
        double sum = 0;
        double scale = 2.0 * weight / vertexCount;
        for (int v = 0; v < vertexCount; v++) {
            int m = mirror[v];
            if (m < 0 || m >= vertexCount) {
                throw new IllegalArgumentException("mirror[" + v + "] = " + m + " is outside 0.." + (vertexCount - 1));
            }
            for (int c = 0; c < 3; c++) {
                double sign = c == 0 ? -1 : 1;
                double d = positions[3 * v + c] - sign * positions[3 * m + c];
                sum += d * d;
                if (grad != null) {
                    grad[3 * v + c] += (float) (scale * d);
                    grad[3 * m + c] -= (float) (scale * sign * d);
                }
            }
        }
        return weight * sum / vertexCount;
    }

    /**
     * Edge-length preservation: mean over edges of (|x_i - x_j| - |r_i - r_j|)^2 against rest
     * positions r (e.g. the template before fitting).
     *
     * @param positions [V*3] (not modified)
     * @param rest      [V*3] rest positions (not modified)
     * @param weight    loss weight
     * @param grad      [V*3] accumulator or null (added to)
     * @return weight * loss
     */
    public double edgeLength(float[] positions, float[] rest, float weight, float[] grad) {
        check(positions, grad);
        Checks.finite(rest, "rest");
        if (rest.length != positions.length) {
            throw new IllegalArgumentException("rest must have length " + positions.length + ", got " + rest.length);
        }
        int e = edges.length / 2;
        if (e == 0) {
            return 0;
        }
        double sum = 0;
        double scale = 2.0 * weight / e;
        for (int k = 0; k < e; k++) {
            int i = edges[2 * k];
            int j = edges[2 * k + 1];
            double dx = positions[3 * i] - (double) positions[3 * j];
            double dy = positions[3 * i + 1] - (double) positions[3 * j + 1];
            double dz = positions[3 * i + 2] - (double) positions[3 * j + 2];
            double len = Math.sqrt(dx * dx + dy * dy + dz * dz);
            double rx = rest[3 * i] - (double) rest[3 * j];
            double ry = rest[3 * i + 1] - (double) rest[3 * j + 1];
            double rz = rest[3 * i + 2] - (double) rest[3 * j + 2];
            double d = len - Math.sqrt(rx * rx + ry * ry + rz * rz);
            sum += d * d;
            if (grad != null && len > 0) {
                double g = scale * d / len;
                grad[3 * i] += (float) (g * dx);
                grad[3 * i + 1] += (float) (g * dy);
                grad[3 * i + 2] += (float) (g * dz);
                grad[3 * j] -= (float) (g * dx);
                grad[3 * j + 1] -= (float) (g * dy);
                grad[3 * j + 2] -= (float) (g * dz);
            }
        }
        return weight * sum / e;
    }

    private void check(float[] positions, float[] grad) {
        Checks.finite(positions, "positions");
        if (positions.length != 3 * vertexCount) {
            throw new IllegalArgumentException("positions must have length " + 3 * vertexCount + ", got "
                    + positions.length);
        }
        if (grad != null && grad.length != positions.length) {
            throw new IllegalArgumentException("grad must have length " + positions.length + ", got " + grad.length);
        }
    }
}
