package io.github.photo2car.rig;

import com.jme3.asset.AssetManager;
import com.jme3.material.Material;
import com.jme3.material.RenderState;
import com.jme3.math.ColorRGBA;

import java.util.Objects;

/**
 * The materials a car wears: glossy paint and tinted glass with sharp specular highlights, black
 * rubber, bright chrome, dark plastic trim, white number plates and unshaded lamp lenses (which
 * {@code CarLightsControl} brightens and dims). Built on jME's stock Lighting and Unshaded
 * definitions, so they work on every renderer jME supports, including OpenGL 2 on OSMesa.
 *
 * <p>No environment map: jME's Lighting shader adds an EnvMap reflection at full strength in every
 * light's pass and disables spot fall-off while doing so, which washes a car out under several
 * lights (seen with headlight spot lights). Reflections will come with a PBR material and a light
 * probe.
 */
public final class RigMaterials {

    private final AssetManager assets;

    /**
     * @param assets the application's asset manager (not null)
     */
    public RigMaterials(AssetManager assets) {
        this.assets = Objects.requireNonNull(assets, "assets");
    }

    /**
     * Car paint: coloured diffuse with a tight white specular highlight (clear coat).
     *
     * @param color the paint colour (not null, copied)
     * @return a new material
     */
    public Material paint(ColorRGBA color) {
        return lit(color, ColorRGBA.White.mult(0.9f), 80f);
    }

    /** @return a new material for tinted window glass (transparent bucket) */
    public Material glass() {
        Material m = lit(new ColorRGBA(0.06f, 0.08f, 0.10f, 0.88f), ColorRGBA.White, 120f);
        m.getAdditionalRenderState().setBlendMode(RenderState.BlendMode.Alpha);
        return m;
    }

    /** @return a new material for tyres */
    public Material rubber() {
        return lit(new ColorRGBA(0.045f, 0.045f, 0.05f, 1f), ColorRGBA.White.mult(0.08f), 8f);
    }

    /** @return a new material for rims and chrome trim */
    public Material chrome() {
        return lit(new ColorRGBA(0.62f, 0.63f, 0.66f, 1f), ColorRGBA.White, 100f);
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
}
