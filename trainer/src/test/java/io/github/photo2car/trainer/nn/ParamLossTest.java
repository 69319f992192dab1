package io.github.photo2car.trainer.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.photo2car.neural.TensorFlowRuntime;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * The cross-entropy shape term ({@link InverseTrainer.ParamLoss#CROSS_ENTROPY}): zero at the
 * target, and a gradient that stays output minus target where the sigmoid is saturated, where the
 * mean absolute error's gradient is gone.
 */
class ParamLossTest {

    /** Logits: saturated low, saturated high, ordinary; targets of real cars' parameters. */
    private static final float[] LOGITS = {-20f, 18f, 0.3f, -1.2f, 0f};
    private static final float[] TARGETS = {0.6f, 0.05f, 0.7f, 0f, 1f};

    @Test
    void crossEntropyIsZeroAtTheTargetAndItsGradientIsOutputMinusTarget() {
        float[][] values = run(true);
        float[] loss = values[0];
        float[] grad = values[1];
        for (int i = 0; i < LOGITS.length; i++) {
            double s = sigmoid(LOGITS[i]);
            assertEquals(s - TARGETS[i], grad[i], 1e-5, "gradient at logit " + LOGITS[i]);
            // central difference of the closed form, so the graph's value is checked as well
            double h = 1e-3;
            double fd = (closedForm(LOGITS[i] + h, TARGETS[i]) - closedForm(LOGITS[i] - h, TARGETS[i])) / (2 * h);
            assertEquals(fd, grad[i], 1e-3, "finite difference at logit " + LOGITS[i]);
            assertEquals(closedForm(LOGITS[i], TARGETS[i]), loss[i], 1e-4, "value at logit " + LOGITS[i]);
            assertTrue(loss[i] >= -1e-5, "never below the target's own entropy");
        }
        // where the answer is right the term is 0
        float[][] atTarget = run(true, new float[] {logit(0.6f), logit(0.05f)}, new float[] {0.6f, 0.05f});
        assertEquals(0, atTarget[0][0], 1e-5);
        assertEquals(0, atTarget[0][1], 1e-5);
    }

    @Test
    void theMeanAbsoluteErrorLosesItsGradientWhereTheSigmoidSaturates() {
        float[] l1 = run(false)[1];
        float[] ce = run(true)[1];
        // wheelbase, width and height sat at the bottom of their ranges: L1 cannot lift them
        assertTrue(Math.abs(l1[0]) < 1e-7, "L1 gradient at logit -20: " + l1[0]);
        assertTrue(Math.abs(l1[1]) < 1e-6, "L1 gradient at logit 18: " + l1[1]);
        assertEquals(-0.6, ce[0], 1e-5);
        assertEquals(0.95, ce[1], 1e-5);
    }

    private static float[][] run(boolean crossEntropy) {
        return run(crossEntropy, LOGITS, TARGETS);
    }

    /** The per-element loss and its gradient with respect to the logits. */
    private static float[][] run(boolean crossEntropy, float[] logits, float[] targets) {
        TensorFlowRuntime.engine();
        try (Graph g = new Graph(); Session session = new Session(g)) {
            Ops tf = Ops.create(g);
            Placeholder<TFloat32> z = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(logits.length)));
            Placeholder<TFloat32> y = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(logits.length)));
            Operand<TFloat32> each = crossEntropy ? InverseTrainer.crossEntropy(tf, z, y)
                    : tf.math.abs(tf.math.sub(tf.math.sigmoid(z), y));
            Operand<TFloat32> total = tf.reduceSum(each, tf.constant(0));
            Output<?>[] grad = g.addGradients(total.asOutput(), new Output<?>[] {z.asOutput()});
            try (TFloat32 zt = TFloat32.tensorOf(Shape.of(logits.length), DataBuffers.of(logits));
                 TFloat32 yt = TFloat32.tensorOf(Shape.of(targets.length), DataBuffers.of(targets));
                 Result r = session.runner().feed(z, zt).feed(y, yt).fetch(each).fetch(grad[0]).run()) {
                return new float[][] {values(r.get(0)), values(r.get(1))};
            }
        }
    }

    private static float[] values(Tensor t) {
        TFloat32 f = (TFloat32) t;
        float[] out = new float[(int) f.shape().size()];
        f.asRawTensor().data().asFloats().read(out);
        return out;
    }

    private static double closedForm(double z, double y) {
        double s = sigmoid(z);
        double ce = -(y * Math.log(s) + (1 - y) * Math.log(1 - s));
        double yc = Math.min(Math.max(y, 1e-6), 1 - 1e-6);
        return ce + yc * Math.log(yc) + (1 - yc) * Math.log(1 - yc);
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    private static float logit(float p) {
        return (float) Math.log(p / (1 - p));
    }
}
