package io.github.photo2car.fit;

import io.github.photo2car.template.CarParams;
import io.github.photo2car.template.CarTemplate;
import java.util.function.Function;

/**
 * Finite-difference Jacobian of the scene positions (the template's shape positions, and the
 * wheels' when the fitter renders them) with respect to the normalised parameter vector.
 * {@link CarTemplate#build} is not differentiable in closed form, so each free
 * column is (positions(v + h e_k) - positions(v)) / h, one-sided: forward, or backward where the
 * forward point is not a valid car (at a bound or a cross-parameter rule); a column whose both
 * neighbours are invalid is zero (the parameter is pinned there). The residual adds linearly to
 * the positions, so the Jacobian does not depend on it.
 */
final class ShapeJacobian {

    /** Step in normalised units: small against curvature, large against float rounding of metres. */
    static final float STEP = 2e-3f;

    private final float[][] columns;
    private final Function<CarParams, float[]> positions;
    private int builds;

    /**
     * @param parameterCount length of the normalised vector
     * @param positions      the scene positions of a car without residual (a new array per call)
     */
    ShapeJacobian(int parameterCount, Function<CarParams, float[]> positions) {
        columns = new float[parameterCount][];
        this.positions = positions;
    }

    /**
     * Recomputes the free columns at a valid vector.
     *
     * @param vector normalised parameters of a valid car (not modified)
     * @param base   scene positions of that car without residual (not modified)
     * @param free   which columns to compute; the others become null
     */
    void update(float[] vector, float[] base, boolean[] free) {
        float[] probe = vector.clone();
        for (int k = 0; k < columns.length; k++) {
            if (!free[k]) {
                columns[k] = null;
                continue;
            }
            float step = vector[k] + STEP <= 1f ? STEP : -STEP;
            CarParams p = shifted(probe, k, vector[k] + step);
            if (p == null) {
                step = -step;
                p = shifted(probe, k, vector[k] + step);
            }
            probe[k] = vector[k];
            float[] column = columns[k] != null ? columns[k] : new float[base.length];
            if (p == null) {
                java.util.Arrays.fill(column, 0f);
            } else {
                float[] moved = positions.apply(p);
                builds++;
                float inv = 1f / step;
                for (int i = 0; i < column.length; i++) {
                    column[i] = (moved[i] - base[i]) * inv;
                }
            }
            columns[k] = column;
        }
    }

    private static CarParams shifted(float[] probe, int k, float value) {
        if (value < 0f || value > 1f) {
            return null;
        }
        probe[k] = value;
        return ParamSpace.tryParams(probe);
    }

    /**
     * Chains a position gradient through the Jacobian: out[k] = column_k . gradPositions for the
     * computed columns, 0 for the others.
     *
     * @param gradPositions dL/d(scene positions), as long as the base (not modified)
     * @param out           dL/d(normalised parameters) (overwritten)
     */
    void backward(float[] gradPositions, float[] out) {
        for (int k = 0; k < columns.length; k++) {
            float[] column = columns[k];
            double sum = 0;
            if (column != null) {
                for (int i = 0; i < column.length; i++) {
                    sum += column[i] * (double) gradPositions[i];
                }
            }
            out[k] = (float) sum;
        }
    }

    /** @return template builds spent on Jacobians so far */
    int builds() {
        return builds;
    }
}
