package io.github.photo2car.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.github.photo2car.raster.JavaRasterBackend;
import io.github.photo2car.raster.MaskIou;
import io.github.photo2car.raster.OrbitCamera;
import io.github.photo2car.template.BodyType;
import io.github.photo2car.template.CarParams;
import io.github.photo2car.template.CarTemplate;

/**
 * The car's size and position recovered from its mask's box: exactly for a whole car, from the
 * free edges only for a car the photo cuts off.
 */
class BoxPlacementTest {

    private static final int S = 96;
    private static final JavaRasterBackend RASTER = new JavaRasterBackend(1);
    private static final CarParams CAR = CarParams.preset(BodyType.HATCHBACK);
    private static final OrbitCamera TRUTH = new OrbitCamera(35, 12, 7.5f, 40, 0.06f, -0.04f, 0, 0, 0.7f, 0,
            0.1f, 100);

    @Test
    void aWholeCarGetsTheTrueDistanceAndPrincipalPoint() {
        float[] mask = silhouette(TRUTH);
        OrbitCamera guess = new OrbitCamera(35, 12, 9.5f, 40, -0.1f, 0.08f, 0, 0, 0.7f, 0, 0.1f, 100);
        double before = MaskIou.hard(silhouette(guess), mask);
        OrbitCamera placed = BoxPlacement.place(guess, CAR, mask, null, S);
        double after = MaskIou.hard(silhouette(placed), mask);
        System.out.printf("box placement: IoU %.3f -> %.3f, distance %.2f -> %.2f (true %.2f)%n", before, after,
                guess.distance(), placed.distance(), TRUTH.distance());
        assertTrue(before < 0.7, "the guess should start off: " + before);
        assertTrue(after > 0.97, "IoU after placement " + after);
        assertEquals(TRUTH.distance(), placed.distance(), 0.1);
        assertEquals(TRUTH.principalX(), placed.principalX(), 0.01);
        assertEquals(TRUTH.principalY(), placed.principalY(), 0.01);
        assertEquals(guess.azimuthDeg(), placed.azimuthDeg(), 0, "the pose is kept");
        assertEquals(guess.fovYDeg(), placed.fovYDeg(), 0, "the lens is kept");
    }

    @Test
    void aCarCutOffByThePhotoIsPlacedByItsFreeEdgesOnly() {
        // the photo ends at column 40: the crop left of it is letterbox, the car's left part unseen
        float[] whole = silhouette(TRUTH);
        boolean[] inside = new boolean[S * S];
        float[] mask = whole.clone();
        for (int p = 0; p < S * S; p++) {
            inside[p] = p % S >= 40;
            mask[p] = inside[p] ? whole[p] : 0;
        }
        OrbitCamera guess = new OrbitCamera(35, 12, 7.5f, 40, 0.1f, -0.04f, 0, 0, 0.7f, 0, 0.1f, 100);
        OrbitCamera placed = BoxPlacement.place(guess, CAR, mask, inside, S);
        // the height and the right, top and bottom edges are free: the true placement again
        assertEquals(TRUTH.principalX(), placed.principalX(), 0.015);
        assertEquals(TRUTH.principalY(), placed.principalY(), 0.015);
        assertEquals(TRUTH.distance(), placed.distance(), 0.25);
        // matching the cut box's width as if whole would have shrunk the car instead
        OrbitCamera naive = BoxPlacement.place(guess, CAR, mask, null, S);
        assertTrue(naive.distance() > TRUTH.distance() + 0.5, "naive distance " + naive.distance());
    }

    @Test
    void anEmptyMaskOrNoFreeEdgeLeavesTheCameraAlone() {
        assertSame(TRUTH, BoxPlacement.place(TRUTH, CAR, new float[S * S], null, S));
        float[] full = new float[S * S];
        java.util.Arrays.fill(full, 1f);
        assertSame(TRUTH, BoxPlacement.place(TRUTH, CAR, full, null, S));
    }

    private static float[] silhouette(OrbitCamera camera) {
        float[] world = WheelProxy.withBody(CAR, CarTemplate.build(CAR).shapePositions());
        return RASTER.rasterize(new float[][] {camera.project(world, 1f)}, WheelProxy.trianglesWithBody(), S, S)
                .mask(0);
    }
}
