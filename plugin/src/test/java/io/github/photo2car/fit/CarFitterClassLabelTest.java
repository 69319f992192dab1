package io.github.photo2car.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.photo2car.neural.SegmentClass;
import io.github.photo2car.pipeline.PoseSearch;
import io.github.photo2car.raster.OrbitCamera;
import io.github.photo2car.raster.RasterBackends;
import io.github.photo2car.template.BodyType;
import io.github.photo2car.template.CarParams;
import io.github.photo2car.template.CarTemplate;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Segment-class labels place the wheels: a sedan rendered with its real wheels (tyres and rims)
 * at 96x96 from a three-quarter view, labelled with {@link io.github.photo2car.neural.SegmentClass}es
 * as the segmenter would, fitted from starts whose wheelbase and wheel radius are wrong (the body
 * length kept, so the silhouette barely changes) in three ways: the car mask alone with the body
 * alone (what the pipeline did), the mask with the fitter's wheels, and the class labels. A
 * single view cannot tell size from distance, so errors are measured on the fitted car scaled to
 * the true length.
 */
class CarFitterClassLabelTest {

    private static final int SIZE = 96;
    private static final CarParams TRUTH = CarParams.preset(BodyType.SEDAN);
    private static final OrbitCamera CAMERA = SyntheticCars.camera(35f, 15f, 9f, 0.02f, -0.02f);
    private static final OrbitCamera START = SyntheticCars.camera(27f, 19f, 9.4f, 0f, 0f);
    /** Wheelbase -0.3 m and +0.3 m (overhangs making up the length), wheel radius +0.04 / -0.04 m. */
    private static final CarParams[] STARTS = {
        TRUTH.toBuilder().wheelbase(2.50f).frontOverhang(1.10f).rearOverhang(1.20f).wheelRadius(0.37f).build(),
        TRUTH.toBuilder().wheelbase(3.10f).frontOverhang(0.80f).rearOverhang(0.90f).wheelRadius(0.29f).build(),
    };

    /** Wheelbase and wheel-radius errors (m) of a fit at the true length, its IoU and class agreement. */
    private record Errors(double wheelbase, double radius, double iou, double agreement, int iterations, long millis) {
    }

    @Test
    void classLabelsPlaceTheWheelsBetterThanTheSilhouette() {
        FitTarget classes = SyntheticCars.renderWithWheels(TRUTH, CAMERA, SIZE);
        FitTarget mask = new FitTarget(SIZE, SIZE, classes.mask());
        // the pipeline's settings: default options, label weight 0.1
        FitOptions options = FitOptions.defaults();
        FitOptions[] kinds = {options, options.toBuilder().wheels(true).build(), options};
        FitTarget[] targets = {mask, mask, classes};
        String[] names = {"mask, body only", "mask + wheels", "classes"};
        double[][] mean = new double[3][3];
        System.out.println("fit | start | wheelbase error m | wheel radius error m | IoU | class agreement"
                + " | iterations | ms");
        for (int s = 0; s < STARTS.length; s++) {
            for (int k = 0; k < 3; k++) {
                FitResult r = new CarFitter(RasterBackends.javaBackend(), kinds[k]).fit(targets[k], START, STARTS[s]);
                Errors e = errors(r, classes);
                System.out.printf(Locale.ROOT, "%s | %d | %.3f | %.3f | %.3f | %.3f | %d | %d%n", names[k], s,
                        e.wheelbase, e.radius, e.iou, e.agreement, e.iterations, e.millis);
                mean[k][0] += e.wheelbase / STARTS.length;
                mean[k][1] += e.radius / STARTS.length;
                mean[k][2] += e.agreement / STARTS.length;
                if (k == 2) {
                    assertEquals(e.agreement, r.partAgreement(), 1e-9, "reported agreement");
                }
            }
        }
        for (int k = 0; k < 3; k++) {
            System.out.printf(Locale.ROOT, "mean %s: wheelbase %.3f m, wheel radius %.3f m, agreement %.3f%n", names[k],
                    mean[k][0], mean[k][1], mean[k][2]);
        }
        assertTrue(mean[2][0] < 0.5 * mean[0][0], "class labels must halve the body-only wheelbase error");
        assertTrue(mean[2][0] < 0.75 * mean[1][0], "class labels must beat the wheeled silhouette's wheelbase");
        assertTrue(mean[2][1] < 0.5 * Math.min(mean[0][1], mean[1][1]), "class labels must halve the radius error");
        assertTrue(mean[2][2] > Math.max(mean[0][2], mean[1][2]) + 0.05, "class agreement must rise");
    }

    @Test
    void poseSearchWithClassesTellsFrontFromBack() {
        // seen from behind on its left, the sedan's silhouette is nearly that of the car seen
        // from ahead on its right: the mask-only search takes the turned pose, the lamps, windows
        // and wheels of the class labels do not (a view from -150 degrees fools both, see FIT.md)
        OrbitCamera truth = SyntheticCars.camera(130f, 12f, 9f, 0f, 0f);
        FitTarget classes = SyntheticCars.renderWithWheels(TRUTH, truth, SIZE);
        FitTarget mask = new FitTarget(SIZE, SIZE, classes.mask());
        OrbitCamera lens = SyntheticCars.camera(0f, 10f, 9f, 0f, 0f);
        FitResult byMask = new PoseSearch(RasterBackends.javaBackend()).search(mask, lens);
        FitResult byClasses = new PoseSearch(RasterBackends.javaBackend()).search(classes, lens);
        double maskError = SyntheticCars.angleError(byMask.camera().azimuthDeg(), 130f);
        double classError = SyntheticCars.angleError(byClasses.camera().azimuthDeg(), 130f);
        System.out.printf(Locale.ROOT, "pose search from 130 degrees: mask %.1f (IoU %.3f), classes %.1f (IoU %.3f,"
                + " agreement %.3f)%n", byMask.camera().azimuthDeg(), byMask.iou(), byClasses.camera().azimuthDeg(),
                byClasses.iou(), byClasses.partAgreement());
        assertTrue(classError < 30, "class search azimuth error " + classError);
        assertTrue(maskError > 90, "the mask-only search was expected to turn the car, error " + maskError);
    }

    @Test
    void classTargetsValidateAndDownsampleTheirOwnKind() {
        float[] mask = {1, 1, 0, 0, 1, 0, 0, 0};
        int wheel = SegmentClass.WHEEL.ordinal();
        int[] labels = {wheel, wheel, -1, -1, 1, -1, -1, -1};
        FitTarget target = new FitTarget(4, 2, mask, labels, FitTarget.LabelKind.CLASSES, 2f);
        assertTrue(target.hasLabels());
        assertFalse(target.hasPartLabels());
        assertNull(target.partLabels());
        assertSame(FitTarget.LabelKind.CLASSES, target.labelKind());
        FitTarget half = target.downsampled(2);
        assertSame(FitTarget.LabelKind.CLASSES, half.labelKind());
        assertEquals(wheel, half.labels()[0]);
        assertEquals(FitTarget.UNKNOWN, half.labels()[1]);
        assertSame(FitTarget.LabelKind.PARTS, new FitTarget(4, 2, mask, labels, 2f).labelKind());
        assertEquals(SegmentClass.COUNT, FitTarget.LabelKind.CLASSES.count());

        int[] tooLarge = labels.clone();
        tooLarge[2] = SegmentClass.COUNT; // a valid CarPart ordinal, not a class
        new FitTarget(4, 2, mask, tooLarge, FitTarget.LabelKind.PARTS, 2f);
        assertThrows(IllegalArgumentException.class,
                () -> new FitTarget(4, 2, mask, tooLarge, FitTarget.LabelKind.CLASSES, 2f));
        assertThrows(IllegalArgumentException.class, () -> new FitTarget(4, 2, mask, labels, null, 2f));
        assertThrows(IllegalArgumentException.class, () -> new FitTarget(4, 2, mask, null, null, 2f));
        assertFalse(FitOptions.defaults().wheels());
        assertTrue(FitOptions.builder().wheels(true).build().toBuilder().build().wheels());
    }

    private static Errors errors(FitResult r, FitTarget classes) {
        CarParams p = r.params();
        double scale = TRUTH.length() / p.length();
        float[] world = WheelProxy.withBody(p, CarTemplate.build(p, r.residual()).shapePositions());
        double agreement = new SilhouetteObjective(RasterBackends.javaBackend(), classes, true, false)
                .evaluate(world, r.camera(), 1f, 0f, 1f, 0f, false).partAgreement;
        return new Errors(Math.abs(p.wheelbase() * scale - TRUTH.wheelbase()),
                Math.abs(p.wheelRadius() * scale - TRUTH.wheelRadius()), r.iou(), agreement, r.iterations(),
                r.elapsedMillis());
    }
}
