package io.github.photo2car.export;

import com.jme3.bounding.BoundingBox;
import com.jme3.material.MatParam;
import com.jme3.material.Material;
import com.jme3.math.ColorRGBA;
import com.jme3.math.Vector2f;
import com.jme3.math.Vector3f;
import com.jme3.scene.Geometry;
import com.jme3.scene.Node;
import com.jme3.scene.Spatial;
import com.jme3.scene.VertexBuffer;
import com.jme3.scene.control.LightControl;
import com.jme3.texture.Texture;
import com.jme3.texture.image.ImageRaster;
import io.github.photo2car.drive.DriverInput;
import io.github.photo2car.lights.CarLightsControl;
import io.github.photo2car.lights.LightsState;
import io.github.photo2car.rig.CarRig;
import io.github.photo2car.rig.PhysicsHarness;
import io.github.photo2car.template.CarPart;
import io.github.photo2car.template.WheelPosition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Export → import with jME → the same car: names, vertex counts, part positions, wheel mounts,
 * texture, and a rig that drives and whose lamps switch. Run for .glb and .j3o.
 */
class CarRoundTripTest {

    @TempDir
    static Path dir;
    private static CarRig original;

    @BeforeAll
    static void build() {
        original = ExportFixtures.texturedCar();
    }

    private static CarRig roundTrip(String format) throws Exception {
        Path file = dir.resolve("car." + format);
        long t0 = System.nanoTime();
        if (format.equals("glb")) {
            new GlbExporter().write(original, file);
        } else {
            new J3oExporter().write(original, file);
        }
        long t1 = System.nanoTime();
        CarRig imported = new CarImporter(ExportFixtures.ASSETS).load(file);
        long t2 = System.nanoTime();
        System.out.printf("[export] %s: %d bytes, export %.0f ms, import %.0f ms%n", format,
                Files.size(file), (t1 - t0) / 1e6, (t2 - t1) / 1e6);
        return imported;
    }

    @ParameterizedTest
    @ValueSource(strings = {"glb", "j3o"})
    void sameNamesVerticesAndPlaces(String format) throws Exception {
        CarRig imported = roundTrip(format);
        assertEquals(RigData.of(original), RigData.of(imported), "rig data");
        assertEquals(CarRig.ROOT_NAME, imported.root().getName());
        assertEquals(CarRig.CHASSIS_NAME, imported.chassis().getName());

        Map<String, Spatial> before = named(original.root());
        Map<String, Spatial> after = named(imported.root());
        assertTrue(after.keySet().containsAll(before.keySet()), "names lost: " + missing(before, after));
        for (Map.Entry<String, Spatial> e : before.entrySet()) {
            assertEquals(vertices(e.getValue()), vertices(after.get(e.getKey())), "vertices under " + e.getKey());
        }
        assertEquals(vertices(original.root()), vertices(imported.root()), "no geometry added or lost");

        original.root().updateGeometricState();
        imported.root().updateGeometricState();
        for (WheelPosition p : WheelPosition.values()) {
            Vector3f a = original.wheel(p).getWorldTranslation();
            Vector3f b = imported.wheel(p).getWorldTranslation();
            assertTrue(a.distance(b) < 1e-4f, p + " wheel at " + b + ", expected " + a);
            assertTrue(bound(original.wheel(p)).getCenter().distance(bound(imported.wheel(p)).getCenter()) < 1e-4f,
                    p + " wheel geometry in place");
        }
        for (String part : List.of("paint", "trim", "plates", "glass", "headlight_L", "reverse_R")) {
            BoundingBox a = bound(before.get(part));
            BoundingBox b = bound(after.get(part));
            assertTrue(a.getCenter().distance(b.getCenter()) < 1e-4f && a.getExtent(null).distance(b.getExtent(null)) < 1e-4f,
                    part + ": " + b + " vs " + a);
        }
        assertEquals(2, imported.lights().beams().size(), "two headlight beams");
        assertEquals(0, lightsAndLightControls(imported.root()), "the file's own punctual lights are dropped");
    }

    @ParameterizedTest
    @ValueSource(strings = {"glb", "j3o"})
    void paintTextureMapsTheSameWay(String format) throws Exception {
        CarRig imported = roundTrip(format);
        Geometry a = firstGeometry(named(original.root()).get("paint"));
        Geometry b = firstGeometry(named(imported.root()).get("paint"));
        Texture ta = texture(a.getMaterial());
        Texture tb = texture(b.getMaterial());
        assertNotNull(tb, "paint texture survives");
        FloatBuffer uva = a.getMesh().getFloatBuffer(VertexBuffer.Type.TexCoord);
        FloatBuffer uvb = b.getMesh().getFloatBuffer(VertexBuffer.Type.TexCoord);
        ColorRGBA ca = new ColorRGBA();
        ColorRGBA cb = new ColorRGBA();
        for (int i = 0; i < a.getMesh().getVertexCount(); i += 97) {
            sample(ta, uva.get(2 * i), uva.get(2 * i + 1), ca);
            sample(tb, uvb.get(2 * i), uvb.get(2 * i + 1), cb);
            assertTrue(Math.abs(ca.r - cb.r) < 0.03f && Math.abs(ca.g - cb.g) < 0.03f,
                    "vertex " + i + ": texel " + cb + ", expected " + ca);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"glb", "j3o"})
    void importedCarDrivesSteersBrakesAndLightsUp(String format) throws Exception {
        CarRig rig = roundTrip(format);
        try (PhysicsHarness h = new PhysicsHarness()) {
            rig.attach(new Node("scene"), h.space, Vector3f.ZERO, 0f);
            DriverInput in = new DriverInput();
            h.run(rig.root(), 1f, () -> rig.driver().update(in, PhysicsHarness.STEP));
            Vector3f start = rig.vehicle().getPhysicsLocation(null);
            in.throttle = 1f;
            h.run(rig.root(), 3f, () -> rig.driver().update(in, PhysicsHarness.STEP));
            Vector3f moved = rig.vehicle().getPhysicsLocation(null).subtract(start);
            assertTrue(moved.z > 5f && Math.abs(moved.x) < 0.5f, "3 s of throttle drives forward: " + moved + "; "
                    + PhysicsHarness.vehicleState(rig.vehicle()));

            in.throttle = 0.5f;
            in.steer = 1f;
            Vector3f beforeTurn = rig.vehicle().getPhysicsLocation(null);
            h.run(rig.root(), 2f, () -> rig.driver().update(in, PhysicsHarness.STEP));
            Vector3f heading = rig.vehicle().getPhysicsRotation(null).mult(Vector3f.UNIT_Z);
            assertTrue(heading.x > 0.2f, "steering left turns towards +X: " + heading);
            assertTrue(rig.vehicle().getPhysicsLocation(null).subtract(beforeTurn).x > 0.5f, "and the path curves left");

            in.clear();
            in.brake = 1f;
            float[] stopped = {-1f};
            float[] t = {0f};
            h.run(rig.root(), 6f, () -> {
                t[0] += PhysicsHarness.STEP;
                if (stopped[0] < 0 && rig.driver().forwardSpeed() < 0.5f) {
                    stopped[0] = t[0];
                    in.brake = 0f;
                }
                rig.driver().update(in, PhysicsHarness.STEP);
            });
            assertTrue(stopped[0] > 0f && stopped[0] < 5f, "braking stops the car: " + stopped[0] + " s");

            Geometry lens = firstGeometry(named(rig.root()).get(CarRig.lampName(CarPart.HEADLIGHT_L)));
            String glow = lens.getMaterial().getParam("Emissive") != null || "glb".equals(format) ? "Emissive" : "GlowColor";
            rig.lights().state().setHeadlights(LightsState.HeadlightMode.OFF);
            h.run(rig.root(), 0.1f, null);
            assertEquals(0f, color(lens.getMaterial(), glow).r, 1e-6f, "headlight dark when off");
            assertTrue(!rig.lights().beams().get(0).isEnabled(), "beam off");
            rig.lights().state().setHeadlights(LightsState.HeadlightMode.LOW);
            h.run(rig.root(), 0.1f, null);
            float level = rig.lights().level(CarLightsControl.Lamp.HEAD, CarLightsControl.Side.LEFT);
            assertTrue(level > 0.5f, "dipped beam lights the lens: " + level);
            assertEquals(CarLightsControl.Lamp.HEAD.litColor().r * level, color(lens.getMaterial(), glow).r, 1e-6f,
                    "headlight glows when on");
            assertTrue(rig.lights().beams().get(0).isEnabled(), "beam on");
        }
    }

    @org.junit.jupiter.api.Test
    void importedCarExportsToTheSameGlbStructure() throws Exception {
        CarRig imported = roundTrip("glb");
        Path again = dir.resolve("again.glb");
        new GlbExporter().write(imported, again);
        de.javagl.jgltf.model.GltfModel first = new de.javagl.jgltf.model.io.GltfModelReader().read(dir.resolve("car.glb"));
        de.javagl.jgltf.model.GltfModel second = new de.javagl.jgltf.model.io.GltfModelReader().read(again);
        assertEquals(nodeNames(first), nodeNames(second), "no nodes added by jME's mesh nodes");
        assertEquals(first.getMeshModels().size(), second.getMeshModels().size());
        assertEquals(first.getAccessorModels().size(), second.getAccessorModels().size());
    }

    private static List<String> nodeNames(de.javagl.jgltf.model.GltfModel model) {
        List<String> out = new ArrayList<>();
        model.getNodeModels().forEach(n -> out.add(n.getName()));
        java.util.Collections.sort(out);
        return out;
    }

    // ------------------------------------------------------------------ helpers

    private static Map<String, Spatial> named(Spatial root) {
        Map<String, Spatial> out = new HashMap<>();
        root.depthFirstTraversal(s -> out.putIfAbsent(s.getName(), s));
        return out;
    }

    private static List<String> missing(Map<String, Spatial> before, Map<String, Spatial> after) {
        List<String> out = new ArrayList<>(new TreeSet<>(before.keySet()));
        out.removeAll(after.keySet());
        return out;
    }

    private static int vertices(Spatial s) {
        int[] n = {0};
        s.depthFirstTraversal(c -> {
            if (c instanceof Geometry g) {
                n[0] += g.getMesh().getVertexCount();
            }
        });
        return n[0];
    }

    private static int lightsAndLightControls(Spatial s) {
        int[] n = {0};
        s.depthFirstTraversal(c -> {
            n[0] += c.getLocalLightList().size();
            if (c.getControl(LightControl.class) != null) {
                n[0]++;
            }
        });
        return n[0];
    }

    /** World bounding box of a subtree's geometry. */
    private static BoundingBox bound(Spatial s) {
        s.updateGeometricState();
        return (BoundingBox) s.getWorldBound();
    }

    private static Geometry firstGeometry(Spatial s) {
        Geometry[] found = {null};
        s.depthFirstTraversal(c -> {
            if (found[0] == null && c instanceof Geometry g) {
                found[0] = g;
            }
        });
        return found[0];
    }

    private static Texture texture(Material m) {
        for (String name : List.of("DiffuseMap", "BaseColorMap")) {
            MatParam p = m.getParam(name);
            if (p != null) {
                return (Texture) p.getValue();
            }
        }
        return null;
    }

    private static ColorRGBA color(Material m, String name) {
        return (ColorRGBA) m.getParam(name).getValue();
    }

    /** Nearest texel in jME's convention: v = 0 is the image's bottom row. */
    private static void sample(Texture t, float u, float v, ColorRGBA store) {
        int w = t.getImage().getWidth();
        int h = t.getImage().getHeight();
        Vector2f p = new Vector2f(Math.min(w - 1, Math.max(0, (int) (u * w))), Math.min(h - 1, Math.max(0, (int) (v * h))));
        ImageRaster.create(t.getImage()).getPixel((int) p.x, (int) p.y, store);
    }
}
