package io.github.photo2car.fit;

import io.github.photo2car.template.CarParams;

/**
 * Moves in the normalised parameter space ({@link CarParams#toVector()}) without leaving the set
 * of valid cars ({@link CarParams#validFraction}).
 */
final class ParamSpace {

    private ParamSpace() {
    }

    /**
     * The parameters of a normalised vector, or null when the combination is not a valid car.
     *
     * @param vector normalised parameters (not modified; entries clamped to [0, 1])
     */
    static CarParams tryParams(float[] vector) {
        try {
            return CarParams.fromVector(vector);
        } catch (IllegalArgumentException invalid) {
            return null;
        }
    }

    /**
     * The point of the segment from a valid vector toward a wanted one that goes as far as
     * possible while staying valid (the whole way when the wanted vector is valid).
     *
     * @param from     a normalised vector, normally valid (not modified)
     * @param wanted   the wanted vector (modified: clamped to [0, 1], then set to the result)
     * @param fallback the parameters to keep when no point of the segment is valid (then wanted
     *                 is set to from)
     * @return the parameters of the result
     */
    static CarParams moveToward(float[] from, float[] wanted, CarParams fallback) {
        for (int i = 0; i < wanted.length; i++) {
            wanted[i] = Math.max(0f, Math.min(1f, wanted[i]));
        }
        float t = CarParams.validFraction(from, wanted);
        for (int i = 0; i < wanted.length; i++) {
            wanted[i] = from[i] + t * (wanted[i] - from[i]);
        }
        CarParams moved = tryParams(wanted);
        return moved != null ? moved : fallback;
    }
}
