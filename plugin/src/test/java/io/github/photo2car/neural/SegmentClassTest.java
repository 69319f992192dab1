package io.github.photo2car.neural;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The per-pixel decision: car first, then the part. */
class SegmentClassTest {

    @Test
    void aPixelWhoseCarProbabilityIsSplitBetweenPartsIsStillCar() {
        // background is the single most probable class, yet the car classes together outweigh it
        float[] p = {0.4f, 0.3f, 0.25f, 0.05f, 0, 0, 0};
        assertEquals(SegmentClass.BODY.ordinal(), SegmentClass.decide(p, 0));
    }

    @Test
    void backgroundWinsAboveOneHalfAndTheMostProbablePartWinsOtherwise() {
        float[] p = {
            0.51f, 0.49f, 0, 0, 0, 0, 0,
            0.1f, 0.2f, 0.1f, 0.5f, 0.05f, 0.05f, 0,
            0.5f, 0, 0, 0, 0, 0.1f, 0.4f};
        assertEquals(SegmentClass.BACKGROUND.ordinal(), SegmentClass.decide(p, 0));
        assertEquals(SegmentClass.WHEEL.ordinal(), SegmentClass.decide(p, 7));
        // exactly one half: car, as the pipeline's car mask (P(car) >= 0.5) has it
        assertEquals(SegmentClass.TRIM.ordinal(), SegmentClass.decide(p, 14));
    }
}
