package io.github.photo2car.rig;

import com.jme3.math.Vector3f;

import java.util.Objects;

/**
 * Where a wheel sits on a car at rest, in the car frame (metres; origin on the ground under the
 * middle of the wheelbase, +Y up, +Z forward, +X left).
 *
 * @param centre wheel centre at rest (not null; copied by the compact constructor)
 * @param radius tyre radius, metres (&gt; 0)
 * @param width  tyre width, metres (&gt; 0)
 * @param front  true for a steered front wheel
 */
public record WheelMount(Vector3f centre, float radius, float width, boolean front) {

    /** Validates and copies. */
    public WheelMount {
        centre = Objects.requireNonNull(centre, "centre").clone();
        if (!Vector3f.isValidVector(centre)) {
            throw new IllegalArgumentException("wheel centre must be finite, got " + centre);
        }
        if (!(radius > 0.05f && radius < 2f) || !(width > 0.02f && width < 1.5f)) {
            throw new IllegalArgumentException("wheel radius must be in (0.05, 2) m and width in (0.02, 1.5) m, got "
                    + radius + " and " + width);
        }
    }

    /** @return a copy of the centre (the record's own vector is never handed out) */
    @Override
    public Vector3f centre() {
        return centre.clone();
    }
}
