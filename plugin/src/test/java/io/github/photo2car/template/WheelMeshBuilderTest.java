package io.github.photo2car.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WheelMeshBuilderTest {

    /** Merges vertices at equal positions, so seam duplicates and flat-shaded copies join. */
    private static int[] weld(float[] p, int[] tri) {
        Map<String, Integer> ids = new HashMap<>();
        int[] map = new int[p.length / 3];
        for (int v = 0; v < map.length; v++) {
            String key = Math.round(p[3 * v] * 1e5) + "," + Math.round(p[3 * v + 1] * 1e5) + "," + Math.round(p[3 * v + 2] * 1e5);
            map[v] = ids.computeIfAbsent(key, k -> ids.size());
        }
        int[] out = new int[tri.length];
        for (int i = 0; i < tri.length; i++) {
            out[i] = map[tri[i]];
        }
        return out;
    }

    @Test
    void tyreAndRimAreClosedOutwardAndSized() {
        for (BodyType type : BodyType.values()) {
            CarParams params = CarParams.preset(type);
            WheelMesh wheel = WheelMeshBuilder.build(params);
            assertEquals(params.wheelRadius(), wheel.radius());
            for (SurfaceMesh m : new SurfaceMesh[] {wheel.tyre(), wheel.rim()}) {
                float[] p = m.positions();
                int[] welded = weld(p, m.triangles());
                assertNull(MeshChecks.manifoldProblem(welded, p.length / 3), type + " " + (m == wheel.tyre() ? "tyre" : "rim"));
                assertTrue(MeshChecks.signedVolume(p, m.triangles()) > 0);
                for (int v = 0; v < p.length / 3; v++) {
                    double r = Math.hypot(p[3 * v + 1], p[3 * v + 2]);
                    assertTrue(r <= wheel.radius() + 1e-5);
                    assertTrue(Math.abs(p[3 * v]) <= 0.5f * wheel.width() + 1e-5);
                }
                for (float f : m.uvs()) {
                    assertTrue(f >= 0f && f <= 1f);
                }
                float[] n = m.normals();
                for (int i = 0; i < n.length; i += 3) {
                    assertEquals(1.0, Math.sqrt(n[i] * n[i] + n[i + 1] * n[i + 1] + n[i + 2] * n[i + 2]), 1e-3);
                }
            }
            assertTrue(wheel.tyre().triangleCount() > 1000);
            assertTrue(wheel.rim().triangleCount() > 300);
        }
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> WheelMeshBuilder.build(Float.NaN, 0.2f));
        assertThrows(IllegalArgumentException.class, () -> WheelMeshBuilder.build(0.3f, 0.01f));
        assertThrows(IllegalArgumentException.class, () -> WheelMeshBuilder.build(0.3f, 0.2f, 2, 0.6f));
        assertThrows(IllegalArgumentException.class, () -> WheelMeshBuilder.build(0.3f, 0.2f, 5, 0.95f));
        assertThrows(IllegalArgumentException.class, () -> WheelMeshBuilder.build(null));
    }
}
