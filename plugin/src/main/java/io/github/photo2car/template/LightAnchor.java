package io.github.photo2car.template;

import com.jme3.math.Vector3f;

/**
 * Where a lamp sits on a built car and which way it shines. Car frame, metres. The position is
 * the area-weighted centroid of the part's lens triangles, the direction the normalised,
 * area-weighted outward normal of those triangles (roughly +Z for front lamps, -Z for rear ones).
 *
 * @param part       the lamp's part label (one of the {@link CarPart#isLight()} parts)
 * @param x          position X (m)
 * @param y          position Y (m)
 * @param z          position Z (m)
 * @param directionX unit direction X
 * @param directionY unit direction Y
 * @param directionZ unit direction Z
 */
public record LightAnchor(CarPart part, float x, float y, float z,
        float directionX, float directionY, float directionZ) {

    /**
     * Validates the components.
     *
     * @throws IllegalArgumentException if part is null or not a light, a number is not finite or
     *                                  the direction is not of unit length (within 1e-3)
     */
    public LightAnchor {
        if (part == null || !part.isLight()) {
            throw new IllegalArgumentException("part must be a light part, got " + part);
        }
        if (!Float.isFinite(x) || !Float.isFinite(y) || !Float.isFinite(z)) {
            throw new IllegalArgumentException("position must be finite");
        }
        float len2 = directionX * directionX + directionY * directionY + directionZ * directionZ;
        if (!(Math.abs(len2 - 1f) < 2e-3f)) {
            throw new IllegalArgumentException("direction must be a unit vector, length^2=" + len2);
        }
    }

    /**
     * Copies the lamp position into a vector.
     *
     * @param store where to write (modified), or null to allocate
     * @return the position in the car frame (m), either store or a new vector
     */
    public Vector3f position(Vector3f store) {
        Vector3f result = (store == null) ? new Vector3f() : store;
        return result.set(x, y, z);
    }

    /**
     * Copies the lamp direction into a vector.
     *
     * @param store where to write (modified), or null to allocate
     * @return the unit direction in the car frame, either store or a new vector
     */
    public Vector3f direction(Vector3f store) {
        Vector3f result = (store == null) ? new Vector3f() : store;
        return result.set(directionX, directionY, directionZ);
    }
}
