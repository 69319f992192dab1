package io.github.photo2car.template;

/**
 * The four wheel slots. Front is +Z, left is +X (car frame).
 */
public enum WheelPosition {
    /** Front left: +X, +Z. */
    FL(true, true),
    /** Front right: -X, +Z. */
    FR(true, false),
    /** Rear left: +X, -Z. */
    RL(false, true),
    /** Rear right: -X, -Z. */
    RR(false, false);

    private final boolean front;
    private final boolean left;

    WheelPosition(boolean front, boolean left) {
        this.front = front;
        this.left = left;
    }

    /**
     * Tells whether this wheel is on the front axle (+Z), the steered one.
     *
     * @return true for FL and FR
     */
    public boolean isFront() {
        return front;
    }

    /**
     * Tells whether this wheel is on the car's left side (+X).
     *
     * @return true for FL and RL
     */
    public boolean isLeft() {
        return left;
    }
}
