package io.github.photo2car.raster;

/**
 * The score the evaluations report for a mask against another: intersection over union of the
 * two masks thresholded at one half. Not a loss (see {@link ImageLosses#softIou} for the
 * differentiable one).
 */
public final class MaskIou {

    private MaskIou() {
    }

    /**
     * @param a mask values [N], a pixel counts where &gt; 0.5 (not modified)
     * @param b mask values [N] of the same layout (not modified)
     * @return |a &and; b| / |a &or; b| in [0, 1]; 1 when both are empty
     * @throws IllegalArgumentException if the lengths differ
     */
    public static double hard(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("masks of " + a.length + " and " + b.length + " values");
        }
        long both = 0;
        long either = 0;
        for (int p = 0; p < a.length; p++) {
            boolean x = a[p] > 0.5f;
            boolean y = b[p] > 0.5f;
            both += x && y ? 1 : 0;
            either += x || y ? 1 : 0;
        }
        return either == 0 ? 1 : both / (double) either;
    }
}
