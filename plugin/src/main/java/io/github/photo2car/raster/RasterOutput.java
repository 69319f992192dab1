package io.github.photo2car.raster;

/**
 * What {@link RasterBackend#rasterize} produces for a batch of B views at W&times;H pixels: per
 * pixel the id of the visible triangle (-1 where no triangle covers the pixel centre), its
 * perspective-correct barycentrics (u, v) and its NDC depth z/w. Uncovered pixels hold u = v = 0
 * and depth +1.
 *
 * <p>The accessors return the live arrays (no copies, so large batches cost nothing to pass
 * around); callers must treat them as read-only.
 */
public final class RasterOutput {

    private final int width;
    private final int height;
    private final int[][] triangleIds;
    private final float[][] barycentrics;
    private final float[][] depth;

    /**
     * Wraps per-view arrays (not copied).
     *
     * @param width        image width in pixels
     * @param height       image height in pixels
     * @param triangleIds  [B][H*W] visible triangle per pixel, -1 for none
     * @param barycentrics [B][H*W*2] (u, v) per pixel
     * @param depth        [B][H*W] NDC depth per pixel
     * @throws IllegalArgumentException if the shapes disagree
     */
    public RasterOutput(int width, int height, int[][] triangleIds, float[][] barycentrics, float[][] depth) {
        Checks.imageSize(width, height);
        Checks.notNull(triangleIds, "triangleIds");
        Checks.notNull(barycentrics, "barycentrics");
        Checks.notNull(depth, "depth");
        int n = width * height;
        if (barycentrics.length != triangleIds.length || depth.length != triangleIds.length) {
            throw new IllegalArgumentException("triangleIds, barycentrics and depth must hold the same number of views");
        }
        for (int b = 0; b < triangleIds.length; b++) {
            if (triangleIds[b].length != n || barycentrics[b].length != 2 * n || depth[b].length != n) {
                throw new IllegalArgumentException("view " + b + " arrays do not match " + width + "x" + height);
            }
        }
        this.width = width;
        this.height = height;
        this.triangleIds = triangleIds;
        this.barycentrics = barycentrics;
        this.depth = depth;
    }

    /** @return the number of views B */
    public int views() {
        return triangleIds.length;
    }

    /** @return the image width W in pixels */
    public int width() {
        return width;
    }

    /** @return the image height H in pixels */
    public int height() {
        return height;
    }

    /**
     * @param view the view index, 0..B-1
     * @return the live [H*W] array of visible triangle ids (-1 = empty), row 0 at the top
     */
    public int[] triangleIds(int view) {
        return triangleIds[view];
    }

    /**
     * @param view the view index, 0..B-1
     * @return the live [H*W*2] array of perspective-correct barycentrics (u, v)
     */
    public float[] barycentrics(int view) {
        return barycentrics[view];
    }

    /**
     * @param view the view index, 0..B-1
     * @return the live [H*W] array of NDC depths z/w (+1 where empty)
     */
    public float[] depth(int view) {
        return depth[view];
    }

    /**
     * Coverage as a hard mask: 1 where a triangle is visible, 0 elsewhere.
     *
     * @param view the view index, 0..B-1
     * @return a new [H*W] array
     */
    public float[] mask(int view) {
        int[] ids = triangleIds[view];
        float[] m = new float[ids.length];
        for (int i = 0; i < ids.length; i++) {
            m[i] = ids[i] >= 0 ? 1f : 0f;
        }
        return m;
    }
}
