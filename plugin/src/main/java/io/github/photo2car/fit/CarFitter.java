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
        if (target == null || camera == null || params == null) {
            throw new IllegalArgumentException("target, camera and params must not be null");
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
        return new Run(target, camera, params, residual, cancel).run();
    }

    /** The state of one fit. */
    private final class Run {
        private final FitTarget target;
        private final OrbitCamera startCamera;
        private final BooleanSupplier cancel;
        /** One objective per body (0 full, 1 coarse) and downsampling factor in use (1 = full resolution). */
        private final SilhouetteObjective[][] objectives = new SilhouetteObjective[2][9];
        /** Whether the scene holds the four wheels after the body's shape vertices. */
        private final boolean wheels;
        private final ShapeJacobian jacobian;
        private final boolean[] freeCamera = options.freeCamera();
        private final boolean[] freeParams = options.freeParams();
        private final int planned;
        private final long startNanos = System.nanoTime();

        /** x = [camera 7 | normalised parameters | residual]; the optimiser's vector. */
        private final float[] x = new float[CAMERA + PARAMS + RESIDUAL];
        private final float[] grad = new float[x.length];
        private final float[] vectorBefore = new float[PARAMS];
        private OrbitCamera camera;
        private CarParams params;
        private float[] base;
        private boolean residualActive;

        private double[] lossHistory;
        private double[] iouHistory;
        private int iteration;
        private StopReason stop;

        private double bestScore = -1;
        private final float[] bestX = new float[x.length];
        private CarParams bestParams;
        private double bestIou;
        private double bestAgreement = Double.NaN;

        Run(FitTarget target, OrbitCamera camera, CarParams params, float[] residual, BooleanSupplier cancel) {
            this.target = target;
            this.wheels = options.wheels()
                    || (target.hasLabels() && target.labelKind() == FitTarget.LabelKind.CLASSES);
            this.jacobian = new ShapeJacobian(PARAMS, this::scene);
            this.startCamera = camera;
            this.cancel = cancel;
            this.camera = camera;
            this.params = params;
            System.arraycopy(camera.parameters(), 0, x, 0, CAMERA);
            System.arraycopy(params.toVector(), 0, x, CAMERA, PARAMS);
            if (residual != null) {
                System.arraycopy(residual, 0, x, CAMERA + PARAMS, RESIDUAL);
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
                poseBudget -= restarts(offsets, Math.min(perRestart, poseBudget / offsets.length));
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
                lastConverged = runStage(stage, budget, true);
                leftover = budget - (iteration - before);
            }
            if (stop == null) {
                stop = lastConverged && last != null ? StopReason.CONVERGED : StopReason.ITERATION_LIMIT;
            }
            return result();
        }

        /** Short POSE runs from several azimuths; continues from the best. Returns iterations used. */
        private int restarts(float[] offsets, int each) {
            float[] start = Arrays.copyOf(x, CAMERA);
            float[] bestCamera = null;
            double best = -1;
            int used = 0;
            for (float offset : offsets) {
                if (stop != null) {
                    break;
                }
                System.arraycopy(start, 0, x, 0, CAMERA);
                x[0] += offset;
                camera = startCamera.withParameters(Arrays.copyOf(x, CAMERA));
                int before = iteration;
                runStage(FitStage.POSE, each, false);
                used += iteration - before;
                double iou = iouHistory[iteration - 1];
                if (iou > best) {
                    best = iou;
                    bestCamera = Arrays.copyOf(x, CAMERA);
                }
            }
            if (bestCamera != null) {
                System.arraycopy(bestCamera, 0, x, 0, CAMERA);
                camera = startCamera.withParameters(bestCamera);
            }
            return used;
        }

        /** Runs one stage; returns true if it ended by early stopping. */
        private boolean runStage(FitStage stage, int budget, boolean earlyStop) {
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
                    jacobian.update(Arrays.copyOfRange(x, CAMERA, CAMERA + PARAMS), base, freeParams);
                }
                SilhouetteObjective.Evaluation e = step(stage, adam, i / (double) budget);
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

        /** One evaluation and Adam step; returns the evaluation of the state before the step. */
        private SilhouetteObjective.Evaluation step(FitStage stage, Adam adam, double stageProgress) {
            int factor = factor(stage);
            float sigma = (float) (options.sigmaStart()
                    * Math.pow(options.sigmaEnd() / options.sigmaStart(), iteration / (double) planned))
                    / (factor * factor);
            float[] world = residualActive ? world(Arrays.copyOfRange(x, CAMERA + PARAMS, x.length)) : base;
            boolean coarse = options.coarseBody(stage);
            SilhouetteObjective.Evaluation e = objective(factor, coarse).evaluate(world, camera, sigma,
                    options.softWeight(), options.hardWeight(), options.partWeight(), true);
            Arrays.fill(grad, 0f);
            double loss = e.loss;
            for (int k = 0; k < CAMERA; k++) {
                grad[k] = freeCamera[k] ? e.gradCamera[k] : 0f;
            }
            if (stage != FitStage.POSE) {
                float[] g = new float[PARAMS];
                jacobian.backward(e.gradWorld, g);
                System.arraycopy(g, 0, grad, CAMERA, PARAMS);
            }
            if (stage == FitStage.RESIDUAL) {
                // the residual moves the body's shape vertices only, the first RESIDUAL entries
                float[] gWorld = Arrays.copyOf(e.gradWorld, RESIDUAL);
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
                System.arraycopy(CarTemplate.residualBackward(gWorld), 0, grad, CAMERA + PARAMS, RESIDUAL);
            }
            record(loss, e, stage, factor == 1 && !coarse);

            // a half-cosine decay to 10 % over the stage
            adam.setLearningRate(0.1 + 0.9 * 0.5 * (1 + Math.cos(Math.PI * stageProgress)));
            System.arraycopy(x, CAMERA, vectorBefore, 0, PARAMS);
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
            x[1] = Math.max(-MAX_ELEVATION, Math.min(MAX_ELEVATION, x[1]));
            x[2] = Math.max(MIN_DISTANCE + startCamera.near(), x[2]);
            x[3] = Math.max(5f, Math.min(120f, x[3]));
            x[4] = Math.max(-1f, Math.min(1f, x[4]));
            x[5] = Math.max(-1f, Math.min(1f, x[5]));
            camera = startCamera.withParameters(Arrays.copyOf(x, CAMERA));
            if (stage != FitStage.POSE) {
                float[] wanted = Arrays.copyOfRange(x, CAMERA, CAMERA + PARAMS);
                CarParams moved = ParamSpace.moveToward(vectorBefore, wanted, params);
                System.arraycopy(wanted, 0, x, CAMERA, PARAMS);
                if (!moved.equals(params)) {
                    params = moved;
                    base = scene(params);
                }
            }
            if (stage == FitStage.RESIDUAL) {
                float bound = options.maxResidual();
                for (int i = CAMERA + PARAMS; i < x.length; i++) {
                    x[i] = Math.max(-bound, Math.min(bound, x[i]));
                }
                residualActive = true;
            }
        }

        /** Adam step sizes per entry of x for a stage; 0 freezes an entry. */
        private float[] rates(FitStage stage) {
            float[] r = new float[x.length];
            float[] cameraRates = {options.angleRate(), options.angleRate(),
                options.distanceRate() * startCamera.distance(), options.angleRate(),
                options.principalRate(), options.principalRate(), options.angleRate()};
            for (int k = 0; k < CAMERA; k++) {
                r[k] = freeCamera[k] ? cameraRates[k] : 0f;
            }
            if (stage != FitStage.POSE) {
                for (int k = 0; k < PARAMS; k++) {
                    r[CAMERA + k] = freeParams[k] ? options.paramRate() : 0f;
                }
            }
            if (stage == FitStage.RESIDUAL) {
                Arrays.fill(r, CAMERA + PARAMS, r.length, options.residualRate());
            }
            return r;
        }

        /** The downsampling factor of a stage, 1 where it does not divide the target. */
        private int factor(FitStage stage) {
            int f = options.downsample(stage);
            return target.width() % f == 0 && target.height() % f == 0 ? f : 1;
        }

        private SilhouetteObjective objective(int factor, boolean coarse) {
            int c = coarse ? 1 : 0;
            if (objectives[c][factor] == null) {
                objectives[c][factor] = new SilhouetteObjective(backend, target.downsampled(factor), wheels, coarse);
            }
            return objectives[c][factor];
        }

        private FitResult result() {
            if (bestScore < 0) {
                // nothing was evaluated at full resolution with the full body (stopped at once, or
                // coarse stages only): report the current state
                float[] residual = Arrays.copyOfRange(x, CAMERA + PARAMS, x.length);
                float[] world = residualActive ? world(residual) : base;
                SilhouetteObjective.Evaluation e = objective(1, false).evaluate(world, camera, options.sigmaEnd(),
                        0f, 1f, 0f, false);
                bestIou = e.iou;
                bestAgreement = e.partAgreement;
                bestParams = params;
                System.arraycopy(x, 0, bestX, 0, x.length);
            }
            float[] cam = Arrays.copyOf(bestX, CAMERA);
            double az = cam[0] % 360.0;
            if (az > 180) {
                az -= 360;
            } else if (az <= -180) {
                az += 360;
            }
            cam[0] = (float) az;
            return new FitResult(startCamera.withParameters(cam), bestParams,
                    Arrays.copyOfRange(bestX, CAMERA + PARAMS, x.length), bestIou, bestAgreement, iteration,
                    Arrays.copyOf(lossHistory, iteration), Arrays.copyOf(iouHistory, iteration), stop,
                    (System.nanoTime() - startNanos) / 1_000_000L);
        }
    }
}
