package io.github.photo2car.trainer.nn;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

import io.github.photo2car.fit.BoxPlacement;
import io.github.photo2car.fit.FitOptions;
import io.github.photo2car.neural.TensorFlowRuntime;
import io.github.photo2car.raster.OrbitCamera;
import io.github.photo2car.raster.RasterBackends;
import io.github.photo2car.template.CarParams;
import io.github.photo2car.template.CarTemplate;
import io.github.photo2car.trainer.cli.ProgressBar;

/**
 * Trains {@link InverseNet} with GANverse3D's recipe (idea only): supervised terms on the
 * synthetic ground truth (pose, placement, parameters, paint, and the body's residual: zero for
 * template cars, the recorded one for cars generated with {@code --residual}) plus the differentiable rasterizer in the loop. Each step renders every
 * predicted car (parameters and decoded residual) in its input view and, with the true relative
 * camera, in another view of the same car, scores both against the true masks (soft IoU of the
 * soft silhouette) and part maps (the fitter's class cross-entropy), and feeds dL/d(outputs) back
 * into the graph as an external gradient (surrogate loss sum(Y * G)), so the network learns
 * shapes that look right from every side, not just parameters that are close in number.
 */
public final class InverseTrainer implements AutoCloseable {

    /**
     * Training settings.
     *
     * @param batch            cars per step
     * @param epochs           passes over the cars
     * @param maxSteps         stop after this many steps (0 = no limit)
     * @param learningRate     peak Adam step size
     * @param warmupSteps      warm-up steps
     * @param seed             seed of weights, order and view choice
     * @param silhouetteWeight weight of the rasterizer's soft-IoU terms (0 = supervised only)
     * @param partWeight       weight of the rasterizer's part-map terms (0 = none), per view
     * @param residualWeight   weight of the residual's mean squared length per vertex (per m^2),
     *                         the supervised term towards the synthetic cars' true residual
     * @param sigma            soft silhouette softness, square pixels
     * @param checkpoint       checkpoint file or null
     * @param resume           continue from the checkpoint when it exists
     * @param initialWeights   a checkpoint of an earlier network whose weights start this one
     *                         where names and shapes match (new heads keep their initial
     *                         values), or null; ignored when resuming from checkpoint
     * @param trainOnly        name prefixes of the variables to train (e.g. a new head's, over a
     *                         trained trunk taken from initialWeights), or null to train all
     * @param paramLoss        the supervised term on the normalised parameters
     */
    public record Options(int batch, int epochs, int maxSteps, float learningRate, int warmupSteps, long seed,
                          float silhouetteWeight, float partWeight, float residualWeight, float sigma,
                          Path checkpoint, boolean resume, Path initialWeights, List<String> trainOnly,
                          ParamLoss paramLoss) {
        /** Validates the settings. */
        public Options {
            if (batch < 1 || epochs < 1 || maxSteps < 0 || !(learningRate > 0) || warmupSteps < 0
                    || silhouetteWeight < 0 || partWeight < 0 || residualWeight < 0 || !(sigma > 0)
                    || paramLoss == null) {
                throw new IllegalArgumentException("bad inverse-graphics training options");
            }
        }
    }

    /**
     * The supervised term on the normalised parameters, which the network reads through a sigmoid.
     * Both are averaged over the parameters and weighted 4.
     */
    public enum ParamLoss {
        /**
         * Mean absolute error of the sigmoid's output. Its gradient carries the sigmoid's slope,
         * which vanishes once an output saturates: the networks trained with it up to session 10
         * answered wheelbase, width and height at the bottom of their ranges for most pictures (on
         * 20 synthetic validation pictures wheelbase 18, height 17 and width 14 times below 0.01)
         * and could not come back, since nothing pulled on the saturated outputs any more.
         */
        L1,
        /**
         * Cross-entropy of the sigmoid against the target taken as a probability (minimal where
         * the output equals the target), less the target's own entropy so that a perfect answer
         * scores 0. Its gradient with respect to the logit is output minus target: it never
         * vanishes on a wrong answer, so saturated outputs come back.
         */
        CROSS_ENTROPY
    }

    /** The fitter's settings, for the bound it puts on a residual (the pipeline applies it too). */
    private static final FitOptions FIT = FitOptions.defaults();

    /**
     * One validation pass, each car seen from its first view.
     *
     * @param epoch            1-based epoch
     * @param step             steps so far
     * @param loss             mean training loss of the epoch (supervised + silhouette)
     * @param azimuthMedian    median absolute azimuth error, degrees
     * @param frontBackRate    fraction of cars whose azimuth is off by more than 135 degrees
     * @param elevationMean    mean absolute elevation error, degrees
     * @param paramsL1         mean absolute error of the normalised parameters
     * @param paramsSaturated  share of the predicted normalised parameters below 0.01 or above
     *                         0.99 where the truth lies within [0.05, 0.95]: outputs stuck at a
     *                         limit of the sigmoid (see {@link ParamLoss#L1})
     * @param paintL1          mean absolute error of the paint colour
     * @param reprojectionIou  mean IoU of the predicted car through the predicted camera against
     *                         the true mask, in the whole picture at its own resolution (true
     *                         lens and roll; no test-time fitting)
     * @param boxPlacedIou     the same with the camera's distance and principal point taken from
     *                         the mask's box ({@link BoxPlacement}) instead of the network's
     *                         placement outputs
     * @param reprojectionCeiling the same for the true car through the true camera: what the
     *                         template with its proxy wheels can reach at best
     * @param boxPlacedNoResidualIou {@code boxPlacedIou} with the predicted residual left out
     * @param partAgreement    fraction of the crop's labelled car pixels whose class the predicted,
     *                         box-placed car shows there (body and proxy wheels)
     * @param residualRms      root-mean-square length of the predicted residual per vertex, metres
     * @param residualErrorRms root-mean-square length of the predicted minus the true residual per
     *                         vertex, metres (the same as residualRms for template cars)
     * @param seconds          wall time since the start
     */
    public record Report(int epoch, long step, double loss, double azimuthMedian, double frontBackRate,
                         double elevationMean, double paramsL1, double paramsSaturated, double paintL1,
                         double reprojectionIou,
                         double boxPlacedIou, double reprojectionCeiling, double boxPlacedNoResidualIou,
                         double partAgreement, double residualRms, double residualErrorRms, double seconds) {
    }

    private static final double DEG = 180 / Math.PI;

    private final Options options;
    private final InverseData train;
    private final InverseData validation;
    private final int size;
    private final int p = CarParams.vectorSize();
    private final Graph graph = new Graph();
    private final GraphNet net;
    private final InverseNet model;
    private final Placeholder<TFloat32> targetPose;
    private final Placeholder<TFloat32> targetPlacement;
    private final Placeholder<TFloat32> targetParams;
    private final Placeholder<TFloat32> targetPaint;
    private final Placeholder<TFloat32> targetResidual;
    private final Placeholder<TFloat32> gradPose;
    private final Placeholder<TFloat32> gradPlacement;
    private final Placeholder<TFloat32> gradParams;
    private final Placeholder<TFloat32> gradResidual;
    private final int coords = 3 * CarTemplate.SHAPE_VERTICES;
    private final Operand<TFloat32> loss;
    private final AdamStep adam;
    private final Checkpoint checkpoint;
    private final Session session;
    private final SilhouetteLoss silhouette;
    private final List<Report> history = new ArrayList<>();

    /**
     * @param options    settings
     * @param basis      the template's linear model (parameter gradients)
     * @param train      training cars
     * @param validation validation cars of the same crop size
     */
    public InverseTrainer(Options options, ShapeBasis basis, InverseData train, InverseData validation) {
        if (train.size() != validation.size() || train.cars() < 1 || validation.cars() < 1) {
            throw new IllegalArgumentException("need training and validation cars of one crop size");
        }
        TensorFlowRuntime.engine();
        this.options = options;
        this.train = train;
        this.validation = validation;
        this.size = train.size();
        this.net = new GraphNet(graph, options.seed());
        this.model = new InverseNet(net, size);
        Ops tf = net.tf();
        targetPose = net.input("target_pose", -1, 3);
        targetPlacement = net.input("target_placement", -1, 3);
        targetParams = net.input("target_params", -1, p);
        targetPaint = net.input("target_paint", -1, 3);
        targetResidual = net.input("target_residual", -1, coords);
        gradPose = net.input("grad_pose", -1, 3);
        gradPlacement = net.input("grad_placement", -1, 3);
        gradParams = net.input("grad_params", -1, p);
        gradResidual = net.input("grad_residual", -1, coords);
        Operand<TFloat32> pose = model.pose();
        Operand<TFloat32> poseDecoded = tf.concat(List.of(
                tf.slice(pose, tf.constant(new int[] {0, 0}), tf.constant(new int[] {-1, 2})),
                tf.math.tanh(tf.slice(pose, tf.constant(new int[] {0, 2}), tf.constant(new int[] {-1, 1})))),
                tf.constant(1));
        Operand<TFloat32> posLoss = tf.reduceSum(tf.math.squaredDifference(poseDecoded, targetPose), tf.constant(1));
        Operand<TFloat32> placeLoss = tf.reduceSum(tf.math.abs(tf.math.sub(model.placement(), targetPlacement)),
                tf.constant(1));
        Operand<TFloat32> paramLoss = tf.math.mean(options.paramLoss() == ParamLoss.L1
                ? tf.math.abs(tf.math.sub(model.params(), targetParams))
                : crossEntropy(tf, model.paramLogits(), targetParams), tf.constant(1));
        Operand<TFloat32> paintLoss = tf.math.mean(tf.math.abs(tf.math.sub(model.paint(), targetPaint)),
                tf.constant(1));
        // the body's true residual: zero for template cars, the recorded one for cars generated
        // with --residual
        Operand<TFloat32> residualLoss = tf.math.mul(tf.reduceSum(tf.math.squaredDifference(model.residual(),
                targetResidual), tf.constant(1)), tf.constant(options.residualWeight() / CarTemplate.SHAPE_VERTICES));
        Operand<TFloat32> supervised = tf.math.mean(tf.math.add(tf.math.add(tf.math.add(posLoss, placeLoss),
                tf.math.add(tf.math.mul(paramLoss, tf.constant(4f)), paintLoss)), residualLoss), tf.constant(0));
        Operand<TFloat32> external = tf.reduceSum(tf.math.add(tf.math.add(tf.math.add(
                tf.reduceSum(tf.math.mul(pose, gradPose), tf.constant(1)),
                tf.reduceSum(tf.math.mul(model.placement(), gradPlacement), tf.constant(1))),
                tf.reduceSum(tf.math.mul(model.params(), gradParams), tf.constant(1))),
                tf.reduceSum(tf.math.mul(model.residual(), gradResidual), tf.constant(1))), tf.constant(0));
        loss = tf.withName("loss").math.add(supervised, external);
        adam = options.trainOnly() == null ? new AdamStep(net, loss)
                : new AdamStep(net, loss, name -> options.trainOnly().stream().anyMatch(name::startsWith));
        checkpoint = Checkpoint.forTraining(net, adam);
        session = new Session(graph);
        session.initialize();
        silhouette = new SilhouetteLoss(RasterBackends.javaBackend(), basis, options.sigma());
    }

    /**
     * Per-element cross-entropy of sigmoid(z) against a target probability y, less the target's
     * entropy: softplus(z) - y z + y log y + (1 - y) log(1 - y), with softplus written as
     * (z + |z|) / 2 + log(1 + exp(-|z|)) so that large logits neither overflow nor lose the
     * gradient (max(z, 0) in place of the first term gets the gradient wrong at exactly 0, where
     * TensorFlow gives max a slope of 1 and |z| one of 0).
     */
    static Operand<TFloat32> crossEntropy(Ops tf, Operand<TFloat32> z, Operand<TFloat32> y) {
        Operand<TFloat32> magnitude = tf.math.abs(z);
        Operand<TFloat32> softplus = tf.math.add(tf.math.mul(tf.constant(0.5f), tf.math.add(z, magnitude)),
                tf.math.log(tf.math.add(tf.constant(1f), tf.math.exp(tf.math.neg(magnitude)))));
        // the entropy of a target of exactly 0 or 1 is 0; clipping keeps log finite there
        Operand<TFloat32> yc = tf.clipByValue(y, tf.constant(1e-6f), tf.constant(1f - 1e-6f));
        Operand<TFloat32> one = tf.constant(1f);
        Operand<TFloat32> entropy = tf.math.add(tf.math.mul(yc, tf.math.log(yc)),
                tf.math.mul(tf.math.sub(one, yc), tf.math.log(tf.math.sub(one, yc))));
        return tf.math.add(tf.math.sub(softplus, tf.math.mul(y, z)), entropy);
    }

    /** @return the validation reports so far */
    public List<Report> history() {
        return List.copyOf(history);
    }

    /** The network's answer for one crop, decoded; residual [3V] metres as the network gives it. */
    record Prediction(float azimuth, float elevation, float z, float px, float py, float[] params, float[] paint,
                      float[] raw, float[] residual) {

        /** @return the residual within the fitter's bound, as rendered */
        float[] renderedResidual() {
            return FIT.clampResidual(residual);
        }
    }

    /**
     * Trains with a progress bar on System.err.
     *
     * @return the last validation report
     * @throws IOException if data or the checkpoint fail
     */
    public Report run() throws IOException {
        long[] plan = LearningRate.plan(train.cars(), options.batch(), options.epochs(), options.maxSteps());
        int stepsPerEpoch = (int) plan[0];
        long total = plan[1];
        Checkpoint.Progress start = checkpoint.resumeOrStart(session, options.checkpoint(), options.resume());
        if (start.step() == 0 && options.initialWeights() != null) {
            List<String> fresh = checkpoint.initialiseFrom(session, options.initialWeights(), net.variableNames());
            System.err.printf(Locale.ROOT, "weights from %s; new: %s%n", options.initialWeights(), fresh);
        }
        long step = start.step();
        int firstEpoch = start.epoch();
        LearningRate schedule = new LearningRate(options.learningRate(), options.warmupSteps(), total);
        ProgressBar bar = new ProgressBar(System.err, "train", total);
        Report last = null;
        for (int epoch = firstEpoch; epoch < options.epochs() && step < total; epoch++) {
            int[] order = SavedModelExport.permutation(train.cars(), options.seed() * 1_000_003L + epoch);
            double lossSum = 0;
            int lossCount = 0;
            for (int s = 0; s < stepsPerEpoch && step < total; s++) {
                step++;
                SplittableRandom rnd = new SplittableRandom(options.seed() * 7_919L + step);
                int n = options.batch();
                InverseData.View[] input = new InverseData.View[n];
                InverseData.View[] other = new InverseData.View[n];
                for (int i = 0; i < n; i++) {
                    int car = order[(s * n + i) % order.length];
                    int vi = rnd.nextInt(train.views());
                    int vj = train.views() > 1 ? (vi + 1 + rnd.nextInt(train.views() - 1)) % train.views() : vi;
                    input[i] = train.read(car, vi);
                    other[i] = train.read(car, vj);
                    // the network sees photos from many cameras; the masks it is scored on stay exact
                    Augment.colour(input[i].crop(), 4, rnd);
                }
                lossSum += step(input, other, schedule.at(step), step);
                lossCount++;
                bar.update(step, String.format(Locale.ROOT, "epoch %d loss %.4f", epoch + 1, lossSum / lossCount));
            }
            double seconds = start.millis() / 1000.0 + bar.elapsedSeconds();
            last = validate(epoch + 1, step, lossSum / Math.max(1, lossCount), seconds);
            history.add(last);
            System.err.printf(Locale.ROOT, "%nepoch %d: loss %.4f, azimuth median %.1f deg (front/back %.1f %%),"
                            + " elevation %.1f deg, params L1 %.3f (saturated %.1f %%), paint L1 %.3f,"
                            + " reprojected IoU %.3f"
                            + " (box-placed %.3f, without residual %.3f, true car %.3f), part agreement %.3f,"
                            + " residual rms %.4f m (error %.4f m)%n",
                    last.epoch(), last.loss(), last.azimuthMedian(), 100 * last.frontBackRate(), last.elevationMean(),
                    last.paramsL1(), 100 * last.paramsSaturated(), last.paintL1(), last.reprojectionIou(),
                    last.boxPlacedIou(),
                    last.boxPlacedNoResidualIou(), last.reprojectionCeiling(), last.partAgreement(),
                    last.residualRms(), last.residualErrorRms());
            if (options.checkpoint() != null) {
                checkpoint.save(session, options.checkpoint(), new Checkpoint.Progress(step, epoch + 1,
                        start.millis() + Math.round(1000 * bar.elapsedSeconds())));
            }
        }
        return last != null ? last
                : validate(firstEpoch, step, Double.NaN, start.millis() / 1000.0 + bar.elapsedSeconds());
    }

    /** One optimisation step; returns the batch's loss (supervised + rasterizer terms). */
    private double step(InverseData.View[] input, InverseData.View[] other, float rate, long step) {
        int n = input.length;
        Prediction[] pred = predict(input);
        float[] gPose = new float[3 * n];
        float[] gPlace = new float[3 * n];
        float[] gParams = new float[p * n];
        float[] gResidual = new float[coords * n];
        double rasterLoss = 0;
        float ws = options.silhouetteWeight();
        float wp = options.partWeight();
        float scale = 1f / n;
        if (ws > 0 || wp > 0) {
            for (int i = 0; i < n; i++) {
                Prediction q = pred[i];
                float[] car = SilhouetteLoss.nearestValid(q.params(), input[i].params());
                float[] residual = q.renderedResidual();
                OrbitCamera mine = predictedCamera(q, input[i].camera());
                OrbitCamera theirs = relativeCamera(q, input[i].camera(), other[i].camera());
                List<SilhouetteLoss.Result> inMine = new ArrayList<>();
                List<SilhouetteLoss.Result> inTheirs = new ArrayList<>();
                // every result comes weighted; the batch mean is taken below
                if (ws > 0) {
                    inMine.add(silhouette.evaluate(car, residual, mine, mask(input[i].crop()), size, ws));
                    inTheirs.add(silhouette.evaluate(car, residual, theirs, mask(other[i].crop()), size, ws));
                }
                if (wp > 0 && input[i].classes() != null && other[i].classes() != null) {
                    inMine.add(silhouette.partMap(car, residual, mine, mask(input[i].crop()), input[i].classes(),
                            size, wp));
                    inTheirs.add(silhouette.partMap(car, residual, theirs, mask(other[i].crop()),
                            other[i].classes(), size, wp));
                }
                double dAz = 0;
                double dEl = 0;
                for (List<SilhouetteLoss.Result> view : List.of(inMine, inTheirs)) {
                    for (SilhouetteLoss.Result r : view) {
                        rasterLoss += scale * r.loss();
                        dAz += scale * r.gradCamera()[0];
                        dEl += scale * r.gradCamera()[1];
                        for (int k = 0; k < p; k++) {
                            gParams[p * i + k] += scale * r.gradParams()[k];
                        }
                        for (int k = 0; k < coords; k++) {
                            float rk = q.residual()[k];
                            if (Math.abs(rk) < FIT.maxResidual()) {
                                gResidual[coords * i + k] += scale * r.gradResidual()[k];
                            }
                        }
                    }
                }
                // the placement is the input view's own: only its terms move it
                for (SilhouetteLoss.Result r : inMine) {
                    gPlace[3 * i] += (float) (scale * r.gradCamera()[2] * mine.distance());
                    gPlace[3 * i + 1] += scale * r.gradCamera()[4];
                    gPlace[3 * i + 2] += scale * r.gradCamera()[5];
                }
                float[] raw = q.raw();
                double r2 = raw[0] * raw[0] + raw[1] * raw[1] + 1e-8;
                gPose[3 * i] = (float) (dAz * DEG * raw[1] / r2);
                gPose[3 * i + 1] = (float) (-dAz * DEG * raw[0] / r2);
                double th = Math.tanh(raw[2]);
                gPose[3 * i + 2] = (float) (dEl * 45 * (1 - th * th));
            }
        }
        List<AutoCloseable> feeds = new ArrayList<>();
        try {
            Session.Runner r = feed(session.runner(), input, feeds)
                    .feed(gradPose, tensor(feeds, gPose, n, 3))
                    .feed(gradPlacement, tensor(feeds, gPlace, n, 3))
                    .feed(gradParams, tensor(feeds, gParams, n, p))
                    .feed(gradResidual, tensor(feeds, gResidual, n, coords))
                    .fetch(loss);
            try (Result res = adam.addTo(r, rate, step, feeds).run()) {
                // the surrogate sum(Y * G) is not a loss value; report the rasterizer's loss instead
                return ((TFloat32) res.get(0)).getFloat() - dot(pred, gPose, gPlace, gParams, gResidual) + rasterLoss;
            }
        } finally {
            feeds.forEach(InverseTrainer::close);
        }
    }

    private double dot(Prediction[] pred, float[] gPose, float[] gPlace, float[] gParams, float[] gResidual) {
        double s = 0;
        for (int i = 0; i < pred.length; i++) {
            for (int k = 0; k < 3; k++) {
                s += pred[i].raw()[k] * gPose[3 * i + k];
            }
            s += pred[i].z() * gPlace[3 * i] + pred[i].px() * gPlace[3 * i + 1] + pred[i].py() * gPlace[3 * i + 2];
            for (int k = 0; k < p; k++) {
                s += pred[i].params()[k] * gParams[p * i + k];
            }
            for (int k = 0; k < coords; k++) {
                s += pred[i].residual()[k] * gResidual[coords * i + k];
            }
        }
        return s;
    }

    /** The input view's camera with the predicted pose and placement (true lens, roll and target). */
    static OrbitCamera predictedCamera(Prediction q, OrbitCamera truth) {
        double tanHalf = Math.tan(Math.toRadians(0.5 * truth.fovYDeg()));
        float distance = (float) (Math.exp(q.z()) / tanHalf);
        return new OrbitCamera(q.azimuth(), q.elevation(), Math.max(0.5f, distance), truth.fovYDeg(), q.px(), q.py(),
                truth.rollDeg(), truth.targetX(), truth.targetY(), truth.targetZ(), truth.near(), truth.far());
    }

    /** The other view's true camera turned by the predicted pose's error in the input view. */
    private static OrbitCamera relativeCamera(Prediction q, OrbitCamera input, OrbitCamera other) {
        float el = Math.max(-80, Math.min(80, other.elevationDeg() + q.elevation() - input.elevationDeg()));
        return new OrbitCamera(other.azimuthDeg() + q.azimuth() - input.azimuthDeg(), el, other.distance(),
                other.fovYDeg(), other.principalX(), other.principalY(), other.rollDeg(), other.targetX(),
                other.targetY(), other.targetZ(), other.near(), other.far());
    }

    /** Runs the network on views (no update). */
    Prediction[] predict(InverseData.View[] views) {
        int n = views.length;
        List<AutoCloseable> feeds = new ArrayList<>();
        try (Result r = feed(session.runner(), views, feeds).fetch(model.pose()).fetch(model.placement())
                .fetch(model.params()).fetch(model.paint()).fetch(model.residual()).run()) {
            float[] pose = floats(r.get(0));
            float[] place = floats(r.get(1));
            float[] params = floats(r.get(2));
            float[] paint = floats(r.get(3));
            float[] residual = floats(r.get(4));
            Prediction[] out = new Prediction[n];
            for (int i = 0; i < n; i++) {
                float[] raw = Arrays.copyOfRange(pose, 3 * i, 3 * i + 3);
                out[i] = new Prediction((float) (Math.atan2(raw[0], raw[1]) * DEG), (float) (45 * Math.tanh(raw[2])),
                        place[3 * i], place[3 * i + 1], place[3 * i + 2], Arrays.copyOfRange(params, p * i, p * i + p),
                        Arrays.copyOfRange(paint, 3 * i, 3 * i + 3), raw,
                        Arrays.copyOfRange(residual, coords * i, coords * i + coords));
            }
            return out;
        } finally {
            feeds.forEach(InverseTrainer::close);
        }
    }

    private Session.Runner feed(Session.Runner r, InverseData.View[] views, List<AutoCloseable> feeds) {
        int n = views.length;
        int pixels = size * size * 4;
        float[] crops = new float[n * pixels];
        float[] pose = new float[3 * n];
        float[] place = new float[3 * n];
        float[] params = new float[p * n];
        float[] paint = new float[3 * n];
        float[] residual = new float[coords * n];
        for (int i = 0; i < n; i++) {
            InverseData.View v = views[i];
            System.arraycopy(v.crop(), 0, crops, i * pixels, pixels);
            if (v.residual() != null) {
                System.arraycopy(v.residual(), 0, residual, coords * i, coords);
            }
            OrbitCamera c = v.camera();
            pose[3 * i] = (float) Math.sin(Math.toRadians(c.azimuthDeg()));
            pose[3 * i + 1] = (float) Math.cos(Math.toRadians(c.azimuthDeg()));
            pose[3 * i + 2] = c.elevationDeg() / 45f;
            place[3 * i] = (float) Math.log(c.distance() * Math.tan(Math.toRadians(0.5 * c.fovYDeg())));
            place[3 * i + 1] = c.principalX();
            place[3 * i + 2] = c.principalY();
            System.arraycopy(v.params(), 0, params, p * i, p);
            System.arraycopy(v.paint(), 0, paint, 3 * i, 3);
        }
        return r.feed(model.crop(), tensor(feeds, crops, n, size, size, 4))
                .feed(targetPose, tensor(feeds, pose, n, 3))
                .feed(targetPlacement, tensor(feeds, place, n, 3))
                .feed(targetParams, tensor(feeds, params, n, p))
                .feed(targetPaint, tensor(feeds, paint, n, 3))
                .feed(targetResidual, tensor(feeds, residual, n, coords));
    }

    /**
     * Validates on the first view of every validation car; reprojections are scored in the whole
     * picture the crop came from ({@link InverseData.Frame}), where the crop's resampling does
     * not blur the outline.
     */
    private Report validate(int epoch, long step, double trainLoss, double seconds) throws IOException {
        int cars = validation.cars();
        double[] azErr = new double[cars];
        double el = 0;
        double params = 0;
        int saturated = 0;
        int inside = 0;
        double paint = 0;
        double iou = 0;
        double boxed = 0;
        double ceiling = 0;
        double boxedBare = 0;
        double agreement = 0;
        int agreementCount = 0;
        double residualSquares = 0;
        double errorSquares = 0;
        int flips = 0;
        for (int c = 0; c < cars; c++) {
            InverseData.View v = validation.read(c, 0);
            Prediction q = predict(new InverseData.View[] {v})[0];
            double d = Math.abs(((q.azimuth() - v.camera().azimuthDeg()) % 360 + 540) % 360 - 180);
            azErr[c] = d;
            flips += d > 135 ? 1 : 0;
            el += Math.abs(q.elevation() - v.camera().elevationDeg());
            for (int k = 0; k < p; k++) {
                params += Math.abs(q.params()[k] - v.params()[k]) / p;
                if (v.params()[k] >= 0.05f && v.params()[k] <= 0.95f) {
                    inside++;
                    saturated += q.params()[k] < 0.01f || q.params()[k] > 0.99f ? 1 : 0;
                }
            }
            for (int k = 0; k < 3; k++) {
                paint += Math.abs(q.paint()[k] - v.paint()[k]) / 3;
            }
            float[] car = SilhouetteLoss.nearestValid(q.params(), v.params());
            InverseData.Frame frame = v.frame();
            if (frame == null) {
                throw new IOException("validation car " + c + " keeps no whole picture to score reprojections in");
            }
            float[] residual = q.renderedResidual();
            OrbitCamera mine = predictedCamera(q, v.camera());
            iou += silhouette.frameIou(car, residual, frame.fromCrop(mine), frame);
            OrbitCamera placed = BoxPlacement.place(mine, CarParams.fromVector(car), mask(v.crop()),
                    frame.cropInside(), size);
            boxed += silhouette.frameIou(car, residual, frame.fromCrop(placed), frame);
            boxedBare += silhouette.frameIou(car, null, frame.fromCrop(placed), frame);
            ceiling += silhouette.frameIou(v.params(), v.residual(), frame.fromCrop(v.camera()), frame);
            if (v.classes() != null) {
                double a = silhouette.partMap(car, residual, placed, mask(v.crop()), v.classes(), size, 0f).iou();
                if (!Double.isNaN(a)) {
                    agreement += a;
                    agreementCount++;
                }
            }
            for (int k = 0; k < residual.length; k++) {
                float e = residual[k] - (v.residual() == null ? 0 : v.residual()[k]);
                residualSquares += residual[k] * residual[k];
                errorSquares += e * e;
            }
        }
        Arrays.sort(azErr);
        return new Report(epoch, step, trainLoss, azErr[cars / 2], flips / (double) cars, el / cars, params / cars,
                saturated / (double) Math.max(1, inside), paint / cars, iou / cars, boxed / cars, ceiling / cars,
                boxedBare / cars,
                agreementCount == 0 ? Double.NaN : agreement / agreementCount,
                Math.sqrt(residualSquares / ((double) cars * CarTemplate.SHAPE_VERTICES)),
                Math.sqrt(errorSquares / ((double) cars * CarTemplate.SHAPE_VERTICES)), seconds);
    }

    /**
     * Exports the network as a SavedModel: input {@value InverseNet#INPUT}, outputs pose,
     * placement, params, paint, and residual_code and residual unless the residual head's answer
     * is zero for every input ({@link #residualHeadSilent()}), so that a network whose head was
     * never trained ships without one rather than with a head that only says zero.
     *
     * @param dir an empty or missing folder
     * @throws IOException if it cannot be written
     */
    public void export(Path dir) throws IOException {
        Signature.Builder sig = Signature.builder().key(Signature.DEFAULT_KEY).input(InverseNet.INPUT, model.crop())
                .output("pose", model.pose()).output("placement", model.placement())
                .output("params", model.params()).output("paint", model.paint());
        if (!residualHeadSilent()) {
            sig.output("residual_code", model.residualCode()).output("residual", model.residual());
        }
        SavedModelExport.export(session, sig.build(), dir);
    }

    /**
     * Whether the residual head answers zero whatever the input: its code's weights and bias are
     * zero (then the code is tanh(0) = 0) and so is the decoder's bias. That is the head as
     * {@link InverseNet} starts it, kept when training leaves it out ({@code --train-only}).
     *
     * @return true when the exported residual would always be zero
     */
    public boolean residualHeadSilent() {
        List<String> names = net.variableNames();
        for (String name : List.of("code_w", "code_b", "residual_b")) {
            int k = names.indexOf(name);
            if (k < 0) {
                throw new IllegalStateException("the network has no variable " + name);
            }
            try (Result r = session.runner().fetch(net.variables().get(k)).run()) {
                for (float v : floats(r.get(0))) {
                    if (v != 0f) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /** @return the mask channel of a crop [S*S] */
    private float[] mask(float[] crop) {
        float[] m = new float[size * size];
        for (int i = 0; i < m.length; i++) {
            m[i] = crop[4 * i + 3];
        }
        return m;
    }


    private static TFloat32 tensor(List<AutoCloseable> feeds, float[] data, long... shape) {
        TFloat32 t = TFloat32.tensorOf(Shape.of(shape), DataBuffers.of(data));
        feeds.add(t);
        return t;
    }

    private static float[] floats(org.tensorflow.Tensor t) {
        TFloat32 f = (TFloat32) t;
        float[] out = new float[Math.toIntExact(f.shape().size())];
        f.asRawTensor().data().asFloats().read(out);
        return out;
    }

    private static void close(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            throw new IllegalStateException("could not release a tensor", e);
        }
    }

    @Override
    public void close() {
        session.close();
        graph.close();
    }
}
