package io.github.photo2car.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.photo2car.lights.CarLightsControl;
import io.github.photo2car.rig.CarPhysics;
import io.github.photo2car.rig.CarRig;
import io.github.photo2car.rig.CarRigBuilder;
import io.github.photo2car.template.CarMesh;
import io.github.photo2car.template.CarParams;
import io.github.photo2car.template.CarTemplate;
import io.github.photo2car.template.LightAnchor;
import io.github.photo2car.template.WheelAnchor;
import io.github.photo2car.template.WheelPosition;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What an exported car carries so it can be rigged again: the template parameters and shape
 * vertices (which rebuild the {@link CarMesh}, hence the collision hull and the anchors), the
 * physical constants and the drive layout. Wheel and lamp anchors are written too, for tools
 * other than photo2car, and checked against the rebuilt mesh on reading.
 *
 * <p>It travels as a JSON object (schema in {@code docs/EXPORT.md}): in a glTF file as the
 * {@value #KEY} member of the root node's {@code extras}, in a j3o file as a JSON string in the
 * root node's user data under the same key. Car frame throughout: metres, +Y up, +Z forward,
 * +X the car's left, origin on the ground under the middle of the wheelbase.
 *
 * @param params         the template parameters (not null)
 * @param shapePositions shape-vertex positions, 3 floats each (not null, length
 *                       3*{@link CarTemplate#SHAPE_VERTICES}; copied)
 * @param tuning         mass, centre-of-mass height and forces (not null)
 * @param allWheelDrive  true if all four wheels are driven
 */
public record RigData(CarParams params, float[] shapePositions, CarPhysics.Tuning tuning, boolean allWheelDrive) {

    /** The key of the rig data in glTF extras and j3o user data. */
    public static final String KEY = "photo2car";
    /** Value of the {@code format} member. */
    public static final String FORMAT = "photo2car-rig";
    /** Schema version written; readers accept this version only. */
    public static final int VERSION = 1;
    /** How far stored anchors may be from the rebuilt mesh's, metres. */
    static final float ANCHOR_TOLERANCE = 1e-4f;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Validates and copies. */
    public RigData {
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(tuning, "tuning");
        if (Objects.requireNonNull(shapePositions, "shapePositions").length != 3 * CarTemplate.SHAPE_VERTICES) {
            throw new IllegalArgumentException("shapePositions must have " + 3 * CarTemplate.SHAPE_VERTICES
                    + " floats, got " + shapePositions.length);
        }
        shapePositions = shapePositions.clone();
        if (!(tuning.mass() > 0 && tuning.engineForce() > 0 && tuning.brakeForce() > 0 && tuning.dragCoefficient() >= 0
                && tuning.centreOfMassHeight() > 0 && Float.isFinite(tuning.centreOfMassHeight()))) {
            throw new IllegalArgumentException("physics constants out of range: " + tuning);
        }
    }

    /**
     * @param rig a built or imported rig (not null, not modified)
     * @return the rig's data
     */
    public static RigData of(CarRig rig) {
        Objects.requireNonNull(rig, "rig");
        return new RigData(rig.mesh().params(), rig.mesh().shapePositions(), rig.tuning(),
                rig.driver().allWheelDrive());
    }

    /** @return a copy of the shape-vertex positions */
    @Override
    public float[] shapePositions() {
        return shapePositions.clone();
    }

    /** @return a new car body rebuilt from the parameters and shape vertices */
    public CarMesh mesh() {
        return CarTemplate.fromShapePositions(params, shapePositions);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RigData r && r.params.equals(params) && Arrays.equals(r.shapePositions, shapePositions)
                && r.tuning.equals(tuning) && r.allWheelDrive == allWheelDrive;
    }

    @Override
    public int hashCode() {
        return Objects.hash(params, Arrays.hashCode(shapePositions), tuning, allWheelDrive);
    }

    @Override
    public String toString() {
        return "RigData[" + params + ", " + tuning + ", allWheelDrive=" + allWheelDrive + "]";
    }

    // ------------------------------------------------------------------ writing

    /**
     * The JSON object as plain Java values (maps, lists, Float, Boolean, String), ready for a JSON
     * library.
     *
     * @return a new tree
     */
    public Map<String, Object> toTree() {
        CarMesh mesh = mesh();
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("format", FORMAT);
        tree.put("version", VERSION);
        tree.put("frame", "metres; +Y up, +Z forward, +X left; origin on the ground under mid-wheelbase");
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("names", List.of(CarParams.names()));
        p.put("values", floats(params.toArray()));
        tree.put("params", p);
        tree.put("shapePositions", floats(shapePositions));
        List<Object> wheels = new ArrayList<>();
        for (WheelAnchor w : mesh.wheels()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", CarRig.wheelName(w.position()));
            m.put("center", floats(new float[] {w.centerX(), w.centerY(), w.centerZ()}));
            m.put("radius", w.radius());
            m.put("width", w.width());
            m.put("front", w.position().isFront());
            wheels.add(m);
        }
        tree.put("wheels", wheels);
        List<Object> lights = new ArrayList<>();
        for (LightAnchor a : mesh.lights()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", CarRig.lampName(a.part()));
            m.put("part", a.part().name());
            CarLightsControl.Lamp lamp = CarRigBuilder.lampOf(a.part());
            m.put("lamp", lamp.name());
            m.put("side", CarRigBuilder.sideOf(a.part()).name());
            m.put("position", floats(new float[] {a.x(), a.y(), a.z()}));
            m.put("direction", floats(new float[] {a.directionX(), a.directionY(), a.directionZ()}));
            lights.add(m);
        }
        tree.put("lights", lights);
        Map<String, Object> physics = new LinkedHashMap<>();
        physics.put("mass", tuning.mass());
        physics.put("centreOfMassHeight", tuning.centreOfMassHeight());
        physics.put("engineForce", tuning.engineForce());
        physics.put("brakeForce", tuning.brakeForce());
        physics.put("dragCoefficient", tuning.dragCoefficient());
        physics.put("allWheelDrive", allWheelDrive);
        tree.put("physics", physics);
        return tree;
    }

    /** @return the JSON object as text */
    public String toJson() {
        try {
            return JSON.writeValueAsString(toTree());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("plain maps and lists always serialise", e);
        }
    }

    private static List<Float> floats(float[] a) {
        List<Float> out = new ArrayList<>(a.length);
        for (float f : a) {
            out.add(f);
        }
        return out;
    }

    // ------------------------------------------------------------------ reading

    /**
     * Reads the JSON text written by {@link #toJson()}.
     *
     * @param json the text (not null)
     * @return the data
     * @throws IllegalArgumentException if the text is not valid rig data, with the reason
     */
    public static RigData fromJson(String json) {
        Objects.requireNonNull(json, "json");
        Object tree;
        try {
            tree = JSON.readValue(json, Object.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("rig data is not valid JSON: " + e.getOriginalMessage(), e);
        }
        return fromTree(tree);
    }

    /**
     * Reads the tree written by {@link #toTree()} (maps, lists, numbers, booleans, strings, as any
     * JSON library gives them), rebuilds the mesh and checks the stored anchors against it.
     *
     * @param tree the JSON object (not modified)
     * @return the data
     * @throws IllegalArgumentException if the tree is not valid rig data, with the reason
     */
    public static RigData fromTree(Object tree) {
        Map<?, ?> root = object(tree, KEY);
        if (!FORMAT.equals(root.get("format"))) {
            throw new IllegalArgumentException(KEY + ".format must be \"" + FORMAT + "\", got " + root.get("format"));
        }
        int version = (int) number(root, "version", KEY);
        if (version != VERSION) {
            throw new IllegalArgumentException(KEY + ".version " + version + " is not supported (this reader: "
                    + VERSION + ")");
        }
        Map<?, ?> p = object(root.get("params"), KEY + ".params");
        List<?> names = list(p.get("names"), KEY + ".params.names");
        float[] stored = floatArray(p.get("values"), KEY + ".params.values");
        String[] expected = CarParams.names();
        if (!names.equals(List.of(expected)) || stored.length != expected.length) {
            throw new IllegalArgumentException(KEY + ".params must list " + String.join(", ", expected) + " in order, got "
                    + names);
        }
        CarParams.Builder builder = CarParams.builder();
        for (int i = 0; i < stored.length; i++) {
            builder.set(i, stored[i]);
        }
        CarParams params = builder.build();
        float[] shape = floatArray(root.get("shapePositions"), KEY + ".shapePositions");
        Map<?, ?> ph = object(root.get("physics"), KEY + ".physics");
        CarPhysics.Tuning tuning = new CarPhysics.Tuning(number(ph, "mass", KEY + ".physics"),
                number(ph, "centreOfMassHeight", KEY + ".physics"), number(ph, "engineForce", KEY + ".physics"),
                number(ph, "brakeForce", KEY + ".physics"), number(ph, "dragCoefficient", KEY + ".physics"));
        if (!(ph.get("allWheelDrive") instanceof Boolean awd)) {
            throw new IllegalArgumentException(KEY + ".physics.allWheelDrive must be true or false");
        }
        RigData data = new RigData(params, shape, tuning, awd);
        data.checkAnchors(root);
        return data;
    }

    /** Stored anchors must match the rebuilt mesh's: a file edited by hand is caught here. */
    private void checkAnchors(Map<?, ?> root) {
        CarMesh mesh = mesh();
        List<?> wheels = list(root.get("wheels"), KEY + ".wheels");
        if (wheels.size() != 4) {
            throw new IllegalArgumentException(KEY + ".wheels must list 4 wheels, got " + wheels.size());
        }
        for (WheelPosition wp : WheelPosition.values()) {
            Map<?, ?> w = object(wheels.get(wp.ordinal()), KEY + ".wheels[" + wp.ordinal() + "]");
            WheelAnchor a = mesh.wheel(wp);
            float[] c = floatArray(w.get("center"), KEY + ".wheels[" + wp.ordinal() + "].center");
            check(CarRig.wheelName(wp).equals(w.get("name")) && c.length == 3
                    && close(c, a.centerX(), a.centerY(), a.centerZ())
                    && Math.abs(number(w, "radius", "wheel") - a.radius()) <= ANCHOR_TOLERANCE,
                    "wheel " + wp + " does not match the shape");
        }
        List<?> lights = list(root.get("lights"), KEY + ".lights");
        List<LightAnchor> anchors = mesh.lights();
        check(lights.size() == anchors.size(), "expected " + anchors.size() + " lights, got " + lights.size());
        for (int i = 0; i < anchors.size(); i++) {
            LightAnchor a = anchors.get(i);
            Map<?, ?> l = object(lights.get(i), KEY + ".lights[" + i + "]");
            float[] pos = floatArray(l.get("position"), KEY + ".lights[" + i + "].position");
            check(CarRig.lampName(a.part()).equals(l.get("name")) && pos.length == 3 && close(pos, a.x(), a.y(), a.z()),
                    "light " + a.part() + " does not match the shape");
        }
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalArgumentException(KEY + " is inconsistent: " + what);
        }
    }

    private static boolean close(float[] v, float x, float y, float z) {
        return Math.abs(v[0] - x) <= ANCHOR_TOLERANCE && Math.abs(v[1] - y) <= ANCHOR_TOLERANCE
                && Math.abs(v[2] - z) <= ANCHOR_TOLERANCE;
    }

    private static Map<?, ?> object(Object o, String path) {
        if (!(o instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException(path + " must be a JSON object, got " + describe(o));
        }
        return m;
    }

    private static List<?> list(Object o, String path) {
        if (!(o instanceof List<?> l)) {
            throw new IllegalArgumentException(path + " must be a JSON array, got " + describe(o));
        }
        return l;
    }

    private static float number(Map<?, ?> m, String key, String path) {
        Object o = m.get(key);
        if (!(o instanceof Number n) || !Float.isFinite(n.floatValue())) {
            throw new IllegalArgumentException(path + "." + key + " must be a finite number, got " + describe(o));
        }
        return n.floatValue();
    }

    private static float[] floatArray(Object o, String path) {
        List<?> l = list(o, path);
        float[] out = new float[l.size()];
        for (int i = 0; i < out.length; i++) {
            if (!(l.get(i) instanceof Number n) || !Float.isFinite(n.floatValue())) {
                throw new IllegalArgumentException(path + "[" + i + "] must be a finite number, got "
                        + describe(l.get(i)));
            }
            out[i] = n.floatValue();
        }
        return out;
    }

    private static String describe(Object o) {
        return o == null ? "nothing" : o.getClass().getSimpleName();
    }
}
