package io.github.photo2car.lights;

import com.jme3.light.SpotLight;
import com.jme3.material.Material;
import com.jme3.math.ColorRGBA;
import com.jme3.math.FastMath;
import com.jme3.math.Vector3f;
import com.jme3.renderer.RenderManager;
import com.jme3.renderer.ViewPort;
import com.jme3.scene.Geometry;
import com.jme3.scene.Node;
import com.jme3.scene.Spatial;
import com.jme3.scene.control.AbstractControl;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Drives a car's lamps from a {@link LightsState}: emissive lens geometries (headlights,
 * tail/brake lamps, indicators, reversing lamps) and the headlight beams, real jME
 * {@link SpotLight}s that light the road ahead.
 *
 * <p>Lens geometries must use a material with a {@code Color} parameter (Unshaded.j3md; if the
 * material also has {@code GlowColor}, lit lenses glow under a bloom filter) or with
 * {@code BaseColor} and {@code Emissive} (PBRLighting.j3md, as jME's glTF loader makes them). Beam spot lights are
 * added to a host node, by default the root of the scene the car is attached to, because a jME
 * light only lights the subtree it is attached to and the road is not under the car. Per-frame
 * work allocates nothing and touches a material only when its lens's brightness changes.
 */
public final class CarLightsControl extends AbstractControl {

    /** What a lens is for. */
    public enum Lamp {
        /** Headlight (dipped and main beam share the lens). */
        HEAD(new ColorRGBA(1f, 0.98f, 0.92f, 1f), new ColorRGBA(0.55f, 0.56f, 0.58f, 1f)),
        /** Tail lamp and brake lamp (one lens, two intensities). */
        TAIL_BRAKE(new ColorRGBA(1f, 0.04f, 0.02f, 1f), new ColorRGBA(0.22f, 0.02f, 0.02f, 1f)),
        /** Direction indicator. */
        BLINKER(new ColorRGBA(1f, 0.55f, 0.02f, 1f), new ColorRGBA(0.32f, 0.2f, 0.07f, 1f)),
        /** Reversing lamp. */
        REVERSE(new ColorRGBA(1f, 1f, 1f, 1f), new ColorRGBA(0.42f, 0.42f, 0.44f, 1f));

        private final ColorRGBA lit;
        private final ColorRGBA unlit;

        Lamp(ColorRGBA lit, ColorRGBA unlit) {
            this.lit = lit;
            this.unlit = unlit;
        }

        /** @return a new copy of the colour of the fully lit lens */
        public ColorRGBA litColor() {
            return lit.clone();
        }

        /** @return a new copy of the colour of the unlit lens */
        public ColorRGBA unlitColor() {
            return unlit.clone();
        }
    }

    /** Side of the car, in the car frame (+X is left). */
    public enum Side {
        /** The car's left (+X). */
        LEFT,
        /** The car's right (−X). */
        RIGHT
    }

    /** Half-angle of a headlight beam's bright core, radians. */
    public static final float BEAM_INNER_ANGLE = 12f * FastMath.DEG_TO_RAD;
    /** Half-angle of a headlight beam's outer edge, radians. */
    public static final float BEAM_OUTER_ANGLE = 28f * FastMath.DEG_TO_RAD;

    /** How far dipped beams are pitched down, radians. */
    static final float LOW_PITCH = 4f * FastMath.DEG_TO_RAD;
    /** Beam intensity (light colour multiplier) for dipped and main beam. */
    static final float LOW_INTENSITY = 2.2f;
    static final float HIGH_INTENSITY = 3.2f;

    private final LightsState state = new LightsState();
    private final List<Lens> lenses = new ArrayList<>();
    private final List<Beam> beams = new ArrayList<>();
    private Node lightHost;
    private Node attachedHost;

    /**
     * Registers a lens. The control takes over its material's {@code Color} (and {@code GlowColor}).
     *
     * @param lamp what the lens is for (not null)
     * @param side which side of the car (not null)
     * @param lens the lens geometry, with an Unshaded-style or PBR material (not null; its material is modified)
     */
    public void addLens(Lamp lamp, Side side, Geometry lens) {
        Objects.requireNonNull(lamp, "lamp");
        Objects.requireNonNull(side, "side");
        Material m = Objects.requireNonNull(lens, "lens").getMaterial();
        if (m == null || (!hasParam(m, "Color") && !(hasParam(m, "BaseColor") && hasParam(m, "Emissive")))) {
            throw new IllegalArgumentException("lens " + lens.getName() + " needs a material with a Color parameter "
                    + "(e.g. Common/MatDefs/Misc/Unshaded.j3md) or BaseColor and Emissive (PBRLighting.j3md)");
        }
        Lens l = new Lens(lamp, side, lens);
        lenses.add(l);
        l.apply(0f);
    }

    /**
     * Adds a headlight beam: a spot light that follows the car.
     *
     * @param localPosition beam origin in the car's local frame, metres (not null, copied)
     * @param localForward  beam direction in the car frame, normally +Z (not null, copied, normalised)
     */
    public void addHeadlightBeam(Vector3f localPosition, Vector3f localForward) {
        Objects.requireNonNull(localPosition, "localPosition");
        if (Objects.requireNonNull(localForward, "localForward").lengthSquared() < 1e-12f) {
            throw new IllegalArgumentException("beam direction must not be zero");
        }
        SpotLight spot = new SpotLight();
        spot.setName("headlight-beam-" + beams.size());
        // no range limit: jME's Lighting shader attenuates spot lights per vertex, which darkens
        // large ground quads wrongly; the cone alone shapes the beam
        spot.setSpotRange(0f);
        spot.setColor(new ColorRGBA(1f, 0.97f, 0.9f, 1f).multLocal(LOW_INTENSITY));
        spot.setSpotInnerAngle(BEAM_INNER_ANGLE);
        spot.setSpotOuterAngle(BEAM_OUTER_ANGLE);
        spot.setEnabled(false);
        beams.add(new Beam(spot, localPosition.clone(), localForward.normalize()));
    }

    /**
     * Chooses the node the beam spot lights are attached to.
     *
     * @param host the node whose subtree the beams light (null: the root of the car's scene)
     */
    public void setLightHost(Node host) {
        lightHost = host;
        detachBeams();
    }

    /** @return the lamp state; change it (render thread) and the lamps follow on the next update */
    public LightsState state() {
        return state;
    }

    /** @return the headlight spot lights (live objects; do not modify) */
    public List<SpotLight> beams() {
        List<SpotLight> out = new ArrayList<>(beams.size());
        beams.forEach(b -> out.add(b.spot));
        return out;
    }

    /**
     * Brightness a lens shows right now.
     *
     * @param lamp the lens's role
     * @param side the lens's side
     * @return brightness in [0, 1]
     */
    public float level(Lamp lamp, Side side) {
        return switch (lamp) {
            case HEAD -> state.headLampLevel();
            case TAIL_BRAKE -> state.rearLampLevel();
            case REVERSE -> state.reversing() ? 1f : 0f;
            case BLINKER -> state.blinkerLit(side == Side.LEFT ? LightsState.Blinker.LEFT : LightsState.Blinker.RIGHT)
                    ? 1f : 0f;
        };
    }

    @Override
    protected void controlUpdate(float tpf) {
        state.update(tpf);
        for (int i = 0, n = lenses.size(); i < n; i++) {
            Lens lens = lenses.get(i);
            lens.apply(level(lens.lamp, lens.side));
        }
        updateBeams();
    }

    private void updateBeams() {
        if (beams.isEmpty()) {
            return;
        }
        Node host = lightHost != null ? lightHost : sceneRoot(spatial);
        if (host != attachedHost) {
            detachBeams();
            if (host != null) {
                for (int i = 0; i < beams.size(); i++) {
                    host.addLight(beams.get(i).spot);
                }
                attachedHost = host;
            }
        }
        LightsState.HeadlightMode mode = state.headlights();
        boolean on = mode != LightsState.HeadlightMode.OFF;
        for (int i = 0, n = beams.size(); i < n; i++) {
            Beam b = beams.get(i);
            b.spot.setEnabled(on);
            if (!on) {
                continue;
            }
            b.spot.getColor().set(1f, 0.97f, 0.9f, 1f).multLocal(
                    mode == LightsState.HeadlightMode.HIGH ? HIGH_INTENSITY : LOW_INTENSITY);
            spatial.localToWorld(b.localPosition, b.worldPosition);
            b.localAim.set(b.localForward);
            if (mode == LightsState.HeadlightMode.LOW) {
                b.localAim.y -= FastMath.tan(LOW_PITCH) * b.localForward.length();
            }
            b.localAim.addLocal(b.localPosition);
            spatial.localToWorld(b.localAim, b.worldAim);
            b.worldAim.subtractLocal(b.worldPosition).normalizeLocal();
            b.spot.setPosition(b.worldPosition);
            b.spot.setDirection(b.worldAim);
        }
    }

    private static boolean hasParam(Material m, String name) {
        return m.getMaterialDef().getMaterialParam(name) != null;
    }

    private static Node sceneRoot(Spatial s) {
        if (s == null) {
            return null;
        }
        Spatial top = s;
        while (top.getParent() != null) {
            top = top.getParent();
        }
        return top == s ? null : (Node) top;
    }

    private void detachBeams() {
        if (attachedHost != null) {
            for (int i = 0; i < beams.size(); i++) {
                attachedHost.removeLight(beams.get(i).spot);
            }
            attachedHost = null;
        }
    }

    @Override
    public void setSpatial(Spatial newSpatial) {
        if (newSpatial == null) {
            detachBeams();
        }
        super.setSpatial(newSpatial);
    }

    @Override
    protected void controlRender(RenderManager rm, ViewPort vp) {
        // lamps change in update, not per view
    }

    /** A lens and the colour objects reused for it. */
    private static final class Lens {
        final Lamp lamp;
        final Side side;
        final Geometry geometry;
        final ColorRGBA color = new ColorRGBA();
        final ColorRGBA glow = new ColorRGBA();
        /** Parameter for the lens colour: Color (Unshaded) or BaseColor (PBR). */
        final String colorParam;
        /** Parameter for the light it gives off: GlowColor (Unshaded), Emissive (PBR) or null. */
        final String glowParam;
        float shownLevel = Float.NaN;

        Lens(Lamp lamp, Side side, Geometry geometry) {
            this.lamp = lamp;
            this.side = side;
            this.geometry = geometry;
            Material m = geometry.getMaterial();
            boolean unshaded = hasParam(m, "Color");
            this.colorParam = unshaded ? "Color" : "BaseColor";
            this.glowParam = unshaded ? (hasParam(m, "GlowColor") ? "GlowColor" : null) : "Emissive";
        }

        void apply(float level) {
            if (level == shownLevel) {
                return;
            }
            shownLevel = level;
            color.interpolateLocal(lamp.unlit, lamp.lit, level);
            Material m = geometry.getMaterial();
            m.setColor(colorParam, color);
            if (glowParam != null) {
                glow.set(lamp.lit).multLocal(level);
                glow.a = 1f;
                m.setColor(glowParam, glow);
            }
        }
    }

    /** A headlight spot light and its scratch vectors. */
    private static final class Beam {
        final SpotLight spot;
        final Vector3f localPosition;
        final Vector3f localForward;
        final Vector3f localAim = new Vector3f();
        final Vector3f worldPosition = new Vector3f();
        final Vector3f worldAim = new Vector3f();

        Beam(SpotLight spot, Vector3f localPosition, Vector3f localForward) {
            this.spot = spot;
            this.localPosition = localPosition;
            this.localForward = localForward;
        }
    }
}
