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
     * A valid point as close to the wanted vector as cheaply found: {@link CarParams#slideToward}
     * with one sweep. So a step that crosses a cross-parameter rule still moves the parameters
     * that rule does not involve, and slides along the rule where one of its parameters can,
     * instead of stopping the whole vector (an optimiser pushing into an active rule would
     * otherwise freeze every parameter for good).
     *
     * @param from     a normalised vector, normally valid (not modified)
     * @param wanted   the wanted vector (modified: clamped to [0, 1], then set to the result)
     * @param fallback the parameters to keep when no valid point is found (then wanted is set to
     *                 from)
     * @return the parameters of the result
     */
    static CarParams moveToward(float[] from, float[] wanted, CarParams fallback) {
        float[] at = CarParams.slideToward(from, wanted, 1);
        CarParams moved = at == null ? null : tryParams(at);
        if (moved == null) {
            // no valid point, or rounding at a rule's edge: keep the start
            System.arraycopy(from, 0, wanted, 0, from.length);
            return fallback;
        }
        System.arraycopy(at, 0, wanted, 0, at.length);
        return moved;
    }
}
