package io.github.photo2car.template;

import com.jme3.math.Vector3f;

/**
 * Where one wheel sits on a built car, at rest. Car frame, metres: the wheel's axle is parallel to
 * X, its centre is at (centerX, centerY, centerZ) and centerY equals the radius, so the tyre
 * touches the ground plane y = 0.
 *
 * @param position which of the four wheels
 * @param centerX  X of the wheel centre (m, +X is the car's left)
 * @param centerY  Y of the wheel centre (m, equals radius)
 * @param centerZ  Z of the wheel centre (m, +Z is forward)
 * @param radius   tyre outer radius (m)
 * @param width    tyre width along X (m)
 */
public record WheelAnchor(WheelPosition position, float centerX, float centerY, float centerZ,
        float radius, float width) {

    /**
     * Validates the components.
     *
     * @throws IllegalArgumentException if position is null, a number is not finite, or radius or
     *                                  width is not positive
     */
    public WheelAnchor {
        if (position == null) {
            throw new IllegalArgumentException("position must not be null");
        }
        if (!Float.isFinite(centerX) || !Float.isFinite(centerY) || !Float.isFinite(centerZ)) {
            throw new IllegalArgumentException("wheel centre must be finite");
        }
        if (!(radius > 0f) || !(width > 0f)) {
            throw new IllegalArgumentException("radius and width must be positive, got radius="
                    + radius + " width=" + width);
        }
    }

    /**
     * Copies the wheel centre into a vector.
     *
     * @param store where to write (modified), or null to allocate a new vector
     * @return the centre in the car frame (m), either store or a new vector
     */
    public Vector3f center(Vector3f store) {
        Vector3f result = (store == null) ? new Vector3f() : store;
        return result.set(centerX, centerY, centerZ);
    }
}
