package io.github.photo2car.neural;

/**
 * The segmenter's answer for one photo: per-class probabilities on the square network grid and
 * the letterbox that relates the grid to the photo, so masks and class maps can be read at any
 * resolution. Immutable; getters return copies.
 */
public final class Segmentation {

    private final Letterbox letterbox;
    private final float[] probabilities;

    /**
     * @param letterbox     how the photo was fitted into the grid
     * @param probabilities [S*S*C] class probabilities, C = {@link SegmentClass#COUNT} (kept)
     */
    Segmentation(Letterbox letterbox, float[] probabilities) {
        int s = letterbox.size();
        if (probabilities.length != s * s * SegmentClass.COUNT) {
            throw new IllegalArgumentException("expected " + s * s * SegmentClass.COUNT + " probabilities, got "
                    + probabilities.length);
        }
        this.letterbox = letterbox;
        this.probabilities = probabilities;
    }

    /** @return how the photo sits in the network's square input */
    public Letterbox letterbox() {
        return letterbox;
    }

    /**
     * Car probability (1 - P(background)) resampled to a grid over the whole photo.
     *
     * @param width  output width in pixels (e.g. the photo's width)
     * @param height output height in pixels
     * @return a new [height*width] array in [0, 1], row 0 at the top
     */
    public float[] carProbability(int width, int height) {
        float[] out = new float[width * height];
        float[] p = new float[SegmentClass.COUNT];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                sample((x + 0.5) / width, (y + 0.5) / height, p);
                out[y * width + x] = 1 - p[0];
            }
        }
        return out;
    }

    /**
     * The class of each pixel of a grid over the whole photo, car first ({@link SegmentClass#decide}):
     * car pixels are exactly those of {@link #carProbability} &ge; 0.5.
     *
     * @param width  output width in pixels
     * @param height output height in pixels
     * @return a new [height*width] array of {@link SegmentClass} ordinals
     */
    public byte[] classes(int width, int height) {
        byte[] out = new byte[width * height];
        float[] p = new float[SegmentClass.COUNT];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                sample((x + 0.5) / width, (y + 0.5) / height, p);
                out[y * width + x] = (byte) SegmentClass.decide(p, 0);
            }
        }
        return out;
    }

    /**
     * A car-present score: the mean car probability over the pixels the network calls car,
     * scaled down when that area is under 1 % of the photo. 0 when no pixel is car.
     *
     * @return a score in [0, 1]
     */
    public float carScore() {
        int s = letterbox.size();
        double sum = 0;
        int n = 0;
        int inside = 0;
        for (int y = 0; y < s; y++) {
            for (int x = 0; x < s; x++) {
                double u = (x + 0.5 - letterbox.offsetX()) / (letterbox.photoWidth() * letterbox.scale());
                double v = (y + 0.5 - letterbox.offsetY()) / (letterbox.photoHeight() * letterbox.scale());
                if (u < 0 || v < 0 || u > 1 || v > 1) {
                    continue;
                }
                inside++;
                float car = 1 - probabilities[(y * s + x) * SegmentClass.COUNT];
                if (car > 0.5f) {
                    sum += car;
                    n++;
                }
            }
        }
        if (n == 0) {
            return 0;
        }
        double area = n / (double) Math.max(1, inside);
        return (float) (sum / n * Math.min(1, area / 0.01));
    }

    /** Bilinear probabilities at photo coordinates (u, v) in [0, 1] (v down). */
    private void sample(double u, double v, float[] out) {
        int s = letterbox.size();
        double gx = letterbox.offsetX() + u * letterbox.photoWidth() * letterbox.scale() - 0.5;
        double gy = letterbox.offsetY() + v * letterbox.photoHeight() * letterbox.scale() - 0.5;
        int x0 = (int) Math.floor(gx);
        int y0 = (int) Math.floor(gy);
        double tx = gx - x0;
        double ty = gy - y0;
        int c = SegmentClass.COUNT;
        for (int k = 0; k < c; k++) {
            double top = (1 - tx) * at(x0, y0, k, s) + tx * at(x0 + 1, y0, k, s);
            double bottom = (1 - tx) * at(x0, y0 + 1, k, s) + tx * at(x0 + 1, y0 + 1, k, s);
            out[k] = (float) ((1 - ty) * top + ty * bottom);
        }
    }

    private float at(int x, int y, int k, int s) {
        int cx = Math.max(0, Math.min(s - 1, x));
        int cy = Math.max(0, Math.min(s - 1, y));
        return probabilities[(cy * s + cx) * SegmentClass.COUNT + k];
    }
}
