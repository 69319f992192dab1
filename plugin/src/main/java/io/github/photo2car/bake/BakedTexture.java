package io.github.photo2car.bake;

import java.awt.image.BufferedImage;

/**
 * A baked body atlas: size x size RGB texels in [0, 1], row 0 at the top (v = 1, since the
 * atlas has v up), with where each texel came from and the measured paint colour. Immutable;
 * getters return copies.
 */
public final class BakedTexture {

    private final int size;
    private final float[] rgb;
    private final TexelSource[] sources;
    private final float[] paint;

    BakedTexture(int size, float[] rgb, TexelSource[] sources, float[] paint) {
        this.size = size;
        this.rgb = rgb;
        this.sources = sources;
        this.paint = paint;
    }

    /** @return the side of the square atlas in texels */
    public int size() {
        return size;
    }

    /** @return a new array [size*size*3]: RGB in [0, 1], row 0 at the top (v = 1) */
    public float[] rgb() {
        return rgb.clone();
    }

    /** @return a new array [size*size]: where each texel's colour came from */
    public TexelSource[] sources() {
        return sources.clone();
    }

    /** @return a new array: the paint colour measured in the photo, RGB in [0, 1] */
    public float[] paintColor() {
        return paint.clone();
    }

    /**
     * @param source a source kind
     * @return the fraction of the car's texels (those not {@link TexelSource#NONE}) with it
     */
    public double fraction(TexelSource source) {
        int car = 0;
        int hits = 0;
        for (TexelSource s : sources) {
            if (s != TexelSource.NONE) {
                car++;
                hits += s == source ? 1 : 0;
            }
        }
        return car == 0 ? 0 : hits / (double) car;
    }

    /**
     * @return a new opaque image of the atlas, row 0 at the top, for saving or for a jME texture
     *         (jME's AWT loader flips it so that v = 1 is the top row, as here)
     */
    public BufferedImage toImage() {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        int[] row = new int[size];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int p = 3 * (y * size + x);
                row[x] = (channel(rgb[p]) << 16) | (channel(rgb[p + 1]) << 8) | channel(rgb[p + 2]);
            }
            img.setRGB(0, y, size, 1, row, 0, size);
        }
        return img;
    }

    private static int channel(float v) {
        return Math.max(0, Math.min(255, Math.round(v * 255)));
    }
}
