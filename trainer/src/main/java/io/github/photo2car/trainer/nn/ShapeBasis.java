package io.github.photo2car.trainer.nn;

import io.github.photo2car.fit.WheelProxy;
import io.github.photo2car.template.CarParams;
import io.github.photo2car.template.CarTemplate;

/**
 * A linear model of the car template: scene-vertex positions (the body's shape vertices, then
 * the {@link WheelProxy} wheels') as an affine function of the normalised {@link CarParams} vector, fitted by ridge-regularised least squares to random cars.
 * The template itself is not differentiable in its parameters; this model's transpose carries a
 * rasterizer's vertex gradients to the parameters (dL/dp = B^T dL/dV), which is what training
 * needs, while the forward rendering still uses the exact template. Immutable.
 */
public final class ShapeBasis {

    private final int params;
    private final int coords;
    /** [(P+1) x 3V] row 0 the offset, row 1+i the slope of parameter i. */
    private final double[] rows;
    private final double rmsError;

    private ShapeBasis(int params, int coords, double[] rows, double rmsError) {
        this.params = params;
        this.coords = coords;
        this.rows = rows;
        this.rmsError = rmsError;
    }

    /**
     * Fits the model to random cars.
     *
     * @param samples how many random cars (&ge; 2 (P + 1))
     * @param seed    seed of the cars
     * @return the fitted model
     */
    public static ShapeBasis fit(int samples, long seed) {
        int p = CarParams.vectorSize();
        if (samples < 2 * (p + 1)) {
            throw new IllegalArgumentException("need at least " + 2 * (p + 1) + " samples, got " + samples);
        }
        int k = p + 1;
        float[][] x = new float[samples][];
        float[][] y = new float[samples][];
        for (int s = 0; s < samples; s++) {
            CarParams car = CarParams.random(seed * 1_000_003L + s);
            x[s] = car.toVector();
            y[s] = WheelProxy.withBody(car, CarTemplate.shapePositions(car, null));
        }
        int coords = y[0].length;
        double[] xtx = new double[k * k];
        double[] xty = new double[k * coords];
        double[] row = new double[k];
        for (int s = 0; s < samples; s++) {
            row[0] = 1;
            for (int i = 0; i < p; i++) {
                row[i + 1] = x[s][i];
            }
            for (int a = 0; a < k; a++) {
                for (int b = 0; b < k; b++) {
                    xtx[a * k + b] += row[a] * row[b];
                }
                double ra = row[a];
                for (int c = 0; c < coords; c++) {
                    xty[a * coords + c] += ra * y[s][c];
                }
            }
        }
        for (int a = 1; a < k; a++) {
            xtx[a * k + a] += 1e-3 * samples;
        }
        double[] rows = solve(xtx, xty, k, coords);
        double sq = 0;
        for (int s = 0; s < samples; s++) {
            for (int c = 0; c < coords; c++) {
                double pred = rows[c];
                for (int i = 0; i < p; i++) {
                    pred += rows[(i + 1) * coords + c] * x[s][i];
                }
                sq += (pred - y[s][c]) * (pred - y[s][c]);
            }
        }
        return new ShapeBasis(p, coords, rows, Math.sqrt(sq / (samples * (coords / 3.0))));
    }

    /** Gaussian elimination with partial pivoting of the k x k system for all right-hand sides. */
    private static double[] solve(double[] a, double[] b, int k, int cols) {
        for (int col = 0; col < k; col++) {
            int pivot = col;
            for (int r = col + 1; r < k; r++) {
                if (Math.abs(a[r * k + col]) > Math.abs(a[pivot * k + col])) {
                    pivot = r;
                }
            }
            swapRows(a, col, pivot, k);
            swapRows(b, col, pivot, cols);
            for (int r = 0; r < k; r++) {
                if (r == col) {
                    continue;
                }
                double f = a[r * k + col] / a[col * k + col];
                if (f == 0) {
                    continue;
                }
                for (int c = col; c < k; c++) {
                    a[r * k + c] -= f * a[col * k + c];
                }
                for (int c = 0; c < cols; c++) {
                    b[r * cols + c] -= f * b[col * cols + c];
                }
            }
        }
        for (int r = 0; r < k; r++) {
            double inv = 1 / a[r * k + r];
            for (int c = 0; c < cols; c++) {
                b[r * cols + c] *= inv;
            }
        }
        return b;
    }

    private static void swapRows(double[] m, int i, int j, int cols) {
        if (i == j) {
            return;
        }
        for (int c = 0; c < cols; c++) {
            double t = m[i * cols + c];
            m[i * cols + c] = m[j * cols + c];
            m[j * cols + c] = t;
        }
    }

    /** @return the root-mean-square vertex error of the linear model on its own samples, metres */
    public double rmsError() {
        return rmsError;
    }

    /**
     * Carries a vertex gradient to the normalised parameters: dL/dp = B^T dL/dV.
     *
     * @param gradVertices dL/d(scene positions) [3V] for the first V scene vertices: the body's
     *                     shape vertices alone, or those and the wheels' (not modified)
     * @return a new array [P]
     */
    public float[] parameterGradient(float[] gradVertices) {
        int n = gradVertices.length;
        if (n != coords && n != 3 * CarTemplate.SHAPE_VERTICES) {
            throw new IllegalArgumentException("need " + coords + " or " + 3 * CarTemplate.SHAPE_VERTICES
                    + " vertex gradients, got " + n);
        }
        float[] out = new float[params];
        for (int i = 0; i < params; i++) {
            double sum = 0;
            int base = (i + 1) * coords;
            for (int c = 0; c < n; c++) {
                sum += rows[base + c] * gradVertices[c];
            }
            out[i] = (float) sum;
        }
        return out;
    }
}
