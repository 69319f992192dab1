package io.github.photo2car.template;

/**
 * Semantic label of a body triangle. Labels are fixed per triangle index (the same for every
 * {@link CarParams}), so a segmentation network, a material assignment or a light rig can rely on
 * them. "L" and "R" follow the car frame: L is +X (the car's left), R is -X.
 */
public enum CarPart {
    /** Painted body panels (including the inside of a pickup bed). */
    PAINT,
    /** Glass: windshield, side windows, rear window. */
    WINDOW,
    /** Left headlight lens (+X). */
    HEADLIGHT_L,
    /** Right headlight lens (-X). */
    HEADLIGHT_R,
    /** Left taillight / brake-light lens. */
    TAILLIGHT_L,
    /** Right taillight / brake-light lens. */
    TAILLIGHT_R,
    /** Left front turn indicator. */
    BLINKER_FRONT_L,
    /** Right front turn indicator. */
    BLINKER_FRONT_R,
    /** Left rear turn indicator. */
    BLINKER_REAR_L,
    /** Right rear turn indicator. */
    BLINKER_REAR_R,
    /** Left reversing light. */
    REVERSE_L,
    /** Right reversing light. */
    REVERSE_R,
    /** Radiator grille and lower air intake. */
    GRILLE,
    /** Front bumper, including its wrap-around onto the sides. */
    BUMPER_FRONT,
    /** Rear bumper, including its wrap-around onto the sides. */
    BUMPER_REAR,
    /** Undercarriage and wheel wells. */
    UNDERBODY,
    /** Front licence plate. */
    PLATE_FRONT,
    /** Rear licence plate. */
    PLATE_REAR;

    /**
     * Tells whether this part is a lamp lens (head, tail, blinker or reverse light).
     *
     * @return true for the light parts
     */
    public boolean isLight() {
        switch (this) {
            case HEADLIGHT_L: case HEADLIGHT_R: case TAILLIGHT_L: case TAILLIGHT_R:
            case BLINKER_FRONT_L: case BLINKER_FRONT_R: case BLINKER_REAR_L: case BLINKER_REAR_R:
            case REVERSE_L: case REVERSE_R:
                return true;
            default:
                return false;
        }
    }
}
