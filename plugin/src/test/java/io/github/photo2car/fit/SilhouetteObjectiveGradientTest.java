package io.github.photo2car.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.photo2car.neural.SegmentClass;
import io.github.photo2car.raster.OrbitCamera;
import io.github.photo2car.raster.RasterBackend;
import io.github.photo2car.raster.RasterBackends;
import io.github.photo2car.template.BodyType;
import io.github.photo2car.template.CarParams;
import io.github.photo2car.template.CarTemplate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The label term of {@link SilhouetteObjective} (part labels, part labels with wheels, class
 * labels) against central finite differences of its own forward pass, per scene-vertex
 * coordinate: the analytic world-position gradient must match wherever the +-h moves leave the
 * visible triangle ids unchanged (antialiasing is continuous there; where ids change, point
 * sampling makes the difference meaningless, as in the raster package's GradCheck). Also the
 * wheel proxy's winding and the channel bookkeeping. At 64x64 about 95 % of the entries agree
 * within 5 % on every path; at 128x128 the part path (unchanged by the class path) agrees on
 * only about two thirds, the antialias gradient running 10-25 % below the difference on the
 * rest, which was so before the class path too.
 */
class SilhouetteObjectiveGradientTest {

    private static final RasterBackend BACKEND = RasterBackends.javaBackend();
    private static final CarParams TRUTH = CarParams.preset(BodyType.SEDAN);
    private static final OrbitCamera CAMERA = SyntheticCars.camera(60f, 10f, 9f, 0.02f, -0.02f);
    /** The car evaluated: wheels shifted forward and grown against the target's. */
    private static final CarParams OTHER = TRUTH.toBuilder().wheelbase(2.70f).frontOverhang(0.90f)
            .rearOverhang(1.20f).wheelRadius(0.35f).build();
    private static final OrbitCamera OTHER_CAMERA = SyntheticCars.camera(62f, 11f, 9.1f, 0.02f, -0.02f);

    /** Outcome of one check. */
    private record Check(String name, int continuous, int passed, int jumps, int wheelEntries, double worst) {
        double rate() {
            return continuous == 0 ? 0 : passed / (double) continuous;
        }
    }

    @Test
    void classLabelGradientMatchesFiniteDifferences() {
        FitTarget target = SyntheticCars.renderWithWheels(TRUTH, CAMERA, 64);
        Check c = check("classes", new SilhouetteObjective(BACKEND, target, false, false), true, 64);
        assertTrue(c.rate() >= 0.9 && c.continuous >= 30 && c.wheelEntries >= 5, c.toString());
        // background labels ("no car here") take the plain cross-entropy branch
        int[] labels = target.labels();
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] == FitTarget.UNKNOWN) {
                labels[i] = SegmentClass.BACKGROUND.ordinal();
            }
        }
        FitTarget withBackground = new FitTarget(64, 64, target.mask(), labels, FitTarget.LabelKind.CLASSES, 1f);
        Check b = check("classes + bg", new SilhouetteObjective(BACKEND, withBackground, false, false), true, 64);
        assertTrue(b.rate() >= 0.9 && b.continuous >= 30 && b.wheelEntries >= 5, b.toString());
    }

    @Test
    void partLabelGradientMatchesFiniteDifferencesWithAndWithoutWheels() {
        FitTarget target = SyntheticCars.render(TRUTH, CAMERA, true, 64);
        Check plain = check("parts", new SilhouetteObjective(BACKEND, target, false, false), false, 64);
        assertTrue(plain.rate() >= 0.9 && plain.continuous >= 30, plain.toString());
        Check wheels = check("parts + wheels", new SilhouetteObjective(BACKEND, target, true, false), true, 64);
        assertTrue(wheels.rate() >= 0.9 && wheels.continuous >= 30 && wheels.wheelEntries >= 5, wheels.toString());
    }

    /**
     * Checks dL/d(world) of the label term alone (soft and hard weights 0) on the 40 entries with
     * the largest analytic gradient, half of them on the wheels when there are wheels, and 20
     * entries drawn at random.
     */
    private static Check check(String name, SilhouetteObjective objective, boolean wheels, int size) {
        float[] body = CarTemplate.build(OTHER).shapePositions();
        float[] world = wheels ? WheelProxy.withBody(OTHER, body) : body;
        assertEquals(world.length, 3 * objective.sceneVertices());
        SilhouetteObjective.Evaluation e = objective.evaluate(world, OTHER_CAMERA, 1f, 0f, 0f, 1f, true);
        float[] g = e.gradWorld;
        int bodyEntries = body.length;
        List<Integer> picks = new ArrayList<>();
        picks.addAll(largest(g, 0, bodyEntries, wheels ? 20 : 40));
        if (wheels) {
            picks.addAll(largest(g, bodyEntries, g.length, 20));
        }
        Random random = new Random(3);
        for (int i = 0; i < 20; i++) {
            picks.add(random.nextInt(g.length));
        }
        int[] triangles = objective.sceneTriangles();
        int[] baseIds = ids(world, triangles, size);
        float h = 1e-3f;
        double maxNumeric = 0;
        double[] numeric = new double[picks.size()];
        boolean[] jump = new boolean[picks.size()];
        for (int k = 0; k < picks.size(); k++) {
            int i = picks.get(k);
            float orig = world[i];
            world[i] = orig + h;
            double up = objective.evaluate(world, OTHER_CAMERA, 1f, 0f, 0f, 1f, false).loss;
            jump[k] = !Arrays.equals(baseIds, ids(world, triangles, size));
            world[i] = orig - h;
            double down = objective.evaluate(world, OTHER_CAMERA, 1f, 0f, 0f, 1f, false).loss;
            jump[k] |= !Arrays.equals(baseIds, ids(world, triangles, size));
            world[i] = orig;
            numeric[k] = (up - down) / ((double) (orig + h) - (double) (orig - h));
            if (!jump[k]) {
                maxNumeric = Math.max(maxNumeric, Math.abs(numeric[k]));
            }
        }
        int continuous = 0;
        int passed = 0;
        int jumps = 0;
        int wheelEntries = 0;
        double worst = 0;
        for (int k = 0; k < picks.size(); k++) {
            if (jump[k]) {
                jumps++;
                continue;
            }
            int i = picks.get(k);
            double a = g[i];
            double floor = 1e-2 * maxNumeric;
            double err = Math.abs(a - numeric[k]) / Math.max(floor, Math.max(Math.abs(a), Math.abs(numeric[k])));
            continuous++;
            if (err > 0.05) {
                System.out.printf(Locale.ROOT, "  fail %s entry %d (vertex %d): analytic %.5g numeric %.5g%n", name, i,
                        i / 3, a, numeric[k]);
            }
            if (err <= 0.05) {
                passed++;
                if (i >= bodyEntries && a != 0) {
                    wheelEntries++;
                }
            }
            worst = Math.max(worst, err);
        }
        Check c = new Check(name, continuous, passed, jumps, wheelEntries, worst);
        System.out.printf(Locale.ROOT, "%-15s %d continuous entries, %.1f%% pass, %d with id changes, %d non-zero"
                + " wheel entries pass, worst relative error %.3f, loss %.4f, agreement %.3f%n", name, continuous,
                100 * c.rate(), jumps, wheelEntries, worst, e.loss, e.partAgreement);
        return c;
    }

    private static List<Integer> largest(float[] g, int from, int to, int count) {
        Integer[] order = new Integer[to - from];
        for (int i = 0; i < order.length; i++) {
            order[i] = from + i;
        }
        Arrays.sort(order, (a, b) -> Float.compare(Math.abs(g[b]), Math.abs(g[a])));
        return Arrays.asList(order).subList(0, Math.min(count, order.length));
    }

    private static int[] ids(float[] world, int[] triangles, int size) {
        return BACKEND.rasterize(new float[][] {OTHER_CAMERA.project(world, 1f)}, triangles, size, size)
                .triangleIds(0);
    }

    @Test
    void wheelProxyIsClosedOutwardAndPlacedAtTheAnchors() {
        float[] all = WheelProxy.withBody(TRUTH, CarTemplate.build(TRUTH).shapePositions());
        int[] triangles = WheelProxy.trianglesWithBody();
        assertEquals(3 * (CarTemplate.SHAPE_VERTICES + WheelProxy.VERTICES), all.length);
        assertEquals(3 * (CarTemplate.TRIANGLES + WheelProxy.TRIANGLES), triangles.length);
        // each wheel's signed volume (divergence theorem) is positive and close to the cylinder's
        int perWheel = 3 * 4 * WheelProxy.SEGMENTS;
        double cylinder = Math.PI * TRUTH.wheelRadius() * TRUTH.wheelRadius() * TRUTH.wheelWidth();
        for (int w = 0; w < 4; w++) {
            double volume = 0;
            double cz = 0;
            for (int t = 3 * CarTemplate.TRIANGLES + w * perWheel; t < 3 * CarTemplate.TRIANGLES + (w + 1) * perWheel;
                    t += 3) {
                int a = 3 * triangles[t];
                int b = 3 * triangles[t + 1];
                int c = 3 * triangles[t + 2];
                volume += (all[a] * (all[b + 1] * all[c + 2] - all[b + 2] * all[c + 1])
                        - all[a + 1] * (all[b] * all[c + 2] - all[b + 2] * all[c])
                        + all[a + 2] * (all[b] * all[c + 1] - all[b + 1] * all[c])) / 6;
            }
            for (int v = 0; v < WheelProxy.VERTICES_PER_WHEEL; v++) {
                cz += all[3 * (CarTemplate.SHAPE_VERTICES + w * WheelProxy.VERTICES_PER_WHEEL + v) + 2];
            }
            assertEquals(cylinder, volume, 1e-4 * cylinder, "wheel " + w + " volume");
            float axle = w < 2 ? TRUTH.frontAxleZ() : TRUTH.rearAxleZ();
            assertEquals(axle, cz / WheelProxy.VERTICES_PER_WHEEL, 1e-5, "wheel " + w + " axle");
        }
    }

    @Test
    void classTargetsForceWheelsAndCountAgreement() {
        FitTarget target = SyntheticCars.renderWithWheels(TRUTH, CAMERA, 64);
        SilhouetteObjective objective = new SilhouetteObjective(BACKEND, target, false, false);
        assertEquals(CarTemplate.SHAPE_VERTICES + WheelProxy.VERTICES, objective.sceneVertices());
        float[] world = WheelProxy.withBody(TRUTH, CarTemplate.build(TRUTH).shapePositions());
        SilhouetteObjective.Evaluation e = objective.evaluate(world, CAMERA, 1f, 1f, 1f, 0.1f, false);
        // the proxy's 16-gon differs from the real tyre by a pixel at most here
        assertTrue(e.partAgreement > 0.97 && e.iou > 0.97, "agreement " + e.partAgreement + ", IoU " + e.iou);
        assertThrows(IllegalArgumentException.class, () -> objective.evaluate(new float[3], CAMERA, 1f, 1f, 1f, 0f,
                false));
        // a class map that says "no wheel here" disagrees where the wheels are drawn
        int[] labels = target.labels();
        int wheelPixels = 0;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] == SegmentClass.WHEEL.ordinal()) {
                labels[i] = SegmentClass.BODY.ordinal();
                wheelPixels++;
            }
        }
        assertTrue(wheelPixels > 20, "wheel pixels " + wheelPixels);
        FitTarget noWheels = new FitTarget(64, 64, target.mask(), labels, FitTarget.LabelKind.CLASSES, 1f);
        double agreement = new SilhouetteObjective(BACKEND, noWheels, false, false)
                .evaluate(world, CAMERA, 1f, 1f, 1f, 0.1f, false).partAgreement;
        assertTrue(agreement < e.partAgreement - 0.5 * wheelPixels / (double) countLabelled(labels),
                "agreement " + agreement);
    }

    private static int countLabelled(int[] labels) {
        int n = 0;
        for (int l : labels) {
            n += l >= 0 ? 1 : 0;
        }
        return n;
    }
}
