package io.github.photo2car.neural;

import io.github.photo2car.util.RgbBox;

/**
 * How a photo of any shape fits a square network input: a square window of the photo (by
 * default the whole photo, its longer side filling the square, centred, with grey bars on the
 * shorter side; or a closer window around one car) scaled uniformly into the input. Maps between
 * photo pixels and input pixels both ways. Immutable.
 *
 * @param photoWidth  photo width in pixels
 * @param photoHeight photo height in pixels
 * @param size        the square input side S in pixels
 * @param windowX     photo x of the window's left edge, pixels (may lie outside the photo)
 * @param windowY     photo y of the window's top edge, pixels (may lie outside the photo)
 * @param windowSide  the window's side in photo pixels (&gt; 0)
 */
public record Letterbox(int photoWidth, int photoHeight, int size, double windowX, double windowY,
                        double windowSide) {

    /** Grey of the bars, in [0, 1] (the training data's letterbox colour). */
    public static final float PAD = 0.5f;

    /** Validates the sizes. */
    public Letterbox {
        if (photoWidth < 1 || photoHeight < 1 || size < 1) {
            throw new IllegalArgumentException("sizes must be positive: " + photoWidth + "x" + photoHeight + " into "
                    + size);
        }
        if (!(windowSide > 0) || !Double.isFinite(windowX) || !Double.isFinite(windowY)
                || !Double.isFinite(windowSide)) {
            throw new IllegalArgumentException("bad window " + windowX + ", " + windowY + ", side " + windowSide);
        }
    }

    /**
     * The whole photo, letterboxed.
     *
     * @param photoWidth  photo width in pixels
     * @param photoHeight photo height in pixels
     * @param size        the square input side S in pixels
     */
    public Letterbox(int photoWidth, int photoHeight, int size) {
        this(photoWidth, photoHeight, size, 0.5 * (photoWidth - Math.max(photoWidth, photoHeight)),
                0.5 * (photoHeight - Math.max(photoWidth, photoHeight)), Math.max(1, Math.max(photoWidth, photoHeight)));
    }

    /** @return input pixels per photo pixel */
    public double scale() {
        return size / windowSide;
    }

    /** @return input x of the photo's left edge */
    public double offsetX() {
        return -windowX * scale();
    }

    /** @return input y of the photo's top edge */
    public double offsetY() {
        return -windowY * scale();
    }

    /**
     * @param x photo x, pixels
     * @param y photo y, pixels
     * @return whether the window covers that point of the photo
     */
    public boolean covers(double x, double y) {
        return x >= windowX && y >= windowY && x < windowX + windowSide && y < windowY + windowSide;
    }

    /**
     * Resamples a photo into the square input (area-averaging when shrinking, bilinear when
     * enlarging), bars in {@link #PAD} grey.
     *
     * @param rgb [H*W*3] photo RGB in [0, 1], row 0 at the top (not modified)
     * @return a new [S*S*3] input
     */
    public float[] apply(float[] rgb) {
        if (rgb.length != 3 * photoWidth * photoHeight) {
            throw new IllegalArgumentException("rgb must hold " + 3 * photoWidth * photoHeight + " values");
        }
        float[] out = new float[3 * size * size];
        java.util.Arrays.fill(out, PAD);
        double s = scale();
        double ox = offsetX();
        double oy = offsetY();
        // each input pixel averages the photo pixels under it (a box of 1/s photo pixels)
        double footprint = 1 / s;
        for (int y = 0; y < size; y++) {
            double py0 = (y - oy) * footprint;
            double py1 = (y + 1 - oy) * footprint;
            if (py1 <= 0 || py0 >= photoHeight) {
                continue;
            }
            for (int x = 0; x < size; x++) {
                double px0 = (x - ox) * footprint;
                double px1 = (x + 1 - ox) * footprint;
                if (px1 <= 0 || px0 >= photoWidth) {
                    continue;
                }
                average(rgb, px0, px1, py0, py1, out, 3 * (y * size + x));
            }
        }
        return out;
    }

    private void average(float[] rgb, double x0, double x1, double y0, double y1, float[] out, int at) {
        if (x1 - x0 <= 1) {
            // enlarging: bilinear at the centre
            double cx = 0.5 * (x0 + x1) - 0.5;
            double cy = 0.5 * (y0 + y1) - 0.5;
            int ix = (int) Math.floor(cx);
            int iy = (int) Math.floor(cy);
            double tx = cx - ix;
            double ty = cy - iy;
            for (int c = 0; c < 3; c++) {
                double top = (1 - tx) * at(rgb, ix, iy, c) + tx * at(rgb, ix + 1, iy, c);
                double bottom = (1 - tx) * at(rgb, ix, iy + 1, c) + tx * at(rgb, ix + 1, iy + 1, c);
                out[at + c] = (float) ((1 - ty) * top + ty * bottom);
            }
            return;
        }
        RgbBox.average(rgb, photoWidth, photoHeight, x0, x1, y0, y1, out, at);
    }

    private float at(float[] rgb, int x, int y, int c) {
        int cx = Math.max(0, Math.min(photoWidth - 1, x));
        int cy = Math.max(0, Math.min(photoHeight - 1, y));
        return rgb[3 * (cy * photoWidth + cx) + c];
    }
}
