package io.github.photo2car.trainer.nn;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

import io.github.photo2car.template.CarParams;
import io.github.photo2car.template.CarTemplate;

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
 * <li>"paint" [N, 3]: the body colour, RGB in (0, 1);</li>
 * <li>"residual_code" [N, {@value #RESIDUAL_CODE}]: a low-dimensional code of the shape's
 * departure from the template, in (-1, 1);</li>
 * <li>"residual" [N, 3V]: that code decoded linearly (a learned basis) into a per-shape-vertex
 * displacement, metres, car frame, the layout of {@code CarTemplate.build}'s residual (which
 * mirrors and smooths it).</li>
 * </ul>
 * Five strided convolution stages, global average pooling and two dense layers; no
 * normalisation layers (see {@link SegmenterNet}). S must be a multiple of 32.
 */
public final class InverseNet {

    /** Input name. */
    public static final String INPUT = "crop";
    /** Length of the residual code. */
    public static final int RESIDUAL_CODE = 16;
    /** Residual metres per unit of the decoder's output (decoder weights start near unit size). */
    static final float RESIDUAL_SCALE = 0.05f;

    private final Placeholder<TFloat32> crop;
    private final Operand<TFloat32> pose;
    private final Operand<TFloat32> placement;
    private final Operand<TFloat32> paramLogits;
    private final Operand<TFloat32> params;
    private final Operand<TFloat32> paint;
    private final Operand<TFloat32> residualCode;
    private final Operand<TFloat32> residual;

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
        paramLogits = net.dense("params", f, 192, p);
        params = tf.withName("params").math.sigmoid(paramLogits);
        paint = tf.withName("paint").math.sigmoid(net.dense("paint", f, 192, 3));
        // the code starts at zero (no residual) so a head added to a trained network leaves its
        // answers as they were; the decoder starts random, so the code still gets gradients
        Operand<TFloat32> code = tf.math.add(tf.linalg.matMul(f, net.weight("code_w", 0, 192, RESIDUAL_CODE)),
                net.weight("code_b", 0, RESIDUAL_CODE));
        residualCode = tf.withName("residual_code").math.tanh(code);
        int coords = 3 * CarTemplate.SHAPE_VERTICES;
        residual = tf.withName("residual").math.mul(net.dense("residual", residualCode, RESIDUAL_CODE, coords),
                tf.constant(RESIDUAL_SCALE));
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

    /** @return the parameters before the sigmoid [N, P] (params = sigmoid(paramLogits)) */
    public Operand<TFloat32> paramLogits() {
        return paramLogits;
    }

    /** @return the residual code [N, {@value #RESIDUAL_CODE}] */
    public Operand<TFloat32> residualCode() {
        return residualCode;
    }

    /** @return per-shape-vertex residual [N, 3V], metres */
    public Operand<TFloat32> residual() {
        return residual;
    }

    /** @return paint RGB [N, 3] */
    public Operand<TFloat32> paint() {
        return paint;
    }
}
