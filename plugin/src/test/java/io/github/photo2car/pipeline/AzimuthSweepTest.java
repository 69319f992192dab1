package io.github.photo2car.pipeline;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.github.photo2car.fit.BoxPlacement;
import io.github.photo2car.fit.FitTarget;
import io.github.photo2car.fit.WheelProxy;
import io.github.photo2car.neural.SegmentClass;
import io.github.photo2car.raster.JavaRasterBackend;
import io.github.photo2car.raster.OrbitCamera;
import io.github.photo2car.raster.RasterOutput;
import io.github.photo2car.template.BodyType;
import io.github.photo2car.template.CarParams;
import io.github.photo2car.template.CarPart;
import io.github.photo2car.template.CarTemplate;
import io.github.photo2car.template.CoarseBody;

/**
 * An azimuth estimate a quarter turn out is brought back to the outline's azimuth (or the car turned
 * end for end, which the facing check settles); a right estimate is kept; wheels that stand tall
 * keep a side view from being read as an end view.
 */
class AzimuthSweepTest {

    private static final int SIZE = 128;
    private static final JavaRasterBackend BACKEND = new JavaRasterBackend(1);

    private static OrbitCamera camera(float azimuth) {
        return new OrbitCamera(azimuth, 8, 7f, 40, 0, 0, 0, 0, 0.7f, 0, 0.1f, 200);
    }

    /** The mask of a car (body and wheels) seen from this azimuth. */
    private static FitTarget mask(CarParams car, float azimuth) {
        float[] world = WheelProxy.withBody(car, CarTemplate.shapePositions(car, null));
        RasterOutput r = BACKEND.rasterize(new float[][] {camera(azimuth).project(world, 1f)},
                WheelProxy.trianglesWithBody(), SIZE, SIZE);
        int[] ids = r.triangleIds(0);
        float[] mask = new float[SIZE * SIZE];
        for (int p = 0; p < mask.length; p++) {
            mask[p] = ids[p] >= 0 ? 1 : 0;
        }
        return new FitTarget(SIZE, SIZE, mask);
    }

    /** The segmenter's classes of a car (body, glass, lamps, wheels) seen from this azimuth, as a target. */
    private static FitTarget classes(CarParams car, float azimuth) {
        float[] world = WheelProxy.withBody(car, CarTemplate.shapePositions(car, null));
        int[] triangles = WheelProxy.trianglesWithBody(CoarseBody.triangles());
        CarPart[] parts = CoarseBody.triangleParts();
        int[] ids = BACKEND.rasterize(new float[][] {camera(azimuth).project(world, 1f)}, triangles, SIZE, SIZE)
                .triangleIds(0);
        float[] mask = new float[SIZE * SIZE];
        int[] labels = new int[SIZE * SIZE];
        for (int p = 0; p < mask.length; p++) {
            mask[p] = ids[p] >= 0 ? 1 : 0;
            labels[p] = ids[p] < 0 ? SegmentClass.BACKGROUND.ordinal()
                    : ids[p] < parts.length ? SegmentClass.of(parts[ids[p]]).ordinal() : SegmentClass.WHEEL.ordinal();
        }
        return new FitTarget(SIZE, SIZE, mask, labels, FitTarget.LabelKind.CLASSES, 1f);
    }

    /** Degrees between two azimuths, ignoring which end faces the camera, in [0, 90]. */
    private static double offAxis(double a, double b) {
        double d = Math.abs(((a - b) % 180 + 180) % 180);
        return Math.min(d, 180 - d);
    }

    @ParameterizedTest
    @CsvSource({"90, 0", "270, 5", "40, 130", "320, 225", "0, 95", "140, 50", "200, 290"})
    void anEstimateAQuarterTurnOutIsBroughtBackToTheOutline(float truth, float estimate) {
        CarParams car = CarParams.preset(BodyType.SEDAN);
        FitTarget target = mask(car, truth);
        OrbitCamera start = BoxPlacement.place(camera(estimate), car, target.mask(), null, SIZE);
        AzimuthSweep.Verdict v = AzimuthSweep.decide(BACKEND, start, car, target, null, java.util.List.of());
        assertTrue(v.moved(), "moved from " + estimate);
        assertTrue(offAxis(v.camera().azimuthDeg(), truth) <= 20, "truth " + truth + ", estimate " + estimate
                + ", swept to " + v.camera().azimuthDeg() + " (score " + v.keptScore() + " -> " + v.bestScore() + ")");
    }

    @ParameterizedTest
    @CsvSource({"90, 0", "270, 355", "60, 150"})
    void aShortCarAQuarterTurnOutBecomesTheRoadCarSeenRight(float truth, float estimate) {
        CarParams real = CarParams.preset(BodyType.SUV);
        FitTarget target = mask(real, truth);
        // a network's answer on a phone photo: far too short, seen from the wrong side
        CarParams stubby = CarParams.builder().wheelbase(2.0f).frontOverhang(0.65f).rearOverhang(0.6f).hoodLength(0.75f)
                .deckLength(0.2f).build();
        OrbitCamera start = BoxPlacement.place(camera(estimate), stubby, target.mask(), null, SIZE);
        AzimuthSweep.Verdict v = AzimuthSweep.decide(BACKEND, start, stubby, target, null, AzimuthSweep.roadCars());
        assertTrue(v.moved());
        assertTrue(offAxis(v.camera().azimuthDeg(), truth) <= 20, "truth " + truth + ", swept to "
                + v.camera().azimuthDeg());
        assertTrue(v.params().length() > 4.3f, "a road car's length, got " + v.params().length() + " m (estimate "
                + stubby.length() + " m)");
    }

    @ParameterizedTest
    @CsvSource({"90", "35", "0", "215"})
    void aRightEstimateStaysRight(float truth) {
        CarParams car = CarParams.preset(BodyType.HATCHBACK);
        FitTarget target = mask(car, truth);
        OrbitCamera start = BoxPlacement.place(camera(truth + 4), car, target.mask(), null, SIZE);
        AzimuthSweep.Verdict v = AzimuthSweep.decide(BACKEND, start, car, target, null, AzimuthSweep.roadCars());
        // the sweep's nearly orthographic lens may prefer the next step over a perspective photo
        assertTrue(offAxis(v.camera().azimuthDeg(), truth) <= 360.0 / AzimuthSweep.STEPS + 1,
                "truth " + truth + " swept to " + v.camera().azimuthDeg());
    }

    @ParameterizedTest
    @CsvSource({"90", "270", "60", "120", "235"})
    void twoTallWheelsMeanASideOrThreeQuarterView(float azimuth) {
        assertTrue(SeenWheels.standTall(classes(CarParams.preset(BodyType.SUV), azimuth)));
    }

    @ParameterizedTest
    @CsvSource({"0", "180", "8", "352"})
    void endViewsShowNoTallWheels(float azimuth) {
        assertFalse(SeenWheels.standTall(classes(CarParams.preset(BodyType.SUV), azimuth)));
        assertFalse(SeenWheels.standTall(mask(CarParams.preset(BodyType.SUV), 90)),
                "without the segmenter's classes the wheels say nothing");
    }

    /**
     * The wheels overrule the outline: an end view's outline whose segmenter classes hold two tall
     * wheels (on phone photos, a side view of a car whose outline a short, tall car seen end-on
     * covers as well as a side view) is not left seen end-on.
     */
    @ParameterizedTest
    @CsvSource({"0", "180", "10"})
    void twoTallWheelsKeepThePoseOffTheEnds(float azimuth) {
        FitTarget target = withTallWheels(classes(CarParams.preset(BodyType.SUV), azimuth), 0.4);
        assertTrue(SeenWheels.standTall(target));
        AzimuthSweep.Verdict v = sweptSuv(target, azimuth);
        assertTrue(v.moved());
        double cos = Math.abs(Math.cos(Math.toRadians(v.camera().azimuthDeg())));
        assertTrue(cos <= AzimuthSweep.SIDE_MAX_COS + 1e-6, "swept to " + v.camera().azimuthDeg());
    }

    /**
     * Two tall wheels alike (a side view on a phone photo) keep the pose within 30° of the side,
     * even where a three-quarter pose covers the outline as well: the outline here is a
     * three-quarter view's, the wheels a side view's.
     */
    @ParameterizedTest
    @CsvSource({"35", "145", "320"})
    void twoWheelsAlikeKeepThePoseNearTheSide(float azimuth) {
        FitTarget target = withTallWheels(classes(CarParams.preset(BodyType.SUV), azimuth), 0.4);
        assertTrue(SeenWheels.sideOn(target));
        AzimuthSweep.Verdict v = sweptSuv(target, azimuth);
        double cos = Math.abs(Math.cos(Math.toRadians(v.camera().azimuthDeg())));
        assertTrue(cos <= AzimuthSweep.SIDE_ON_MAX_COS + 1e-6, "swept to " + v.camera().azimuthDeg());
    }

    /** The sweep of the SUV preset from an estimate at this azimuth, placed on the target's box. */
    private static AzimuthSweep.Verdict sweptSuv(FitTarget target, float azimuth) {
        CarParams car = CarParams.preset(BodyType.SUV);
        OrbitCamera start = BoxPlacement.place(camera(azimuth), car, target.mask(), null, SIZE);
        return AzimuthSweep.decide(BACKEND, start, car, target, null, AzimuthSweep.roadCars());
    }

    /** The target with two wheels painted into its labels at the box's bottom corners, each this share of its height. */
    private static FitTarget withTallWheels(FitTarget photo, double height) {
        int[] labels = photo.labels().clone();
        int minX = SIZE;
        int maxX = -1;
        int minY = SIZE;
        int maxY = -1;
        for (int p = 0; p < labels.length; p++) {
            if (photo.mask()[p] > 0.5f) {
                minX = Math.min(minX, p % SIZE);
                maxX = Math.max(maxX, p % SIZE);
                minY = Math.min(minY, p / SIZE);
                maxY = Math.max(maxY, p / SIZE);
            }
            if (labels[p] == SegmentClass.WHEEL.ordinal()) {
                labels[p] = SegmentClass.BODY.ordinal();
            }
        }
        int tall = (int) Math.ceil(height * (maxY - minY + 1));
        for (int y = maxY - tall + 1; y <= maxY; y++) {
            for (int x = 0; x < 6; x++) {
                labels[y * SIZE + minX + 2 + x] = SegmentClass.WHEEL.ordinal();
                labels[y * SIZE + maxX - 2 - x] = SegmentClass.WHEEL.ordinal();
            }
        }
        return new FitTarget(SIZE, SIZE, photo.mask(), labels, FitTarget.LabelKind.CLASSES, 1f);
    }

    @Test
    void withoutTallWheelsAnEndViewIsKept() {
        CarParams car = CarParams.preset(BodyType.SEDAN);
        FitTarget target = classes(car, 180);
        OrbitCamera start = BoxPlacement.place(camera(184), car, target.mask(), null, SIZE);
        AzimuthSweep.Verdict v = AzimuthSweep.decide(BACKEND, start, car, target, null, AzimuthSweep.roadCars());
        assertTrue(offAxis(v.camera().azimuthDeg(), 180) <= 360.0 / AzimuthSweep.STEPS + 1,
                "swept to " + v.camera().azimuthDeg());
    }
}
