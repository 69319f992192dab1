package io.github.photo2car.neural;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The whole-photo letterbox and a window around a car map photo pixels into the input alike. */
class LetterboxTest {

    @Test
    void wholePhotoIsCentredWithBarsOnTheShortSide() {
        Letterbox box = new Letterbox(300, 200, 128);
        assertEquals(128 / 300.0, box.scale(), 1e-12);
        assertEquals(0, box.offsetX(), 1e-9);
        assertEquals(0.5 * (128 - 200 * 128 / 300.0), box.offsetY(), 1e-9);
        assertTrue(box.covers(0, 0));
        assertTrue(box.covers(299.5, 199.5));
    }

    @Test
    void aWindowMapsItsCornersToTheInputsCorners() {
        Letterbox box = new Letterbox(300, 200, 64, 100, 40, 80);
        assertEquals(0.8, box.scale(), 1e-12);
        // photo (100, 40) is input (0, 0); photo (180, 120) is input (64, 64)
        assertEquals(0, box.offsetX() + 100 * box.scale(), 1e-9);
        assertEquals(64, box.offsetY() + 120 * box.scale(), 1e-9);
        assertTrue(box.covers(100, 40));
        assertFalse(box.covers(99.9, 50));
        assertFalse(box.covers(150, 120));
        // the window's pixels come from the photo: a photo that is white inside the window only
        float[] rgb = new float[3 * 300 * 200];
        for (int y = 40; y < 120; y++) {
            for (int x = 100; x < 180; x++) {
                java.util.Arrays.fill(rgb, 3 * (y * 300 + x), 3 * (y * 300 + x) + 3, 1f);
            }
        }
        float[] input = box.apply(rgb);
        for (float v : input) {
            assertEquals(1f, v, 1e-6f);
        }
        assertThrows(IllegalArgumentException.class, () -> new Letterbox(300, 200, 64, 0, 0, 0));
    }
}
