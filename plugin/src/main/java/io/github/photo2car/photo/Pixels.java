package io.github.photo2car.photo;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;

/**
 * Any decoded {@link BufferedImage} as 8-bit sRGB pixels plus what the conversion noticed. Gray
 * images are read sample by sample: Java's gray colour space is linear, so
 * {@code BufferedImage.getRGB} would brighten mid-grays that the file stores gamma-encoded.
 *
 * @param width        width in pixels
 * @param height       height in pixels
 * @param rgb          [H*W] 0x00RRGGBB, row-major, top row first
 * @param mask         [H*W] alpha in [0, 1], or null when the image had no alpha channel or it was
 *                     fully opaque
 * @param grayscale    every pixel is gray (a gray colour space, or R, G and B within 3 of each other)
 * @param deepSamples  some channel had more than 8 bits
 */
record Pixels(int width, int height, int[] rgb, float[] mask, boolean grayscale, boolean deepSamples) {

    /** Channels this close together count as gray (JPEG's chroma noise on a black-and-white photo). */
    private static final int GRAY_TOLERANCE = 3;

    /**
     * @param image the image (not modified)
     * @param step  keep every step-th pixel in both directions (≥ 1)
     * @return its pixels, ceil(W / step) × ceil(H / step)
     */
    static Pixels of(BufferedImage image, int step) {
        int w = (image.getWidth() + step - 1) / step;
        int h = (image.getHeight() + step - 1) / step;
        int[] rgb = new int[w * h];
        ColorModel cm = image.getColorModel();
        boolean hasAlpha = cm.hasAlpha();
        int[] alpha = hasAlpha ? new int[w * h] : null;
        boolean deep = false;
        for (int bits : cm.getComponentSize()) {
            deep |= bits > 8 && !(cm instanceof IndexColorModel);
        }
        boolean grayColorSpace = cm.getColorSpace().getType() == ColorSpace.TYPE_GRAY && !(cm instanceof IndexColorModel);
        if (grayColorSpace) {
            readGray(image.getRaster(), cm, step, w, h, rgb, alpha);
        } else {
            readColour(image, step, w, h, rgb, alpha);
        }
        return new Pixels(w, h, rgb, hasAlpha ? maskOf(alpha) : null, grayColorSpace || allGray(rgb), deep);
    }

    private static void readGray(Raster raster, ColorModel cm, int step, int w, int h, int[] rgb, int[] alpha) {
        int sourceWidth = raster.getWidth();
        int[] row = new int[sourceWidth];
        int[] alphaRow = new int[sourceWidth];
        int grayMax = (1 << cm.getComponentSize(0)) - 1;
        boolean hasAlpha = cm.hasAlpha();
        int alphaBand = cm.getNumComponents() - 1;
        int alphaMax = hasAlpha ? (1 << cm.getComponentSize(alphaBand)) - 1 : 1;
        for (int y = 0; y < h; y++) {
            raster.getSamples(0, y * step, sourceWidth, 1, 0, row);
            if (hasAlpha) {
                raster.getSamples(0, y * step, sourceWidth, 1, alphaBand, alphaRow);
            }
            for (int x = 0; x < w; x++) {
                int v = scale(row[x * step], grayMax);
                rgb[y * w + x] = v << 16 | v << 8 | v;
                if (hasAlpha) {
                    alpha[y * w + x] = scale(alphaRow[x * step], alphaMax);
                }
            }
        }
    }

    private static int scale(int sample, int max) {
        return max == 255 ? sample : (int) ((sample * 255L + max / 2) / max);
    }

    /** alpha is null when the image has no alpha channel. */
    private static void readColour(BufferedImage image, int step, int w, int h, int[] rgb, int[] alpha) {
        int sourceWidth = image.getWidth();
        int type = image.getType();
        Raster raster = image.getRaster();
        // the standard sRGB types hand out their samples directly; getRGB converts anything else
        boolean bytes = type == BufferedImage.TYPE_3BYTE_BGR || type == BufferedImage.TYPE_4BYTE_ABGR;
        boolean ints = type == BufferedImage.TYPE_INT_RGB || type == BufferedImage.TYPE_INT_ARGB;
        int bands = raster.getNumBands();
        byte[] byteRow = bytes ? new byte[sourceWidth * bands] : null;
        int[] intRow = bytes ? null : new int[sourceWidth];
        for (int y = 0; y < h; y++) {
            int sy = y * step;
            if (bytes) {
                raster.getDataElements(0, sy, sourceWidth, 1, byteRow); // R, G, B(, A) per pixel
            } else if (ints) {
                raster.getDataElements(0, sy, sourceWidth, 1, intRow);
            } else {
                image.getRGB(0, sy, sourceWidth, 1, intRow, 0, sourceWidth);
            }
            for (int x = 0; x < w; x++) {
                int sx = x * step;
                int i = y * w + x;
                if (bytes) {
                    int b = sx * bands;
                    rgb[i] = (byteRow[b] & 0xFF) << 16 | (byteRow[b + 1] & 0xFF) << 8 | (byteRow[b + 2] & 0xFF);
                    if (alpha != null) {
                        alpha[i] = byteRow[b + 3] & 0xFF;
                    }
                } else {
                    int argb = intRow[sx];
                    rgb[i] = argb & 0xFFFFFF;
                    if (alpha != null) {
                        alpha[i] = argb >>> 24;
                    }
                }
            }
        }
    }

    /** Alpha as a mask, or null when every pixel is opaque (then it says nothing about the car). */
    private static float[] maskOf(int[] alpha) {
        boolean opaque = true;
        for (int a : alpha) {
            if (a != 255) {
                opaque = false;
                break;
            }
        }
        if (opaque) {
            return null;
        }
        float[] mask = new float[alpha.length];
        for (int i = 0; i < alpha.length; i++) {
            mask[i] = alpha[i] / 255f;
        }
        return mask;
    }

    private static boolean allGray(int[] rgb) {
        for (int p : rgb) {
            int r = p >> 16 & 0xFF;
            int g = p >> 8 & 0xFF;
            int b = p & 0xFF;
            if (Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) > GRAY_TOLERANCE) {
                return false;
            }
        }
        return true;
    }

    /** @return whether every pixel has the same colour */
    boolean uniform() {
        for (int p : rgb) {
            if (p != rgb[0]) {
                return false;
            }
        }
        return true;
    }

    /** @return whether a mask exists and every value is 0 */
    boolean fullyTransparent() {
        if (mask == null) {
            return false;
        }
        for (float m : mask) {
            if (m != 0) {
                return false;
            }
        }
        return true;
    }
}
