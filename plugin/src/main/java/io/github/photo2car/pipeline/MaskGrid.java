package io.github.photo2car.pipeline;

/**
 * A car mask on a grid laid over the whole photo (the grid may be coarser than the photo; its
 * cells stretch to cover it). Immutable: the values array is copied in and out.
 *
 * @param width  grid width in cells (&ge; 1)
 * @param height grid height in cells (&ge; 1)
 * @param values [height*width] car probability in [0, 1], row 0 at the top
 */
public record MaskGrid(int width, int height, float[] values) {

    /** Validates and copies. */
    public MaskGrid {
        if (width < 1 || height < 1 || values == null || values.length != width * height) {
            throw new IllegalArgumentException("a " + width + "x" + height + " mask grid needs as many values");
        }
        values = values.clone();
    }

    /** @return a copy of the values */
    @Override
    public float[] values() {
        return values.clone();
    }

    /**
     * Nearest-neighbour resampling to another grid over the same photo.
     *
     * @param w output width in cells
     * @param h output height in cells
     * @return a new [h*w] array
     */
    public float[] resampled(int w, int h) {
        if (w < 1 || h < 1) {
            throw new IllegalArgumentException("sizes must be positive, got " + w + "x" + h);
        }
        float[] out = new float[w * h];
        for (int y = 0; y < h; y++) {
            int gy = Math.min(height - 1, (int) ((y + 0.5) * height / h));
            for (int x = 0; x < w; x++) {
                int gx = Math.min(width - 1, (int) ((x + 0.5) * width / w));
                out[y * w + x] = values[gy * width + gx];
            }
        }
        return out;
    }
}
