package io.github.photo2car.trainer.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * A TensorFlow graph under construction with the few layers our networks use (NHWC, float32),
 * and the list of trainable variables in creation order. Initial weights are drawn in Java from
 * a seeded generator and enter the graph as constants, so a network's start is the same on every
 * machine and run. Layers take and return graph operands; nothing runs until a session does.
 *
 * <p>Not thread-safe (graph construction is single-threaded).
 */
public final class GraphNet {

    private final Graph graph;
    private final Ops tf;
    private final Random init;
    private final List<Variable<TFloat32>> variables = new ArrayList<>();
    private final List<String> names = new ArrayList<>();

    /**
     * @param graph the graph to build into (not closed by this object)
     * @param seed  seed of the initial weights
     */
    public GraphNet(Graph graph, long seed) {
        this.graph = graph;
        this.tf = Ops.create(graph);
        this.init = new Random(seed);
    }

    /** @return the graph */
    public Graph graph() {
        return graph;
    }

    /** @return the op builder */
    public Ops tf() {
        return tf;
    }

    /** @return the trainable variables in creation order (unmodifiable) */
    public List<Variable<TFloat32>> variables() {
        return Collections.unmodifiableList(variables);
    }

    /** @return the names of the trainable variables, parallel to {@link #variables()} */
    public List<String> variableNames() {
        return Collections.unmodifiableList(names);
    }

    /** @return the number of trainable scalars */
    public long parameterCount() {
        long n = 0;
        for (Variable<TFloat32> v : variables) {
            n += v.shape().size();
        }
        return n;
    }

    /**
     * A float input.
     *
     * @param name  the graph name, used by exported signatures
     * @param shape the shape, -1 for unknown dimensions
     * @return the placeholder
     */
    public Placeholder<TFloat32> input(String name, long... shape) {
        return tf.withName(name).placeholder(TFloat32.class, Placeholder.shape(Shape.of(shape)));
    }

    /**
     * A trainable variable with Gaussian initial values (mean 0).
     *
     * @param name  a name unique in this net
     * @param std   standard deviation of the initial values (0 gives zeros)
     * @param shape the shape
     * @return the variable
     */
    public Variable<TFloat32> weight(String name, double std, long... shape) {
        int size = Math.toIntExact(Shape.of(shape).size());
        float[] values = new float[size];
        for (int i = 0; i < size; i++) {
            values[i] = (float) (std * init.nextGaussian());
        }
        return variable(name, values, shape);
    }

    /**
     * A trainable variable with given initial values.
     *
     * @param name   a name unique in this net
     * @param values initial values, row-major (not modified)
     * @param shape  the shape
     * @return the variable
     */
    public Variable<TFloat32> variable(String name, float[] values, long... shape) {
        if (names.contains(name)) {
            throw new IllegalArgumentException("duplicate variable name " + name);
        }
        Ops scope = tf.withInitScope();
        Operand<TFloat32> start = scope.constant(Shape.of(shape), DataBuffers.of(values));
        Variable<TFloat32> v = tf.withName(name).variable(start);
        variables.add(v);
        names.add(name);
        return v;
    }

    /**
     * k x k convolution with bias, SAME padding, He-initialised (for a following ReLU).
     *
     * @param name   variable name prefix
     * @param x      input [N, H, W, cin]
     * @param cin    input channels
     * @param cout   output channels
     * @param k      kernel size
     * @param stride stride in both directions
     * @return [N, H/stride, W/stride, cout]
     */
    public Operand<TFloat32> conv(String name, Operand<TFloat32> x, int cin, int cout, int k, int stride) {
        Variable<TFloat32> w = weight(name + "_w", Math.sqrt(2.0 / (k * k * cin)), k, k, cin, cout);
        Operand<TFloat32> y = tf.nn.conv2d(x, w, List.of(1L, (long) stride, (long) stride, 1L), "SAME");
        return tf.nn.biasAdd(y, weight(name + "_b", 0, cout));
    }

    /** conv then leaky ReLU (slope 0.1). */
    public Operand<TFloat32> convAct(String name, Operand<TFloat32> x, int cin, int cout, int k, int stride) {
        return leaky(conv(name, x, cin, cout, k, stride));
    }

    /**
     * Fully connected layer with bias.
     *
     * @param name variable name prefix
     * @param x    input [N, in]
     * @param in   input width
     * @param out  output width
     * @return [N, out]
     */
    public Operand<TFloat32> dense(String name, Operand<TFloat32> x, int in, int out) {
        Variable<TFloat32> w = weight(name + "_w", Math.sqrt(1.0 / in), in, out);
        return tf.math.add(tf.linalg.matMul(x, w), weight(name + "_b", 0, out));
    }

    /** Leaky ReLU, slope 0.1 below zero (keeps gradients alive without normalisation layers). */
    public Operand<TFloat32> leaky(Operand<TFloat32> x) {
        return tf.math.maximum(x, tf.math.mul(x, tf.constant(0.1f)));
    }

    /**
     * Nearest-neighbour upsampling by 2.
     *
     * @param x     [N, H, W, C]
     * @param outH  2H
     * @param outW  2W
     * @return [N, 2H, 2W, C]
     */
    public Operand<TFloat32> upsample(Operand<TFloat32> x, int outH, int outW) {
        return tf.image.resizeNearestNeighbor(x, tf.constant(new int[] {outH, outW}));
    }

    /** Channel concatenation of NHWC operands. */
    @SafeVarargs
    public final Operand<TFloat32> concat(Operand<TFloat32>... parts) {
        return tf.concat(List.of(parts), tf.constant(3));
    }

    /**
     * Log-softmax over the last axis of a rank-4 operand, written out as x - max - log(sum(exp(x - max)))
     * with the max held constant for the gradient. TensorFlow's own LogSoftmax op cannot be used
     * for training here: the gradient the C API registers for it (which TF Java's graph mode
     * relies on) disagrees with finite differences (measured: error 4.4 on gradients of size
     * 7.5), and with it training climbs instead of descending.
     *
     * @param x [N, H, W, C] logits
     * @return [N, H, W, C] log-probabilities
     */
    public Operand<TFloat32> logSoftmax(Operand<TFloat32> x) {
        Operand<TFloat32> max = tf.stopGradient(tf.max(x, tf.constant(3), org.tensorflow.op.core.Max.keepDims(true)));
        Operand<TFloat32> shifted = tf.math.sub(x, max);
        Operand<TFloat32> sum = tf.reduceSum(tf.math.exp(shifted), tf.constant(3),
                org.tensorflow.op.core.ReduceSum.keepDims(true));
        return tf.math.sub(shifted, tf.math.log(sum));
    }

    /** Global average pooling [N, H, W, C] to [N, C]. */
    public Operand<TFloat32> globalAverage(Operand<TFloat32> x) {
        return tf.math.mean(x, tf.constant(new int[] {1, 2}));
    }
}
