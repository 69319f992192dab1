package io.github.photo2car.fit;

/**
 * Exact squared Euclidean distance transform of a binary image (Felzenszwalb and Huttenlocher
 * 2012, "Distance Transforms of Sampled Functions"): two passes of the 1-D lower-envelope-of-
 * parabolas transform, O(W*H).
 */
final class DistanceTransform {

    private static final float FAR = 1e20f;

    private DistanceTransform() {
    }

    /**
     * Squared distance in pixels from every pixel centre to the nearest set pixel centre.
     *
     * @param set    [H*W] row-major, true where the feature is (not modified)
     * @param width  W
     * @param height H
     * @return a new [H*W] array; 0 on set pixels, about 1e20 everywhere when none is set
     */
    static float[] squared(boolean[] set, int width, int height) {
        float[] d = new float[width * height];
        for (int i = 0; i < d.length; i++) {
            d[i] = set[i] ? 0f : FAR;
        }
        int n = Math.max(width, height);
        float[] f = new float[n];
        float[] out = new float[n];
        int[] v = new int[n];
        float[] z = new float[n + 1];
        for (int x = 0; x < width; x++) {
            for (int y = 0; y < height; y++) {
                f[y] = d[y * width + x];
            }
            transform1d(f, height, out, v, z);
            for (int y = 0; y < height; y++) {
                d[y * width + x] = out[y];
            }
        }
        for (int y = 0; y < height; y++) {
            System.arraycopy(d, y * width, f, 0, width);
            transform1d(f, width, out, v, z);
            System.arraycopy(out, 0, d, y * width, width);
        }
        return d;
    }

    /** out[q] = min_p (q - p)^2 + f[p] over 0 <= p < n. */
    private static void transform1d(float[] f, int n, float[] out, int[] v, float[] z) {
        int k = 0;
        v[0] = 0;
        z[0] = Float.NEGATIVE_INFINITY;
        z[1] = Float.POSITIVE_INFINITY;
        for (int q = 1; q < n; q++) {
            float s = intersection(f, q, v[k]);
            // z[0] is minus infinity, so k never drops below 0
            while (s <= z[k]) {
                k--;
                s = intersection(f, q, v[k]);
            }
            k++;
            v[k] = q;
            z[k] = s;
            z[k + 1] = Float.POSITIVE_INFINITY;
        }
        k = 0;
        for (int q = 0; q < n; q++) {
            while (z[k + 1] < q) {
                k++;
            }
            float dq = q - v[k];
            out[q] = dq * dq + f[v[k]];
        }
    }

    /** Where the parabolas rooted at q and p intersect. */
    private static float intersection(float[] f, int q, int p) {
        return ((f[q] + (float) q * q) - (f[p] + (float) p * p)) / (2f * (q - p));
    }
}
