package io.github.photo2car.rig;

import com.jme3.asset.AssetManager;
import com.jme3.material.Material;
import com.jme3.material.RenderState;
import com.jme3.math.ColorRGBA;
import com.jme3.math.FastMath;
import com.jme3.math.Vector3f;
import com.jme3.texture.Image;
import com.jme3.texture.Texture;
import com.jme3.texture.TextureCubeMap;
import com.jme3.texture.image.ColorSpace;
import com.jme3.util.BufferUtils;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The materials a car wears: glossy paint and tinted glass that reflect a small procedural sky,
 * black rubber, bright chrome, dark plastic trim, white number plates and unshaded lamp lenses
 * (which {@code CarLightsControl} brightens and dims). Built on jME's stock Lighting and Unshaded
 * definitions, so they work on every renderer jME supports, including OpenGL 2 on OSMesa.
 */
public final class RigMaterials {

    private final AssetManager assets;
    private final TextureCubeMap environment;

    /**
     * @param assets the application's asset manager (not null)
     */
    public RigMaterials(AssetManager assets) {
        this.assets = Objects.requireNonNull(assets, "assets");
        this.environment = skyCube(32);
    }

    /**
     * Car paint: coloured diffuse, white specular highlight, sky reflections stronger at grazing
     * angles (Fresnel).
     *
     * @param color the paint colour (not null, copied)
     * @return a new material
     */
    public Material paint(ColorRGBA color) {
        Material m = lit(color, ColorRGBA.White.mult(0.9f), 80f);
        reflective(m, 0.08f, 0.9f);
        return m;
    }

    /** @return a new material for tinted, reflective window glass (transparent bucket) */
    public Material glass() {
        Material m = lit(new ColorRGBA(0.06f, 0.08f, 0.10f, 0.72f), ColorRGBA.White, 120f);
        reflective(m, 0.15f, 0.95f);
        m.getAdditionalRenderState().setBlendMode(RenderState.BlendMode.Alpha);
        return m;
    }

    /** @return a new material for tyres */
    public Material rubber() {
        return lit(new ColorRGBA(0.045f, 0.045f, 0.05f, 1f), ColorRGBA.White.mult(0.08f), 8f);
    }

    /** @return a new material for rims and chrome trim */
    public Material chrome() {
        Material m = lit(new ColorRGBA(0.62f, 0.63f, 0.66f, 1f), ColorRGBA.White, 100f);
        reflective(m, 0.35f, 0.9f);
        return m;
    }

    /** @return a new material for black plastic: grille, undercarriage, wheel wells */
    public Material trim() {
        return lit(new ColorRGBA(0.035f, 0.035f, 0.04f, 1f), ColorRGBA.White.mult(0.15f), 16f);
    }

    /** @return a new material for number plates */
    public Material plate() {
        return lit(new ColorRGBA(0.92f, 0.92f, 0.88f, 1f), ColorRGBA.White.mult(0.2f), 16f);
    }

    /**
     * A lamp lens: unshaded, so its colour is exactly what the lights control sets.
     *
     * @return a new material with {@code Color} and {@code GlowColor}
     */
    public Material lens() {
        Material m = new Material(assets, "Common/MatDefs/Misc/Unshaded.j3md");
        m.setColor("Color", ColorRGBA.Gray);
        m.setColor("GlowColor", ColorRGBA.Black);
        return m;
    }

    private Material lit(ColorRGBA diffuse, ColorRGBA specular, float shininess) {
        Material m = new Material(assets, "Common/MatDefs/Light/Lighting.j3md");
        m.setBoolean("UseMaterialColors", true);
        m.setColor("Diffuse", diffuse.clone());
        m.setColor("Ambient", diffuse.clone());
        m.setColor("Specular", specular.clone());
        m.setFloat("Shininess", shininess);
        return m;
    }

    private void reflective(Material m, float bias, float power) {
        m.setTexture("EnvMap", environment);
        // FresnelParams = (bias, scale, power) of jME's Lighting shader
        m.setVector3("FresnelParams", new Vector3f(bias, 1f - bias, power * 5f));
    }

    /**
     * A tiny sky-over-ground cube map: what a car's paint should mirror outdoors.
     *
     * @param size face edge in pixels
     * @return a new cube map
     */
    static TextureCubeMap skyCube(int size) {
        List<ByteBuffer> faces = new ArrayList<>(6);
        Vector3f dir = new Vector3f();
        for (int face = 0; face < 6; face++) {
            ByteBuffer data = BufferUtils.createByteBuffer(size * size * 3);
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    float a = 2f * (x + 0.5f) / size - 1f;
                    float b = 2f * (y + 0.5f) / size - 1f;
                    switch (face) { // jME's cube face order: +X, -X, +Y, -Y, +Z, -Z
                        case 0 -> dir.set(1, -b, -a);
                        case 1 -> dir.set(-1, -b, a);
                        case 2 -> dir.set(a, 1, b);
                        case 3 -> dir.set(a, -1, -b);
                        case 4 -> dir.set(a, -b, 1);
                        default -> dir.set(-a, -b, -1);
                    }
                    dir.normalizeLocal();
                    float r;
                    float g;
                    float bl;
                    if (dir.y >= 0) {
                        float t = FastMath.pow(1f - dir.y, 3f);
                        r = 0.25f + 0.6f * t;
                        g = 0.42f + 0.48f * t;
                        bl = 0.75f + 0.2f * t;
                    } else {
                        float t = Math.min(1f, -dir.y * 4f);
                        r = 0.85f * (1 - t) + 0.22f * t;
                        g = 0.9f * (1 - t) + 0.22f * t;
                        bl = 0.95f * (1 - t) + 0.2f * t;
                    }
                    data.put((byte) (r * 255)).put((byte) (g * 255)).put((byte) (bl * 255));
                }
            }
            data.flip();
            faces.add(data);
        }
        Image image = new Image(Image.Format.RGB8, size, size, 0, new ArrayList<>(faces), ColorSpace.sRGB);
        TextureCubeMap cube = new TextureCubeMap(image);
        cube.setMagFilter(Texture.MagFilter.Bilinear);
        cube.setMinFilter(Texture.MinFilter.BilinearNoMipMaps);
        return cube;
    }
}
