package io.github.photo2car.trainer.nn;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

import io.github.photo2car.neural.SegmentClass;

/**
 * The car segmenter's network: a small U-Net (Ronneberger et al. 2015; idea only). Four strided
 * encoder stages down to 1/16 of the input, a decoder that upsamples (nearest neighbour, then a
 * 3x3 convolution, which avoids the checkerboard of transposed convolutions) and concatenates
 * the encoder's features at each scale, and per-class logits at half resolution, resized
 * bilinearly to the input size. No normalisation layers: leaky ReLUs with He initialisation and
 * Adam train this depth well, and the graph stays the same in training and inference.
 *
 * <p>Input "image" [N, S, S, 3] RGB in [0, 1]; outputs "logits" and "probabilities"
 * [N, S, S, {@link SegmentClass#COUNT}]. S must be a multiple of 16.
 */
public final class SegmenterNet {

    /** Name of the input in the graph and in the exported signature. */
    public static final String INPUT = "image";
    /** Name of the per-pixel class probabilities. */
    public static final String PROBABILITIES = "probabilities";

    private final Placeholder<TFloat32> image;
    private final Operand<TFloat32> logits;
    private final Operand<TFloat32> probabilities;

    /**
     * Builds the network into a graph.
     *
     * @param net  the graph under construction (variables are added to it)
     * @param size S, the square input side in pixels, a multiple of 16
     */
    public SegmenterNet(GraphNet net, int size) {
        if (size < 16 || size % 16 != 0) {
            throw new IllegalArgumentException("size must be a positive multiple of 16, got " + size);
        }
        Ops tf = net.tf();
        image = net.input(INPUT, -1, size, size, 3);
        Operand<TFloat32> x = tf.math.sub(tf.math.mul(image, tf.constant(2f)), tf.constant(1f));
        Operand<TFloat32> e1 = net.convAct("e1", x, 3, 16, 3, 1);
        Operand<TFloat32> e2 = net.convAct("e2", e1, 16, 24, 3, 2);
        Operand<TFloat32> e3 = net.convAct("e3", e2, 24, 40, 3, 2);
        Operand<TFloat32> e4 = net.convAct("e4", e3, 40, 64, 3, 2);
        Operand<TFloat32> e5 = net.convAct("e5", e4, 64, 96, 3, 2);
        e5 = net.convAct("e5b", e5, 96, 96, 3, 1);
        Operand<TFloat32> d4 = net.convAct("d4", net.concat(net.upsample(e5, size / 8, size / 8), e4), 96 + 64, 64, 3, 1);
        Operand<TFloat32> d3 = net.convAct("d3", net.concat(net.upsample(d4, size / 4, size / 4), e3), 64 + 40, 40, 3, 1);
        Operand<TFloat32> d2 = net.convAct("d2", net.concat(net.upsample(d3, size / 2, size / 2), e2), 40 + 24, 32, 3, 1);
        Operand<TFloat32> half = net.conv("head", d2, 32, SegmentClass.COUNT, 1, 1);
        Operand<TFloat32> full = tf.image.resizeBilinear(half, tf.constant(new int[] {size, size}));
        logits = tf.withName("logits").identity(full);
        probabilities = tf.withName(PROBABILITIES).nn.softmax(logits);
    }

    /** @return the input placeholder [N, S, S, 3] */
    public Placeholder<TFloat32> image() {
        return image;
    }

    /** @return per-pixel class logits [N, S, S, C] */
    public Operand<TFloat32> logits() {
        return logits;
    }

    /** @return per-pixel class probabilities [N, S, S, C] */
    public Operand<TFloat32> probabilities() {
        return probabilities;
    }
}
