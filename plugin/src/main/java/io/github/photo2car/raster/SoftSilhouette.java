package io.github.photo2car.raster;

/**
 * Per-tile kernels of the DIB-R style soft silhouette (Chen et al. 2019; ideas only): each face
 * within the cutoff contributes p = exp(-d^2 / sigma), d the pixel-space distance from the pixel
 * centre to the face's projection, and the pixel gets 1 - prod(1 - p). A face clipped into two
 * sub-triangles counts once, at the smaller distance (its sub-triangles sit next to each other in
 * every bin). The backward pass carries d(d^2) through the closest segment to the sub-triangle
 * corners, through the projection, and through the near-plane clipping to the original vertices.
 *
 * <p>Covered pixels are exactly 1 whatever the faces near them do, so the work is arranged around
 * the uncovered ones: a coverage pass marks the covered pixel centres, a summed-area table of the
 * uncovered pixels lets every face whose cutoff box holds none be skipped in O(1) (on a closed
 * mesh, every face away from the outline), and only the uncovered pixels near the outline compute
 * distances. The cost then follows the outline rather than the face count.
 */
final class SoftSilhouette {

    private SoftSilhouette() {
    }

    /**
     * One view prepared for the soft silhouette: its clipped and binned faces, which pixel
     * centres are covered, a summed-area table of the uncovered ones, and q = prod(1 - p) per
     * pixel once {@link #productTile} has run over every tile. Tiles write disjoint pixels, so the
     * per-tile passes may run in parallel; read-only once complete.
     */
    static final class View {
        final ClippedView cv;
        final double sigma;
        final double radius;
        final boolean[] inside;
        /** [(H+1)*(W+1)]: uncovered pixels in rows &lt; y and columns &lt; x at y*(W+1)+x. */
        final int[] open;
        /** [H*W] prod(1 - p); 0 on covered pixels. */
        final double[] q;

        View(ClippedView cv, double sigma, double radius) {
            this.cv = cv;
            this.sigma = sigma;
            this.radius = radius;
            this.inside = new boolean[cv.width * cv.height];
            this.open = new int[(cv.width + 1) * (cv.height + 1)];
            this.q = new double[cv.width * cv.height];
        }

        /** Builds the summed-area table once every tile has been through {@link #coverTile}. */
        void summarize() {
            int w = cv.width;
            int stride = w + 1;
            for (int y = 0; y < cv.height; y++) {
                int row = 0;
                for (int x = 0; x < w; x++) {
                    row += inside[y * w + x] ? 0 : 1;
                    open[(y + 1) * stride + x + 1] = open[y * stride + x + 1] + row;
                }
            }
        }

        /** @return whether the inclusive pixel box [x0, x1] x [y0, y1] holds an uncovered pixel */
        boolean anyOpen(int x0, int x1, int y0, int y1) {
            int stride = cv.width + 1;
            return open[(y1 + 1) * stride + x1 + 1] - open[y0 * stride + x1 + 1]
                    - open[(y1 + 1) * stride + x0] + open[y0 * stride + x0] > 0;
        }
    }

    /** A face clipped by the near plane becomes at most this many sub-triangles. */
    static final int MAX_PARTS = 2;

    /** Per-task working storage, reused across the faces of a tile. */
    private static final class Scratch {
        final int[] box = new int[4];
        final int[] faceBox = new int[4];
        final TriangleDistance[] parts = {new TriangleDistance(), new TriangleDistance()};
    }

    /**
     * Marks the covered pixel centres of one tile (edge-inclusive, like the rasterizer; depth is
     * ignored).
     */
    static void coverTile(View view, int tile) {
        ClippedView cv = view.cv;
        int x0 = (tile % cv.tilesX) * ClippedView.TILE;
        int y0 = (tile / cv.tilesX) * ClippedView.TILE;
        int x1 = Math.min(cv.width, x0 + ClippedView.TILE) - 1;
        int y1 = Math.min(cv.height, y0 + ClippedView.TILE) - 1;
        int[] faceBox = new int[4];
        double[] e = cv.edge;
        boolean[] inside = view.inside;
        int end = cv.binStart[tile + 1];
        for (int it = cv.binStart[tile]; it < end; it++) {
            int s = cv.binItems[it];
            if (!cv.bounds(s, 0, faceBox)) {
                continue;
            }
            int base = 9 * s;
            for (int y = Math.max(y0, faceBox[2]); y <= Math.min(y1, faceBox[3]); y++) {
                double cy = y + 0.5;
                for (int x = Math.max(x0, faceBox[0]); x <= Math.min(x1, faceBox[1]); x++) {
                    double cx = x + 0.5;
                    if (e[base] * cx + e[base + 1] * cy + e[base + 2] >= 0
                            && e[base + 3] * cx + e[base + 4] * cy + e[base + 5] >= 0
                            && e[base + 6] * cx + e[base + 7] * cy + e[base + 8] >= 0) {
                        inside[y * cv.width + x] = true;
                    }
                }
            }
        }
    }

    /**
     * Fills q for one tile, face-major: each face (its sub-triangles together) whose cutoff box
     * reaches an uncovered pixel visits the uncovered pixels of that box within the tile.
     */
    static void productTile(View view, int tile) {
        ClippedView cv = view.cv;
        int w = cv.width;
        int x0 = (tile % cv.tilesX) * ClippedView.TILE;
        int y0 = (tile / cv.tilesX) * ClippedView.TILE;
        int x1 = Math.min(w, x0 + ClippedView.TILE) - 1;
        int y1 = Math.min(cv.height, y0 + ClippedView.TILE) - 1;
        boolean[] inside = view.inside;
        double[] q = view.q;
        for (int y = y0; y <= y1; y++) {
            for (int x = x0; x <= x1; x++) {
                q[y * w + x] = inside[y * w + x] ? 0 : 1;
            }
        }
        if (!view.anyOpen(x0, x1, y0, y1)) {
            return;
        }
        Scratch sc = new Scratch();
        double cut2 = view.radius * view.radius;
        int end = cv.binStart[tile + 1];
        for (int it = cv.binStart[tile]; it < end; ) {
            int groupEnd = groupEnd(cv, it, end);
            if (groupBox(cv, it, groupEnd, view.radius, x0, x1, y0, y1, sc.box, sc.faceBox)
                    && view.anyOpen(sc.box[0], sc.box[1], sc.box[2], sc.box[3])) {
                int parts = load(cv, it, groupEnd, sc.parts);
                for (int y = sc.box[2]; y <= sc.box[3]; y++) {
                    for (int x = sc.box[0]; x <= sc.box[1]; x++) {
                        int p = y * w + x;
                        if (inside[p]) {
                            continue;
                        }
                        double d2 = sc.parts[0].distance2(x + 0.5, y + 0.5);
                        if (parts > 1) {
                            d2 = Math.min(d2, sc.parts[1].distance2(x + 0.5, y + 0.5));
                        }
                        if (d2 < cut2) {
                            q[p] *= 1 - Math.exp(-d2 / view.sigma);
                        }
                    }
                }
            }
            it = groupEnd;
        }
    }

    /** Sets up the sub-triangles of bin items from..to-1 (one original face); returns their count. */
    private static int load(ClippedView cv, int from, int to, TriangleDistance[] parts) {
        if (to - from > MAX_PARTS) {
            throw new IllegalStateException("a face was clipped into " + (to - from) + " sub-triangles");
        }
        for (int k = from; k < to; k++) {
            parts[k - from].set(cv, cv.binItems[k]);
        }
        return to - from;
    }

    /** @return the end of the run of bin items from it that belong to the same original face */
    private static int groupEnd(ClippedView cv, int it, int end) {
        int parent = cv.parent[cv.binItems[it]];
        int groupEnd = it + 1;
        while (groupEnd < end && cv.parent[cv.binItems[groupEnd]] == parent) {
            groupEnd++;
        }
        return groupEnd;
    }

    /** Pixel box of a face group grown by the cutoff and clipped to the tile; false if empty. */
    private static boolean groupBox(ClippedView cv, int from, int to, double radius, int x0, int x1, int y0, int y1,
                                    int[] box, int[] b) {
        int bx0 = Integer.MAX_VALUE;
        int bx1 = Integer.MIN_VALUE;
        int by0 = Integer.MAX_VALUE;
        int by1 = Integer.MIN_VALUE;
        for (int k = from; k < to; k++) {
            if (cv.bounds(cv.binItems[k], radius, b)) {
                bx0 = Math.min(bx0, b[0]);
                bx1 = Math.max(bx1, b[1]);
                by0 = Math.min(by0, b[2]);
                by1 = Math.max(by1, b[3]);
            }
        }
        box[0] = Math.max(bx0, x0);
        box[1] = Math.min(bx1, x1);
        box[2] = Math.max(by0, y0);
        box[3] = Math.min(by1, y1);
        return box[0] <= box[1] && box[2] <= box[3];
    }

    /**
     * Adds one tile's share of dL/dpositions: d mask / d d2_f = -(q / (1 - p_f)) p_f / sigma for
     * each face f near an uncovered pixel, carried through the closest segment. Needs q (a
     * complete {@link #productTile} pass).
     */
    static void gradientTile(View view, int tile, float[] pos, float[] gradMask, double[] grad) {
        ClippedView cv = view.cv;
        int w = cv.width;
        int x0 = (tile % cv.tilesX) * ClippedView.TILE;
        int y0 = (tile / cv.tilesX) * ClippedView.TILE;
        int x1 = Math.min(w, x0 + ClippedView.TILE) - 1;
        int y1 = Math.min(cv.height, y0 + ClippedView.TILE) - 1;
        int start = cv.binStart[tile];
        int end = cv.binStart[tile + 1];
        if (start == end || !view.anyOpen(x0, x1, y0, y1)) {
            return;
        }
        boolean any = false;
        for (int y = y0; y <= y1 && !any; y++) {
            for (int x = x0; x <= x1; x++) {
                any |= gradMask[y * w + x] != 0;
            }
        }
        if (!any) {
            return;
        }
        Scratch sc = new Scratch();
        double cut2 = view.radius * view.radius;
        double[] q = view.q;
        for (int it = start; it < end; ) {
            int groupEnd = groupEnd(cv, it, end);
            if (groupBox(cv, it, groupEnd, view.radius, x0, x1, y0, y1, sc.box, sc.faceBox)
                    && view.anyOpen(sc.box[0], sc.box[1], sc.box[2], sc.box[3])) {
                int parts = load(cv, it, groupEnd, sc.parts);
                for (int y = sc.box[2]; y <= sc.box[3]; y++) {
                    for (int x = sc.box[0]; x <= sc.box[1]; x++) {
                        int p = y * w + x;
                        double g = gradMask[p];
                        // a covered pixel (q = 0) is constant 1 and gets no gradient
                        if (g == 0 || !(q[p] > 0)) {
                            continue;
                        }
                        double px = x + 0.5;
                        double py = y + 0.5;
                        TriangleDistance closest = sc.parts[0];
                        double d2 = closest.distance2(px, py);
                        if (parts > 1) {
                            double other = sc.parts[1].distance2(px, py);
                            if (other < d2) {
                                d2 = other;
                                closest = sc.parts[1];
                            }
                        }
                        if (d2 < cut2) {
                            double pf = Math.exp(-d2 / view.sigma);
                            double dd2 = -g * (q[p] / (1 - pf)) * pf / view.sigma;
                            addDistanceGradient(cv, closest, px, py, dd2, pos, grad);
                        }
                    }
                }
            }
            it = groupEnd;
        }
    }

    /**
     * Adds dd2 * d(d2)/d(vertices) for the closest point recorded in closest. With c the closest
     * point on segment a-b at fixed t (t is a minimiser, so its own variation drops out),
     * d(d2)/da = -2 (P - c)(1 - t) and d(d2)/db = -2 (P - c) t.
     */
    static void addDistanceGradient(ClippedView cv, TriangleDistance closest, double px, double py, double dd2,
                                    float[] pos, double[] grad) {
        if (closest.closestA < 0) {
            return;
        }
        int a = closest.closestA;
        int b = closest.closestB;
        double t = closest.closestT;
        double cx = cv.sx[a] + t * (cv.sx[b] - cv.sx[a]);
        double cy = cv.sy[a] + t * (cv.sy[b] - cv.sy[a]);
        double gx = -2 * (px - cx) * dd2;
        double gy = -2 * (py - cy) * dd2;
        addScreenGradient(cv, a, gx * (1 - t), gy * (1 - t), pos, grad);
        addScreenGradient(cv, b, gx * t, gy * t, pos, grad);
    }

    /**
     * Carries a gradient on the pixel position of sub-triangle corner c back to clip space:
     * X = (x / w * 0.5 + 0.5) W, Y = (0.5 - 0.5 y / w) H, and c = v[a] + t (v[b] - v[a]) with
     * t = d_a / (d_a - d_b), d = z + w (the near-plane intersection).
     */
    private static void addScreenGradient(ClippedView cv, int corner, double gX, double gY, float[] pos,
                                          double[] grad) {
        int va = cv.va[corner];
        int vb = cv.vb[corner];
        double t = cv.vt[corner];
        double x = lerp(pos[4 * va], pos[4 * vb], t);
        double y = lerp(pos[4 * va + 1], pos[4 * vb + 1], t);
        double w = lerp(pos[4 * va + 3], pos[4 * vb + 3], t);
        double hw = 0.5 * cv.width;
        double hh = 0.5 * cv.height;
        double gx = gX * hw / w;
        double gy = -gY * hh / w;
        double gw = -gX * hw * x / (w * w) + gY * hh * y / (w * w);
        if (va == vb) {
            grad[4 * va] += gx;
            grad[4 * va + 1] += gy;
            grad[4 * va + 3] += gw;
            return;
        }
        grad[4 * va] += (1 - t) * gx;
        grad[4 * va + 1] += (1 - t) * gy;
        grad[4 * va + 3] += (1 - t) * gw;
        grad[4 * vb] += t * gx;
        grad[4 * vb + 1] += t * gy;
        grad[4 * vb + 3] += t * gw;
        double gt = gx * (pos[4 * vb] - pos[4 * va]) + gy * (pos[4 * vb + 1] - pos[4 * va + 1])
                + gw * (pos[4 * vb + 3] - pos[4 * va + 3]);
        double da = (double) pos[4 * va + 2] + pos[4 * va + 3];
        double db = (double) pos[4 * vb + 2] + pos[4 * vb + 3];
        double den = (da - db) * (da - db);
        if (!(den > 0)) {
            return;
        }
        double dtda = -db / den;
        double dtdb = da / den;
        grad[4 * va + 2] += gt * dtda;
        grad[4 * va + 3] += gt * dtda;
        grad[4 * vb + 2] += gt * dtdb;
        grad[4 * vb + 3] += gt * dtdb;
    }

    private static double lerp(double a, double b, double t) {
        return t == 0 ? a : a + t * (b - a);
    }
}
