package io.github.photo2car.trainer.eval;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CarModelTest {

    /** Three Kenney Car Kit models (CC0, licence beside them) copied as test fixtures. */
    static Path kenneyDir() throws Exception {
        return Paths.get(CarModelTest.class.getResource("/kenney/sedan.glb").toURI()).getParent();
    }

    @Test
    void kenneyCarsAlignToTheCarFrame() throws Exception {
        Path dir = kenneyDir();
        assertTrue(Files.isDirectory(dir), "evaluation models expected at " + dir);
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".glb")).sorted()::iterator) {
                CarModel m = CarModel.load(f);
                float[] b = m.all().bounds();
                float[] c = m.wheelCentres();
                System.out.printf("[kenney] %-16s tris %5d  L %.2f W %.2f H %.2f  wheelbase %.2f  r %.2f%n", m.name(),
                        m.all().triangleCount(), b[5] - b[2], b[3] - b[0], b[4] - b[1], m.wheelbase(), m.wheelRadius());
                assertEquals(0f, b[1], 1e-4f, "standing on the ground");
                float[] rgb = m.colours();
                assertEquals(3 * m.all().triangleCount(), rgb.length, "a colour per triangle");
                java.util.Set<Integer> distinct = new java.util.HashSet<>();
                for (int t = 0; t < rgb.length; t += 3) {
                    for (int k = 0; k < 3; k++) {
                        assertTrue(rgb[t + k] >= 0 && rgb[t + k] <= 1, "sRGB in 0..1");
                    }
                    distinct.add(Math.round(rgb[t] * 255) << 16 | Math.round(rgb[t + 1] * 255) << 8
                            | Math.round(rgb[t + 2] * 255));
                }
                // paint, windows, lamps and tyres at least
                assertTrue(distinct.size() >= 4, m.name() + ": " + distinct.size() + " colours");
                assertTrue(c[2] > 0 && c[5] > 0 && c[8] < 0 && c[11] < 0, "front wheels at +Z");
                assertTrue(c[0] > 0 && c[3] < 0 && c[6] > 0 && c[9] < 0, "left wheels at +X");
                assertEquals(0f, (c[2] + c[5] + c[8] + c[11]) / 4f, 1e-4f, "origin mid-wheelbase");
                VoxelGrid g = VoxelGrid.voxelize(m.all(), 64, new float[] {b[0] - 0.01f, -0.01f, b[2] - 0.01f},
                        (b[5] - b[2] + 0.02f) / 64f);
                double fill = g.volume() / ((b[3] - b[0]) * (b[4] - b[1]) * (b[5] - b[2]));
                System.out.printf("[kenney] %-16s voxel fill of bounding box %.2f%n", m.name(), fill);
                assertTrue(fill > 0.3 && fill < 0.95, "a solid car fills part of its box: " + fill);
            }
        }
    }
}
