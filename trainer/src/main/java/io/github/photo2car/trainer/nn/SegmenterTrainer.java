package io.github.photo2car.trainer.nn;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

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
import org.tensorflow.types.TInt32;

import io.github.photo2car.neural.SegmentClass;
import io.github.photo2car.neural.TensorFlowRuntime;
import io.github.photo2car.trainer.cli.ProgressBar;

/**
 * Trains {@link SegmenterNet} in TensorFlow graph mode: class-weighted per-pixel softmax cross
 * entropy, Adam with a linear warm-up then cosine decay, a validation pass after every epoch
 * (car-mask IoU, mean IoU, accuracy), a checkpoint after every epoch (resumable), and export of
 * the trained network as a SavedModel that DJL loads. Deterministic for a seed: data order,
 * augmentation and initial weights come from it, and the update ops are serialised.
 */
public final class SegmenterTrainer implements AutoCloseable {

    /**
     * Training settings.
     *
     * @param batch        images per step (&ge; 1)
     * @param epochs       passes over the training data (&ge; 1)
     * @param maxSteps     stop after this many steps in total (0 = no limit), for smoke runs
     * @param learningRate peak Adam step size
     * @param warmupSteps  steps of linear warm-up
     * @param seed         seed of weights, data order and augmentation
     * @param checkpoint   checkpoint file, or null for none
     * @param resume       continue from the checkpoint when it exists
     */
    public record Options(int batch, int epochs, int maxSteps, float learningRate, int warmupSteps, long seed,
                          Path checkpoint, boolean resume) {
        /** Validates the settings. */
        public Options {
            if (batch < 1 || epochs < 1 || maxSteps < 0 || !(learningRate > 0) || warmupSteps < 0) {
                throw new IllegalArgumentException("bad training options: " + batch + " batch, " + epochs
                        + " epochs, " + maxSteps + " max steps, rate " + learningRate);
            }
        }
    }

    /**
     * What one validation pass measured.
     *
     * @param epoch    the epoch after which it ran (1-based)
     * @param step     total steps so far
     * @param loss     mean training loss over the epoch
     * @param maskIou  car-mask IoU on the validation data
     * @param meanIou  mean IoU over classes on the validation data
     * @param accuracy pixel accuracy on the validation data
     * @param seconds  wall time of training so far (across resumed runs)
     */
    public record EpochReport(int epoch, long step, double loss, double maskIou, double meanIou, double accuracy,
                              double seconds) {
    }

    /** Relative weights of the classes in the loss: small lamps count more than large panels. */
    private static final float[] CLASS_WEIGHTS = {1f, 1f, 1.5f, 1.5f, 3f, 3f, 2f};

    private final Options options;
    private final SegmentationData train;
    private final SegmentationData validation;
    private final int size;
    private final Graph graph = new Graph();
    private final GraphNet net;
    private final SegmenterNet model;
    private final Placeholder<TInt32> labels;
    private final Operand<TFloat32> loss;
    private final AdamStep adam;
    private final Checkpoint checkpoint;
    private final Session session;
    private final List<EpochReport> history = new ArrayList<>();

    /**
     * Builds the graph and a session.
     *
     * @param options    settings
     * @param train      training data (kept; read on a loader thread)
     * @param validation validation data of the same size (kept)
     */
    public SegmenterTrainer(Options options, SegmentationData train, SegmentationData validation) {
        if (train.size() != validation.size()) {
            throw new IllegalArgumentException("training images are " + train.size() + " px, validation "
                    + validation.size());
        }
        if (train.count() < 1 || validation.count() < 1) {
            throw new IllegalArgumentException("need training and validation samples");
        }
        TensorFlowRuntime.engine();
        this.options = options;
        this.train = train;
        this.validation = validation;
        this.size = train.size();
        this.net = new GraphNet(graph, options.seed());
        this.model = new SegmenterNet(net, size);
        Ops tf = net.tf();
        labels = tf.withName("labels").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1, size, size)));
        Operand<TFloat32> oneHot = tf.oneHot(labels, tf.constant(SegmentClass.COUNT), tf.constant(1f), tf.constant(0f));
        Operand<TFloat32> weights = tf.constant(CLASS_WEIGHTS);
        Operand<TFloat32> perPixel = tf.math.neg(tf.reduceSum(
                tf.math.mul(tf.math.mul(oneHot, net.logSoftmax(model.logits())), weights), tf.constant(3)));
        loss = tf.withName("loss").math.mean(perPixel, tf.constant(new int[] {0, 1, 2}));
        adam = new AdamStep(net, loss);
        checkpoint = Checkpoint.forTraining(net, adam);
        session = new Session(graph);
        session.initialize();
    }

    /** @return the number of trainable parameters */
    public long parameterCount() {
        return net.parameterCount();
    }

    /** @return the validation reports so far */
    public List<EpochReport> history() {
        return List.copyOf(history);
    }

    /**
     * Trains, printing a progress bar to System.err.
     *
     * @return the last validation report
     * @throws IOException if data or the checkpoint cannot be read or written
     * @throws InterruptedException if interrupted
     */
    public EpochReport run() throws IOException, InterruptedException {
        long[] plan = LearningRate.plan(train.count(), options.batch(), options.epochs(), options.maxSteps());
        int stepsPerEpoch = (int) plan[0];
        long totalSteps = plan[1];
        Checkpoint.Progress start = checkpoint.resumeOrStart(session, options.checkpoint(), options.resume());
        long step = start.step();
        int firstEpoch = start.epoch();
        long earlierMillis = start.millis();
        ProgressBar bar = new ProgressBar(System.err, "train", totalSteps);
        LearningRate schedule = new LearningRate(options.learningRate(), options.warmupSteps(), totalSteps);
        EpochReport last = history.isEmpty() ? null : history.get(history.size() - 1);
        for (int epoch = firstEpoch; epoch < options.epochs() && step < totalSteps; epoch++) {
            double lossSum = 0;
            int lossCount = 0;
            BatchLoader loader = new BatchLoader(epoch, stepsPerEpoch);
            Thread thread = new Thread(loader, "segmenter-batches");
            thread.setDaemon(true);
            thread.start();
            try {
                for (int s = 0; s < stepsPerEpoch && step < totalSteps; s++) {
                    Batch batch = loader.take();
                    step++;
                    float rate = schedule.at(step);
                    List<AutoCloseable> feeds = new ArrayList<>();
                    try (TFloat32 x = TFloat32.tensorOf(Shape.of(batch.n, size, size, 3), DataBuffers.of(batch.rgb));
                         TInt32 y = TInt32.tensorOf(Shape.of(batch.n, size, size), DataBuffers.of(batch.labels))) {
                        Session.Runner runner = session.runner().feed(model.image(), x).feed(labels, y).fetch(loss);
                        try (Result r = adam.addTo(runner, rate, step, feeds).run()) {
                            double l = ((TFloat32) r.get(0)).getFloat();
                            lossSum += l;
                            lossCount++;
                            bar.update(step, String.format(Locale.ROOT, "epoch %d loss %.4f", epoch + 1, lossSum / lossCount));
                        }
                    } finally {
                        for (AutoCloseable c : feeds) {
                            close(c);
                        }
                    }
                }
            } finally {
                thread.interrupt();
            }
            SegmentationMetrics m = evaluate(validation);
            last = new EpochReport(epoch + 1, step, lossSum / Math.max(1, lossCount), m.maskIou(), m.meanIou(),
                    m.accuracy(), earlierMillis / 1000.0 + bar.elapsedSeconds());
            history.add(last);
            System.err.printf(Locale.ROOT, "%nepoch %d: loss %.4f, validation mask IoU %.4f, mIoU %.4f, accuracy %.4f%n",
                    last.epoch(), last.loss(), last.maskIou(), last.meanIou(), last.accuracy());
            if (options.checkpoint() != null) {
                checkpoint.save(session, options.checkpoint(), new Checkpoint.Progress(step, epoch + 1,
                        earlierMillis + Math.round(1000 * bar.elapsedSeconds())));
            }
        }
        if (last == null) {
            SegmentationMetrics m = evaluate(validation);
            last = new EpochReport(firstEpoch, step, Double.NaN, m.maskIou(), m.meanIou(), m.accuracy(),
                    earlierMillis / 1000.0 + bar.elapsedSeconds());
        }
        return last;
    }

    /**
     * Runs the network over a data set (no augmentation).
     *
     * @param data images of this trainer's size
     * @return the accumulated metrics
     * @throws IOException if a sample cannot be read
     */
    public SegmentationMetrics evaluate(SegmentationData data) throws IOException {
        SegmentationMetrics metrics = new SegmentationMetrics();
        int chunk = 8;
        int pixels = size * size;
        float[] rgb = new float[chunk * pixels * 3];
        byte[][] truth = new byte[chunk][pixels];
        float[] one = new float[pixels * 3];
        for (int start = 0; start < data.count(); start += chunk) {
            int n = Math.min(chunk, data.count() - start);
            for (int i = 0; i < n; i++) {
                data.read(start + i, one, truth[i]);
                System.arraycopy(one, 0, rgb, i * pixels * 3, pixels * 3);
            }
            float[] probs = predict(java.util.Arrays.copyOf(rgb, n * pixels * 3), n);
            byte[] predicted = new byte[pixels];
            for (int i = 0; i < n; i++) {
                decide(probs, i * pixels, pixels, predicted);
                metrics.add(truth[i], predicted);
            }
        }
        return metrics;
    }

    /**
     * @param rgb [n*S*S*3] images (not modified)
     * @param n   how many
     * @return [n*S*S*C] class probabilities
     */
    public float[] predict(float[] rgb, int n) {
        try (TFloat32 x = TFloat32.tensorOf(Shape.of(n, size, size, 3), DataBuffers.of(rgb));
             Result r = session.runner().feed(model.image(), x).fetch(model.probabilities()).run()) {
            TFloat32 p = (TFloat32) r.get(0);
            float[] out = new float[Math.toIntExact(p.shape().size())];
            p.asRawTensor().data().asFloats().read(out);
            return out;
        }
    }

    /** Writes the class of image pixels [from, from + pixels) into out ({@link SegmentClass#decide}). */
    static void decide(float[] probs, int from, int pixels, byte[] out) {
        for (int p = 0; p < pixels; p++) {
            out[p] = (byte) SegmentClass.decide(probs, (from + p) * SegmentClass.COUNT);
        }
    }

    /**
     * Exports the trained network as a TensorFlow SavedModel with the default serving signature
     * {@value SegmenterNet#INPUT} to {@value SegmenterNet#PROBABILITIES}.
     *
     * @param dir an empty or missing directory
     * @throws IOException if it cannot be written
     */
    public void export(Path dir) throws IOException {
        Signature signature = Signature.builder().key(Signature.DEFAULT_KEY).input(SegmenterNet.INPUT, model.image())
                .output(SegmenterNet.PROBABILITIES, model.probabilities()).build();
        SavedModelExport.export(session, signature, dir);
    }

    @Override
    public void close() {
        session.close();
        graph.close();
    }

    private static void close(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            throw new IllegalStateException("could not release a tensor", e);
        }
    }

    /** One batch of augmented samples. */
    private static final class Batch {
        final int n;
        final float[] rgb;
        final int[] labels;

        Batch(int n, int size) {
            this.n = n;
            this.rgb = new float[n * size * size * 3];
            this.labels = new int[n * size * size];
        }
    }

    /**
     * Produces an epoch's batches on its own thread: a seeded shuffle of the training set, and
     * per sample an augmentation seeded by (seed, epoch, sample), so the stream is the same
     * whatever the thread timing.
     */
    private final class BatchLoader implements Runnable {
        private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(3);
        private final int epoch;
        private final int steps;

        BatchLoader(int epoch, int steps) {
            this.epoch = epoch;
            this.steps = steps;
        }

        Batch take() throws InterruptedException, IOException {
            Object o = queue.take();
            if (o instanceof IOException e) {
                throw e;
            }
            if (o instanceof RuntimeException e) {
                throw e;
            }
            return (Batch) o;
        }

        @Override
        public void run() {
            try {
                int[] order = SavedModelExport.permutation(train.count(), options.seed() * 1_000_003L + epoch);
                Augment augment = new Augment(size);
                int pixels = size * size;
                float[] rgb = new float[pixels * 3];
                byte[] lab = new byte[pixels];
                for (int s = 0; s < steps; s++) {
                    Batch b = new Batch(options.batch(), size);
                    for (int i = 0; i < b.n; i++) {
                        int index = order[(s * options.batch() + i) % order.length];
                        train.read(index, rgb, lab);
                        augment.apply(rgb, lab, new SplittableRandom(
                                (options.seed() * 31 + epoch) * 1_000_003L + index));
                        System.arraycopy(rgb, 0, b.rgb, i * pixels * 3, pixels * 3);
                        for (int p = 0; p < pixels; p++) {
                            b.labels[i * pixels + p] = lab[p];
                        }
                    }
                    queue.put(b);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException | RuntimeException e) {
                queue.offer(e);
            }
        }
    }
}
