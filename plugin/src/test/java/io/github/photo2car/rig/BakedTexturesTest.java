package io.github.photo2car.rig;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;

import org.junit.jupiter.api.Test;

import com.jme3.texture.Image;
import com.jme3.texture.Texture;

/** The paint texture carries its own mip chain, so the render thread only copies it. */
class BakedTexturesTest {

    @Test
    void theTextureCarriesItsWholeMipChain() {
        BufferedImage img = new BufferedImage(4, 2, BufferedImage.TYPE_INT_RGB);
        int[] top = {0x000000, 0x0a1400, 0x646464, 0xc8c8c8};
        int[] bottom = {0x020202, 0x000000, 0x646464, 0xffffff};
        for (int x = 0; x < 4; x++) {
            img.setRGB(x, 0, top[x]);
            img.setRGB(x, 1, bottom[x]);
        }
        Texture t = BakedTextures.toTexture(img);
        Image image = t.getImage();
        assertEquals(Image.Format.RGB8, image.getFormat());
        assertTrue(image.hasMipmaps());
        assertArrayEquals(new int[] {4 * 2 * 3, 2 * 1 * 3, 1 * 1 * 3}, image.getMipMapSizes());
        assertEquals(Texture.MinFilter.Trilinear, t.getMinFilter());

        ByteBuffer data = image.getData(0);
        assertEquals(24 + 6 + 3, data.limit());
        // level 0 as the AWT loader lays it out: bottom image row first (v = 0)
        assertEquals(2, data.get(0) & 0xff);
        assertEquals(0xc8, data.get(12 + 9) & 0xff);
        // level 1: 2×2 box averages, rounded
        int l1 = 24;
        assertEquals((0 + 10 + 2 + 0 + 2) / 4, data.get(l1) & 0xff, "red of the left texel");
        assertEquals((0 + 20 + 2 + 0 + 2) / 4, data.get(l1 + 1) & 0xff, "green of the left texel");
        assertEquals((100 + 200 + 100 + 255 + 2) / 4, data.get(l1 + 3) & 0xff, "red of the right texel");
        // level 2: the average of level 1
        int left = data.get(l1) & 0xff;
        int right = data.get(l1 + 3) & 0xff;
        assertEquals((left + right + left + right + 2) / 4, data.get(l1 + 6) & 0xff);
    }

    @Test
    void oddSizesFollowOpenGlLevelSizes() {
        Texture t = BakedTextures.toTexture(new BufferedImage(5, 3, BufferedImage.TYPE_INT_RGB));
        assertArrayEquals(new int[] {5 * 3 * 3, 2 * 1 * 3, 1 * 1 * 3}, t.getImage().getMipMapSizes());
    }
}
