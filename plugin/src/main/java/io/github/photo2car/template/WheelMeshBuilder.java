package io.github.photo2car.template;

import java.util.Arrays;

/**
 * Builds procedural {@link WheelMesh}es: a tyre revolved from a profile (sidewalls, shoulders,
 * tread with circumferential grooves and lateral notches) and a rim made of closed solids (barrel
 * with a flange, N spokes, hub, brake disc). Wheel frame: axle along X, centre at the origin,
 * metres, rim face toward +X.
 */
public final class WheelMeshBuilder {

    /** Angular segments of the tyre and barrel. */
    public static final int SEGMENTS = 72;
    /** Every this many angular segments the tread has a lateral groove. */
    private static final int LATERAL_GROOVE_EVERY = 3;

    private WheelMeshBuilder() {
    }

    /**
     * Builds a wheel with 5 spokes and a rim radius of 0.64 x the tyre radius.
     *
     * @param radius tyre outer radius (m, 0.15..1.0)
     * @param width  tyre width (m, 0.08..0.6)
     * @return a new wheel mesh
     */
    public static WheelMesh build(float radius, float width) {
        return build(radius, width, 5, 0.64f);
    }

    /**
     * Builds a wheel for the given car parameters (its wheelRadius and wheelWidth).
     *
     * @param params car parameters (not null, not modified)
     * @return a new wheel mesh
     */
    public static WheelMesh build(CarParams params) {
        if (params == null) {
            throw new IllegalArgumentException("params must not be null");
        }
        return build(params.wheelRadius(), params.wheelWidth());
    }

    /**
     * Builds a wheel.
     *
     * @param radius   tyre outer radius (m, 0.15..1.0)
     * @param width    tyre width (m, 0.08..0.6)
     * @param spokes   number of spokes (3..12)
     * @param rimRatio rim radius / tyre radius (0.5..0.8)
     * @return a new wheel mesh
     * @throws IllegalArgumentException if an argument is out of range or not finite
     */
    public static WheelMesh build(float radius, float width, int spokes, float rimRatio) {
        if (!(radius >= 0.15f && radius <= 1f)) {
            throw new IllegalArgumentException("radius must be within [0.15, 1] m, got " + radius);
        }
        if (!(width >= 0.08f && width <= 0.6f)) {
            throw new IllegalArgumentException("width must be within [0.08, 0.6] m, got " + width);
        }
        if (spokes < 3 || spokes > 12) {
            throw new IllegalArgumentException("spokes must be within [3, 12], got " + spokes);
        }
        if (!(rimRatio >= 0.5f && rimRatio <= 0.8f)) {
            throw new IllegalArgumentException("rimRatio must be within [0.5, 0.8], got " + rimRatio);
        }
        float rr = radius * rimRatio;
        return new WheelMesh(tyre(radius, width, rr), rim(radius, width, rr, spokes), radius, width, rr);
    }

    // ------------------------------------------------------------------ tyre

    private static SurfaceMesh tyre(float radius, float w, float rr) {
        float h = radius - rr;
        float groove = Math.min(0.012f, 0.1f * h);
        float shoulder = Math.min(0.015f, 0.15f * h);
        // profile (x, r, isTread) from the -X bead, over the tread, to the +X bead; the loop is
        // closed by the inner liner from the +X bead back to the start
        float[][] half = {
            {-0.46f * w, rr, 0},
            {-0.50f * w, rr + 0.30f * h, 0},
            {-0.50f * w, rr + 0.62f * h, 0},
            {-0.47f * w, rr + 0.86f * h, 0},
            {-0.41f * w, radius - shoulder, 0},
            {-0.34f * w, radius, 1},
            {-0.23f * w, radius, 1},
            {-0.21f * w, radius - groove, 0},
            {-0.17f * w, radius - groove, 0},
            {-0.15f * w, radius, 1},
        };
        int hn = half.length;
        float[][] prof = new float[2 * hn + 1][];
        for (int i = 0; i < hn; i++) {
            prof[i] = half[i];
            prof[2 * hn - 1 - i] = new float[] {-half[i][0], half[i][1], half[i][2]};
        }
        prof[2 * hn] = half[0];
        int pn = prof.length; // last equals first: a UV seam across the inner liner
        float[] arc = new float[pn];
        for (int i = 1; i < pn; i++) {
            arc[i] = arc[i - 1] + (float) Math.hypot(prof[i][0] - prof[i - 1][0], prof[i][1] - prof[i - 1][1]);
        }
        int cols = SEGMENTS + 1;
        float[] pos = new float[3 * pn * cols];
        float[] uv = new float[2 * pn * cols];
        for (int a = 0; a < cols; a++) {
            double theta = 2.0 * Math.PI * a / SEGMENTS;
            boolean notch = a % LATERAL_GROOVE_EVERY == 0;
            for (int i = 0; i < pn; i++) {
                float r = prof[i][1] - ((notch && prof[i][2] > 0f) ? groove : 0f);
                int v = a * pn + i;
                pos[3 * v] = prof[i][0];
                pos[3 * v + 1] = (float) (r * Math.sin(theta));
                pos[3 * v + 2] = (float) (r * Math.cos(theta));
                uv[2 * v] = (float) a / SEGMENTS;
                uv[2 * v + 1] = arc[i] / arc[pn - 1];
            }
        }
        int[] tri = new int[6 * SEGMENTS * (pn - 1)];
        int t = 0;
        for (int a = 0; a < SEGMENTS; a++) {
            for (int i = 0; i < pn - 1; i++) {
                int p00 = a * pn + i;
                int p10 = a * pn + i + 1;
                int p11 = (a + 1) * pn + i + 1;
                int p01 = (a + 1) * pn + i;
                tri[t++] = p00;
                tri[t++] = p10;
                tri[t++] = p11;
                tri[t++] = p00;
                tri[t++] = p11;
                tri[t++] = p01;
            }
        }
        float[] nor = smoothNormals(pos, tri);
        // the angular seam duplicates vertices; give both copies the same smooth normal
        for (int i = 0; i < pn; i++) {
            int first = i;
            int last = SEGMENTS * pn + i;
            for (int d = 0; d < 3; d++) {
                float m = nor[3 * first + d] + nor[3 * last + d];
                nor[3 * first + d] = m;
                nor[3 * last + d] = m;
            }
            normalize(nor, first);
            normalize(nor, last);
        }
        return new SurfaceMesh(pos, nor, uv, tri);
    }

    // ------------------------------------------------------------------ rim

    private static SurfaceMesh rim(float radius, float w, float rr, int spokes) {
        Builder b = new Builder(rr);
        // barrel with an outer flange: a revolved closed section, hard-edged
        float[][] section = {
            {-0.40f * w, rr - 0.004f},
            {0.40f * w, rr - 0.004f},
            {0.44f * w, rr + 0.018f},
            {0.48f * w, rr + 0.018f},
            {0.48f * w, rr - 0.030f},
            {-0.40f * w, rr - 0.030f},
        };
        b.revolve(section);
        float hubR = 0.26f * rr;
        float spokeOuter = rr - 0.028f;
        for (int k = 0; k < spokes; k++) {
            double phi = 2.0 * Math.PI * k / spokes;
            b.spoke(phi, 0.18f * w, 0.40f * w, 0.8f * hubR, spokeOuter, 0.17f * rr, 0.085f * rr);
        }
        b.cylinder(hubR, 0.06f * w, 0.44f * w, 24);
        b.cylinder(0.82f * rr, -0.12f * w, 0.02f * w, 36);
        return b.toMesh();
    }

    /** Collects flat-shaded closed solids for the rim. */
    private static final class Builder {
        private final float rr;
        private float[] pos = new float[3 * 1024];
        private float[] nor = new float[3 * 1024];
        private int[] tri = new int[3 * 1024];
        private int vertices;
        private int triangles;

        Builder(float rr) {
            this.rr = rr;
        }

        /** Revolves a closed (x, r) section around X: a ring solid. */
        void revolve(float[][] section) {
            int n = section.length;
            for (int a = 0; a < SEGMENTS; a++) {
                double t0 = 2.0 * Math.PI * a / SEGMENTS;
                double t1 = 2.0 * Math.PI * (a + 1) / SEGMENTS;
                for (int i = 0; i < n; i++) {
                    float[] s0 = section[i];
                    float[] s1 = section[(i + 1) % n];
                    float[] q0 = at(s0[0], s0[1], t0);
                    float[] q1 = at(s1[0], s1[1], t0);
                    float[] q2 = at(s1[0], s1[1], t1);
                    float[] q3 = at(s0[0], s0[1], t1);
                    // the section runs counter-clockwise in the (x, r) plane (outer face toward
                    // +x first), which makes this winding face outward; no hint needed
                    quad(q0, q1, q2, q3, null);
                }
            }
        }

        /** A spoke: a box from radius r0 to r1, x from x0 to x1, tapering in width. */
        void spoke(double phi, float x0, float x1, float r0, float r1, float halfWidth0, float halfWidth1) {
            float[][] c = new float[8][];
            int n = 0;
            for (int xi = 0; xi < 2; xi++) {
                float x = xi == 0 ? x0 : x1;
                for (int ri = 0; ri < 2; ri++) {
                    float r = ri == 0 ? r0 : r1;
                    float hw = ri == 0 ? halfWidth0 : halfWidth1;
                    // the outer face is slightly dished: spokes lean inward toward the hub
                    float xx = (xi == 1 && ri == 1) ? x - 0.05f * (x1 - x0) : x;
                    for (int ti = 0; ti < 2; ti++) {
                        float tang = ti == 0 ? -hw : hw;
                        float y = (float) (r * Math.sin(phi) + tang * Math.cos(phi));
                        float z = (float) (r * Math.cos(phi) - tang * Math.sin(phi));
                        c[n++] = new float[] {xx, y, z};
                    }
                }
            }
            float[] centre = new float[3];
            for (float[] q : c) {
                for (int d = 0; d < 3; d++) {
                    centre[d] += q[d] / 8f;
                }
            }
            int[][] faces = {{0, 1, 3, 2}, {4, 6, 7, 5}, {0, 4, 5, 1}, {2, 3, 7, 6}, {0, 2, 6, 4}, {1, 5, 7, 3}};
            for (int[] f : faces) {
                float[] hint = new float[3];
                for (int d = 0; d < 3; d++) {
                    hint[d] = (c[f[0]][d] + c[f[1]][d] + c[f[2]][d] + c[f[3]][d]) / 4f - centre[d];
                }
                quad(c[f[0]], c[f[1]], c[f[2]], c[f[3]], hint);
            }
        }

        /** A closed cylinder around X of the given radius between x0 and x1. */
        void cylinder(float radius, float x0, float x1, int segments) {
            float[] c0 = {x0, 0f, 0f};
            float[] c1 = {x1, 0f, 0f};
            for (int a = 0; a < segments; a++) {
                double t0 = 2.0 * Math.PI * a / segments;
                double t1 = 2.0 * Math.PI * (a + 1) / segments;
                float[] p0 = at(x0, radius, t0);
                float[] p1 = at(x0, radius, t1);
                float[] p2 = at(x1, radius, t1);
                float[] p3 = at(x1, radius, t0);
                double tm = 0.5 * (t0 + t1);
                quad(p0, p1, p2, p3, new float[] {0f, (float) Math.sin(tm), (float) Math.cos(tm)});
                triangle(c0, p0, p1, new float[] {-1f, 0f, 0f});
                triangle(c1, p3, p2, new float[] {1f, 0f, 0f});
            }
        }

            private static float[] at(float x, float r, double theta) {
            return new float[] {x, (float) (r * Math.sin(theta)), (float) (r * Math.cos(theta))};
        }

        void quad(float[] a, float[] b, float[] c, float[] d, float[] hint) {
            triangle(a, b, c, hint);
            triangle(a, c, d, hint);
        }

        /**
         * Adds a flat-shaded triangle, wound so its normal agrees with the outward hint (null:
         * keep the given winding).
         */
        void triangle(float[] a, float[] b, float[] c, float[] hint) {
            float ux = b[0] - a[0], uy = b[1] - a[1], uz = b[2] - a[2];
            float vx = c[0] - a[0], vy = c[1] - a[1], vz = c[2] - a[2];
            float nx = uy * vz - uz * vy, ny = uz * vx - ux * vz, nz = ux * vy - uy * vx;
            float len = (float) Math.sqrt(nx * nx + ny * ny + nz * nz);
            if (len < 1e-12f) {
                return;
            }
            boolean flip = hint != null && nx * hint[0] + ny * hint[1] + nz * hint[2] < 0f;
            float[][] corners = flip ? new float[][] {a, c, b} : new float[][] {a, b, c};
            float s = flip ? -1f / len : 1f / len;
            ensure();
            for (float[] q : corners) {
                pos[3 * vertices] = q[0];
                pos[3 * vertices + 1] = q[1];
                pos[3 * vertices + 2] = q[2];
                nor[3 * vertices] = nx * s;
                nor[3 * vertices + 1] = ny * s;
                nor[3 * vertices + 2] = nz * s;
                tri[3 * triangles + (vertices % 3)] = vertices;
                vertices++;
            }
            triangles++;
        }

        private void ensure() {
            if (3 * (vertices + 3) > pos.length) {
                pos = Arrays.copyOf(pos, 2 * pos.length);
                nor = Arrays.copyOf(nor, 2 * nor.length);
            }
            if (3 * (triangles + 1) > tri.length) {
                tri = Arrays.copyOf(tri, 2 * tri.length);
            }
        }

        SurfaceMesh toMesh() {
            float[] p = Arrays.copyOf(pos, 3 * vertices);
            float[] uv = new float[2 * vertices];
            float scale = 1f / (2.1f * rr);
            for (int v = 0; v < vertices; v++) {
                uv[2 * v] = Math.max(0f, Math.min(1f, 0.5f + p[3 * v + 2] * scale));
                uv[2 * v + 1] = Math.max(0f, Math.min(1f, 0.5f + p[3 * v + 1] * scale));
            }
            return new SurfaceMesh(p, Arrays.copyOf(nor, 3 * vertices), uv, Arrays.copyOf(tri, 3 * triangles));
        }
    }

    // ------------------------------------------------------------------ helpers

    private static float[] smoothNormals(float[] pos, int[] tri) {
        float[] nor = new float[pos.length];
        for (int t = 0; t < tri.length; t += 3) {
            int a = 3 * tri[t];
            int b = 3 * tri[t + 1];
            int c = 3 * tri[t + 2];
            float ux = pos[b] - pos[a], uy = pos[b + 1] - pos[a + 1], uz = pos[b + 2] - pos[a + 2];
            float vx = pos[c] - pos[a], vy = pos[c + 1] - pos[a + 1], vz = pos[c + 2] - pos[a + 2];
            float nx = uy * vz - uz * vy, ny = uz * vx - ux * vz, nz = ux * vy - uy * vx;
            for (int q : new int[] {a, b, c}) {
                nor[q] += nx;
                nor[q + 1] += ny;
                nor[q + 2] += nz;
            }
        }
        for (int v = 0; v < pos.length / 3; v++) {
            normalize(nor, v);
        }
        return nor;
    }

    private static void normalize(float[] n, int v) {
        float len = (float) Math.sqrt(n[3 * v] * n[3 * v] + n[3 * v + 1] * n[3 * v + 1] + n[3 * v + 2] * n[3 * v + 2]);
        if (len > 1e-20f) {
            n[3 * v] /= len;
            n[3 * v + 1] /= len;
            n[3 * v + 2] /= len;
        }
    }
}
