package io.github.photo2car.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.github.photo2car.fit.BoxPlacement;
import io.github.photo2car.fit.FitTarget;
import io.github.photo2car.fit.WheelProxy;
import io.github.photo2car.neural.SegmentClass;
import io.github.photo2car.raster.JavaRasterBackend;
import io.github.photo2car.raster.OrbitCamera;
import io.github.photo2car.raster.RasterOutput;
import io.github.photo2car.template.BodyType;
import io.github.photo2car.template.CarMesh;
import io.github.photo2car.template.CarParams;
import io.github.photo2car.template.CarPart;
import io.github.photo2car.template.CarTemplate;

/**
 * A car whose pose estimate has it the wrong way round is turned back where the photo says which
 * end it shows: red tail lamps, lamp classes, or no red at all from an end (then it is the front);
 * without evidence the estimate stands.
 */
class FacingCheckTest {

    private static final int SIZE = 128;
    private static final JavaRasterBackend BACKEND = new JavaRasterBackend(1);
    private static final float[] GREY_PAINT = {0.5f, 0.5f, 0.52f};
    private static final float[] RED_PAINT = {0.75f, 0.08f, 0.1f};

    /** A rendered car as a photo and a perfect segmenter would give it: classes, mask and colours. */
    private record Photo(FitTarget target, float[] rgba) {
    }

    /**
     * @param withLamps whether the segmenter found the lamps (else they are labelled body)
     * @param paint     the body's colour; tail lamps are red, head lamps white
     */
    private static Photo photo(CarMesh car, OrbitCamera camera, boolean withLamps, float[] paint) {
        float[] world = WheelProxy.withBody(car.params(), car.shapePositions());
        RasterOutput r = BACKEND.rasterize(new float[][] {camera.project(world, 1f)}, WheelProxy.trianglesWithBody(),
                SIZE, SIZE);
        int[] ids = r.triangleIds(0);
        CarPart[] parts = car.triangleParts();
        float[] mask = new float[SIZE * SIZE];
        int[] labels = new int[SIZE * SIZE];
        float[] rgba = new float[4 * SIZE * SIZE];
        for (int p = 0; p < ids.length; p++) {
            float[] colour = {0.35f, 0.4f, 0.3f}; // a green verge behind the car
            if (ids[p] < 0) {
                labels[p] = FitTarget.UNKNOWN;
            } else {
                mask[p] = 1;
                SegmentClass c = ids[p] < parts.length ? SegmentClass.of(parts[ids[p]]) : SegmentClass.WHEEL;
                boolean lamp = c == SegmentClass.HEADLIGHT || c == SegmentClass.TAILLIGHT;
                labels[p] = (lamp && !withLamps ? SegmentClass.BODY : c).ordinal();
                colour = c == SegmentClass.TAILLIGHT ? new float[] {0.7f, 0.1f, 0.08f}
                        : c == SegmentClass.HEADLIGHT ? new float[] {0.92f, 0.92f, 0.9f}
                        : c == SegmentClass.WHEEL ? new float[] {0.12f, 0.12f, 0.13f} : paint;
            }
            System.arraycopy(colour, 0, rgba, 4 * p, 3);
            rgba[4 * p + 3] = mask[p];
        }
        return new Photo(new FitTarget(SIZE, SIZE, mask, labels, FitTarget.LabelKind.CLASSES, 1f), rgba);
    }

    private static OrbitCamera camera(float azimuth, float targetY) {
        return new OrbitCamera(azimuth, 12, 8f, 45, 0, 0, 0, 0, targetY, 0, 0.1f, 200);
    }

    /** The camera turned end for end and placed on the photo's car. */
    private static OrbitCamera wrong(float azimuth, float targetY, CarParams params, FitTarget target) {
        return BoxPlacement.place(camera(azimuth + 180, targetY), params, target.mask(), null, SIZE);
    }

    @ParameterizedTest
    @ValueSource(floats = {20, 340, 160, 200, 45, 120})
    void aCarEstimatedTheWrongWayRoundIsTurnedBack(float azimuth) {
        CarParams params = CarParams.preset(BodyType.SEDAN);
        CarMesh car = CarTemplate.build(params, null);
        OrbitCamera truth = camera(azimuth, 0.7f);
        Photo photo = photo(car, truth, true, GREY_PAINT);

        FacingCheck.Verdict v = FacingCheck.decide(BACKEND, wrong(azimuth, 0.7f, params, photo.target()), params,
                photo.target(), null, photo.rgba(), null);
        assertTrue(v.turned(), "turned back: " + v);
        assertEquals(0, wrap(v.camera().azimuthDeg() - azimuth), 1e-3, "the true azimuth");

        FacingCheck.Verdict right = FacingCheck.decide(BACKEND, truth, params, photo.target(), null, photo.rgba(), null);
        assertFalse(right.turned(), "a right estimate stays: " + right);
        assertSame(truth, right.camera());
    }

    @ParameterizedTest
    @ValueSource(floats = {30, 150})
    void redLampsAreTailLampsWhateverTheSegmenterCalledThem(float azimuth) {
        CarParams params = CarParams.preset(BodyType.SUV);
        CarMesh car = CarTemplate.build(params, null);
        OrbitCamera truth = camera(azimuth, 0.8f);
        Photo photo = photo(car, truth, true, GREY_PAINT);
        // the segmenter called every lamp a head lamp; the photo shows the rear ones red
        int[] labels = photo.target().labels().clone();
        for (int p = 0; p < labels.length; p++) {
            if (labels[p] == SegmentClass.TAILLIGHT.ordinal()) {
                labels[p] = SegmentClass.HEADLIGHT.ordinal();
            }
        }
        FitTarget confused = new FitTarget(SIZE, SIZE, photo.target().mask(), labels, FitTarget.LabelKind.CLASSES,
                1f);
        FacingCheck.Verdict v = FacingCheck.decide(BACKEND, wrong(azimuth, 0.8f, params, confused), params, confused,
                null, photo.rgba(), null);
        assertTrue(v.turned(), "turned back by the red lamps: " + v);
        assertFalse(FacingCheck.decide(BACKEND, truth, params, confused, null, photo.rgba(), null).turned());
    }

    @ParameterizedTest
    @ValueSource(floats = {10, 350})
    void anEndWithoutRedIsTheFrontEvenWithoutLampClasses(float azimuth) {
        CarParams params = CarParams.preset(BodyType.HATCHBACK);
        CarMesh car = CarTemplate.build(params, null);
        Photo photo = photo(car, camera(azimuth, 0.7f), false, GREY_PAINT);
        FacingCheck.Verdict v = FacingCheck.decide(BACKEND, wrong(azimuth, 0.7f, params, photo.target()), params,
                photo.target(), null, photo.rgba(), null);
        assertTrue(v.turned(), "a front view: " + v);
        assertEquals(0, wrap(v.camera().azimuthDeg() - azimuth), 1e-3);
    }

    @ParameterizedTest
    @ValueSource(floats = {90, 270})
    void aSideViewWithoutEvidenceKeepsTheEstimate(float azimuth) {
        CarParams params = CarParams.preset(BodyType.HATCHBACK);
        CarMesh car = CarTemplate.build(params, null);
        Photo photo = photo(car, camera(azimuth, 0.7f), false, GREY_PAINT);
        OrbitCamera estimate = camera(azimuth + 180, 0.7f);
        FacingCheck.Verdict v = FacingCheck.decide(BACKEND, estimate, params, photo.target(), null, photo.rgba(), null);
        assertFalse(v.turned());
        assertSame(estimate, v.camera());
        FitTarget maskOnly = new FitTarget(SIZE, SIZE, photo.target().mask());
        assertSame(estimate, FacingCheck.decide(BACKEND, estimate, params, maskOnly, null, photo.rgba(), null).camera());
    }

    @ParameterizedTest
    @ValueSource(floats = {20, 160})
    void aRedCarIsJudgedByItsLampClassesAlone(float azimuth) {
        CarParams params = CarParams.preset(BodyType.COUPE);
        CarMesh car = CarTemplate.build(params, null);
        Photo classes = photo(car, camera(azimuth, 0.6f), true, RED_PAINT);
        FacingCheck.Verdict v = FacingCheck.decide(BACKEND, wrong(azimuth, 0.6f, params, classes.target()), params,
                classes.target(), null, classes.rgba(), null);
        assertTrue(v.turned(), "the lamp classes decide: " + v);
        Photo none = photo(car, camera(azimuth, 0.6f), false, RED_PAINT);
        OrbitCamera estimate = wrong(azimuth, 0.6f, params, none.target());
        assertSame(estimate, FacingCheck.decide(BACKEND, estimate, params, none.target(), null, none.rgba(), null).camera(),
                "a red car without lamp classes: no evidence, the estimate stands");
    }

    /** A front view with a red number plate (and badge) in the middle of its box is still a front. */
    @ParameterizedTest
    @ValueSource(floats = {0, 8, 352})
    void aRedPlateInTheMiddleIsNotATailLamp(float azimuth) {
        CarParams params = CarParams.preset(BodyType.SEDAN);
        CarMesh car = CarTemplate.build(params, null);
        Photo photo = photo(car, camera(azimuth, 0.7f), false, GREY_PAINT);
        float[] rgba = photo.rgba().clone();
        float[] mask = photo.target().mask();
        int minX = SIZE;
        int maxX = -1;
        int maxY = -1;
        for (int p = 0; p < mask.length; p++) {
            if (mask[p] > 0.5f) {
                minX = Math.min(minX, p % SIZE);
                maxX = Math.max(maxX, p % SIZE);
                maxY = Math.max(maxY, p / SIZE);
            }
        }
        // a plate a fifth of the box wide, low on the bumper, pink-red as in some countries
        int mid = (minX + maxX) / 2;
        int half = (maxX - minX) / 10;
        for (int y = maxY - 12; y <= maxY - 7; y++) {
            for (int x = mid - half; x <= mid + half; x++) {
                rgba[4 * (y * SIZE + x)] = 0.85f;
                rgba[4 * (y * SIZE + x) + 1] = 0.3f;
                rgba[4 * (y * SIZE + x) + 2] = 0.35f;
            }
        }
        FacingCheck.Verdict v = FacingCheck.decide(BACKEND, wrong(azimuth, 0.7f, params, photo.target()), params,
                photo.target(), null, rgba, null);
        assertTrue(v.turned(), "a front view: " + v);
        assertEquals(0, wrap(v.camera().azimuthDeg() - azimuth), 1e-3);
    }

    /**
     * Seen from the side (two wheels alike), the red at one end of the box is the rear, read at the
     * photo's resolution: the estimate turned end for end is turned back, a right one stays.
     */
    @ParameterizedTest
    @ValueSource(floats = {90, 270, 80})
    void aSideViewsRedEndIsItsRear(float azimuth) {
        CarParams params = CarParams.preset(BodyType.SEDAN);
        CarMesh car = CarTemplate.build(params, null);
        OrbitCamera truth = camera(azimuth, 0.7f);
        Photo photo = photo(car, truth, false, GREY_PAINT);
        assertTrue(SeenWheels.sideOn(photo.target()), "two wheels alike");
        // the template's tail lamps are slivers from the side; a real cluster wraps round the
        // corner: a red patch at the rear end of the box, two thirds of the way up
        float[] clip = truth.project(new float[] {0, 0.6f * params.height(), -0.5f * params.length()}, 1f);
        int rearX = (int) Math.round((clip[0] / clip[3] * 0.5 + 0.5) * SIZE);
        float[] rgba = photo.rgba().clone();
        float[] mask = photo.target().mask();
        int minY = SIZE;
        int maxY = -1;
        for (int p = 0; p < mask.length; p++) {
            if (mask[p] > 0.5f) {
                minY = Math.min(minY, p / SIZE);
                maxY = Math.max(maxY, p / SIZE);
            }
        }
        int lampY = maxY - 2 * (maxY - minY) / 3;
        for (int y = lampY - 1; y <= lampY + 1; y++) {
            for (int x = rearX - 2; x <= rearX + 2; x++) {
                rgba[4 * (y * SIZE + x)] = 0.7f;
                rgba[4 * (y * SIZE + x) + 1] = 0.1f;
                rgba[4 * (y * SIZE + x) + 2] = 0.08f;
            }
        }
        FacingCheck.RedAlong red = red(rgba, mask);
        assertTrue(red.marksAnEnd(), "the tail lamp: " + red);

        // as on phone photos, the photo shows the lamp and the fitter's crop has blurred it away
        float[] crop = photo.rgba().clone();
        for (int p = 0; p < mask.length; p++) {
            if (crop[4 * p] > 2 * crop[4 * p + 1]) {
                System.arraycopy(GREY_PAINT, 0, crop, 4 * p, 3);
            }
        }
        FacingCheck.Verdict v = FacingCheck.decide(BACKEND, wrong(azimuth, 0.7f, params, photo.target()), params,
                photo.target(), null, crop, () -> red);
        assertTrue(v.turned(), "turned back by the red end: " + v);
        assertEquals(0, wrap(v.camera().azimuthDeg() - azimuth), 1e-3);
        assertFalse(FacingCheck.decide(BACKEND, truth, params, photo.target(), null, crop, () -> red).turned());
        assertFalse(FacingCheck.decide(BACKEND, wrong(azimuth, 0.7f, params, photo.target()), params,
                photo.target(), null, crop, null).turned(), "the crop alone says nothing");
    }

    /**
     * A three-quarter view's wheels do not look alike, so red at one end (a red plate on the front
     * seen from three-quarters, as on new cars in some countries) is left to the other rules: the
     * side rule would take that end for the rear.
     */
    @ParameterizedTest
    @ValueSource(floats = {30, 330})
    void redAtTheFrontOfAThreeQuarterViewIsNotTakenForTheRear(float azimuth) {
        CarParams params = CarParams.preset(BodyType.SEDAN);
        CarMesh car = CarTemplate.build(params, null);
        OrbitCamera truth = camera(azimuth, 0.7f);
        Photo photo = photo(car, truth, true, GREY_PAINT);
        assertFalse(SeenWheels.sideOn(photo.target()), "a three-quarter view's wheels differ");
        // a red plate low on the front bumper: the front face is the end of the box the head lamps are at
        float[] rgba = photo.rgba().clone();
        int[] labels = photo.target().labels();
        double sumX = 0;
        int lamps = 0;
        int maxY = -1;
        for (int p = 0; p < labels.length; p++) {
            if (labels[p] == SegmentClass.HEADLIGHT.ordinal()) {
                sumX += p % SIZE;
                lamps++;
            }
            if (photo.target().mask()[p] > 0.5f) {
                maxY = Math.max(maxY, p / SIZE);
            }
        }
        int plateX = (int) Math.round(sumX / lamps);
        for (int y = maxY - 10; y <= maxY - 6; y++) {
            for (int x = plateX - 4; x <= plateX + 4; x++) {
                rgba[4 * (y * SIZE + x)] = 0.85f;
                rgba[4 * (y * SIZE + x) + 1] = 0.1f;
                rgba[4 * (y * SIZE + x) + 2] = 0.1f;
            }
        }
        FacingCheck.RedAlong red = red(rgba, photo.target().mask());
        assertTrue(red.marksAnEnd(), "the plate lies at an end: " + red);
        OrbitCamera estimate = wrong(azimuth, 0.7f, params, photo.target());
        for (OrbitCamera c : new OrbitCamera[] {truth, estimate}) {
            assertEquals(FacingCheck.decide(BACKEND, c, params, photo.target(), null, rgba, null),
                    FacingCheck.decide(BACKEND, c, params, photo.target(), null, rgba, () -> red), "the side rule stays out");
        }
    }

    @org.junit.jupiter.api.Test
    void redAlongReadsTheBoxOnly() {
        int w = 10;
        int h = 4;
        float[] rgb = new float[3 * w * h];
        java.util.Arrays.fill(rgb, 0.5f);
        // red at x = 7 (inside the box) and x = 9 (outside it)
        for (int x : new int[] {7, 9}) {
            rgb[3 * (w + x)] = 0.9f;
            rgb[3 * (w + x) + 1] = 0.1f;
            rgb[3 * (w + x) + 2] = 0.1f;
        }
        FacingCheck.RedAlong red = FacingCheck.redAlong(rgb, w, h, new int[] {0, 0, 7, 3});
        assertEquals(1, red.pixels());
        assertEquals(7.5 / 8, red.centroid(), 1e-9);
        assertEquals(1.0 / 32, red.share(), 1e-9);
        assertEquals(0.5, FacingCheck.redAlong(rgb, w, h, new int[] {0, 2, 7, 3}).centroid(), 1e-9, "no red");
    }

    /** The red across the mask's box of a crop's RGBA pixels (as the pipeline reads the photo's). */
    private static FacingCheck.RedAlong red(float[] rgba, float[] mask) {
        float[] rgb = new float[3 * SIZE * SIZE];
        int[] box = {SIZE, SIZE, -1, -1};
        for (int p = 0; p < mask.length; p++) {
            System.arraycopy(rgba, 4 * p, rgb, 3 * p, 3);
            if (mask[p] > 0.5f) {
                box[0] = Math.min(box[0], p % SIZE);
                box[1] = Math.min(box[1], p / SIZE);
                box[2] = Math.max(box[2], p % SIZE);
                box[3] = Math.max(box[3], p / SIZE);
            }
        }
        return FacingCheck.redAlong(rgb, SIZE, SIZE, box);
    }

    private static double wrap(double deg) {
        return ((deg % 360) + 540) % 360 - 180;
    }
}
