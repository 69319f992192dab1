package io.github.photo2car.fit;

import io.github.photo2car.template.CarParams;

/**
 * Moves in the normalised parameter space ({@link CarParams#toVector()}) without leaving the set
 * of valid cars. That set is a box cut by the cross-parameter rules of
 * {@link CarParams#validate(float[])}; it is not convex, but a segment from a valid point stays
 * valid up to its first crossing, which bisection finds.
 */
final class ParamSpace {

    private static final int BISECTIONS = 12;

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
        CarParams direct = tryParams(wanted);
        if (direct != null) {
            return direct;
        }
        float[] probe = new float[wanted.length];
        float lo = 0f;
        float hi = 1f;
        CarParams best = fallback;
        for (int b = 0; b < BISECTIONS; b++) {
            float mid = 0.5f * (lo + hi);
            for (int i = 0; i < probe.length; i++) {
                probe[i] = from[i] + mid * (wanted[i] - from[i]);
            }
            CarParams p = tryParams(probe);
            if (p != null) {
                lo = mid;
                best = p;
            } else {
                hi = mid;
            }
        }
        for (int i = 0; i < wanted.length; i++) {
            wanted[i] = from[i] + lo * (wanted[i] - from[i]);
        }
        return best;
    }
}
