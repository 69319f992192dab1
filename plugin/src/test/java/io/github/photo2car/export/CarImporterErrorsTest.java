package io.github.photo2car.export;

import de.javagl.jgltf.model.GltfModel;
import de.javagl.jgltf.model.NodeModel;
import de.javagl.jgltf.model.impl.DefaultNodeModel;
import de.javagl.jgltf.model.io.GltfModelReader;
import de.javagl.jgltf.model.io.GltfModelWriter;
import io.github.photo2car.rig.CarRig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Files that are not photo2car cars give a CarImportException that says why. */
class CarImporterErrorsTest {

    @TempDir
    static Path dir;
    private static CarImporter importer;
    private static Path goodGlb;

    @BeforeAll
    static void setUp() throws Exception {
        importer = new CarImporter(ExportFixtures.ASSETS);
        goodGlb = dir.resolve("good.glb");
        new GlbExporter().write(ExportFixtures.plainCar(), goodGlb);
    }

    private static void fails(Path file, String because) {
        CarImportException e = assertThrows(CarImportException.class, () -> importer.load(file));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains(because),
                "message names the file and says '" + because + "': " + e.getMessage());
    }

    @Test
    void missingFile() {
        fails(dir.resolve("nothing-here.glb"), "no such file");
        fails(dir.resolve("nothing-here.j3o"), "no such file");
    }

    @Test
    void unknownExtension() throws Exception {
        Path obj = Files.writeString(dir.resolve("car.obj"), "v 0 0 0\n");
        fails(obj, "expected .glb or .j3o");
    }

    @Test
    void randomBytes() throws Exception {
        byte[] noise = new byte[4096];
        new Random(7).nextBytes(noise);
        fails(Files.write(dir.resolve("noise.glb"), noise), "not a readable binary glTF file");
        fails(Files.write(dir.resolve("noise.j3o"), noise), "not a readable j3o file");
        fails(Files.write(dir.resolve("empty.glb"), new byte[0]), "not a readable binary glTF file");
    }

    @Test
    void truncatedGlb() throws Exception {
        byte[] bytes = Files.readAllBytes(goodGlb);
        byte[] half = java.util.Arrays.copyOf(bytes, bytes.length / 2);
        fails(Files.write(dir.resolve("half.glb"), half), "not a readable binary glTF file");
    }

    @Test
    void glbWithoutRigData() throws Exception {
        GltfModel model = new GltfModelReader().read(goodGlb);
        for (NodeModel n : model.getNodeModels()) {
            if (CarRig.ROOT_NAME.equals(n.getName())) {
                ((DefaultNodeModel) n).setExtras(null);
            }
        }
        Path bare = dir.resolve("bare.glb");
        new GltfModelWriter().writeBinary(model, bare.toFile());
        fails(bare, "has no photo2car rig data");
    }

    @Test
    void j3oThatIsNotACar() throws Exception {
        Path scene = dir.resolve("scene.j3o");
        com.jme3.export.binary.BinaryExporter.getInstance().save(new com.jme3.scene.Node("car"), scene.toFile());
        fails(scene, "has no photo2car rig data");
    }

    @Test
    void glbWithBrokenRigData() throws Exception {
        GltfModel model = new GltfModelReader().read(goodGlb);
        for (NodeModel n : model.getNodeModels()) {
            if (CarRig.ROOT_NAME.equals(n.getName())) {
                @SuppressWarnings("unchecked")
                Map<String, Object> data = (Map<String, Object>) ((Map<?, ?>) n.getExtras()).get(RigData.KEY);
                data.put("version", 99);
            }
        }
        Path future = dir.resolve("future.glb");
        new GltfModelWriter().writeBinary(model, future.toFile());
        fails(future, "version 99 is not supported");
    }

    @Test
    void glbMissingAWheelNode() throws Exception {
        GltfModel model = new GltfModelReader().read(goodGlb);
        for (NodeModel n : model.getNodeModels()) {
            if ("wheel_RR".equals(n.getName())) {
                ((DefaultNodeModel) n).setName("spare");
            }
        }
        Path noWheel = dir.resolve("three-wheeler.glb");
        new GltfModelWriter().writeBinary(model, noWheel.toFile());
        fails(noWheel, "has no child node named wheel_RR");
    }
}
