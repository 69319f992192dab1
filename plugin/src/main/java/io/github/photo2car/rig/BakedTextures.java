package io.github.photo2car.rig;

import com.jme3.texture.Image;
import com.jme3.texture.Texture;
import com.jme3.texture.Texture2D;
import com.jme3.texture.plugins.AWTLoader;

import io.github.photo2car.bake.BakedTexture;

/** Turns a baked body atlas into a jME texture for {@link CarRigBuilder#paintTexture}. */
public final class BakedTextures {

    private BakedTextures() {
    }

    /**
     * @param baked the baked atlas (row 0 = v 1; not modified)
     * @return a new mip-mapped, trilinear-filtered texture with v = 1 at the atlas's top row
     * @throws IllegalArgumentException if baked is null
     */
    public static Texture toTexture(BakedTexture baked) {
        if (baked == null) {
            throw new IllegalArgumentException("baked must not be null");
        }
        // jME images start at v = 0, so the AWT loader flips the top row up to v = 1
        Image image = new AWTLoader().load(baked.toImage(), true);
        Texture2D texture = new Texture2D(image);
        texture.setMinFilter(Texture.MinFilter.Trilinear);
        texture.setMagFilter(Texture.MagFilter.Bilinear);
        texture.setAnisotropicFilter(4);
        return texture;
    }
}
