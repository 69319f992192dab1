package io.github.photo2car.raster;

/**
 * Finds, in one view of a raster output, the pairs of horizontally or vertically adjacent pixels
 * across which a silhouette edge of the nearer triangle passes, and where along the segment
 * between the two pixel centres it crosses: the geometric core of {@link RasterBackend#antialias}
 * (after nvdiffrast's antialiasing op; ideas only). Edge functions are the 2D homogeneous ones of
 * {@link Homogeneous}, so the crossing point is exact under perspective and for clipped triangles.
 */
final class EdgePairs {

    /** Receives one pair: f the pixel of the front triangle, q its neighbour, target the pixel
     * to blend (f or q), t the crossing fraction from f's centre, k the crossed edge. */
    @FunctionalInterface
    interface PairConsumer {
        void accept(int f, int q, int target, double t, int k);
    }

    private final int width;
    private final int height;
    private final int[] ids;
    private final float[] depth;
    private final float[] pos;
    private final int[] tris;
    private final EdgeTopology topology;

    EdgePairs(RasterOutput raster, int view, float[] pos, int[] tris, EdgeTopology topology) {
        this.width = raster.width();
        this.height = raster.height();
        this.ids = raster.triangleIds(view);
        this.depth = raster.depth(view);
        this.pos = pos;
        this.tris = tris;
        this.topology = topology;
    }

    void forEach(PairConsumer consumer) {
        double[] hit = new double[2];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int p = y * width + x;
                if (x + 1 < width) {
                    visit(p, p + 1, hit, consumer);
                }
                if (y + 1 < height) {
                    visit(p, p + width, hit, consumer);
                }
            }
        }
    }

    private void visit(int p, int q, double[] hit, PairConsumer consumer) {
        int ip = ids[p];
        int iq = ids[q];
        if (ip == iq) {
            return;
        }
        boolean pFront;
        if (ip < 0) {
            pFront = false;
        } else if (iq < 0) {
            pFront = true;
        } else {
            pFront = depth[p] < depth[q] || (depth[p] == depth[q] && ip < iq);
        }
        int f = pFront ? p : q;
        int o = pFront ? q : p;
        if (!crossing(f, o, hit)) {
            return;
        }
        double t = hit[0];
        int k = (int) hit[1];
        consumer.accept(f, o, t > 0.5 ? o : f, t, k);
    }

    /**
     * Finds the first edge of f's triangle that the segment from f's centre to o's centre leaves
     * through; true (with hit = {t, k}) if that edge is a silhouette edge.
     */
    private boolean crossing(int f, int o, double[] hit) {
        int tri = ids[f];
        double fx = Homogeneous.ndcX(f % width, width);
        double fy = Homogeneous.ndcY(f / width, height);
        double ox = Homogeneous.ndcX(o % width, width);
        double oy = Homogeneous.ndcY(o / width, height);
        double sum = 0;
        for (int k = 0; k < 3; k++) {
            sum += edge(tri, k, fx, fy);
        }
        if (sum == 0) {
            return false;
        }
        double sign = Math.signum(sum);
        double bestT = Double.POSITIVE_INFINITY;
        int bestK = -1;
        for (int k = 0; k < 3; k++) {
            double ef = sign * edge(tri, k, fx, fy);
            double eo = sign * edge(tri, k, ox, oy);
            if (ef >= 0 && eo < 0) {
                double t = ef / (ef - eo);
                if (t < bestT) {
                    bestT = t;
                    bestK = k;
                }
            }
        }
        if (bestK < 0 || !silhouette(tri, bestK)) {
            return false;
        }
        hit[0] = bestT;
        hit[1] = bestK;
        return true;
    }

    private double edge(int tri, int k, double px, double py) {
        return Homogeneous.edge(pos, tris[3 * tri + (k + 1) % 3], tris[3 * tri + (k + 2) % 3], px, py);
    }

    /** A boundary edge, or one whose neighbour faces the other way (or is degenerate). */
    private boolean silhouette(int tri, int k) {
        int nb = topology.neighbor(tri, k);
        if (nb < 0) {
            return true;
        }
        double a = Homogeneous.orientation(pos, tris[3 * tri], tris[3 * tri + 1], tris[3 * tri + 2]);
        double b = Homogeneous.orientation(pos, tris[3 * nb], tris[3 * nb + 1], tris[3 * nb + 2]);
        return Math.signum(a) != Math.signum(b) || b == 0;
    }

    /**
     * Adds dt * d t / d(clip positions) for the crossing of pair (f, q) through edge k into
     * grad [V*4]. With e_f, e_q the raw edge function at both centres, t = e_f / (e_f - e_q).
     */
    void addCrossingGradient(double dt, int f, int q, int k, double[] grad) {
        int tri = ids[f];
        int i = tris[3 * tri + (k + 1) % 3];
        int j = tris[3 * tri + (k + 2) % 3];
        double fx = Homogeneous.ndcX(f % width, width);
        double fy = Homogeneous.ndcY(f / width, height);
        double qx = Homogeneous.ndcX(q % width, width);
        double qy = Homogeneous.ndcY(q / width, height);
        double ef = Homogeneous.edge(pos, i, j, fx, fy);
        double eq = Homogeneous.edge(pos, i, j, qx, qy);
        double den = (ef - eq) * (ef - eq);
        if (!(den > 0)) {
            return;
        }
        Homogeneous.addEdgeGradient(dt * -eq / den, pos, i, j, fx, fy, grad);
        Homogeneous.addEdgeGradient(dt * ef / den, pos, i, j, qx, qy, grad);
    }
}
