package io.github.photo2car.fit;

import io.github.photo2car.raster.Adam;
import io.github.photo2car.raster.MeshRegularizers;
import io.github.photo2car.raster.OrbitCamera;
import io.github.photo2car.raster.RasterBackend;
import io.github.photo2car.raster.RasterBackends;
import io.github.photo2car.template.CarParams;
import io.github.photo2car.template.CarTemplate;
import java.util.Arrays;
import java.util.function.BooleanSupplier;

/**
 * Test-time fitting of the parametric car to a target mask (and part labels): recovers the
 * camera, the {@link CarParams} and a symmetric per-vertex residual by gradient descent through
 * the differentiable rasterizer, starting from a guess (e.g. a network's prediction).
 *
 * <p>Algorithm (details and measurements in docs/FIT.md): Adam over the concatenation
 * [camera | normalised parameters | residual] in three stages ({@link FitStage}): POSE (camera
 * only, after a few short azimuth restarts), SHAPE (camera and parameters), RESIDUAL (all three,
 * with Laplacian and magnitude regularisers on the residual displacement). The loss is the soft
 * IoU of a DIB-R soft silhouette whose softness shrinks geometrically over the run (wide capture
 * range first, sharp edges last), plus the soft IoU of the antialiased hard mask (unbiased edge
 * gradients), plus the cross-entropy of an antialiased part or class map when labels are given
 * ({@link FitTarget.LabelKind}); class labels, and {@link FitOptions#wheels()}, add the four
 * wheels ({@link WheelProxy}) to the rendered car, so the WHEEL class places them. Position
 * gradients reach the camera through {@link OrbitCamera#projectBackward}, the parameters through
 * a finite-difference Jacobian of the template ({@link ShapeJacobian}, refreshed every few
 * iterations) and the residual through {@link CarTemplate#residualBackward}. Parameters stay
 * valid cars: a step that would break a rule of {@link CarParams#validate(float[])} is shortened
 * to the last valid point of its segment, from which each parameter goes on alone as far as it
 * can ({@link ParamSpace#moveToward}). Each stage ends early when its score (the hard-mask IoU,
 * averaged with the label agreement when the target has labels) has not improved by the
 * tolerance for the patience; the best state seen by that score is returned.
 *
 * <p>A fitter is immutable and may run several fits at once on different threads (the backend
 * is thread-safe). A fit runs on the calling thread and can be stopped by a cancel flag or by
 * interrupting the thread; it then returns the best state so far.
 */
public final class CarFitter {

    private static final int CAMERA = OrbitCamera.PARAMETER_COUNT;
    private static final int PARAMS = CarParams.vectorSize();
    private static final int RESIDUAL = 3 * CarTemplate.SHAPE_VERTICES;
    private static final float MAX_ELEVATION = 85f;
    private static final float MIN_DISTANCE = 0.5f;

    private static final MeshRegularizers REGULARIZERS =
            new MeshRegularizers(CarTemplate.SHAPE_VERTICES, CarTemplate.triangles());

    private final RasterBackend backend;
    private final FitOptions options;

    /** A fitter with the shared Java raster backend and the default options. */
    public CarFitter() {
        this(RasterBackends.javaBackend(), FitOptions.defaults());
    }

    /**
     * @param backend the rasterizer to render with (not null)
     * @param options the settings (not null)
     */
    public CarFitter(RasterBackend backend, FitOptions options) {
        if (backend == null) {
            throw new IllegalArgumentException("backend must not be null");
        }
        if (options == null) {
            throw new IllegalArgumentException("options must not be null");
        }
        this.backend = backend;
        this.options = options;
    }

    /** @return the settings */
    public FitOptions options() {
        return options;
    }

    /**
     * Fits from a starting guess with no residual and no cancel flag.
     *
     * @param target what to fit (not null)
     * @param camera the starting camera (not null); its target point, near and far stay fixed
     * @param params the starting parameters (not null)
     * @return the result
     */
    public FitResult fit(FitTarget target, OrbitCamera camera, CarParams params) {
        return fit(target, camera, params, null, null);
    }

    /**
     * Fits from a starting guess.
     *
     * @param target   what to fit (not null, not modified)
     * @param camera   the starting camera (not null); its target point (car frame, metres), near
     *                 and far stay fixed; which of its 7 parameters move is set by the options
     * @param params   the starting parameters (not null)
     * @param residual starting residual [3*SHAPE_VERTICES] metres, or null for zero (not modified)
     * @param cancel   polled once per iteration; returning true stops the fit, or null for none
     * @return the best state seen and how the fit went
     * @throws IllegalArgumentException on a null target, camera or params, or a bad residual
     */
    public FitResult fit(FitTarget target, OrbitCamera camera, CarParams params, float[] residual,
                         BooleanSupplier cancel) {
        if (target == null || camera == null) {
            throw new IllegalArgumentException("target, camera and params must not be null");
        }
        return fit(java.util.List.of(target), java.util.List.of(camera), params, residual, cancel);
    }

    /**
     * Fits one car to several pictures of it at once: one shape (parameters and residual) seen
     * through one camera per picture, the pictures' losses summed, so each picture fixes what it
     * shows (a side view the length, a front view the width). The POSE stage's azimuth restarts
     * run picture by picture; the best state is chosen by the score averaged over the pictures.
     *
     * @param targets  the pictures' targets, one per view (not null or empty, not modified; all of
     *                 one size)
     * @param cameras  the starting cameras, parallel to targets (not null); each one's target point,
     *                 near and far stay fixed
     * @param params   the starting parameters (not null)
     * @param residual starting residual [3*SHAPE_VERTICES] metres, or null for zero (not modified)
     * @param cancel   polled once per iteration; returning true stops the fit, or null for none
     * @return the best state seen; {@link FitResult#cameras()} holds a camera per picture and its
     *         IoU and agreement are the pictures' means
     * @throws IllegalArgumentException on null or empty lists, lists of different lengths, targets
     *                                  of different sizes, a null element, or a bad residual
     */
    public FitResult fit(java.util.List<FitTarget> targets, java.util.List<OrbitCamera> cameras, CarParams params,
                         float[] residual, BooleanSupplier cancel) {
        if (targets == null || cameras == null || params == null || targets.isEmpty()
                || targets.size() != cameras.size()) {
            throw new IllegalArgumentException("need as many cameras as targets (at least one) and params");
        }
        for (int i = 0; i < targets.size(); i++) {
            if (targets.get(i) == null || cameras.get(i) == null) {
                throw new IllegalArgumentException("target and camera " + i + " must not be null");
            }
            if (targets.get(i).width() != targets.get(0).width() || targets.get(i).height() != targets.get(0).height()) {
                throw new IllegalArgumentException("all targets must have one size");
            }
        }
        if (residual != null) {
            if (residual.length != RESIDUAL) {
                throw new IllegalArgumentException("residual must have length " + RESIDUAL + ", got "
                        + residual.length);
            }
            for (float r : residual) {
                if (!Float.isFinite(r)) {
                    throw new IllegalArgumentException("residual must be finite");
                }
            }
        }
        return new Run(targets.toArray(new FitTarget[0]), cameras.toArray(new OrbitCamera[0]), params, residual,
                cancel).run();
    }

    /** The state of one fit. */
    private final class Run {
        private final FitTarget[] targets;
        private final OrbitCamera[] startCameras;
        private final int views;
        /** Where the parameters start in x: after one camera per view. */
        private final int p0;
        private final BooleanSupplier cancel;
        /** Per view, one objective per body (0 full, 1 coarse) and downsampling factor in use (1 = full resolution). */
        private final SilhouetteObjective[][][] objectives;
        /** Whether the scene holds the four wheels after the body's shape vertices. */
        private final boolean wheels;
        private final ShapeJacobian jacobian;
        private final boolean[] freeCamera = options.freeCamera();
        private final boolean[] freeParams = options.freeParams();
        private final int planned;
        private final long startNanos = System.nanoTime();

        /** x = [camera 7 per view | normalised parameters | residual]; the optimiser's vector. */
        private final float[] x;
        private final float[] grad;
        private final float[] vectorBefore = new float[PARAMS];
        private final OrbitCamera[] cameras;
        private CarParams params;
        private float[] base;
        private boolean residualActive;

        private double[] lossHistory;
        private double[] iouHistory;
        private int iteration;
        private StopReason stop;

        private double bestScore = -1;
        private final float[] bestX;
        private CarParams bestParams;
        private double bestIou;
        private double bestAgreement = Double.NaN;

        Run(FitTarget[] targets, OrbitCamera[] cameras, CarParams params, float[] residual, BooleanSupplier cancel) {
            this.targets = targets;
            this.views = targets.length;
            this.p0 = views * CAMERA;
            boolean classes = false;
            for (FitTarget t : targets) {
                classes |= t.hasLabels() && t.labelKind() == FitTarget.LabelKind.CLASSES;
            }
            // one scene for every view: with wheels if any view's labels need them
            this.wheels = options.wheels() || classes;
            this.objectives = new SilhouetteObjective[views][2][9];
            this.jacobian = new ShapeJacobian(PARAMS, this::scene);
            this.startCameras = cameras.clone();
            this.cameras = cameras.clone();
            this.cancel = cancel;
            this.params = params;
            this.x = new float[p0 + PARAMS + RESIDUAL];
            this.grad = new float[x.length];
            this.bestX = new float[x.length];
            for (int v = 0; v < views; v++) {
                System.arraycopy(cameras[v].parameters(), 0, x, v * CAMERA, CAMERA);
            }
            System.arraycopy(params.toVector(), 0, x, p0, PARAMS);
            if (residual != null) {
                System.arraycopy(residual, 0, x, p0 + PARAMS, RESIDUAL);
                residualActive = true;
            }
            int sum = 0;
            for (FitStage s : FitStage.values()) {
                sum += options.stageIterations(s);
            }
            planned = Math.max(1, Math.min(sum, options.maxIterations()));
            lossHistory = new double[planned];
            iouHistory = new double[planned];
            base = scene(params);
        }

        /** Scene positions of a car without residual: its shape vertices, then its wheels'. */
        private float[] scene(CarParams p) {
            float[] body = CarTemplate.shapePositions(p, null);
            return wheels ? WheelProxy.withBody(p, body) : body;
        }

        /** Scene positions of the current car with a residual: the base with the body rebuilt. */
        private float[] world(float[] residual) {
            float[] body = CarTemplate.shapePositions(params, residual);
            if (!wheels) {
                return body;
            }
            float[] all = base.clone();
            System.arraycopy(body, 0, all, 0, body.length);
            return all;
        }

        FitResult run() {
            int poseBudget = options.stageIterations(FitStage.POSE);
            float[] offsets = options.azimuthRestarts();
            int perRestart = options.restartIterations();
            if (freeCamera[0] && offsets.length > 1 && perRestart > 0 && poseBudget > 0) {
                int each = Math.min(perRestart, poseBudget / (offsets.length * views));
                for (int v = 0; v < views && each > 0; v++) {
                    poseBudget -= restarts(v, offsets, each);
                }
            }
            FitStage last = null;
            boolean lastConverged = false;
            int leftover = 0;
            for (FitStage stage : FitStage.values()) {
                int own = stage == FitStage.POSE ? poseBudget : options.stageIterations(stage);
                if (stop != null || own <= 0) {
                    continue;
                }
                // a stage that stopped early hands its unused iterations to the next one
                int budget = own + leftover;
                int before = iteration;
                last = stage;
                lastConverged = runStage(stage, budget, true, -1);
                leftover = budget - (iteration - before);
            }
            if (stop == null) {
                stop = lastConverged && last != null ? StopReason.CONVERGED : StopReason.ITERATION_LIMIT;
            }
            return result();
        }

        /**
         * Short POSE runs of one view's camera from several azimuths; continues from the best.
         * Returns iterations used.
         */
        private int restarts(int view, float[] offsets, int each) {
            int at = view * CAMERA;
            float[] start = Arrays.copyOfRange(x, at, at + CAMERA);
            float[] bestCamera = null;
            double best = -1;
            int used = 0;
            for (float offset : offsets) {
                if (stop != null) {
                    break;
                }
                System.arraycopy(start, 0, x, at, CAMERA);
                x[at] += offset;
                cameras[view] = startCameras[view].withParameters(Arrays.copyOfRange(x, at, at + CAMERA));
                int before = iteration;
                runStage(FitStage.POSE, each, false, view);
                used += iteration - before;
                if (iteration == before) {
                    break; // stopped (cancelled, interrupted, out of budget) before its first step
                }
                double iou = iouHistory[iteration - 1];
                if (iou > best) {
                    best = iou;
                    bestCamera = Arrays.copyOfRange(x, at, at + CAMERA);
                }
            }
            if (bestCamera != null) {
                System.arraycopy(bestCamera, 0, x, at, CAMERA);
                cameras[view] = startCameras[view].withParameters(bestCamera);
            }
            return used;
        }

        /** Runs one stage on one view (or all: -1); returns true if it ended by early stopping. */
        private boolean runStage(FitStage stage, int budget, boolean earlyStop, int only) {
            Adam adam = new Adam(x.length, 1.0);
            float[] rates = rates(stage);
            adam.setScales(rates);
            double stageBest = -1;
            int stale = 0;
            for (int i = 0; i < budget; i++) {
                if (iteration >= planned) {
                    return false;
                }
                if (Thread.currentThread().isInterrupted()) {
                    stop = StopReason.INTERRUPTED;
                    return false;
                }
                if (cancel != null && cancel.getAsBoolean()) {
                    stop = StopReason.CANCELLED;
                    return false;
                }
                if (stage != FitStage.POSE && i % options.jacobianInterval() == 0) {
                    jacobian.update(Arrays.copyOfRange(x, p0, p0 + PARAMS), base, freeParams);
                }
                SilhouetteObjective.Evaluation e = step(stage, adam, i / (double) budget, only);
                if (e.iou >= options.targetIou()) {
                    stop = StopReason.TARGET_REACHED;
                    return false;
                }
                // with labels, progress is the score the best state is chosen by: a label loss can
                // move the wheels for many iterations without raising the IoU
                double score = score(e);
                if (score > stageBest + options.tolerance()) {
                    stageBest = score;
                    stale = 0;
                } else if (earlyStop && ++stale >= options.patience()) {
                    return true;
                }
            }
            return false;
        }

        /**
         * One evaluation and Adam step on one view (or all: -1); returns the evaluation of the
         * state before the step (over several views: loss summed, IoU and agreement averaged).
         */
        private SilhouetteObjective.Evaluation step(FitStage stage, Adam adam, double stageProgress, int only) {
            int factor = factor(stage);
            float sigma = (float) (options.sigmaStart()
                    * Math.pow(options.sigmaEnd() / options.sigmaStart(), iteration / (double) planned))
                    / (factor * factor);
            float[] world = residualActive ? world(Arrays.copyOfRange(x, p0 + PARAMS, x.length)) : base;
            boolean coarse = options.coarseBody(stage);
            Arrays.fill(grad, 0f);
            SilhouetteObjective.Evaluation e = null;
            float[] gradWorld = null;
            int counted = 0;
            int agreeing = 0;
            for (int v = 0; v < views; v++) {
                if (only >= 0 && v != only) {
                    continue;
                }
                SilhouetteObjective.Evaluation ev = objective(v, factor, coarse).evaluate(world, cameras[v], sigma,
                        options.softWeight(), options.hardWeight(), options.partWeight(), true);
                for (int k = 0; k < CAMERA; k++) {
                    grad[v * CAMERA + k] = freeCamera[k] ? ev.gradCamera[k] : 0f;
                }
                if (e == null) {
                    e = ev;
                    gradWorld = ev.gradWorld;
                } else {
                    e.loss += ev.loss;
                    e.iou += ev.iou;
                    if (!Double.isNaN(ev.partAgreement)) {
                        e.partAgreement = Double.isNaN(e.partAgreement) ? ev.partAgreement
                                : e.partAgreement + ev.partAgreement;
                    }
                    for (int i = 0; i < gradWorld.length; i++) {
                        gradWorld[i] += ev.gradWorld[i];
                    }
                }
                counted++;
                agreeing += Double.isNaN(ev.partAgreement) ? 0 : 1;
            }
            if (counted > 1) {
                e.iou /= counted;
                if (agreeing > 0) {
                    e.partAgreement /= agreeing;
                }
            }
            double loss = e.loss;
            if (stage != FitStage.POSE) {
                float[] g = new float[PARAMS];
                jacobian.backward(gradWorld, g);
                System.arraycopy(g, 0, grad, p0, PARAMS);
            }
            if (stage == FitStage.RESIDUAL) {
                // the residual moves the body's shape vertices only, the first RESIDUAL entries
                float[] gWorld = Arrays.copyOf(gradWorld, RESIDUAL);
                float[] displacement = new float[RESIDUAL];
                double squares = 0;
                for (int i = 0; i < RESIDUAL; i++) {
                    displacement[i] = world[i] - base[i];
                    squares += displacement[i] * (double) displacement[i];
                }
                loss += REGULARIZERS.laplacian(displacement, options.laplacianWeight(), gWorld);
                int vertices = CarTemplate.SHAPE_VERTICES;
                loss += options.residualWeight() * squares / vertices;
                float scale = 2f * options.residualWeight() / vertices;
                for (int i = 0; i < RESIDUAL; i++) {
                    gWorld[i] += scale * displacement[i];
                }
                System.arraycopy(CarTemplate.residualBackward(gWorld), 0, grad, p0 + PARAMS, RESIDUAL);
            }
            // a single view's score is not comparable with the mean over all views
            record(loss, e, stage, factor == 1 && !coarse && (only < 0 || views == 1));

            // a half-cosine decay to 10 % over the stage
            adam.setLearningRate(0.1 + 0.9 * 0.5 * (1 + Math.cos(Math.PI * stageProgress)));
            System.arraycopy(x, p0, vectorBefore, 0, PARAMS);
            adam.step(x, grad);
            applyConstraints(stage);
            return e;
        }

        /** The hard-mask IoU, averaged with the label agreement when the target has labels. */
        private static double score(SilhouetteObjective.Evaluation e) {
            return Double.isNaN(e.partAgreement) ? e.iou : 0.5 * (e.iou + e.partAgreement);
        }

        private void record(double loss, SilhouetteObjective.Evaluation e, FitStage stage, boolean fullResolution) {
            lossHistory[iteration] = loss;
            iouHistory[iteration] = e.iou;
            double score = score(e);
            // IoUs at a coarse level are not comparable with full-resolution ones
            if (fullResolution && score > bestScore) {
                bestScore = score;
                bestIou = e.iou;
                bestAgreement = e.partAgreement;
                bestParams = params;
                System.arraycopy(x, 0, bestX, 0, x.length);
            }
            FitListener listener = options.listener();
            if (listener != null) {
                listener.onIteration(iteration, stage, loss, e.iou);
            }
            iteration++;
        }

        /** Keeps the camera in range, the parameters a valid car and the residual bounded. */
        private void applyConstraints(FitStage stage) {
            for (int v = 0; v < views; v++) {
                int at = v * CAMERA;
                x[at + 1] = Math.max(-MAX_ELEVATION, Math.min(MAX_ELEVATION, x[at + 1]));
                x[at + 2] = Math.max(MIN_DISTANCE + startCameras[v].near(), x[at + 2]);
                x[at + 3] = Math.max(5f, Math.min(120f, x[at + 3]));
                x[at + 4] = Math.max(-1f, Math.min(1f, x[at + 4]));
                x[at + 5] = Math.max(-1f, Math.min(1f, x[at + 5]));
                cameras[v] = startCameras[v].withParameters(Arrays.copyOfRange(x, at, at + CAMERA));
            }
            if (stage != FitStage.POSE) {
                float[] wanted = Arrays.copyOfRange(x, p0, p0 + PARAMS);
                CarParams moved = ParamSpace.moveToward(vectorBefore, wanted, params);
                System.arraycopy(wanted, 0, x, p0, PARAMS);
                if (!moved.equals(params)) {
                    params = moved;
                    base = scene(params);
                }
            }
            if (stage == FitStage.RESIDUAL) {
                float bound = options.maxResidual();
                for (int i = p0 + PARAMS; i < x.length; i++) {
                    x[i] = Math.max(-bound, Math.min(bound, x[i]));
                }
                residualActive = true;
            }
        }

        /** Adam step sizes per entry of x for a stage; 0 freezes an entry. */
        private float[] rates(FitStage stage) {
            float[] r = new float[x.length];
            for (int v = 0; v < views; v++) {
                float[] cameraRates = {options.angleRate(), options.angleRate(),
                    options.distanceRate() * startCameras[v].distance(), options.angleRate(),
                    options.principalRate(), options.principalRate(), options.angleRate()};
                for (int k = 0; k < CAMERA; k++) {
                    r[v * CAMERA + k] = freeCamera[k] ? cameraRates[k] : 0f;
                }
            }
            if (stage != FitStage.POSE) {
                for (int k = 0; k < PARAMS; k++) {
                    r[p0 + k] = freeParams[k] ? options.paramRate() : 0f;
                }
            }
            if (stage == FitStage.RESIDUAL) {
                Arrays.fill(r, p0 + PARAMS, r.length, options.residualRate());
            }
            return r;
        }

        /** The downsampling factor of a stage, 1 where it does not divide the target. */
        private int factor(FitStage stage) {
            int f = options.downsample(stage);
            // all targets have one size
            return targets[0].width() % f == 0 && targets[0].height() % f == 0 ? f : 1;
        }

        private SilhouetteObjective objective(int view, int factor, boolean coarse) {
            int c = coarse ? 1 : 0;
            if (objectives[view][c][factor] == null) {
                objectives[view][c][factor] = new SilhouetteObjective(backend, targets[view].downsampled(factor),
                        wheels, coarse);
            }
            return objectives[view][c][factor];
        }

        private FitResult result() {
            if (bestScore < 0) {
                // nothing was evaluated at full resolution with the full body (stopped at once, or
                // coarse stages only): report the current state
                float[] residual = Arrays.copyOfRange(x, p0 + PARAMS, x.length);
                float[] world = residualActive ? world(residual) : base;
                double iou = 0;
                double agreement = 0;
                int agreeing = 0;
                for (int v = 0; v < views; v++) {
                    SilhouetteObjective.Evaluation e = objective(v, 1, false).evaluate(world, cameras[v],
                            options.sigmaEnd(), 0f, 1f, 0f, false);
                    iou += e.iou;
                    if (!Double.isNaN(e.partAgreement)) {
                        agreement += e.partAgreement;
                        agreeing++;
                    }
                }
                bestIou = iou / views;
                bestAgreement = agreeing == 0 ? Double.NaN : agreement / agreeing;
                bestParams = params;
                System.arraycopy(x, 0, bestX, 0, x.length);
            }
            java.util.List<OrbitCamera> fitted = new java.util.ArrayList<>();
            for (int v = 0; v < views; v++) {
                float[] cam = Arrays.copyOfRange(bestX, v * CAMERA, v * CAMERA + CAMERA);
                double az = cam[0] % 360.0;
                if (az > 180) {
                    az -= 360;
                } else if (az <= -180) {
                    az += 360;
                }
                cam[0] = (float) az;
                fitted.add(startCameras[v].withParameters(cam));
            }
            return new FitResult(fitted.get(0), bestParams,
                    Arrays.copyOfRange(bestX, p0 + PARAMS, x.length), bestIou, bestAgreement, iteration,
                    Arrays.copyOf(lossHistory, iteration), Arrays.copyOf(iouHistory, iteration), stop,
                    (System.nanoTime() - startNanos) / 1_000_000L, fitted);
        }
    }
}
