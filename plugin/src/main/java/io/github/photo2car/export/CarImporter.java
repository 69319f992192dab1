package io.github.photo2car.export;

import com.jme3.asset.AssetInfo;
import com.jme3.asset.AssetManager;
import com.jme3.export.FormatVersion;
import com.jme3.export.Savable;
import com.jme3.export.binary.BinaryImporter;
import com.jme3.light.Light;
import com.jme3.plugins.json.JsonArray;
import com.jme3.plugins.json.JsonElement;
import com.jme3.plugins.json.JsonObject;
import com.jme3.plugins.json.JsonPrimitive;
import com.jme3.scene.Geometry;
import com.jme3.scene.Node;
import com.jme3.scene.Spatial;
import com.jme3.scene.control.LightControl;
import com.jme3.scene.plugins.gltf.ExtrasLoader;
import com.jme3.scene.plugins.gltf.GlbLoader;
import com.jme3.scene.plugins.gltf.GltfLoader;
import com.jme3.scene.plugins.gltf.GltfModelKey;
import com.jme3.scene.plugins.gltf.UserDataLoader;
import io.github.photo2car.rig.CarRig;
import io.github.photo2car.rig.CarRigBuilder;
import io.github.photo2car.rig.RigParts;
import io.github.photo2car.template.CarMesh;
import io.github.photo2car.template.CarPart;
import io.github.photo2car.template.LightAnchor;
import io.github.photo2car.template.WheelPosition;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Loads a car written by {@link GlbExporter} ({@code .glb}) or {@link J3oExporter} ({@code .j3o})
 * and rigs it again: the visible tree comes from the file (meshes and materials as stored; a glTF
 * file gives jME PBR materials), the physics, wheel mounts, lamps and driver from the file's
 * {@link RigData} through {@link CarRigBuilder#rig}, exactly as a freshly built car.
 *
 * <p>glTF files are read with jME's own loader (jme3-plugins with its JSON modules). The
 * {@code KHR_lights_punctual} lights it creates are dropped: the rig's {@code CarLightsControl}
 * makes the headlight beams. Not thread-safe per instance; the returned rig must be attached on the
 * render thread like any other.
 */
public final class CarImporter {

    /** "glTF" read as a little-endian int. */
    private static final int GLB_MAGIC = 0x46546C67;

    private final AssetManager assets;

    /**
     * @param assets the application's asset manager, for material definitions (not null)
     */
    public CarImporter(AssetManager assets) {
        this.assets = Objects.requireNonNull(assets, "assets");
    }

    /**
     * Loads a {@code .glb} or {@code .j3o} file, chosen by the file name's extension.
     *
     * @param file the file (not null)
     * @return a new rig, not yet attached to a scene or physics space
     * @throws CarImportException if the file is missing or unreadable, has another extension, or
     *                            does not hold a photo2car car
     */
    public CarRig load(Path file) throws CarImportException {
        String name = Objects.requireNonNull(file, "file").getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".glb")) {
            return loadGlb(file);
        } else if (name.endsWith(".j3o")) {
            return loadJ3o(file);
        }
        throw new CarImportException(file + ": unknown car file type (expected .glb or .j3o)", null);
    }

    /**
     * Loads a binary glTF file written by {@link GlbExporter}.
     *
     * @param file the file (not null)
     * @return a new rig, not yet attached to a scene or physics space
     * @throws CarImportException if the file is missing or unreadable, is not binary glTF, or does
     *                            not hold a photo2car car
     */
    public CarRig loadGlb(Path file) throws CarImportException {
        requireReadable(file);
        checkGlbHeader(file);
        RigDataCapture capture = new RigDataCapture();
        GltfModelKey key = new GltfModelKey(file.getFileName().toString());
        key.setExtrasLoader(capture);
        Object loaded;
        try {
            loaded = new GlbLoader().load(new AssetInfo(assets, key) {
                @Override
                public InputStream openStream() {
                    try {
                        return Files.newInputStream(file);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            });
        } catch (IOException | RuntimeException e) {
            throw new CarImportException(file + " is not a readable binary glTF file: " + e.getMessage(), e);
        }
        if (capture.tree == null) {
            throw new CarImportException(file + " has no photo2car rig data (extras." + RigData.KEY
                    + " on the car node): it was not written by photo2car", null);
        }
        return rig(file, (Spatial) loaded, () -> RigData.fromTree(capture.tree));
    }

    /**
     * Loads a jME binary file written by {@link J3oExporter}.
     *
     * @param file the file (not null)
     * @return a new rig, not yet attached to a scene or physics space
     * @throws CarImportException if the file is missing or unreadable, is not a j3o file, or does
     *                            not hold a photo2car car
     */
    public CarRig loadJ3o(Path file) throws CarImportException {
        requireReadable(file);
        // without its signature BinaryImporter takes a file for an old-format j3o and can spend
        // minutes decoding noise
        byte[] head = readHead(file, 4);
        if (head.length < 4 || ByteBuffer.wrap(head).getInt() != FormatVersion.SIGNATURE) {
            throw new CarImportException(file + " is not a readable j3o file: no JME3 signature", null);
        }
        Savable loaded;
        try {
            BinaryImporter importer = new BinaryImporter();
            importer.setAssetManager(assets);
            loaded = importer.load(file.toFile());
        } catch (IOException | RuntimeException e) {
            throw new CarImportException(file + " is not a readable j3o file: " + e.getMessage(), e);
        }
        if (!(loaded instanceof Spatial spatial)) {
            throw new CarImportException(file + " holds a " + (loaded == null ? "nothing" : loaded.getClass().getName())
                    + ", not a scene", null);
        }
        Spatial car = find(spatial, CarRig.ROOT_NAME);
        Object json = car == null ? null : car.getUserData(RigData.KEY);
        if (!(json instanceof String text)) {
            throw new CarImportException(file + " has no photo2car rig data (user data " + RigData.KEY
                    + " on the car node): it was not written by photo2car", null);
        }
        return rig(file, spatial, () -> RigData.fromJson(text));
    }

    /** The 12-byte GLB header: magic "glTF", container version 2, total length = file size. */
    private static void checkGlbHeader(Path file) throws CarImportException {
        byte[] head = readHead(file, 12);
        ByteBuffer b = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN);
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new CarImportException(file + ": not readable: " + e.getMessage(), e);
        }
        if (head.length < 12 || b.getInt(0) != GLB_MAGIC) {
            throw new CarImportException(file + " is not a readable binary glTF file: no glTF header", null);
        }
        if (b.getInt(4) != 2 || b.getInt(8) != size) {
            throw new CarImportException(file + " is not a readable binary glTF file: container version " + b.getInt(4)
                    + ", declared length " + b.getInt(8) + " for a file of " + size + " bytes", null);
        }
    }

    private static byte[] readHead(Path file, int n) throws CarImportException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(n);
        } catch (IOException e) {
            throw new CarImportException(file + ": not readable: " + e.getMessage(), e);
        }
    }

    private static void requireReadable(Path file) throws CarImportException {
        Objects.requireNonNull(file, "file");
        if (!Files.isRegularFile(file)) {
            throw new CarImportException(file + ": no such file", null);
        }
        if (!Files.isReadable(file)) {
            throw new CarImportException(file + ": not readable", null);
        }
    }

    /** Reads the rig data; an IllegalArgumentException means the data is invalid. */
    private interface RigDataSource {
        RigData read();
    }

    private CarRig rig(Path file, Spatial loaded, RigDataSource source) throws CarImportException {
        RigData data;
        try {
            data = source.read();
        } catch (IllegalArgumentException e) {
            throw new CarImportException(file + ": invalid photo2car rig data: " + e.getMessage(), e);
        }
        Spatial found = find(loaded, CarRig.ROOT_NAME);
        if (!(found instanceof Node car)) {
            throw new CarImportException(file + " has no node named " + CarRig.ROOT_NAME, null);
        }
        dropLights(car);
        CarMesh mesh = data.mesh();
        Node chassis = child(file, car, CarRig.CHASSIS_NAME);
        Map<CarPart, Geometry> lenses = new EnumMap<>(CarPart.class);
        for (LightAnchor a : mesh.lights()) {
            Node lamp = child(file, chassis, CarRig.lampName(a.part()));
            Geometry lens = firstGeometry(lamp);
            if (lens == null) {
                throw new CarImportException(file + ": lamp node " + lamp.getName() + " holds no geometry", null);
            }
            lenses.put(a.part(), lens);
        }
        Spatial[] models = new Spatial[4];
        for (WheelPosition p : WheelPosition.values()) {
            Node wheel = child(file, car, CarRig.wheelName(p));
            if (wheel.getQuantity() == 1) {
                models[p.ordinal()] = wheel.getChild(0);
            } else {
                Node model = new Node(CarRig.wheelName(p) + "_model");
                for (Spatial s : new ArrayList<>(wheel.getChildren())) {
                    model.attachChild(s);
                }
                models[p.ordinal()] = model;
            }
        }
        try {
            return new CarRigBuilder(assets).allWheelDrive(data.allWheelDrive())
                    .rig(mesh, new RigParts(chassis, lenses, models), data.tuning());
        } catch (IllegalArgumentException e) {
            throw new CarImportException(file + ": the car cannot be rigged: " + e.getMessage(), e);
        }
    }

    private static Node child(Path file, Node parent, String name) throws CarImportException {
        Spatial s = parent.getChild(name);
        if (!(s instanceof Node n)) {
            throw new CarImportException(file + ": node " + parent.getName() + " has no child node named " + name, null);
        }
        return n;
    }

    private static Spatial find(Spatial s, String name) {
        if (name.equals(s.getName())) {
            return s;
        }
        return s instanceof Node n ? n.getChild(name) : null;
    }

    private static Geometry firstGeometry(Spatial s) {
        if (s instanceof Geometry g) {
            return g;
        }
        if (s instanceof Node n) {
            for (Spatial c : n.getChildren()) {
                Geometry g = firstGeometry(c);
                if (g != null) {
                    return g;
                }
            }
        }
        return null;
    }

    /** Removes the glTF loader's punctual lights and the controls that move them. */
    private static void dropLights(Spatial s) {
        for (int i = s.getNumControls() - 1; i >= 0; i--) {
            if (s.getControl(i) instanceof LightControl lc) {
                s.removeControl(lc);
            }
        }
        for (Light l : s.getLocalLightList().clone()) {
            s.removeLight(l);
        }
        if (s instanceof Node n) {
            for (Spatial c : n.getChildren()) {
                dropLights(c);
            }
        }
    }

    /**
     * Extras loader that keeps the rig data as plain Java values instead of user data, and hands
     * every other extras object to jME's default (user data).
     */
    private static final class RigDataCapture implements ExtrasLoader {
        private final ExtrasLoader others = new UserDataLoader();
        Object tree;

        @Override
        public Object handleExtras(GltfLoader loader, String parentName, JsonElement parent, JsonElement extras,
                                   Object input) {
            Object plain = plain(extras);
            if (plain instanceof Map<?, ?> m && m.containsKey(RigData.KEY)) {
                tree = m.get(RigData.KEY);
                return input;
            }
            return others.handleExtras(loader, parentName, parent, extras, input);
        }

        /** jME's JSON abstraction as maps, lists, numbers, booleans and strings. */
        private static Object plain(Object e) {
            if (e instanceof JsonElement el && !(e instanceof JsonObject) && !(e instanceof JsonArray)
                    && !(e instanceof JsonPrimitive)) {
                Object cast = el.autoCast();
                return cast == e ? null : plain(cast);
            }
            if (e instanceof JsonObject o) {
                Map<String, Object> out = new LinkedHashMap<>();
                for (Map.Entry<String, JsonElement> entry : o.entrySet()) {
                    out.put(entry.getKey(), plain(entry.getValue()));
                }
                return out;
            }
            if (e instanceof JsonArray a) {
                List<Object> out = new ArrayList<>(a.size());
                for (int i = 0; i < a.size(); i++) {
                    out.add(plain(a.get(i)));
                }
                return out;
            }
            if (e instanceof JsonPrimitive p) {
                return p.isNumber() ? (Object) p.getAsNumber().doubleValue()
                        : p.isBoolean() ? (Object) p.getAsBoolean() : p.getAsString();
            }
            return null;
        }
    }
}
