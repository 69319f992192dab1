package io.github.photo2car.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.github.photo2car.fit.BoxPlacement;
import io.github.photo2car.fit.FitTarget;
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
        RasterOutput r = BACKEND.rasterize(new float[][] {camera.project(car.shapePositions(), 1f)}, car.triangles(),
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
                SegmentClass c = SegmentClass.of(parts[ids[p]]);
                boolean lamp = c == SegmentClass.HEADLIGHT || c == SegmentClass.TAILLIGHT;
                labels[p] = (lamp && !withLamps ? SegmentClass.BODY : c).ordinal();
                colour = c == SegmentClass.TAILLIGHT ? new float[] {0.7f, 0.1f, 0.08f}
                        : c == SegmentClass.HEADLIGHT ? new float[] {0.92f, 0.92f, 0.9f} : paint;
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
                photo.target(), null, photo.rgba());
        assertTrue(v.turned(), "turned back: " + v);
        assertEquals(0, wrap(v.camera().azimuthDeg() - azimuth), 1e-3, "the true azimuth");

        FacingCheck.Verdict right = FacingCheck.decide(BACKEND, truth, params, photo.target(), null, photo.rgba());
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
                null, photo.rgba());
        assertTrue(v.turned(), "turned back by the red lamps: " + v);
        assertFalse(FacingCheck.decide(BACKEND, truth, params, confused, null, photo.rgba()).turned());
    }

    @ParameterizedTest
    @ValueSource(floats = {10, 350})
    void anEndWithoutRedIsTheFrontEvenWithoutLampClasses(float azimuth) {
        CarParams params = CarParams.preset(BodyType.HATCHBACK);
        CarMesh car = CarTemplate.build(params, null);
        Photo photo = photo(car, camera(azimuth, 0.7f), false, GREY_PAINT);
        FacingCheck.Verdict v = FacingCheck.decide(BACKEND, wrong(azimuth, 0.7f, params, photo.target()), params,
                photo.target(), null, photo.rgba());
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
        FacingCheck.Verdict v = FacingCheck.decide(BACKEND, estimate, params, photo.target(), null, photo.rgba());
        assertFalse(v.turned());
        assertSame(estimate, v.camera());
        FitTarget maskOnly = new FitTarget(SIZE, SIZE, photo.target().mask());
        assertSame(estimate, FacingCheck.decide(BACKEND, estimate, params, maskOnly, null, photo.rgba()).camera());
    }

    @ParameterizedTest
    @ValueSource(floats = {20, 160})
    void aRedCarIsJudgedByItsLampClassesAlone(float azimuth) {
        CarParams params = CarParams.preset(BodyType.COUPE);
        CarMesh car = CarTemplate.build(params, null);
        Photo classes = photo(car, camera(azimuth, 0.6f), true, RED_PAINT);
        FacingCheck.Verdict v = FacingCheck.decide(BACKEND, wrong(azimuth, 0.6f, params, classes.target()), params,
                classes.target(), null, classes.rgba());
        assertTrue(v.turned(), "the lamp classes decide: " + v);
        Photo none = photo(car, camera(azimuth, 0.6f), false, RED_PAINT);
        OrbitCamera estimate = wrong(azimuth, 0.6f, params, none.target());
        assertSame(estimate, FacingCheck.decide(BACKEND, estimate, params, none.target(), null, none.rgba()).camera(),
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
                photo.target(), null, rgba);
        assertTrue(v.turned(), "a front view: " + v);
        assertEquals(0, wrap(v.camera().azimuthDeg() - azimuth), 1e-3);
    }

    private static double wrap(double deg) {
        return ((deg % 360) + 540) % 360 - 180;
    }
}
