package io.github.photo2car.fit;

import io.github.photo2car.raster.OrbitCamera;
import io.github.photo2car.template.CarParams;

/**
 * Settings of a {@link CarFitter}: iteration budgets of the stages, azimuth restarts, which
 * camera and shape parameters are free, learning rates, the soft-silhouette schedule, loss
 * weights, early stopping and a progress listener. Immutable; build with {@link #builder()}.
 * The defaults are the ones measured in docs/FIT.md (128&times;128 targets, 200 iterations).
 *
 * <p>Learning rates are Adam step sizes (roughly the largest move per iteration) in the
 * parameter's own unit: degrees for angles, a fraction of the start distance for the distance,
 * NDC units for the principal point, normalised units ({@link CarParams#toVector()}) for the
 * template parameters, metres for the residual. Each decays over its stage by a half cosine to
 * 10 % of its value.
 */
public final class FitOptions {

    private final int poseIterations;
    private final int shapeIterations;
    private final int residualIterations;
    private final int maxIterations;
    private final float[] azimuthRestarts;
    private final int restartIterations;
    private final int[] downsample;
    private final boolean[] coarseBody;
    private final boolean[] freeCamera;
    private final boolean[] freeParams;
    private final float angleRate;
    private final float distanceRate;
    private final float principalRate;
    private final float paramRate;
    private final float residualRate;
    private final float sigmaStart;
    private final float sigmaEnd;
    private final float softWeight;
    private final float hardWeight;
    private final float partWeight;
    private final float laplacianWeight;
    private final float residualWeight;
    private final float maxResidual;
    private final int jacobianInterval;
    private final float tolerance;
    private final int patience;
    private final float targetIou;
    private final boolean wheels;
    private final FitListener listener;

    private FitOptions(Builder b) {
        poseIterations = b.poseIterations;
        shapeIterations = b.shapeIterations;
        residualIterations = b.residualIterations;
        maxIterations = b.maxIterations;
        azimuthRestarts = b.azimuthRestarts.clone();
        restartIterations = b.restartIterations;
        downsample = b.downsample.clone();
        coarseBody = b.coarseBody.clone();
        freeCamera = b.freeCamera.clone();
        freeParams = b.freeParams.clone();
        angleRate = b.angleRate;
        distanceRate = b.distanceRate;
        principalRate = b.principalRate;
        paramRate = b.paramRate;
        residualRate = b.residualRate;
        sigmaStart = b.sigmaStart;
        sigmaEnd = b.sigmaEnd;
        softWeight = b.softWeight;
        hardWeight = b.hardWeight;
        partWeight = b.partWeight;
        laplacianWeight = b.laplacianWeight;
        residualWeight = b.residualWeight;
        maxResidual = b.maxResidual;
        jacobianInterval = b.jacobianInterval;
        tolerance = b.tolerance;
        patience = b.patience;
        targetIou = b.targetIou;
        wheels = b.wheels;
        listener = b.listener;
    }

    /** @return a builder holding the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the default options */
    public static FitOptions defaults() {
        return new Builder().build();
    }

    /** @return a builder holding these options (this object is not modified) */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.poseIterations = poseIterations;
        b.shapeIterations = shapeIterations;
        b.residualIterations = residualIterations;
        b.maxIterations = maxIterations;
        b.azimuthRestarts = azimuthRestarts.clone();
        b.restartIterations = restartIterations;
        b.downsample = downsample.clone();
        b.coarseBody = coarseBody.clone();
        b.freeCamera = freeCamera.clone();
        b.freeParams = freeParams.clone();
        b.angleRate = angleRate;
        b.distanceRate = distanceRate;
        b.principalRate = principalRate;
        b.paramRate = paramRate;
        b.residualRate = residualRate;
        b.sigmaStart = sigmaStart;
        b.sigmaEnd = sigmaEnd;
        b.softWeight = softWeight;
        b.hardWeight = hardWeight;
        b.partWeight = partWeight;
        b.laplacianWeight = laplacianWeight;
        b.residualWeight = residualWeight;
        b.maxResidual = maxResidual;
        b.jacobianInterval = jacobianInterval;
        b.tolerance = tolerance;
        b.patience = patience;
        b.targetIou = targetIou;
        b.wheels = wheels;
        b.listener = listener;
        return b;
    }

    /**
     * @param stage a stage
     * @return the iteration budget of that stage (pose restarts count toward POSE)
     */
    public int stageIterations(FitStage stage) {
        switch (stage) {
            case POSE:
                return poseIterations;
            case SHAPE:
                return shapeIterations;
            default:
                return residualIterations;
        }
    }

    /**
     * @param stage a stage
     * @return the factor by which the target is downsampled while that stage runs (1 = full
     *         resolution; a factor that does not divide the target's size falls back to 1)
     */
    public int downsample(FitStage stage) {
        return downsample[stage.ordinal()];
    }

    /**
     * @param stage a stage
     * @return whether that stage draws the {@link io.github.photo2car.template.CoarseBody}
     *         instead of the full body (RESIDUAL always draws the full one)
     */
    public boolean coarseBody(FitStage stage) {
        return stage != FitStage.RESIDUAL && coarseBody[stage.ordinal()];
    }

    /** @return the cap on iterations over all stages and restarts */
    public int maxIterations() {
        return maxIterations;
    }

    /** @return a new array: azimuth offsets in degrees tried at the start of POSE */
    public float[] azimuthRestarts() {
        return azimuthRestarts.clone();
    }

    /** @return iterations spent on each azimuth restart before the best is kept */
    public int restartIterations() {
        return restartIterations;
    }

    /** @return a new array: which of the 7 {@link OrbitCamera#parameters()} are optimised */
    public boolean[] freeCamera() {
        return freeCamera.clone();
    }

    /** @return a new array: which of the {@link CarParams#vectorSize()} parameters are optimised */
    public boolean[] freeParams() {
        return freeParams.clone();
    }

    /** @return Adam rate of azimuth, elevation, fovY and roll, degrees */
    public float angleRate() {
        return angleRate;
    }

    /** @return Adam rate of the distance, as a fraction of the start distance */
    public float distanceRate() {
        return distanceRate;
    }

    /** @return Adam rate of the principal point, NDC units */
    public float principalRate() {
        return principalRate;
    }

    /** @return Adam rate of the normalised template parameters */
    public float paramRate() {
        return paramRate;
    }

    /** @return Adam rate of the residual, metres */
    public float residualRate() {
        return residualRate;
    }

    /** @return soft-silhouette softness at the first iteration, square full-resolution pixels */
    public float sigmaStart() {
        return sigmaStart;
    }

    /** @return soft-silhouette softness at the last iteration, square full-resolution pixels */
    public float sigmaEnd() {
        return sigmaEnd;
    }

    /** @return weight of the soft-silhouette IoU loss */
    public float softWeight() {
        return softWeight;
    }

    /** @return weight of the antialiased hard-mask IoU loss */
    public float hardWeight() {
        return hardWeight;
    }

    /** @return weight of the part or class cross-entropy (used only when the target has labels) */
    public float partWeight() {
        return partWeight;
    }

    /** @return weight of the Laplacian smoothness of the residual displacement */
    public float laplacianWeight() {
        return laplacianWeight;
    }

    /** @return weight of the mean squared residual displacement, per square metre */
    public float residualWeight() {
        return residualWeight;
    }

    /** @return bound on each residual component, metres */
    public float maxResidual() {
        return maxResidual;
    }

    /**
     * A residual brought within this fit's bound, e.g. a network's answer, which nothing bounds.
     *
     * @param residual per-shape-vertex residual, metres, car frame (not null, not modified)
     * @return a new array, each component clamped to +-{@link #maxResidual()}
     */
    public float[] clampResidual(float[] residual) {
        float[] out = new float[residual.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.max(-maxResidual, Math.min(maxResidual, residual[i]));
        }
        return out;
    }

    /** @return iterations between recomputations of the parameter Jacobian */
    public int jacobianInterval() {
        return jacobianInterval;
    }

    /**
     * @return smallest gain of the score (hard-mask IoU, averaged with the label agreement when
     *         the target has labels) that counts as an improvement for early stopping
     */
    public float tolerance() {
        return tolerance;
    }

    /** @return iterations without improvement after which a stage ends early */
    public int patience() {
        return patience;
    }

    /** @return hard-mask IoU at which the fit stops (1 = never stop for this reason) */
    public float targetIou() {
        return targetIou;
    }

    /**
     * Whether the fitter renders the four wheels (low-poly cylinders at the wheel anchors, placed
     * by the wheelbase, track, wheel radius and width) together with the body in every loss term.
     * The body alone has empty wheel arches, where a photo's mask shows tyres. A target with
     * {@link FitTarget.LabelKind#CLASSES} labels always renders them, whatever this says.
     *
     * @return true to render the wheels for every target (default false)
     */
    public boolean wheels() {
        return wheels;
    }

    /** @return the progress listener, or null */
    public FitListener listener() {
        return listener;
    }

    /** Mutable builder; {@link #build()} validates. */
    public static final class Builder {
        private int poseIterations = 60;
        private int shapeIterations = 80;
        private int residualIterations = 60;
        private int maxIterations = 200;
        private float[] azimuthRestarts = {0f, -20f, 20f};
        private int restartIterations = 10;
        private int[] downsample = {2, 1, 1};
        private boolean[] coarseBody = {false, false, false};
        private boolean[] freeCamera = {true, true, true, false, true, true, false};
        private boolean[] freeParams = allTrue(CarParams.vectorSize());
        private float angleRate = 1.5f;
        private float distanceRate = 0.01f;
        private float principalRate = 0.005f;
        private float paramRate = 0.015f;
        private float residualRate = 0.002f;
        private float sigmaStart = 8f;
        private float sigmaEnd = 0.4f;
        private float softWeight = 1f;
        private float hardWeight = 1f;
        private float partWeight = 0.1f;
        private float laplacianWeight = 100f;
        private float residualWeight = 1f;
        private float maxResidual = 0.15f;
        private int jacobianInterval = 5;
        private float tolerance = 1e-3f;
        private int patience = 20;
        private float targetIou = 1f;
        private boolean wheels;
        private FitListener listener;

        private Builder() {
        }

        private static boolean[] allTrue(int n) {
            boolean[] b = new boolean[n];
            java.util.Arrays.fill(b, true);
            return b;
        }

        /**
         * @param stage      the stage
         * @param iterations its budget (&ge; 0; 0 skips the stage)
         * @return this builder
         */
        public Builder stageIterations(FitStage stage, int iterations) {
            if (stage == null) {
                throw new IllegalArgumentException("stage must not be null");
            }
            switch (stage) {
                case POSE:
                    poseIterations = iterations;
                    break;
                case SHAPE:
                    shapeIterations = iterations;
                    break;
                default:
                    residualIterations = iterations;
            }
            return this;
        }

        /**
         * @param stage  the stage
         * @param factor downsampling of the target while it runs (1..8; 1 = full resolution).
         *               Coarse levels are cheaper and see farther; sigma is given in full-resolution
         *               pixels and scaled down with the image.
         * @return this builder
         */
        public Builder downsample(FitStage stage, int factor) {
            if (stage == null) {
                throw new IllegalArgumentException("stage must not be null");
            }
            if (factor < 1 || factor > 8) {
                throw new IllegalArgumentException("downsample factor must be within 1..8, got " + factor);
            }
            downsample[stage.ordinal()] = factor;
            return this;
        }

        /**
         * @param stage  the stage
         * @param coarse whether it draws the {@link io.github.photo2car.template.CoarseBody}, a
         *               quarter of the body's triangles with nearly the same outline: cheaper at
         *               fit resolutions where the full body's triangles are well below a pixel.
         *               Ignored for RESIDUAL, which moves vertices the coarse body skips.
         * @return this builder
         */
        public Builder coarseBody(FitStage stage, boolean coarse) {
            if (stage == null) {
                throw new IllegalArgumentException("stage must not be null");
            }
            coarseBody[stage.ordinal()] = coarse;
            return this;
        }

        /** @param n cap on all iterations (&ge; 1) @return this builder */
        public Builder maxIterations(int n) {
            maxIterations = n;
            return this;
        }

        /**
         * @param offsetsDeg azimuth offsets in degrees tried at the start of POSE, e.g. {0, -20, 20};
         *                   a single offset (or restart iterations 0) disables restarts (copied)
         * @param iterations iterations per restart (&ge; 0)
         * @return this builder
         */
        public Builder azimuthRestarts(float[] offsetsDeg, int iterations) {
            if (offsetsDeg == null || offsetsDeg.length == 0) {
                throw new IllegalArgumentException("offsetsDeg must hold at least one offset");
            }
            azimuthRestarts = offsetsDeg.clone();
            restartIterations = iterations;
            return this;
        }

        /** @param free 7 flags in {@link OrbitCamera#parameters()} order (copied) @return this builder */
        public Builder freeCamera(boolean[] free) {
            if (free == null || free.length != OrbitCamera.PARAMETER_COUNT) {
                throw new IllegalArgumentException("freeCamera needs " + OrbitCamera.PARAMETER_COUNT + " flags");
            }
            freeCamera = free.clone();
            return this;
        }

        /** @param free one flag per {@link CarParams} vector entry (copied) @return this builder */
        public Builder freeParams(boolean[] free) {
            if (free == null || free.length != CarParams.vectorSize()) {
                throw new IllegalArgumentException("freeParams needs " + CarParams.vectorSize() + " flags");
            }
            freeParams = free.clone();
            return this;
        }

        /**
         * @param angleDeg     Adam rate of angles, degrees (&gt; 0)
         * @param distance     Adam rate of the distance, fraction of the start distance (&gt; 0)
         * @param principal    Adam rate of the principal point, NDC (&gt; 0)
         * @param params       Adam rate of the normalised parameters (&gt; 0)
         * @param residualM    Adam rate of the residual, metres (&gt; 0)
         * @return this builder
         */
        public Builder learningRates(float angleDeg, float distance, float principal, float params,
                                     float residualM) {
            angleRate = angleDeg;
            distanceRate = distance;
            principalRate = principal;
            paramRate = params;
            residualRate = residualM;
            return this;
        }

        /**
         * @param start softness at the first iteration, square pixels (&gt; 0)
         * @param end   softness at the last iteration, square pixels (&gt; 0, &le; start)
         * @return this builder
         */
        public Builder sigma(float start, float end) {
            sigmaStart = start;
            sigmaEnd = end;
            return this;
        }

        /**
         * @param soft soft-silhouette IoU weight (&ge; 0)
         * @param hard antialiased hard-mask IoU weight (&ge; 0; soft + hard &gt; 0)
         * @param part weight of the label cross-entropy, part or class labels alike (&ge; 0)
         * @return this builder
         */
        public Builder lossWeights(float soft, float hard, float part) {
            softWeight = soft;
            hardWeight = hard;
            partWeight = part;
            return this;
        }

        /**
         * @param laplacian   weight of the residual displacement's Laplacian (&ge; 0)
         * @param magnitude   weight of the residual displacement's mean square (&ge; 0)
         * @param maxResidual bound on each residual component, metres (&gt; 0)
         * @return this builder
         */
        public Builder residualRegularisation(float laplacian, float magnitude, float maxResidual) {
            laplacianWeight = laplacian;
            residualWeight = magnitude;
            this.maxResidual = maxResidual;
            return this;
        }

        /** @param iterations iterations between Jacobian updates (&ge; 1) @return this builder */
        public Builder jacobianInterval(int iterations) {
            jacobianInterval = iterations;
            return this;
        }

        /**
         * @param tolerance smallest gain of the score (the hard-mask IoU, averaged with the label
         *                  agreement when the target has labels) that counts as progress (&ge; 0)
         * @param patience  iterations without progress before a stage ends (&ge; 1)
         * @return this builder
         */
        public Builder earlyStopping(float tolerance, int patience) {
            this.tolerance = tolerance;
            this.patience = patience;
            return this;
        }

        /** @param iou stop when the hard-mask IoU reaches this, in (0, 1] @return this builder */
        public Builder targetIou(float iou) {
            targetIou = iou;
            return this;
        }

        /**
         * @param render true to render the four wheels with the body for every target (see
         *               {@link FitOptions#wheels()}); class-labelled targets render them anyway
         * @return this builder
         */
        public Builder wheels(boolean render) {
            wheels = render;
            return this;
        }

        /** @param l progress listener, or null for none @return this builder */
        public Builder listener(FitListener l) {
            listener = l;
            return this;
        }

        /**
         * Validates and creates the options.
         *
         * @return new options
         * @throws IllegalArgumentException naming the first bad setting
         */
        public FitOptions build() {
            if (poseIterations < 0 || shapeIterations < 0 || residualIterations < 0) {
                throw new IllegalArgumentException("stage iterations must be >= 0");
            }
            if (maxIterations < 1) {
                throw new IllegalArgumentException("maxIterations must be >= 1, got " + maxIterations);
            }
            if (restartIterations < 0) {
                throw new IllegalArgumentException("restart iterations must be >= 0, got " + restartIterations);
            }
            for (float o : azimuthRestarts) {
                if (!Float.isFinite(o)) {
                    throw new IllegalArgumentException("azimuth restart offsets must be finite");
                }
            }
            positive(angleRate, "angleRate");
            positive(distanceRate, "distanceRate");
            positive(principalRate, "principalRate");
            positive(paramRate, "paramRate");
            positive(residualRate, "residualRate");
            positive(sigmaStart, "sigmaStart");
            positive(sigmaEnd, "sigmaEnd");
            if (sigmaEnd > sigmaStart) {
                throw new IllegalArgumentException("sigmaEnd must not exceed sigmaStart");
            }
            nonNegative(softWeight, "softWeight");
            nonNegative(hardWeight, "hardWeight");
            nonNegative(partWeight, "partWeight");
            if (!(softWeight + hardWeight > 0)) {
                throw new IllegalArgumentException("softWeight + hardWeight must be > 0");
            }
            nonNegative(laplacianWeight, "laplacianWeight");
            nonNegative(residualWeight, "residualWeight");
            positive(maxResidual, "maxResidual");
            if (jacobianInterval < 1) {
                throw new IllegalArgumentException("jacobianInterval must be >= 1, got " + jacobianInterval);
            }
            nonNegative(tolerance, "tolerance");
            if (patience < 1) {
                throw new IllegalArgumentException("patience must be >= 1, got " + patience);
            }
            if (!(targetIou > 0 && targetIou <= 1)) {
                throw new IllegalArgumentException("targetIou must be within (0, 1], got " + targetIou);
            }
            return new FitOptions(this);
        }

        private static void positive(float x, String name) {
            if (!(x > 0) || !Float.isFinite(x)) {
                throw new IllegalArgumentException(name + " must be finite and > 0, got " + x);
            }
        }

        private static void nonNegative(float x, String name) {
            if (!(x >= 0) || !Float.isFinite(x)) {
                throw new IllegalArgumentException(name + " must be finite and >= 0, got " + x);
            }
        }
    }
}
