package io.github.photo2car.pipeline;

import io.github.photo2car.raster.OrbitCamera;
import io.github.photo2car.util.RgbBox;

/**
 * A square crop around one car: what the inverse-graphics network sees (RGB and mask, S x S),
 * and where it lies in the photo, so cameras convert between the two
 * ({@link OrbitCamera#cropped}, {@link OrbitCamera#uncropped}). Areas of the square outside the
 * photo are letterbox grey with mask 0. Immutable; {@link #pixels()} returns a copy.
 */
public final class CarCrop {

    /** Grey outside the photo, as in training. */
    public static final float PAD = 0.5f;

    /**
     * Room left around the car's bounding box, as a fraction of its longer side: the pipeline
     * and the inverse-graphics trainer cut crops alike.
     */
    public static final float MARGIN = 0.08f;

    private final int size;
    private final float[] pixels;
    private final float aspect;
    private final float centerX;
    private final float centerY;
    private final float halfHeight;
    private final int photoWidth;
    private final int photoHeight;
    /** The square in photo pixels: left and top edge, and the side of one crop pixel. */
    private final double left;
    private final double top;
    private final double step;

    private CarCrop(int size, float[] pixels, float aspect, float centerX, float centerY, float halfHeight,
                    int photoWidth, int photoHeight, double left, double top, double step) {
        this.size = size;
        this.pixels = pixels;
        this.aspect = aspect;
        this.centerX = centerX;
        this.centerY = centerY;
        this.halfHeight = halfHeight;
        this.photoWidth = photoWidth;
        this.photoHeight = photoHeight;
        this.left = left;
        this.top = top;
        this.step = step;
    }

    /**
     * Cuts the square around the car's bounding box (grown by margin on every side), resampling
     * the photo by area averaging and the mask bilinearly.
     *
     * @param width   photo width W in pixels
     * @param height  photo height H in pixels
     * @param rgb     [H*W*3] photo RGB in [0, 1], row 0 at the top (not modified)
     * @param mask    car probability on a grid over the whole photo [mh*mw] (not modified)
     * @param maskW   mw
     * @param maskH   mh
     * @param box     the car's bounding box on the mask grid {minX, minY, maxX, maxY}, inclusive
     * @param size    S, the crop side in pixels
     * @param margin  extra room around the box, as a fraction of its longer side (e.g. 0.08)
     * @return the crop
     */
    public static CarCrop cut(int width, int height, float[] rgb, float[] mask, int maskW, int maskH, int[] box,
                              int size, float margin) {
        if (rgb.length != 3 * width * height || mask.length != maskW * maskH || box.length != 4 || size < 1) {
            throw new IllegalArgumentException("inconsistent crop inputs");
        }
        // the box in photo pixels
        double sx = width / (double) maskW;
        double sy = height / (double) maskH;
        double x0 = box[0] * sx;
        double x1 = (box[2] + 1) * sx;
        double y0 = box[1] * sy;
        double y1 = (box[3] + 1) * sy;
        double side = Math.max(x1 - x0, y1 - y0) * (1 + 2 * margin);
        double cx = 0.5 * (x0 + x1);
        double cy = 0.5 * (y0 + y1);
        double left = cx - side / 2;
        double top = cy - side / 2;
        double step = side / size;
        float[] out = new float[4 * size * size];
        for (int y = 0; y < size; y++) {
            double py0 = top + y * step;
            for (int x = 0; x < size; x++) {
                double px0 = left + x * step;
                int at = 4 * (y * size + x);
                boolean inside = averageRgb(rgb, width, height, px0, px0 + step, py0, py0 + step, out, at);
                if (!inside) {
                    out[at] = PAD;
                    out[at + 1] = PAD;
                    out[at + 2] = PAD;
                    continue;
                }
                double mu = (px0 + step / 2) / sx - 0.5;
                double mv = (py0 + step / 2) / sy - 0.5;
                out[at + 3] = bilinear(mask, maskW, maskH, mu, mv);
            }
        }
        float aspect = width / (float) height;
        return new CarCrop(size, out, aspect, (float) (2 * cx / width - 1), (float) (1 - 2 * cy / height),
                (float) (side / height), width, height, left, top, step);
    }

    /**
     * Resamples a label map laid over the whole photo (e.g. the segmenter's classes on the mask
     * grid) onto this crop's pixels, nearest-neighbour: each crop pixel takes the label of the
     * grid cell under its centre, the point at which {@link #cut} reads the mask.
     *
     * @param grid       [gridHeight*gridWidth] labels, row 0 at the top, cells stretched over the
     *                   whole photo (not modified)
     * @param gridWidth  grid width in cells (&ge; 1)
     * @param gridHeight grid height in cells (&ge; 1)
     * @param outside    the label of crop pixels whose centre lies outside the photo
     * @return a new [S*S] array of labels, row 0 at the top
     * @throws IllegalArgumentException if the grid is null or its size is not positive or does
     *                                  not match its length
     */
    public int[] labels(int[] grid, int gridWidth, int gridHeight, int outside) {
        if (grid == null || gridWidth < 1 || gridHeight < 1 || grid.length != gridWidth * gridHeight) {
            throw new IllegalArgumentException("a " + gridWidth + "x" + gridHeight + " label grid needs as many labels");
        }
        double sx = photoWidth / (double) gridWidth;
        double sy = photoHeight / (double) gridHeight;
        int[] out = new int[size * size];
        for (int y = 0; y < size; y++) {
            double cyp = top + y * step + step / 2;
            for (int x = 0; x < size; x++) {
                double cxp = left + x * step + step / 2;
                if (cxp < 0 || cyp < 0 || cxp >= photoWidth || cyp >= photoHeight) {
                    out[y * size + x] = outside;
                    continue;
                }
                int gx = Math.min(gridWidth - 1, (int) (cxp / sx));
                int gy = Math.min(gridHeight - 1, (int) (cyp / sy));
                out[y * size + x] = grid[gy * gridWidth + gx];
            }
        }
        return out;
    }

    private static boolean averageRgb(float[] rgb, int w, int h, double x0, double x1, double y0, double y1,
                                      float[] out, int at) {
        double cxp = 0.5 * (x0 + x1);
        double cyp = 0.5 * (y0 + y1);
        if (cxp < 0 || cyp < 0 || cxp >= w || cyp >= h) {
            return false;
        }
        return RgbBox.average(rgb, w, h, x0, x1, y0, y1, out, at);
    }

    private static float bilinear(float[] m, int w, int h, double u, double v) {
        int x0 = (int) Math.floor(u);
        int y0 = (int) Math.floor(v);
        double tx = u - x0;
        double ty = v - y0;
        double top = (1 - tx) * at(m, w, h, x0, y0) + tx * at(m, w, h, x0 + 1, y0);
        double bottom = (1 - tx) * at(m, w, h, x0, y0 + 1) + tx * at(m, w, h, x0 + 1, y0 + 1);
        return (float) ((1 - ty) * top + ty * bottom);
    }

    private static float at(float[] m, int w, int h, int x, int y) {
        return m[Math.max(0, Math.min(h - 1, y)) * w + Math.max(0, Math.min(w - 1, x))];
    }

    /** @return S */
    public int size() {
        return size;
    }

    /** @return a new array [S*S*4]: RGB and mask, row 0 at the top */
    public float[] pixels() {
        return pixels.clone();
    }

    /** @return the crop's mask channel [S*S] */
    public float[] mask() {
        float[] m = new float[size * size];
        for (int i = 0; i < m.length; i++) {
            m[i] = pixels[4 * i + 3];
        }
        return m;
    }

    /**
     * @return a new [S*S] array, row 0 at the top: whether each crop pixel's centre lies in the
     *         photo (outside it the crop holds letterbox grey and no car)
     */
    public boolean[] insidePhoto() {
        boolean[] in = new boolean[size * size];
        for (int y = 0; y < size; y++) {
            double cy = top + (y + 0.5) * step;
            for (int x = 0; x < size; x++) {
                double cx = left + (x + 0.5) * step;
                in[y * size + x] = cx >= 0 && cy >= 0 && cx < photoWidth && cy < photoHeight;
            }
        }
        return in;
    }

    /** @return the photo's width / height */
    public float aspect() {
        return aspect;
    }

    /** @return the crop centre, photo NDC x */
    public float centerX() {
        return centerX;
    }

    /** @return the crop centre, photo NDC y (up) */
    public float centerY() {
        return centerY;
    }

    /** @return the crop half-height in photo NDC y units */
    public float halfHeight() {
        return halfHeight;
    }

    /**
     * @param photoCamera a camera of the whole photo
     * @return the camera that sees this crop (aspect 1)
     */
    public OrbitCamera toCrop(OrbitCamera photoCamera) {
        return photoCamera.cropped(aspect, centerX, centerY, halfHeight);
    }

    /**
     * @param cropCamera a camera of this crop (aspect 1)
     * @return the camera of the whole photo (use with {@link #aspect()})
     */
    public OrbitCamera toPhoto(OrbitCamera cropCamera) {
        return cropCamera.uncropped(aspect, centerX, centerY, halfHeight);
    }
}
