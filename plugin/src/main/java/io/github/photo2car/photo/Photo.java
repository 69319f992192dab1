package io.github.photo2car.photo;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.List;
import java.util.Objects;

/**
 * A decoded photo, upright, in 8-bit sRGB. Immutable: accessors hand out copies.
 *
 * <p>Layout: pixels are packed {@code 0x00RRGGBB} ints, row-major, row 0 at the top, index
 * {@code y * width + x}. The optional mask uses the same indexing, values in [0, 1] (the image's
 * alpha, 1 = opaque = car); it exists only when the image had an alpha channel that is not
 * opaque everywhere.
 */
public final class Photo {

    private final String sourceName;
    private final String formatName;
    private final int width;
    private final int height;
    private final int[] rgb;
    private final float[] mask;
    private final int originalWidth;
    private final int originalHeight;
    private final int subsampling;
    private final int orientation;
    private final List<PhotoWarning> warnings;

    /**
     * @param sourceName     the source's name (not null)
     * @param formatName     the encoded format ("JPEG", "PNG", ...), "image" or "viewport" (not null)
     * @param width          upright width in pixels (&ge; 1)
     * @param height         upright height in pixels (&ge; 1)
     * @param rgb            [H*W] 0x00RRGGBB (kept, not copied: the caller hands it over)
     * @param mask           [H*W] in [0, 1], or null (kept, not copied)
     * @param originalWidth  upright width of the full-size image before subsampling
     * @param originalHeight upright height of the full-size image before subsampling
     * @param subsampling    every n-th pixel was kept (&ge; 1)
     * @param orientation    the EXIF orientation that was applied (1…8)
     * @param warnings       recoverable oddities (copied)
     */
    Photo(String sourceName, String formatName, int width, int height, int[] rgb, float[] mask, int originalWidth,
          int originalHeight, int subsampling, int orientation, List<PhotoWarning> warnings) {
        if (width < 1 || height < 1 || rgb.length != width * height || mask != null && mask.length != rgb.length) {
            throw new IllegalArgumentException("inconsistent photo: " + width + "x" + height + ", " + rgb.length
                    + " pixels, mask " + (mask == null ? "none" : mask.length));
        }
        this.sourceName = Objects.requireNonNull(sourceName, "sourceName");
        this.formatName = Objects.requireNonNull(formatName, "formatName");
        this.width = width;
        this.height = height;
        this.rgb = rgb;
        this.mask = mask;
        this.originalWidth = originalWidth;
        this.originalHeight = originalHeight;
        this.subsampling = subsampling;
        this.orientation = orientation;
        this.warnings = List.copyOf(warnings);
    }

    /** @return the name of the source, for messages */
    public String sourceName() {
        return sourceName;
    }

    /** @return the encoded format ("JPEG", "PNG", "GIF", "BMP", "WEBP", "TIFF"), "image" or "viewport" */
    public String formatName() {
        return formatName;
    }

    /** @return width in pixels, as decoded (after subsampling and orientation) */
    public int width() {
        return width;
    }

    /** @return height in pixels, as decoded (after subsampling and orientation) */
    public int height() {
        return height;
    }

    /** @return width of the full-size upright image the file holds, in pixels */
    public int originalWidth() {
        return originalWidth;
    }

    /** @return height of the full-size upright image the file holds, in pixels */
    public int originalHeight() {
        return originalHeight;
    }

    /** @return the subsampling factor used: 1 = full size, n = every n-th pixel in each direction */
    public int subsampling() {
        return subsampling;
    }

    /** @return the EXIF orientation that was applied (1 = stored upright, or no EXIF) */
    public int orientation() {
        return orientation;
    }

    /** @return the recoverable oddities noticed while decoding (unmodifiable, possibly empty) */
    public List<PhotoWarning> warnings() {
        return warnings;
    }

    /**
     * @param x column, 0…width-1
     * @param y row, 0…height-1 (0 at the top)
     * @return the pixel as 0x00RRGGBB
     */
    public int rgb(int x, int y) {
        return rgb[index(x, y)];
    }

    /** @return a copy of all pixels, [H*W] 0x00RRGGBB, row-major, top row first */
    public int[] copyRgb() {
        return rgb.clone();
    }

    /**
     * The pixels as floats, the layout {@code CarSegmenter} and the photo baker take.
     *
     * @return a new array [H*W*3]: R, G, B per pixel in [0, 1], row-major, top row first
     */
    public float[] toRgbFloats() {
        float[] out = new float[3 * rgb.length];
        for (int p = 0; p < rgb.length; p++) {
            out[3 * p] = (rgb[p] >> 16 & 0xFF) / 255f;
            out[3 * p + 1] = (rgb[p] >> 8 & 0xFF) / 255f;
            out[3 * p + 2] = (rgb[p] & 0xFF) / 255f;
        }
        return out;
    }

    /** @return whether the image's alpha channel gave a mask */
    public boolean hasMask() {
        return mask != null;
    }

    /**
     * @param x column, 0…width-1
     * @param y row, 0…height-1 (0 at the top)
     * @return the mask there in [0, 1], or 1 when there is no mask
     */
    public float mask(int x, int y) {
        int i = index(x, y);
        return mask == null ? 1f : mask[i];
    }

    /** @return a copy of the mask, [H*W] in [0, 1], or null when there is none */
    public float[] copyMask() {
        return mask == null ? null : mask.clone();
    }

    /** @return a new image of the pixels: TYPE_INT_ARGB with the mask as alpha when there is one, else TYPE_INT_RGB */
    public BufferedImage toBufferedImage() {
        BufferedImage image = new BufferedImage(width, height,
                mask == null ? BufferedImage.TYPE_INT_RGB : BufferedImage.TYPE_INT_ARGB);
        int[] out = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < rgb.length; i++) {
            out[i] = mask == null ? rgb[i] : Math.round(mask[i] * 255f) << 24 | rgb[i];
        }
        return image;
    }

    private int index(int x, int y) {
        if (x < 0 || x >= width || y < 0 || y >= height) {
            throw new IllegalArgumentException("pixel (" + x + ", " + y + ") is outside " + width + "x" + height);
        }
        return y * width + x;
    }

    @Override
    public String toString() {
        return "Photo[" + sourceName + " " + formatName + " " + width + "x" + height
                + (subsampling > 1 ? " (1/" + subsampling + " of " + originalWidth + "x" + originalHeight + ")" : "")
                + (mask != null ? " masked" : "") + (warnings.isEmpty() ? "" : " warnings " + warnings.size()) + "]";
    }
}
