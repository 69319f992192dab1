package io.github.photo2car.util;

/**
 * Box filtering of an RGB image: the mean colour of the pixels under a rectangle, the way an
 * image is shrunk without aliasing (each output pixel averages the input pixels it covers).
 */
public final class RgbBox {

    private RgbBox() {
    }

    /**
     * Averages the pixels of [x0, x1) x [y0, y1) (pixel coordinates, pixel (i, j) covering
     * [i, i+1) x [j, j+1)), clipped to the image; at least the pixel under the rectangle's start
     * when the rectangle is thinner than a pixel.
     *
     * @param rgb    [H*W*3] values, row-major (not modified)
     * @param width  W
     * @param height H
     * @param x0     left edge
     * @param x1     right edge
     * @param y0     top edge
     * @param y1     bottom edge
     * @param out    receives r, g, b at out[at..at+2] (modified only when a pixel was covered)
     * @param at     where in out
     * @return whether any pixel was covered
     */
    public static boolean average(float[] rgb, int width, int height, double x0, double x1, double y0, double y1,
                                  float[] out, int at) {
        int xa = Math.max(0, (int) Math.floor(x0));
        int xb = Math.min(width, Math.max(xa + 1, (int) Math.ceil(x1)));
        int ya = Math.max(0, (int) Math.floor(y0));
        int yb = Math.min(height, Math.max(ya + 1, (int) Math.ceil(y1)));
        double r = 0;
        double g = 0;
        double b = 0;
        int n = 0;
        for (int y = ya; y < yb; y++) {
            for (int x = xa; x < xb; x++) {
                int p = 3 * (y * width + x);
                r += rgb[p];
                g += rgb[p + 1];
                b += rgb[p + 2];
                n++;
            }
        }
        if (n == 0) {
            return false;
        }
        out[at] = (float) (r / n);
        out[at + 1] = (float) (g / n);
        out[at + 2] = (float) (b / n);
        return true;
    }
}
