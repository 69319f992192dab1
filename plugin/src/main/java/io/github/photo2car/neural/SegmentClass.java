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
