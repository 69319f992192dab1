package io.github.photo2car.drive;

/**
 * The driver's controls at one instant, whatever produced them (keyboard, gamepad, AI, a test).
 * Mutable on purpose so per-frame code reuses one instance; not thread-safe.
 */
public final class DriverInput {

    /** Accelerator pedal in [0, 1]. */
    public float throttle;
    /** Brake pedal in [0, 1]; also selects reverse when the car stands still (arcade style). */
    public float brake;
    /** Steering in [-1, 1]: +1 is full left (towards +X), −1 full right. */
    public float steer;
    /** True while the handbrake is pulled (locks the rear wheels). */
    public boolean handbrake;

    /** Releases every control. */
    public void clear() {
        throttle = 0f;
        brake = 0f;
        steer = 0f;
        handbrake = false;
    }
}
