package io.github.photo2car.trainer.nn;

import org.tensorflow.Operand;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
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
 * Two pixel-coordinate channels are appended to the input (CoordConv, Liu et al. 2018; idea
 * only), then five strided convolution stages whose last (S/32 x S/32) map is flattened, not
 * averaged, into two dense layers: the placement outputs are positions in the crop, and global
 * averaging would throw away where things are. No normalisation layers (see
 * {@link SegmenterNet}). S must be a multiple of 32.
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
        // [N, S, S, 1] zeros broadcast against the [1, S, S, 2] grid gives every crop the grid
        Operand<TFloat32> zeros = tf.zerosLike(tf.slice(crop, tf.constant(new int[] {0, 0, 0, 0}),
                tf.constant(new int[] {-1, -1, -1, 1})));
        x = net.concat(x, tf.math.add(zeros, tf.constant(NdArrays.wrap(Shape.of(1, size, size, 2),
                DataBuffers.of(grid(size))))));
        Operand<TFloat32> h = net.convAct("i1", x, 6, 24, 3, 2);
        h = net.convAct("i2", h, 24, 32, 3, 2);
        h = net.convAct("i3", h, 32, 48, 3, 2);
        h = net.convAct("i4", h, 48, 64, 3, 2);
        h = net.convAct("i5", h, 64, 96, 3, 2);
        h = net.convAct("i6", h, 96, 128, 3, 1);
        int cells = (size / 32) * (size / 32) * 128;
        Operand<TFloat32> flat = tf.reshape(h, tf.constant(new long[] {-1, cells}));
        Operand<TFloat32> f = net.leaky(net.dense("f1", flat, cells, 192));
        pose = tf.withName("pose").identity(net.dense("pose", f, 192, 3));
        placement = tf.withName("placement").identity(net.dense("placement", f, 192, 3));
        params = tf.withName("params").math.sigmoid(net.dense("params", f, 192, p));
        paint = tf.withName("paint").math.sigmoid(net.dense("paint", f, 192, 3));
    }

    /** @return [S*S*2]: pixel centres' x and y in crop NDC (x right, y up), row 0 at the top */
    private static float[] grid(int size) {
        float[] g = new float[2 * size * size];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                g[2 * (y * size + x)] = 2 * (x + 0.5f) / size - 1;
                g[2 * (y * size + x) + 1] = 1 - 2 * (y + 0.5f) / size;
            }
        }
        return g;
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
