package io.github.photo2car.raster;

/**
 * One view's triangles made ready for screen-space work: clipped against the near plane
 * z + w &ge; 0 in homogeneous space (Sutherland-Hodgman on one plane; a triangle becomes 0, 1 or 2
 * sub-triangles), projected to pixel coordinates, and binned into square tiles so that per-pixel
 * work only visits triangles that can touch the pixel (the tiled design of nvdiffrast's CUDA
 * rasterizer and of Laine and Karras 2011, "High-Performance Software Rasterization on GPUs").
 *
 * <p>Clipping against the near plane (rather than dividing by w first) is what keeps a triangle
 * that crosses the camera plane from wrapping around through infinity. Fragments beyond the far
 * plane are discarded per pixel instead: NDC depth is affine in screen space, so that is the same
 * as clipping. Every corner of a sub-triangle remembers where it came from: the point
 * v[a] + t (v[b] - v[a]) of the original clip-space vertices (a = b, t = 0 for an original
 * vertex), so screen-space gradients can be carried back through the clipping.
 *
 * <p>Package-private working storage; not thread-safe while being built, read-only afterwards.
 */
final class ClippedView {

    /** Tile side in pixels. */
    static final int TILE = 16;
    /** Sub-triangles with a smaller doubled screen area (square pixels) are degenerate. */
    private static final double MIN_AREA2 = 1e-9;
    /** Clipped corners must keep w above this so the projection stays finite. */
    private static final double MIN_W = 1e-12;

    final int width;
    final int height;
    final int tilesX;
    final int tilesY;
    int count;
    /** [count] original triangle of each sub-triangle. */
    int[] parent;
    /** [count*3] provenance of each corner: vertices a and b and the fraction t. */
    int[] va;
    int[] vb;
    float[] vt;
    /** [count*3] corner position in pixels (x right, y down) and NDC depth. */
    double[] sx;
    double[] sy;
    double[] sz;
    /** [count*9] normalized edge functions e_k = A x + B y + C, all &ge; 0 inside. */
    double[] edge;
    /** [count*3] depth plane z = P x + Q y + R in pixel coordinates. */
    double[] plane;
    /** CSR bins: sub-triangles of tile i are binItems[binStart[i] .. binStart[i+1]). */
    int[] binStart;
    int[] binItems;
    /** Scratch for building, reused for every triangle. */
    private final int[] idx = new int[3];
    private final double[] dist = new double[3];
    private final int[] scratchA = new int[4];
    private final int[] scratchB = new int[4];
    private final float[] scratchT = new float[4];

    private ClippedView(int width, int height) {
        this.width = width;
        this.height = height;
        this.tilesX = (width + TILE - 1) / TILE;
        this.tilesY = (height + TILE - 1) / TILE;
    }

    /**
     * Clips, projects and bins one view.
     *
     * @param pos       clip positions [V*4], validated (not modified)
     * @param triangles vertex indices [T*3], validated (not modified)
     * @param width     image width in pixels
     * @param height    image height in pixels
     * @param margin    how far (pixels) beyond its bounding box a sub-triangle is binned
     * @return a new view
     */
    static ClippedView build(float[] pos, int[] triangles, int width, int height, double margin) {
        ClippedView c = new ClippedView(width, height);
        int t = triangles.length / 3;
        int cap = Math.max(4, 2 * t);
        c.parent = new int[cap];
        c.va = new int[3 * cap];
        c.vb = new int[3 * cap];
        c.vt = new float[3 * cap];
        c.sx = new double[3 * cap];
        c.sy = new double[3 * cap];
        c.sz = new double[3 * cap];
        int[] pa = c.scratchA;
        int[] pb = c.scratchB;
        float[] pt = c.scratchT;
        for (int tri = 0; tri < t; tri++) {
            int i0 = triangles[3 * tri];
            int i1 = triangles[3 * tri + 1];
            int i2 = triangles[3 * tri + 2];
            if (i0 == i1 || i1 == i2 || i0 == i2) {
                continue;
            }
            c.idx[0] = i0;
            c.idx[1] = i1;
            c.idx[2] = i2;
            int n = clip(pos, c.idx, c.dist, pa, pb, pt);
            // fan the clipped polygon (3 or 4 corners) into sub-triangles
            for (int k = 1; k + 1 < n; k++) {
                c.add(pos, tri, pa, pb, pt, 0, k, k + 1);
            }
        }
        c.setupEdges();
        c.bin(margin);
        return c;
    }

    /** Sutherland-Hodgman against z + w &ge; 0; returns the corner count (0, 3 or 4). */
    private static int clip(float[] pos, int[] idx, double[] d, int[] pa, int[] pb, float[] pt) {
        int inside = 0;
        for (int k = 0; k < 3; k++) {
            d[k] = (double) pos[4 * idx[k] + 2] + pos[4 * idx[k] + 3];
            if (d[k] >= 0) {
                inside++;
            }
        }
        if (inside == 0) {
            return 0;
        }
        int n = 0;
        for (int k = 0; k < 3; k++) {
            int k2 = (k + 1) % 3;
            if (d[k] >= 0) {
                pa[n] = idx[k];
                pb[n] = idx[k];
                pt[n] = 0f;
                n++;
            }
            if ((d[k] >= 0) != (d[k2] >= 0)) {
                pa[n] = idx[k];
                pb[n] = idx[k2];
                pt[n] = (float) (d[k] / (d[k] - d[k2]));
                n++;
            }
        }
        return n;
    }

    private void add(float[] pos, int tri, int[] pa, int[] pb, float[] pt, int c0, int c1, int c2) {
        if (count == parent.length) {
            grow();
        }
        int s = count;
        for (int k = 0; k < 3; k++) {
            int c = k == 0 ? c0 : k == 1 ? c1 : c2;
            int a = pa[c];
            int b = pb[c];
            double t = pt[c];
            double x = lerp(pos[4 * a], pos[4 * b], t);
            double y = lerp(pos[4 * a + 1], pos[4 * b + 1], t);
            double z = lerp(pos[4 * a + 2], pos[4 * b + 2], t);
            double w = lerp(pos[4 * a + 3], pos[4 * b + 3], t);
            if (!(w > MIN_W)) {
                // only a projection that is not a camera (w <= 0 inside the near plane) gets here
                return;
            }
            va[3 * s + k] = a;
            vb[3 * s + k] = b;
            vt[3 * s + k] = pt[c];
            sx[3 * s + k] = (x / w * 0.5 + 0.5) * width;
            sy[3 * s + k] = (0.5 - 0.5 * y / w) * height;
            sz[3 * s + k] = z / w;
        }
        double area2 = (sx[3 * s + 1] - sx[3 * s]) * (sy[3 * s + 2] - sy[3 * s])
                - (sy[3 * s + 1] - sy[3 * s]) * (sx[3 * s + 2] - sx[3 * s]);
        if (!(Math.abs(area2) > MIN_AREA2) || !Double.isFinite(area2)) {
            return;
        }
        parent[s] = tri;
        count++;
    }

    private static double lerp(double a, double b, double t) {
        return t == 0 ? a : a + t * (b - a);
    }

    private void grow() {
        int cap = 2 * parent.length;
        parent = java.util.Arrays.copyOf(parent, cap);
        va = java.util.Arrays.copyOf(va, 3 * cap);
        vb = java.util.Arrays.copyOf(vb, 3 * cap);
        vt = java.util.Arrays.copyOf(vt, 3 * cap);
        sx = java.util.Arrays.copyOf(sx, 3 * cap);
        sy = java.util.Arrays.copyOf(sy, 3 * cap);
        sz = java.util.Arrays.copyOf(sz, 3 * cap);
    }

    private void setupEdges() {
        edge = new double[9 * count];
        plane = new double[3 * count];
        for (int s = 0; s < count; s++) {
            double area2 = 0;
            for (int k = 0; k < 3; k++) {
                // edge opposite corner k runs from corner k+1 to corner k+2
                int i = 3 * s + (k + 1) % 3;
                int j = 3 * s + (k + 2) % 3;
                double a = -(sy[j] - sy[i]);
                double b = sx[j] - sx[i];
                double cc = -(a * sx[i] + b * sy[i]);
                edge[9 * s + 3 * k] = a;
                edge[9 * s + 3 * k + 1] = b;
                edge[9 * s + 3 * k + 2] = cc;
                if (k == 0) {
                    area2 = a * sx[3 * s] + b * sy[3 * s] + cc;
                }
            }
            double inv = 1.0 / area2;
            double p = 0;
            double q = 0;
            double r = 0;
            for (int k = 0; k < 9; k++) {
                edge[9 * s + k] *= inv;
            }
            // normalized edge functions are the screen-space barycentrics, so depth is their blend
            for (int k = 0; k < 3; k++) {
                double z = sz[3 * s + k];
                p += z * edge[9 * s + 3 * k];
                q += z * edge[9 * s + 3 * k + 1];
                r += z * edge[9 * s + 3 * k + 2];
            }
            plane[3 * s] = p;
            plane[3 * s + 1] = q;
            plane[3 * s + 2] = r;
        }
    }

    /** Pixel-index bounding box of sub-triangle s grown by margin; false if off-screen. */
    boolean bounds(int s, double margin, int[] box) {
        double minX = Math.min(sx[3 * s], Math.min(sx[3 * s + 1], sx[3 * s + 2])) - margin;
        double maxX = Math.max(sx[3 * s], Math.max(sx[3 * s + 1], sx[3 * s + 2])) + margin;
        double minY = Math.min(sy[3 * s], Math.min(sy[3 * s + 1], sy[3 * s + 2])) - margin;
        double maxY = Math.max(sy[3 * s], Math.max(sy[3 * s + 1], sy[3 * s + 2])) + margin;
        // pixel x has its centre at x + 0.5
        double x0 = Math.ceil(minX - 0.5);
        double x1 = Math.floor(maxX - 0.5);
        double y0 = Math.ceil(minY - 0.5);
        double y1 = Math.floor(maxY - 0.5);
        if (x1 < 0 || y1 < 0 || x0 > width - 1 || y0 > height - 1 || x0 > x1 || y0 > y1) {
            return false;
        }
        box[0] = (int) Math.max(0, x0);
        box[1] = (int) Math.min(width - 1, x1);
        box[2] = (int) Math.max(0, y0);
        box[3] = (int) Math.min(height - 1, y1);
        return true;
    }

    private void bin(double margin) {
        int tiles = tilesX * tilesY;
        binStart = new int[tiles + 1];
        int[] box = new int[4];
        for (int s = 0; s < count; s++) {
            if (bounds(s, margin, box)) {
                for (int ty = box[2] / TILE; ty <= box[3] / TILE; ty++) {
                    for (int tx = box[0] / TILE; tx <= box[1] / TILE; tx++) {
                        binStart[ty * tilesX + tx + 1]++;
                    }
                }
            }
        }
        for (int i = 0; i < tiles; i++) {
            binStart[i + 1] += binStart[i];
        }
        binItems = new int[binStart[tiles]];
        int[] fill = java.util.Arrays.copyOf(binStart, tiles);
        // sub-triangles enter each bin in ascending order, which makes depth ties deterministic
        for (int s = 0; s < count; s++) {
            if (bounds(s, margin, box)) {
                for (int ty = box[2] / TILE; ty <= box[3] / TILE; ty++) {
                    for (int tx = box[0] / TILE; tx <= box[1] / TILE; tx++) {
                        binItems[fill[ty * tilesX + tx]++] = s;
                    }
                }
            }
        }
    }
}
