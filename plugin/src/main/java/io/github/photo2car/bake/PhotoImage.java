package io.github.photo2car.bake;

/**
 * A photo as the baker reads it: linear-light-agnostic RGB values in [0, 1], row 0 at the top,
 * with an optional car mask. Immutable (the arrays are copied on the way in and never handed
 * out).
 */
public final class PhotoImage {

    private final int width;
    private final int height;
    private final float[] rgb;
    private final float[] mask;

    /**
     * @param width  width in pixels (&ge; 1)
     * @param height height in pixels (&ge; 1)
     * @param rgb    [H*W*3] row-major, row 0 at the top, values in [0, 1] (copied)
     * @param mask   [H*W] car probability in [0, 1], or null when unknown (copied)
     * @throws IllegalArgumentException on wrong lengths or values outside [0, 1] or not finite
     */
    public PhotoImage(int width, int height, float[] rgb, float[] mask) {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("photo size must be positive, got " + width + "x" + height);
        }
        if (rgb == null || rgb.length != 3 * width * height) {
            throw new IllegalArgumentException("rgb must hold " + 3 * width * height + " values, got "
                    + (rgb == null ? "null" : rgb.length));
        }
        if (mask != null && mask.length != width * height) {
            throw new IllegalArgumentException("mask must hold " + width * height + " values, got " + mask.length);
        }
        checkUnit(rgb, "rgb");
        if (mask != null) {
            checkUnit(mask, "mask");
        }
        this.width = width;
        this.height = height;
        this.rgb = rgb.clone();
        this.mask = mask == null ? null : mask.clone();
    }

    /**
     * Packs 0xRRGGBB pixels (alpha ignored) into a photo.
     *
     * @param width  width in pixels
     * @param height height in pixels
     * @param argb   [H*W] packed pixels, row 0 at the top (not modified)
     * @param mask   [H*W] car probability, or null (copied)
     * @return a new photo
     */
    public static PhotoImage fromArgb(int width, int height, int[] argb, float[] mask) {
        if (argb == null || argb.length != width * height) {
            throw new IllegalArgumentException("argb must hold " + width * height + " pixels");
        }
        float[] rgb = new float[3 * argb.length];
        for (int p = 0; p < argb.length; p++) {
            rgb[3 * p] = ((argb[p] >> 16) & 0xff) / 255f;
            rgb[3 * p + 1] = ((argb[p] >> 8) & 0xff) / 255f;
            rgb[3 * p + 2] = (argb[p] & 0xff) / 255f;
        }
        return new PhotoImage(width, height, rgb, mask);
    }

    private static void checkUnit(float[] values, String name) {
        for (int i = 0; i < values.length; i++) {
            if (!(values[i] >= 0 && values[i] <= 1)) {
                throw new IllegalArgumentException(name + "[" + i + "] = " + values[i] + " is outside [0, 1]");
            }
        }
    }

    /** @return width in pixels */
    public int width() {
        return width;
    }

    /** @return height in pixels */
    public int height() {
        return height;
    }

    /** @return width / height */
    public float aspect() {
        return width / (float) height;
    }

    /** @return whether a car mask is known */
    public boolean hasMask() {
        return mask != null;
    }

    /**
     * @param x pixel column, 0..W-1
     * @param y pixel row, 0..H-1 (0 at the top)
     * @return the mask value there, or 1 when no mask is known
     */
    float mask(int x, int y) {
        return mask == null ? 1f : mask[y * width + x];
    }

    /**
     * Bilinear sample with clamp-to-edge; pixel centres at (x + 0.5, y + 0.5).
     *
     * @param px  pixel-space x (0 = left edge of the image)
     * @param py  pixel-space y (0 = top edge)
     * @param out receives r, g, b (modified)
     */
    void sample(double px, double py, float[] out) {
        double fx = px - 0.5;
        double fy = py - 0.5;
        int x0 = (int) Math.floor(fx);
        int y0 = (int) Math.floor(fy);
        double tx = fx - x0;
        double ty = fy - y0;
        for (int c = 0; c < 3; c++) {
            double top = (1 - tx) * at(x0, y0, c) + tx * at(x0 + 1, y0, c);
            double bottom = (1 - tx) * at(x0, y0 + 1, c) + tx * at(x0 + 1, y0 + 1, c);
            out[c] = (float) ((1 - ty) * top + ty * bottom);
        }
    }

    private float at(int x, int y, int c) {
        int cx = Math.max(0, Math.min(width - 1, x));
        int cy = Math.max(0, Math.min(height - 1, y));
        return rgb[3 * (cy * width + cx) + c];
    }

    /**
     * @return a new array [H*W*3]: the RGB values, row 0 at the top
     */
    public float[] rgb() {
        return rgb.clone();
    }

    /**
     * @return a new array [H*W]: the car mask, or null when none is known
     */
    public float[] maskOrNull() {
        return mask == null ? null : mask.clone();
    }

    /**
     * The same photo with another mask (e.g. only the car being built).
     *
     * @param newMask [H*W] values in [0, 1] (copied), or null
     * @return a new photo
     */
    public PhotoImage withMask(float[] newMask) {
        return new PhotoImage(width, height, rgb, newMask);
    }

    /**
     * Shrinks the photo by area averaging (and its mask likewise) until it holds at most
     * maxPixels pixels; returns this photo when it already does.
     *
     * @param maxPixels the pixel budget (&ge; 1)
     * @return this or a new, smaller photo
     */
    public PhotoImage shrunkTo(int maxPixels) {
        if ((long) width * height <= maxPixels) {
            return this;
        }
        double scale = Math.sqrt(maxPixels / ((double) width * height));
        int w = Math.max(1, (int) Math.floor(width * scale));
        int h = Math.max(1, (int) Math.floor(height * scale));
        float[] outRgb = new float[3 * w * h];
        float[] outMask = mask == null ? null : new float[w * h];
        for (int y = 0; y < h; y++) {
            int y0 = (int) ((long) y * height / h);
            int y1 = Math.max(y0 + 1, (int) ((long) (y + 1) * height / h));
            for (int x = 0; x < w; x++) {
                int x0 = (int) ((long) x * width / w);
                int x1 = Math.max(x0 + 1, (int) ((long) (x + 1) * width / w));
                double r = 0;
                double g = 0;
                double b = 0;
                double m = 0;
                int n = 0;
                for (int yy = y0; yy < y1; yy++) {
                    for (int xx = x0; xx < x1; xx++) {
                        int p = yy * width + xx;
                        r += rgb[3 * p];
                        g += rgb[3 * p + 1];
                        b += rgb[3 * p + 2];
                        m += mask == null ? 0 : mask[p];
                        n++;
                    }
                }
                int q = y * w + x;
                outRgb[3 * q] = (float) (r / n);
                outRgb[3 * q + 1] = (float) (g / n);
                outRgb[3 * q + 2] = (float) (b / n);
                if (outMask != null) {
                    outMask[q] = (float) (m / n);
                }
            }
        }
        return new PhotoImage(w, h, outRgb, outMask);
    }
}
