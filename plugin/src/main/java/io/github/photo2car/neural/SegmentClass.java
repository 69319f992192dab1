package io.github.photo2car.neural;

import io.github.photo2car.template.CarPart;

/**
 * The per-pixel classes of the car segmenter: fewer than the template's {@link CarPart}s, because
 * a photo cannot tell a brake lamp from a tail lamp or left from right (the fitted car can).
 * Ordinals are the network's output channels and the stored label values; never reorder.
 */
public enum SegmentClass {
    /** Not the car (road, sky, other objects). */
    BACKGROUND,
    /** Painted body panels and bumpers. */
    BODY,
    /** Window glass. */
    WINDOW,
    /** Tyres and rims. */
    WHEEL,
    /** The front lamp cluster: headlights and front blinkers. */
    HEADLIGHT,
    /** The rear lamp cluster: tail, brake, reverse lamps and rear blinkers. */
    TAILLIGHT,
    /** Unpainted trim: grille, licence plates, underbody. */
    TRIM;

    /** The number of classes, the segmenter's output channels. */
    public static final int COUNT = values().length;

    private static final SegmentClass[] VALUES = values();

    /**
     * @param ordinal a class index 0..COUNT-1
     * @return the class
     * @throws IllegalArgumentException if out of range
     */
    public static SegmentClass of(int ordinal) {
        if (ordinal < 0 || ordinal >= COUNT) {
            throw new IllegalArgumentException("segment class must be 0.." + (COUNT - 1) + ", got " + ordinal);
        }
        return VALUES[ordinal];
    }

    /**
     * The class of one pixel from its probabilities, car first: the pixel is car when the car
     * classes together are at least as likely as the background (the car mask the pipeline
     * thresholds, 1 - P(background) &ge; 0.5), and then it is the most probable car class. A plain
     * argmax would call background a pixel on a part border whose car probability is split
     * between, say, body and window.
     *
     * @param probabilities class probabilities, {@link #COUNT} per pixel (not modified)
     * @param offset        index of the pixel's first probability
     * @return the class ordinal
     */
    public static int decide(float[] probabilities, int offset) {
        if (probabilities[offset] > 0.5f) {
            return BACKGROUND.ordinal();
        }
        int best = 1;
        for (int k = 2; k < COUNT; k++) {
            if (probabilities[offset + k] > probabilities[offset + best]) {
                best = k;
            }
        }
        return best;
    }

    /**
     * @param part a body part of the template (not null)
     * @return the class a photo of that part shows
     */
    public static SegmentClass of(CarPart part) {
        switch (part) {
            case PAINT:
            case BUMPER_FRONT:
            case BUMPER_REAR:
                return BODY;
            case WINDOW:
                return WINDOW;
            case HEADLIGHT_L:
            case HEADLIGHT_R:
            case BLINKER_FRONT_L:
            case BLINKER_FRONT_R:
                return HEADLIGHT;
            case TAILLIGHT_L:
            case TAILLIGHT_R:
            case BLINKER_REAR_L:
            case BLINKER_REAR_R:
            case REVERSE_L:
            case REVERSE_R:
                return TAILLIGHT;
            case GRILLE:
            case UNDERBODY:
            case PLATE_FRONT:
            case PLATE_REAR:
                return TRIM;
            default:
                throw new IllegalArgumentException("no segment class for " + part);
        }
    }

    /** @return whether this class is part of the car (everything but the background) */
    public boolean isCar() {
        return this != BACKGROUND;
    }
}
