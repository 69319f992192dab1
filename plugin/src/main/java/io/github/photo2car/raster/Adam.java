package io.github.photo2car.raster;

/**
 * The Adam optimiser (Kingma and Ba 2015) over a flat float parameter vector, with its first
 * and second moment state per parameter and an optional per-parameter learning-rate scale (so
 * camera angles in degrees and vertex offsets in metres can share one optimiser). Not
 * thread-safe.
 */
public final class Adam {

    private final double[] m;
    private final double[] v;
    private final float[] scale;
    private double learningRate;
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private int steps;

    /**
     * Creates an optimiser with beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8.
     *
     * @param size         the number of parameters
     * @param learningRate the step size (&gt; 0)
     */
    public Adam(int size, double learningRate) {
        this(size, learningRate, 0.9, 0.999, 1e-8);
    }

    /**
     * @param size         the number of parameters (&ge; 0)
     * @param learningRate the step size (&gt; 0)
     * @param beta1        first-moment decay in [0, 1)
     * @param beta2        second-moment decay in [0, 1)
     * @param epsilon      denominator guard (&gt; 0)
     * @throws IllegalArgumentException on an out-of-range argument
     */
    public Adam(int size, double learningRate, double beta1, double beta2, double epsilon) {
        if (size < 0) {
            throw new IllegalArgumentException("size must be >= 0, got " + size);
        }
        Checks.positive(learningRate, "learningRate");
        Checks.positive(epsilon, "epsilon");
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("betas must be in [0, 1), got " + beta1 + ", " + beta2);
        }
        this.m = new double[size];
        this.v = new double[size];
        this.scale = new float[size];
        java.util.Arrays.fill(scale, 1f);
        this.learningRate = learningRate;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
    }

    /**
     * Sets per-parameter multipliers of the learning rate (all 1 by default).
     *
     * @param scales [size] multipliers, finite and &ge; 0 (copied, not modified)
     */
    public void setScales(float[] scales) {
        Checks.finite(scales, "scales");
        if (scales.length != scale.length) {
            throw new IllegalArgumentException("scales must have length " + scale.length + ", got " + scales.length);
        }
        for (int i = 0; i < scales.length; i++) {
            if (scales[i] < 0) {
                throw new IllegalArgumentException("scales[" + i + "] is negative");
            }
        }
        System.arraycopy(scales, 0, scale, 0, scales.length);
    }

    /**
     * @param learningRate the new step size (&gt; 0), e.g. for a schedule
     */
    public void setLearningRate(double learningRate) {
        Checks.positive(learningRate, "learningRate");
        this.learningRate = learningRate;
    }

    /** @return the number of steps taken */
    public int steps() {
        return steps;
    }

    /**
     * Takes one step: params -= lr * scale * mhat / (sqrt(vhat) + eps).
     *
     * @param params   [size] parameters (modified in place)
     * @param gradient [size] dL/dparams (not modified, finite)
     * @throws IllegalArgumentException on a wrong length or a non-finite gradient
     */
    public void step(float[] params, float[] gradient) {
        Checks.notNull(params, "params");
        Checks.finite(gradient, "gradient");
        if (params.length != m.length || gradient.length != m.length) {
            throw new IllegalArgumentException("params and gradient must have length " + m.length);
        }
        steps++;
        double c1 = 1 - Math.pow(beta1, steps);
        double c2 = 1 - Math.pow(beta2, steps);
        for (int i = 0; i < m.length; i++) {
            double g = gradient[i];
            m[i] = beta1 * m[i] + (1 - beta1) * g;
            v[i] = beta2 * v[i] + (1 - beta2) * g * g;
            params[i] -= (float) (learningRate * scale[i] * (m[i] / c1) / (Math.sqrt(v[i] / c2) + epsilon));
        }
    }
}
