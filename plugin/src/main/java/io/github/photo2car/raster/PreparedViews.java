package io.github.photo2car.raster;

import java.util.Arrays;

/**
 * The views a {@link JavaRasterBackend} last clipped and binned, with copies of the inputs they
 * came from, so the passes of one optimisation step (rasterize, soft silhouette, and their
 * backward passes) share that work instead of repeating it. Inputs are compared by value, never
 * by reference, so a caller that edits its arrays in place still gets fresh results. Immutable.
 */
final class PreparedViews {

    private final float[][] positions;
    private final int[] triangles;
    private final int width;
    private final int height;
    /** How far (pixels) beyond its bounding box each sub-triangle was binned. */
    final double margin;
    final ClippedView[] clipped;
    /** The soft silhouette's softness, when {@link #soft} is set. */
    final float sigma;
    /** The soft silhouette's views with q computed, or null. */
    final SoftSilhouette.View[] soft;

    /**
     * @param positions clip positions [B][V*4] (copied)
     * @param triangles vertex indices (copied)
     * @param width     image width
     * @param height    image height
     * @param margin    the binning margin of clipped
     * @param clipped   one clipped view per input view (kept)
     */
    PreparedViews(float[][] positions, int[] triangles, int width, int height, double margin, ClippedView[] clipped) {
        this.positions = new float[positions.length][];
        for (int b = 0; b < positions.length; b++) {
            this.positions[b] = positions[b].clone();
        }
        this.triangles = triangles.clone();
        this.width = width;
        this.height = height;
        this.margin = margin;
        this.clipped = clipped;
        this.sigma = 0;
        this.soft = null;
    }

    private PreparedViews(PreparedViews base, float sigma, SoftSilhouette.View[] soft) {
        this.positions = base.positions;
        this.triangles = base.triangles;
        this.width = base.width;
        this.height = base.height;
        this.margin = base.margin;
        this.clipped = base.clipped;
        this.sigma = sigma;
        this.soft = soft;
    }

    /**
     * @param newSigma the soft silhouette's softness
     * @param views    its views, built on {@link #clipped} (kept)
     * @return a copy that also holds the soft silhouette
     */
    PreparedViews withSoft(float newSigma, SoftSilhouette.View[] views) {
        return new PreparedViews(this, newSigma, views);
    }

    /**
     * @return whether these views were made from equal inputs, binned at least minMargin wide
     */
    boolean matches(float[][] pos, int[] tris, int w, int h, double minMargin) {
        if (w != width || h != height || margin < minMargin || pos.length != positions.length
                || !Arrays.equals(tris, triangles)) {
            return false;
        }
        for (int b = 0; b < pos.length; b++) {
            if (!Arrays.equals(pos[b], positions[b])) {
                return false;
            }
        }
        return true;
    }
}
