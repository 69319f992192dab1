package io.github.photo2car.raster;

/**
 * Screen distance from pixel centres to one projected sub-triangle of a {@link ClippedView}, set
 * up once per triangle and then evaluated for many pixels (the soft silhouette's inner loop).
 * Outside the triangle the closest point lies on an edge whose normalized edge function is
 * negative, so only those edges are measured. The closest point of the last evaluation is kept
 * (corner indices into the view and the fraction t along the segment) for the backward pass.
 *
 * <p>Mutable working storage for one thread.
 */
final class TriangleDistance {

    /** Corner indices 3s .. 3s+2 of the current sub-triangle in the view's arrays. */
    private int corner;
    private double x0;
    private double y0;
    private double x1;
    private double y1;
    private double x2;
    private double y2;
    /** Normalized edge functions e_k = a x + b y + c, edge k opposite corner k. */
    private double a0;
    private double b0;
    private double c0;
    private double a1;
    private double b1;
    private double c1;
    private double a2;
    private double b2;
    private double c2;
    /** 1 / squared length of segment corner k to corner k+1 (0 if degenerate). */
    private double inv0;
    private double inv1;
    private double inv2;

    /** Corner index where the closest segment of the last evaluation starts, -1 if inside. */
    int closestA;
    /** Corner index where it ends. */
    int closestB;
    /** Fraction along closestA to closestB of the closest point. */
    double closestT;

    /**
     * Loads sub-triangle s of the view.
     *
     * @param cv the view (not modified)
     * @param s  the sub-triangle index
     */
    void set(ClippedView cv, int s) {
        int c = 3 * s;
        corner = c;
        x0 = cv.sx[c];
        y0 = cv.sy[c];
        x1 = cv.sx[c + 1];
        y1 = cv.sy[c + 1];
        x2 = cv.sx[c + 2];
        y2 = cv.sy[c + 2];
        double[] e = cv.edge;
        int base = 9 * s;
        a0 = e[base];
        b0 = e[base + 1];
        c0 = e[base + 2];
        a1 = e[base + 3];
        b1 = e[base + 4];
        c1 = e[base + 5];
        a2 = e[base + 6];
        b2 = e[base + 7];
        c2 = e[base + 8];
        inv0 = inverseLength2(x1 - x0, y1 - y0);
        inv1 = inverseLength2(x2 - x1, y2 - y1);
        inv2 = inverseLength2(x0 - x2, y0 - y2);
    }

    private static double inverseLength2(double dx, double dy) {
        double len2 = dx * dx + dy * dy;
        return len2 > 0 ? 1 / len2 : 0;
    }

    /**
     * @param px pixel-space x (pixel centres at x + 0.5)
     * @param py pixel-space y, down
     * @return the squared distance in square pixels from (px, py) to the triangle, 0 inside
     */
    double distance2(double px, double py) {
        double f0 = a0 * px + b0 * py + c0;
        double f1 = a1 * px + b1 * py + c1;
        double f2 = a2 * px + b2 * py + c2;
        closestA = -1;
        if (f0 >= 0 && f1 >= 0 && f2 >= 0) {
            return 0;
        }
        double best = Double.POSITIVE_INFINITY;
        // segment corner k -> corner k+1 lies opposite corner k+2
        if (f2 < 0) {
            best = segment(px, py, x0, y0, x1, y1, inv0, 0, best);
        }
        if (f0 < 0) {
            best = segment(px, py, x1, y1, x2, y2, inv1, 1, best);
        }
        if (f1 < 0) {
            best = segment(px, py, x2, y2, x0, y0, inv2, 2, best);
        }
        return best;
    }

    private double segment(double px, double py, double ax, double ay, double bx, double by, double inv, int k,
                           double best) {
        double ex = bx - ax;
        double ey = by - ay;
        double t = ((px - ax) * ex + (py - ay) * ey) * inv;
        t = t < 0 ? 0 : t > 1 ? 1 : t;
        double dx = px - (ax + t * ex);
        double dy = py - (ay + t * ey);
        double d2 = dx * dx + dy * dy;
        if (d2 < best) {
            closestA = corner + k;
            closestB = corner + (k + 1) % 3;
            closestT = t;
            return d2;
        }
        return best;
    }
}
