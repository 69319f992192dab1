package io.github.photo2car.raster;

/**
 * Bilinear footprint of one texture lookup with clamp-to-edge addressing: the four texels and
 * their weights. Mutable and reused across samples so the hot loop allocates nothing.
 */
final class Bilinear {

    private int i00;
    private int i10;
    private int i01;
    private int i11;
    private double fx;
    private double fy;
    private int texWidth;

    /** Points this footprint at uv (texel centres at (i + 0.5) / size). */
    void set(double u, double v, int width, int height) {
        texWidth = width;
        double sx = u * width - 0.5;
        double sy = v * height - 0.5;
        double x0 = Math.floor(sx);
        double y0 = Math.floor(sy);
        fx = sx - x0;
        fy = sy - y0;
        int xa = clamp(x0, width);
        int xb = clamp(x0 + 1, width);
        int ya = clamp(y0, height);
        int yb = clamp(y0 + 1, height);
        i00 = ya * width + xa;
        i10 = ya * width + xb;
        i01 = yb * width + xa;
        i11 = yb * width + xb;
    }

    private static int clamp(double index, int size) {
        return (int) Math.max(0, Math.min(size - 1, index));
    }

    double sample(float[] tex, int channels, int c) {
        return (1 - fx) * (1 - fy) * tex[i00 * channels + c] + fx * (1 - fy) * tex[i10 * channels + c]
                + (1 - fx) * fy * tex[i01 * channels + c] + fx * fy * tex[i11 * channels + c];
    }

    /** d sample / d (texel x), texels per unit; zero where clamping repeats one texel. */
    double derivativeX(float[] tex, int channels, int c) {
        return (1 - fy) * (tex[i10 * channels + c] - tex[i00 * channels + c])
                + fy * (tex[i11 * channels + c] - tex[i01 * channels + c]);
    }

    /** d sample / d (texel y). */
    double derivativeY(float[] tex, int channels, int c) {
        return (1 - fx) * (tex[i01 * channels + c] - tex[i00 * channels + c])
                + fx * (tex[i11 * channels + c] - tex[i10 * channels + c]);
    }

    /** Adds g times the bilinear weights into the texture gradient. */
    void scatter(double g, double[] grad, int channels, int c) {
        grad[i00 * channels + c] += g * (1 - fx) * (1 - fy);
        grad[i10 * channels + c] += g * fx * (1 - fy);
        grad[i01 * channels + c] += g * (1 - fx) * fy;
        grad[i11 * channels + c] += g * fx * fy;
    }
}
