package io.github.photo2car.export;

import de.javagl.jgltf.model.AccessorModel;
import de.javagl.jgltf.model.BufferViewModel;
import de.javagl.jgltf.model.GltfModel;
import de.javagl.jgltf.model.ImageModel;
import de.javagl.jgltf.model.MaterialModel;
import de.javagl.jgltf.model.MeshModel;
import de.javagl.jgltf.model.MeshPrimitiveModel;
import de.javagl.jgltf.model.NodeModel;
import de.javagl.jgltf.model.io.GltfModelReader;
import de.javagl.jgltf.model.v2.MaterialModelV2;
import io.github.photo2car.lights.CarLightsControl;
import io.github.photo2car.rig.CarRig;
import io.github.photo2car.rig.CarRigBuilder;
import io.github.photo2car.template.LightAnchor;
import io.github.photo2car.template.WheelPosition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reads an exported .glb back with jgltf (not jME) and checks what the file says. */
class GlbStructureTest {

    @TempDir
    static Path dir;
    private static CarRig rig;
    private static Path file;
    private static GltfModel model;
    private static final Map<String, NodeModel> NODES = new HashMap<>();

    @BeforeAll
    static void export() throws Exception {
        rig = ExportFixtures.texturedCar();
        file = dir.resolve("car.glb");
        new GlbExporter().write(rig, file);
        model = new GltfModelReader().read(file);
        for (NodeModel n : model.getNodeModels()) {
            NODES.put(n.getName(), n);
        }
    }

    @Test
    void isAGlbWithAJsonAndABinaryChunk() throws Exception {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0x46546C67, b.getInt(0), "magic 'glTF'");
        assertEquals(2, b.getInt(4), "container version");
        assertEquals(b.capacity(), b.getInt(8), "declared length is the file length");
        int jsonLength = b.getInt(12);
        assertEquals(0x4E4F534A, b.getInt(16), "first chunk is JSON");
        assertEquals(0, jsonLength % 4, "chunks are 4-byte aligned");
        int bin = 20 + jsonLength;
        int binLength = b.getInt(bin);
        assertEquals(0x004E4942, b.getInt(bin + 4), "second chunk is BIN");
        assertEquals(b.capacity(), bin + 8 + binLength, "nothing after the binary chunk");
        assertEquals(1, model.getBufferModels().size());
        assertTrue(model.getBufferModels().get(0).getByteLength() <= binLength);
        com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(new String(b.array(), 20, jsonLength, java.nio.charset.StandardCharsets.UTF_8));
        assertEquals("2.0", json.path("asset").path("version").asText());
        assertEquals("photo2car", json.path("asset").path("generator").asText());
        System.out.printf("[export] glb %d bytes: JSON chunk %d bytes (rig data %d), binary chunk %d bytes%n",
                b.capacity(), jsonLength, json.path("nodes").path(0).path("extras").path(RigData.KEY).toString().length(),
                binLength);
    }

    @Test
    void nodesAreNamedForTheRig() {
        NodeModel car = model.getSceneModels().get(0).getNodeModels().get(0);
        assertEquals(CarRig.ROOT_NAME, car.getName());
        Set<String> top = names(car.getChildren());
        assertEquals(Set.of("body", "wheel_FL", "wheel_FR", "wheel_RL", "wheel_RR"), top);
        Set<String> body = names(NODES.get("body").getChildren());
        assertTrue(body.containsAll(Set.of("paint", "trim", "plates", "glass")), body.toString());
        for (LightAnchor a : rig.mesh().lights()) {
            assertTrue(body.contains(CarRig.lampName(a.part())), "lamp node " + CarRig.lampName(a.part()));
        }
        assertEquals(10, rig.mesh().lights().size(), "every lamp of the template has a node");
        for (WheelPosition p : WheelPosition.values()) {
            float[] t = NODES.get(CarRig.wheelName(p)).getTranslation();
            float[] c = {rig.mesh().wheel(p).centerX(), rig.mesh().wheel(p).centerY(), rig.mesh().wheel(p).centerZ()};
            assertArrayEquals(c, t, 1e-6f, "wheel node at the anchor");
        }
    }

    @Test
    void meshesHaveOnePrimitivePerPartAndConsistentAccessors() {
        // paint, trim, plates, glass, 10 lenses, and one tyre and one rim shared by the 4 wheels
        assertEquals(4 + 10 + 2, model.getMeshModels().size());
        int wheelsUsingTyre = 0;
        for (NodeModel n : model.getNodeModels()) {
            if (!n.getMeshModels().isEmpty() && n.getMeshModels().get(0).getName().equals("tyre")) {
                wheelsUsingTyre++;
            }
        }
        assertEquals(4, wheelsUsingTyre, "one tyre mesh instanced 4 times");
        for (MeshModel mesh : model.getMeshModels()) {
            assertEquals(1, mesh.getMeshPrimitiveModels().size(), mesh.getName());
            MeshPrimitiveModel p = mesh.getMeshPrimitiveModels().get(0);
            assertEquals(4, p.getMode(), "triangles");
            AccessorModel pos = p.getAttributes().get("POSITION");
            AccessorModel nor = p.getAttributes().get("NORMAL");
            AccessorModel uv = p.getAttributes().get("TEXCOORD_0");
            assertNotNull(pos.getMin(), "POSITION needs min and max");
            assertNotNull(pos.getMax());
            assertEquals(pos.getCount(), nor.getCount(), mesh.getName());
            assertEquals(pos.getCount(), uv.getCount(), mesh.getName());
            AccessorModel idx = p.getIndices();
            assertEquals(0, idx.getCount() % 3);
            assertEquals(5123, idx.getComponentType(),
                    "fewer than 65536 vertices: unsigned short indices");
            de.javagl.jgltf.model.AccessorShortData shorts = (de.javagl.jgltf.model.AccessorShortData) idx.getAccessorData();
            int max = 0;
            for (int i = 0; i < idx.getCount(); i++) {
                max = Math.max(max, shorts.getInt(i));
            }
            assertTrue(max < pos.getCount(), "indices within the vertices of " + mesh.getName());
            for (AccessorModel a : List.of(pos, nor, uv, idx)) {
                BufferViewModel v = a.getBufferViewModel();
                int stride = Math.max(a.getByteStride(), a.getElementSizeInBytes());
                assertTrue(a.getByteOffset() + (a.getCount() - 1) * stride + a.getElementSizeInBytes() <= v.getByteLength(),
                        "accessor fits its buffer view");
                assertTrue(v.getByteOffset() + v.getByteLength() <= v.getBufferModel().getByteLength(),
                        "buffer view fits its buffer");
            }
        }
        int vertices = 0;
        for (MeshModel mesh : model.getMeshModels()) {
            vertices += mesh.getMeshPrimitiveModels().get(0).getAttributes().get("POSITION").getCount();
        }
        assertEquals(rig.mesh().renderVertexCount() + vertexCount("tyre") + vertexCount("rim"), vertices,
                "every body vertex once, each wheel mesh once");
    }

    private static int vertexCount(String name) {
        return ((com.jme3.scene.Geometry) ((com.jme3.scene.Node) rig.wheel(WheelPosition.FL).getChild(0))
                .getChild(name)).getMesh().getVertexCount();
    }

    @Test
    void materialsArePbrWithEmissiveLampsAndAnEmbeddedPng() {
        Map<String, MaterialModelV2> byName = new HashMap<>();
        for (MaterialModel m : model.getMaterialModels()) {
            byName.put(m.getName(), (MaterialModelV2) m);
        }
        for (LightAnchor a : rig.mesh().lights()) {
            MaterialModelV2 m = byName.get(CarRig.lampName(a.part()));
            float[] lit = CarRigBuilder.lampOf(a.part()).litColor().toArray(null);
            assertArrayEquals(new float[] {lit[0], lit[1], lit[2]}, m.getEmissiveFactor(), 1e-6f, m.getName());
        }
        for (String part : List.of("paint", "trim", "plates", "glass", "tyre", "rim")) {
            assertArrayEquals(new float[3], byName.get(part).getEmissiveFactor(), 0f, part + " does not glow");
        }
        assertEquals(MaterialModelV2.AlphaMode.BLEND, byName.get("glass").getAlphaMode());
        assertTrue(byName.get("glass").getBaseColorFactor()[3] < 1f);
        assertEquals(MaterialModelV2.AlphaMode.OPAQUE, byName.get("paint").getAlphaMode());
        assertEquals(1f, byName.get("rim").getMetallicFactor(), "chrome is metal");
        assertTrue(byName.get("tyre").getRoughnessFactor() > 0.8f, "rubber is rough");
        assertNotNull(byName.get("paint").getBaseColorTexture(), "the paint texture is kept");
        assertEquals(1, model.getImageModels().size());
        ImageModel image = model.getImageModels().get(0);
        assertEquals("image/png", image.getMimeType());
        assertNull(image.getUri(), "embedded in the binary chunk, not a side file");
        assertEquals(0x89504E47, image.getImageData().order(ByteOrder.BIG_ENDIAN).getInt(0), "PNG signature");
    }

    @Test
    void headlightsCarrySpotLights() {
        assertTrue(model.getExtensionsModel().getExtensionsUsed().contains(GlbExporter.LIGHTS_EXTENSION));
        Map<?, ?> ext = (Map<?, ?>) model.getExtensions().get(GlbExporter.LIGHTS_EXTENSION);
        List<?> lights = (List<?>) ext.get("lights");
        assertEquals(2, lights.size());
        Set<String> lit = new HashSet<>();
        for (NodeModel n : model.getNodeModels()) {
            Map<String, Object> e = n.getExtensions();
            if (e == null || !e.containsKey(GlbExporter.LIGHTS_EXTENSION)) {
                continue;
            }
            lit.add(n.getName());
            int index = ((Number) ((Map<?, ?>) e.get(GlbExporter.LIGHTS_EXTENSION)).get("light")).intValue();
            Map<?, ?> light = (Map<?, ?>) lights.get(index);
            assertEquals("spot", light.get("type"));
            Map<?, ?> spot = (Map<?, ?>) light.get("spot");
            assertEquals(CarLightsControl.BEAM_OUTER_ANGLE, ((Number) spot.get("outerConeAngle")).floatValue(), 1e-6f);
            assertTrue(((Number) light.get("intensity")).floatValue() > 1000f, "candela");
            // a spot light shines along its node's -Z: the headlight node must turn that to +Z (forward)
            float[] q = n.getRotation();
            com.jme3.math.Vector3f aim = new com.jme3.math.Quaternion(q[0], q[1], q[2], q[3])
                    .mult(new com.jme3.math.Vector3f(0, 0, -1));
            assertTrue(aim.z > 0.999f, "beam points forward: " + aim);
        }
        assertEquals(Set.of("headlight_L", "headlight_R"), lit);
    }

    @Test
    void extrasHoldTheRigData() {
        Map<?, ?> extras = (Map<?, ?>) NODES.get(CarRig.ROOT_NAME).getExtras();
        RigData read = RigData.fromTree(extras.get(RigData.KEY));
        assertEquals(RigData.of(rig), read, "parameters, shape, physics and drive layout survive exactly");
        assertTrue(read.allWheelDrive());
        Map<?, ?> lampExtras = (Map<?, ?>) NODES.get("blinker_front_R").getExtras();
        assertEquals("BLINKER", lampExtras.get("lamp"));
        assertEquals("RIGHT", lampExtras.get("side"));
    }

    private static Set<String> names(List<NodeModel> nodes) {
        List<String> out = new ArrayList<>();
        nodes.forEach(n -> out.add(n.getName()));
        return new HashSet<>(out);
    }
}
