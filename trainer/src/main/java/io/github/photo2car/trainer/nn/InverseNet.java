package io.github.photo2car.trainer.nn;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

import io.github.photo2car.template.CarParams;

/**
 * The inverse-graphics network (after GANverse3D's encoder, idea only): a crop around one car,
 * RGB plus its mask, to the car's pose, placement, shape parameters and paint.
 *
 * <p>Input "crop" [N, S, S, 4]: RGB in [0, 1] and the car mask. Outputs:
 * <ul>
 * <li>"pose" [N, 3]: (s, c, e) raw; azimuth = atan2(s, c), elevation = 45&deg; tanh(e);</li>
 * <li>"placement" [N, 3]: (z, px, py): the crop camera's distance times tan(fovY / 2) is
 * exp(z) metres (the size the car appears at, independent of the lens), and (px, py) its
 * principal point in crop NDC;</li>
 * <li>"params" [N, P]: normalised {@link CarParams} in (0, 1);</li>
 * <li>"paint" [N, 3]: the body colour, RGB in (0, 1).</li>
 * </ul>
 * Five strided convolution stages, global average pooling and two dense layers; no
 * normalisation layers (see {@link SegmenterNet}). S must be a multiple of 32.
 */
public final class InverseNet {

    /** Input name. */
    public static final String INPUT = "crop";

    private final Placeholder<TFloat32> crop;
    private final Operand<TFloat32> pose;
    private final Operand<TFloat32> placement;
    private final Operand<TFloat32> params;
    private final Operand<TFloat32> paint;

    /**
     * @param net  the graph under construction
     * @param size S, a multiple of 32
     */
    public InverseNet(GraphNet net, int size) {
        if (size < 32 || size % 32 != 0) {
            throw new IllegalArgumentException("size must be a positive multiple of 32, got " + size);
        }
        Ops tf = net.tf();
        int p = CarParams.vectorSize();
        crop = net.input(INPUT, -1, size, size, 4);
        Operand<TFloat32> x = tf.math.sub(tf.math.mul(crop, tf.constant(2f)), tf.constant(1f));
        Operand<TFloat32> h = net.convAct("i1", x, 4, 24, 3, 2);
        h = net.convAct("i2", h, 24, 32, 3, 2);
        h = net.convAct("i3", h, 32, 48, 3, 2);
        h = net.convAct("i4", h, 48, 64, 3, 2);
        h = net.convAct("i5", h, 64, 96, 3, 2);
        h = net.convAct("i6", h, 96, 128, 3, 1);
        Operand<TFloat32> f = net.leaky(net.dense("f1", net.globalAverage(h), 128, 192));
        pose = tf.withName("pose").identity(net.dense("pose", f, 192, 3));
        placement = tf.withName("placement").identity(net.dense("placement", f, 192, 3));
        params = tf.withName("params").math.sigmoid(net.dense("params", f, 192, p));
        paint = tf.withName("paint").math.sigmoid(net.dense("paint", f, 192, 3));
    }

    /** @return the input [N, S, S, 4] */
    public Placeholder<TFloat32> crop() {
        return crop;
    }

    /** @return (s, c, e) [N, 3] */
    public Operand<TFloat32> pose() {
        return pose;
    }

    /** @return (z, px, py) [N, 3] */
    public Operand<TFloat32> placement() {
        return placement;
    }

    /** @return normalised parameters [N, P] */
    public Operand<TFloat32> params() {
        return params;
    }

    /** @return paint RGB [N, 3] */
    public Operand<TFloat32> paint() {
        return paint;
    }
}
