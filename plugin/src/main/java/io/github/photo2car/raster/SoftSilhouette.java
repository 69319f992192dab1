package io.github.photo2car.raster;

/**
 * Per-tile kernels of the DIB-R style soft silhouette (Chen et al. 2019; ideas only): each face
 * within the cutoff contributes p = exp(-d^2 / sigma), d the pixel-space distance from the pixel
 * centre to the face's projection, and the pixel gets 1 - prod(1 - p). A face clipped into two
 * sub-triangles counts once, at the smaller distance (its sub-triangles sit next to each other in
 * every bin). The backward pass carries d(d^2) through the closest segment to the sub-triangle
 * corners, through the projection, and through the near-plane clipping to the original vertices.
 */
final class SoftSilhouette {

    private SoftSilhouette() {
    }

    static void forwardTile(ClippedView cv, int tile, double sigma, double radius, float[] out) {
        int w = cv.width;
        int x0 = (tile % cv.tilesX) * ClippedView.TILE;
        int y0 = (tile / cv.tilesX) * ClippedView.TILE;
        int x1 = Math.min(w, x0 + ClippedView.TILE);
        int y1 = Math.min(cv.height, y0 + ClippedView.TILE);
        int start = cv.binStart[tile];
        int end = cv.binStart[tile + 1];
        double cut2 = radius * radius;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                double px = x + 0.5;
                double py = y + 0.5;
                double q = 1;
                int prev = -1;
                double best = Double.POSITIVE_INFINITY;
                for (int it = start; it < end && q > 0; it++) {
                    int s = cv.binItems[it];
                    if (cv.parent[s] != prev) {
                        q *= factor(best, sigma, cut2);
                        prev = cv.parent[s];
                        best = Double.POSITIVE_INFINITY;
                    }
                    best = Math.min(best, distance2(cv, s, px, py, cut2, null));
                }
                q *= factor(best, sigma, cut2);
                out[y * w + x] = (float) (1 - q);
            }
        }
    }

    /** The factor 1 - p of one face at squared distance d2 (1 beyond the cutoff). */
    private static double factor(double d2, double sigma, double cut2) {
        return d2 < cut2 ? 1 - Math.exp(-d2 / sigma) : 1;
    }

    static void backwardTile(ClippedView cv, int tile, double sigma, double radius, float[] pos, float[] gradMask,
                             double[] grad) {
        int w = cv.width;
        int x0 = (tile % cv.tilesX) * ClippedView.TILE;
        int y0 = (tile / cv.tilesX) * ClippedView.TILE;
        int x1 = Math.min(w, x0 + ClippedView.TILE);
        int y1 = Math.min(cv.height, y0 + ClippedView.TILE);
        int start = cv.binStart[tile];
        int end = cv.binStart[tile + 1];
        double cut2 = radius * radius;
        // closest-point record of the current face: {d2, sub-triangle, corner a, corner b, t}
        double[] hit = new double[5];
        double[] bestHit = new double[5];
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                double g = gradMask[y * w + x];
                if (g == 0 || start == end) {
                    continue;
                }
                double px = x + 0.5;
                double py = y + 0.5;
                // pass 1: q = prod(1 - p); a covered pixel (q = 0) is constant 1, no gradient
                double q = 1;
                int prev = -1;
                double best = Double.POSITIVE_INFINITY;
                for (int it = start; it < end && q > 0; it++) {
                    int s = cv.binItems[it];
                    if (cv.parent[s] != prev) {
                        q *= factor(best, sigma, cut2);
                        prev = cv.parent[s];
                        best = Double.POSITIVE_INFINITY;
                    }
                    best = Math.min(best, distance2(cv, s, px, py, cut2, null));
                }
                q *= factor(best, sigma, cut2);
                if (!(q > 0)) {
                    continue;
                }
                // pass 2: d mask / d d2_f = -(q / (1 - p_f)) * p_f / sigma, through the closest segment
                prev = -1;
                bestHit[0] = Double.POSITIVE_INFINITY;
                for (int it = start; it <= end; it++) {
                    int s = it < end ? cv.binItems[it] : -1;
                    if (s < 0 || cv.parent[s] != prev) {
                        if (bestHit[0] < cut2) {
                            double p = Math.exp(-bestHit[0] / sigma);
                            double dd2 = -g * (q / (1 - p)) * p / sigma;
                            addDistanceGradient(cv, bestHit, px, py, dd2, pos, grad);
                        }
                        if (s < 0) {
                            break;
                        }
                        prev = cv.parent[s];
                        bestHit[0] = Double.POSITIVE_INFINITY;
                    }
                    double d2 = distance2(cv, s, px, py, cut2, hit);
                    if (d2 < bestHit[0]) {
                        System.arraycopy(hit, 0, bestHit, 0, 5);
                    }
                }
            }
        }
    }

    /**
     * Squared pixel distance from (px, py) to sub-triangle s: 0 inside, else to the nearest edge
     * segment. Returns +inf quickly when the bounding box is farther than the cutoff. When hit is
     * not null it receives {d2, s, corner a, corner b, t} of the closest point a + t (b - a).
     */
    private static double distance2(ClippedView cv, int s, double px, double py, double cut2, double[] hit) {
        double[] sx = cv.sx;
        double[] sy = cv.sy;
        int c = 3 * s;
        double r = Math.sqrt(cut2);
        if (px < Math.min(sx[c], Math.min(sx[c + 1], sx[c + 2])) - r
                || px > Math.max(sx[c], Math.max(sx[c + 1], sx[c + 2])) + r
                || py < Math.min(sy[c], Math.min(sy[c + 1], sy[c + 2])) - r
                || py > Math.max(sy[c], Math.max(sy[c + 1], sy[c + 2])) + r) {
            if (hit != null) {
                hit[0] = Double.POSITIVE_INFINITY;
            }
            return Double.POSITIVE_INFINITY;
        }
        double[] e = cv.edge;
        int base = 9 * s;
        if (e[base] * px + e[base + 1] * py + e[base + 2] >= 0
                && e[base + 3] * px + e[base + 4] * py + e[base + 5] >= 0
                && e[base + 6] * px + e[base + 7] * py + e[base + 8] >= 0) {
            if (hit != null) {
                hit[0] = 0;
            }
            return 0;
        }
        double best = Double.POSITIVE_INFINITY;
        for (int k = 0; k < 3; k++) {
            int a = c + k;
            int b = c + (k + 1) % 3;
            double ex = sx[b] - sx[a];
            double ey = sy[b] - sy[a];
            double len2 = ex * ex + ey * ey;
            double t = len2 > 0 ? ((px - sx[a]) * ex + (py - sy[a]) * ey) / len2 : 0;
            t = Math.max(0, Math.min(1, t));
            double dx = px - (sx[a] + t * ex);
            double dy = py - (sy[a] + t * ey);
            double d2 = dx * dx + dy * dy;
            if (d2 < best) {
                best = d2;
                if (hit != null) {
                    hit[0] = d2;
                    hit[1] = s;
                    hit[2] = a;
                    hit[3] = b;
                    hit[4] = t;
                }
            }
        }
        return best;
    }

    /**
     * Adds dd2 * d(d2)/d(vertices) for the closest point recorded in hit. With c the closest
     * point on segment a-b at fixed t (t is a minimiser, so its own variation drops out),
     * d(d2)/da = -2 (P - c)(1 - t) and d(d2)/db = -2 (P - c) t.
     */
    private static void addDistanceGradient(ClippedView cv, double[] hit, double px, double py, double dd2,
                                            float[] pos, double[] grad) {
        if (hit[0] == 0) {
            return;
        }
        int a = (int) hit[2];
        int b = (int) hit[3];
        double t = hit[4];
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
