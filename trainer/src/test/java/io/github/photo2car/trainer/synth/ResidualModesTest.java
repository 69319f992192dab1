package io.github.photo2car.trainer.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

import io.github.photo2car.template.BodyType;
import io.github.photo2car.template.CarParams;
import io.github.photo2car.template.CarTemplate;

/**
 * The synthetic residual modes: independent, mirror symmetric, linear in the code, not lifting the
 * car off the ground, and of the size the amplitude says; the template keeps them as they are.
 */
class ResidualModesTest {

    @Test
    void modesAreSymmetricIndependentAndSizedByTheAmplitude() {
        CarParams params = CarParams.preset(BodyType.HATCHBACK);
        float[] p = CarTemplate.shapePositions(params, null);
        int n = p.length / 3;
        // each mode alone: largest displacement about the amplitude, and the modes independent
        float[][] alone = new float[ResidualModes.MODES][];
        for (int k = 0; k < ResidualModes.MODES; k++) {
            float[] code = new float[ResidualModes.MODES];
            code[k] = 1;
            alone[k] = ResidualModes.residual(params, code, 0.05f);
            float max = 0;
            for (float r : alone[k]) {
                max = Math.max(max, Math.abs(r));
            }
            assertTrue(max > 0.03f && max < 0.08f, "mode " + k + " largest displacement " + max);
        }
        for (int a = 0; a < alone.length; a++) {
            for (int b = a + 1; b < alone.length; b++) {
                double dot = 0;
                double na = 0;
                double nb = 0;
                for (int i = 0; i < alone[a].length; i++) {
                    dot += alone[a][i] * alone[b][i];
                    na += alone[a][i] * alone[a][i];
                    nb += alone[b][i] * alone[b][i];
                }
                assertTrue(Math.abs(dot) / Math.sqrt(na * nb) < 0.95, "modes " + a + " and " + b + " nearly equal");
            }
        }
        Random rnd = new Random(5);
        float[] code = new float[ResidualModes.MODES];
        for (int k = 0; k < code.length; k++) {
            code[k] = 2 * rnd.nextFloat() - 1;
        }
        float[] r = ResidualModes.residual(params, code, 0.04f);
        float[] twice = ResidualModes.residual(params, code, 0.08f);
        double squares = 0;
        for (int i = 0; i < r.length; i++) {
            assertEquals(2 * r[i], twice[i], 1e-6f, "linear in the amplitude");
            squares += r[i] * r[i];
        }
        double rms = Math.sqrt(squares / n);
        System.out.printf("random code at 0.04 m: per-vertex rms %.4f m%n", rms);
        assertTrue(rms > 0.01 && rms < 0.06, "rms " + rms);
        // mirror symmetric: x odd, y and z even in x (pairs found by position)
        float lowest = Float.MAX_VALUE;
        for (int i = 0; i < n; i++) {
            lowest = Math.min(lowest, p[3 * i + 1]);
        }
        for (int i = 0; i < n; i++) {
            if (p[3 * i + 1] == lowest) {
                assertEquals(0f, r[3 * i + 1], 1e-7f, "the bottom does not move up or down");
            }
            for (int j = 0; j < n; j++) {
                if (Math.abs(p[3 * j] + p[3 * i]) < 1e-5f && p[3 * j + 1] == p[3 * i + 1] && p[3 * j + 2] == p[3 * i + 2]) {
                    assertEquals(-r[3 * i], r[3 * j], 1e-6f);
                    assertEquals(r[3 * i + 1], r[3 * j + 1], 1e-6f);
                    assertEquals(r[3 * i + 2], r[3 * j + 2], 1e-6f);
                }
            }
        }
        assertArrayEquals(new float[r.length], ResidualModes.residual(params, new float[ResidualModes.MODES], 0.04f));
        assertThrows(IllegalArgumentException.class, () -> ResidualModes.residual(params, new float[3], 0.04f));
        assertThrows(IllegalArgumentException.class, () -> ResidualModes.residual(params, code, -1f));
    }
}
