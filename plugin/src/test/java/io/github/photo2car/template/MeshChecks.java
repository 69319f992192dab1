package io.github.photo2car.template;

import java.util.HashMap;
import java.util.Map;

/** Geometry helpers shared by the template tests. */
final class MeshChecks {

    private MeshChecks() {
    }

    /** Signed volume of a closed triangle mesh (positive when outward-oriented). */
    static double signedVolume(float[] p, int[] tri) {
        double vol = 0;
        for (int t = 0; t < tri.length; t += 3) {
            int a = 3 * tri[t];
            int b = 3 * tri[t + 1];
            int c = 3 * tri[t + 2];
            vol += p[a] * (p[b + 1] * p[c + 2] - p[b + 2] * p[c + 1])
                    - p[a + 1] * (p[b] * p[c + 2] - p[b + 2] * p[c])
                    + p[a + 2] * (p[b] * p[c + 1] - p[b + 1] * p[c]);
        }
        return vol / 6.0;
    }

    /**
     * Null when every directed edge appears exactly once and its reverse exactly once (closed,
     * manifold, consistently oriented), else a description of the first problem.
     */
    static String manifoldProblem(int[] tri, int vertexCount) {
        Map<Long, Integer> directed = new HashMap<>();
        for (int t = 0; t < tri.length; t += 3) {
            for (int e = 0; e < 3; e++) {
                long a = tri[t + e];
                long b = tri[t + (e + 1) % 3];
                if (a == b) {
                    return "degenerate triangle " + t / 3;
                }
                long key = a * vertexCount + b;
                if (directed.put(key, t / 3) != null) {
                    return "directed edge " + a + "->" + b + " used twice";
                }
            }
        }
        for (long key : directed.keySet()) {
            long a = key / vertexCount;
            long b = key % vertexCount;
            if (!directed.containsKey(b * vertexCount + a)) {
                return "edge " + a + "->" + b + " has no opposite (open boundary or flipped face)";
            }
        }
        return null;
    }

    /** For every undirected edge of a closed mesh, the two triangles sharing it. */
    static java.util.List<int[]> edgeTrianglePairs(int[] tri, int vertexCount) {
        Map<Long, Integer> first = new HashMap<>();
        java.util.List<int[]> pairs = new java.util.ArrayList<>();
        for (int t = 0; t < tri.length; t += 3) {
            for (int e = 0; e < 3; e++) {
                long a = tri[t + e];
                long b = tri[t + (e + 1) % 3];
                long key = Math.min(a, b) * vertexCount + Math.max(a, b);
                Integer other = first.remove(key);
                if (other == null) {
                    first.put(key, t / 3);
                } else {
                    pairs.add(new int[] {other, t / 3});
                }
            }
        }
        return pairs;
    }

    /** Unnormalised normal of triangle t. */
    static double[] normal(float[] p, int[] tri, int t) {
        int a = 3 * tri[3 * t];
        int b = 3 * tri[3 * t + 1];
        int c = 3 * tri[3 * t + 2];
        double ux = p[b] - p[a], uy = p[b + 1] - p[a + 1], uz = p[b + 2] - p[a + 2];
        double vx = p[c] - p[a], vy = p[c + 1] - p[a + 1], vz = p[c + 2] - p[a + 2];
        return new double[] {uy * vz - uz * vy, uz * vx - ux * vz, ux * vy - uy * vx};
    }

    /** Parity test: is the point inside the closed mesh? Casts one ray in a generic direction. */
    static boolean inside(float[] p, int[] tri, double ox, double oy, double oz) {
        double dx = 0.1234, dy = 0.9571, dz = 0.2621;
        int hits = 0;
        for (int t = 0; t < tri.length; t += 3) {
            int a = 3 * tri[t];
            int b = 3 * tri[t + 1];
            int c = 3 * tri[t + 2];
            double e1x = p[b] - p[a], e1y = p[b + 1] - p[a + 1], e1z = p[b + 2] - p[a + 2];
            double e2x = p[c] - p[a], e2y = p[c + 1] - p[a + 1], e2z = p[c + 2] - p[a + 2];
            double px = dy * e2z - dz * e2y, py = dz * e2x - dx * e2z, pz = dx * e2y - dy * e2x;
            double det = e1x * px + e1y * py + e1z * pz;
            if (Math.abs(det) < 1e-14) {
                continue;
            }
            double inv = 1.0 / det;
            double tx = ox - p[a], ty = oy - p[a + 1], tz = oz - p[a + 2];
            double u = (tx * px + ty * py + tz * pz) * inv;
            if (u < 0 || u > 1) {
                continue;
            }
            double qx = ty * e1z - tz * e1y, qy = tz * e1x - tx * e1z, qz = tx * e1y - ty * e1x;
            double v = (dx * qx + dy * qy + dz * qz) * inv;
            if (v < 0 || u + v > 1) {
                continue;
            }
            double dist = (e2x * qx + e2y * qy + e2z * qz) * inv;
            if (dist > 0) {
                hits++;
            }
        }
        return (hits & 1) == 1;
    }

    /**
     * Counts UV sample points covered by more than one triangle: rasterises each triangle's
     * strict interior (shrunk by eps) onto a grid of cell centres.
     */
    static int uvOverlaps(float[] uv, int[] tri, int grid) {
        short[] count = new short[grid * grid];
        int overlaps = 0;
        double eps = 1e-7;
        for (int t = 0; t < tri.length; t += 3) {
            double ax = uv[2 * tri[t]] * grid, ay = uv[2 * tri[t] + 1] * grid;
            double bx = uv[2 * tri[t + 1]] * grid, by = uv[2 * tri[t + 1] + 1] * grid;
            double cx = uv[2 * tri[t + 2]] * grid, cy = uv[2 * tri[t + 2] + 1] * grid;
            double area = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
            if (Math.abs(area) < 1e-12) {
                continue;
            }
            int x0 = (int) Math.max(0, Math.floor(Math.min(ax, Math.min(bx, cx))));
            int x1 = (int) Math.min(grid - 1, Math.ceil(Math.max(ax, Math.max(bx, cx))));
            int y0 = (int) Math.max(0, Math.floor(Math.min(ay, Math.min(by, cy))));
            int y1 = (int) Math.min(grid - 1, Math.ceil(Math.max(ay, Math.max(by, cy))));
            for (int y = y0; y <= y1; y++) {
                for (int x = x0; x <= x1; x++) {
                    double px = x + 0.5, py = y + 0.5;
                    double w0 = ((cx - bx) * (py - by) - (cy - by) * (px - bx)) / area;
                    double w1 = ((ax - cx) * (py - cy) - (ay - cy) * (px - cx)) / area;
                    double w2 = 1 - w0 - w1;
                    if (w0 > eps && w1 > eps && w2 > eps) {
                        if (++count[y * grid + x] > 1) {
                            overlaps++;
                        }
                    }
                }
            }
        }
        return overlaps;
    }
}
