package io.github.photo2car.rig;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.github.photo2car.template.BodyType;
import io.github.photo2car.template.CarParams;
import io.github.photo2car.template.CarTemplate;

/** The collision hull's reduced point set: a subset of the body, as large as its hull to millimetres. */
class CarPhysicsTest {

    /** The farthest extent of the points along a unit direction. */
    private static double support(float[] xyz, double dx, double dy, double dz) {
        double best = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < xyz.length; i += 3) {
            best = Math.max(best, dx * xyz[i] + dy * xyz[i + 1] + dz * xyz[i + 2]);
        }
        return best;
    }

    @Test
    void hullPointsAreFewPointsOfTheBodyThatSpanItsHullToMillimetres() {
        Random rnd = new Random(5);
        for (BodyType type : BodyType.values()) {
            float[] body = CarTemplate.build(CarParams.preset(type), null).shapePositions();
            float[] hull = CarPhysics.hullPoints(body);
            assertTrue(hull.length / 3 <= CarPhysics.HULL_DIRECTIONS + 6 && hull.length < body.length / 3,
                    type + ": " + hull.length / 3 + " of " + body.length / 3 + " points");
            Set<String> bodyPoints = new HashSet<>();
            for (int i = 0; i < body.length; i += 3) {
                bodyPoints.add(body[i] + "," + body[i + 1] + "," + body[i + 2]);
            }
            for (int i = 0; i < hull.length; i += 3) {
                assertTrue(bodyPoints.contains(hull[i] + "," + hull[i + 1] + "," + hull[i + 2]), "a body point");
            }
            double worst = 0;
            for (int k = 0; k < 4000; k++) {
                double x = rnd.nextGaussian();
                double y = rnd.nextGaussian();
                double z = rnd.nextGaussian();
                double n = Math.sqrt(x * x + y * y + z * z);
                worst = Math.max(worst, support(body, x / n, y / n, z / n) - support(hull, x / n, y / n, z / n));
            }
            assertTrue(worst < 0.01, type + ": the reduced hull falls " + worst + " m short of the body's");
            for (int axis = 0; axis < 3; axis++) {
                double[] d = new double[3];
                for (double sign : new double[] {-1, 1}) {
                    d[axis] = sign;
                    assertEquals(support(body, d[0], d[1], d[2]), support(hull, d[0], d[1], d[2]), 0,
                            type + ": the bounding box is kept exactly");
                }
            }
        }
    }

    @Test
    void hullPointsRefuseMalformedInputAndPadDegenerateBodies() {
        assertThrows(NullPointerException.class, () -> CarPhysics.hullPoints(null));
        assertThrows(IllegalArgumentException.class, () -> CarPhysics.hullPoints(new float[9]));
        assertThrows(IllegalArgumentException.class, () -> CarPhysics.hullPoints(new float[13]));
        float[] same = new float[15];
        assertArrayEquals(new float[12], CarPhysics.hullPoints(same), "one point four times: Bullet needs four");
    }
}
