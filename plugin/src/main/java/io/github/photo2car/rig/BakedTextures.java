package io.github.photo2car.rig;

import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;

import com.jme3.texture.Image;
import com.jme3.texture.Texture;
import com.jme3.texture.Texture2D;
import com.jme3.texture.plugins.AWTLoader;
import com.jme3.util.BufferUtils;

import io.github.photo2car.bake.BakedTexture;

/**
 * Turns a baked body atlas into a jME texture for {@link CarRigBuilder#paintTexture}. The texture
 * carries its whole mip chain, made here on the caller's thread (a worker), so the render thread
 * only copies it to the GPU and the driver does not build mip levels in the frame that first
 * draws the car.
 */
public final class BakedTextures {

    private BakedTextures() {
    }

    /**
     * @param baked the baked atlas (row 0 = v 1; not modified)
     * @return a new texture with all mip levels (2×2 box filter), trilinear filtering and v = 1 at
     *         the atlas's top row
     * @throws IllegalArgumentException if baked is null
     */
    public static Texture toTexture(BakedTexture baked) {
        if (baked == null) {
            throw new IllegalArgumentException("baked must not be null");
        }
        return toTexture(baked.toImage());
    }

    /**
     * The same kind of texture (format, mip levels, filtering) from any image, e.g. a small
     * stand-in that draws a car once so that its shaders are compiled before a real one arrives.
     * Any thread.
     *
     * @param image the atlas, row 0 at the top (v = 1; not null, not modified)
     * @return a new texture with all mip levels (2×2 box filter), trilinear filtering and v = 1 at
     *         the image's top row
     * @throws IllegalArgumentException if image is null
     */
    public static Texture toTexture(BufferedImage image) {
        if (image == null) {
            throw new IllegalArgumentException("image must not be null");
        }
        // jME images start at v = 0, so the AWT loader flips the top row up to v = 1
        Image level0 = new AWTLoader().load(image, true);
        Texture2D texture = new Texture2D(withMipmaps(level0));
        texture.setMinFilter(Texture.MinFilter.Trilinear);
        texture.setMagFilter(Texture.MagFilter.Bilinear);
        texture.setAnisotropicFilter(4);
        return texture;
    }

    /**
     * @param image an RGB8 or RGBA8 image without mip levels (not modified)
     * @return a new image with the full mip chain down to 1×1 (each level a 2×2 box filter of the
     *         one above, as OpenGL's level sizes: half, rounded down, at least 1), or the image
     *         itself in other formats (the renderer then generates them)
     */
    static Image withMipmaps(Image image) {
        int bpp = switch (image.getFormat()) {
            case RGB8 -> 3;
            case RGBA8 -> 4;
            default -> 0;
        };
        if (bpp == 0 || image.hasMipmaps() || image.getData().size() != 1) {
            return image;
        }
        int w = image.getWidth();
        int h = image.getHeight();
        int levels = 1;
        int total = w * h * bpp;
        for (int lw = w, lh = h; lw > 1 || lh > 1; levels++) {
            lw = Math.max(1, lw / 2);
            lh = Math.max(1, lh / 2);
            total += lw * lh * bpp;
        }
        byte[] all = new byte[total];
        ByteBuffer src = image.getData(0).duplicate();
        src.clear();
        src.get(all, 0, w * h * bpp);
        int[] sizes = new int[levels];
        sizes[0] = w * h * bpp;
        int from = 0;
        int to = sizes[0];
        for (int level = 1; level < levels; level++) {
            int nw = Math.max(1, w / 2);
            int nh = Math.max(1, h / 2);
            for (int y = 0; y < nh; y++) {
                int y0 = Math.min(2 * y, h - 1);
                int y1 = Math.min(2 * y + 1, h - 1);
                for (int x = 0; x < nw; x++) {
                    int x0 = Math.min(2 * x, w - 1);
                    int x1 = Math.min(2 * x + 1, w - 1);
                    int a = from + (y0 * w + x0) * bpp;
                    int b = from + (y0 * w + x1) * bpp;
                    int c = from + (y1 * w + x0) * bpp;
                    int d = from + (y1 * w + x1) * bpp;
                    int o = to + (y * nw + x) * bpp;
                    for (int k = 0; k < bpp; k++) {
                        int sum = (all[a + k] & 0xff) + (all[b + k] & 0xff) + (all[c + k] & 0xff)
                                + (all[d + k] & 0xff);
                        all[o + k] = (byte) ((sum + 2) >> 2);
                    }
                }
            }
            sizes[level] = nw * nh * bpp;
            from = to;
            to += sizes[level];
            w = nw;
            h = nh;
        }
        ByteBuffer data = BufferUtils.createByteBuffer(total);
        data.put(all).flip();
        return new Image(image.getFormat(), image.getWidth(), image.getHeight(), data, sizes, image.getColorSpace());
    }
}
