package io.github.photo2car.trainer.nn;

import java.util.ArrayList;
import java.util.List;

import org.tensorflow.Operand;
import org.tensorflow.Operation;
import org.tensorflow.Output;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * One Adam update (Kingma and Ba 2015) of a {@link GraphNet}'s variables (all, or those chosen), as graph ops:
 * the gradients of a scalar loss, then ApplyAdam per variable. The learning rate and the bias
 * corrections are fed per step, so the schedule lives in Java and the step count survives a
 * checkpoint.
 *
 * <p>Every update waits for all gradients (an identity barrier): ApplyAdam updates variables in
 * place, and without the barrier an update can race a gradient op still reading the old value,
 * which made runs irreproducible (see the project's STACK notes).
 */
public final class AdamStep {

    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final float EPSILON = 1e-7f;

    private final Placeholder<TFloat32> rate;
    private final Placeholder<TFloat32> beta1Power;
    private final Placeholder<TFloat32> beta2Power;
    private final Op update;
    private final List<Variable<TFloat32>> slots = new ArrayList<>();
    private final List<String> slotNames = new ArrayList<>();

    /**
     * Builds the update ops.
     *
     * @param net  the network whose variables are trained
     * @param loss the scalar loss
     */
    public AdamStep(GraphNet net, Operand<TFloat32> loss) {
        this(net, loss, name -> true);
    }

    /**
     * Builds the update ops for some of the network's variables; the others stay as they are
     * (e.g. a trained trunk under a new head).
     *
     * @param net     the network
     * @param loss    the scalar loss
     * @param trained which variables, by name, are trained
     * @throws IllegalArgumentException if no variable is trained
     */
    public AdamStep(GraphNet net, Operand<TFloat32> loss, java.util.function.Predicate<String> trained) {
        Ops tf = net.tf().withSubScope("adam");
        List<Variable<TFloat32>> vars = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < net.variables().size(); i++) {
            if (trained.test(net.variableNames().get(i))) {
                vars.add(net.variables().get(i));
                names.add(net.variableNames().get(i));
            }
        }
        if (vars.isEmpty()) {
            throw new IllegalArgumentException("no variable to train");
        }
        Output<?>[] grads = net.graph().addGradients(loss.asOutput(),
                vars.stream().map(Variable::asOutput).toArray(Output[]::new));
        List<Op> barrier = new ArrayList<>();
        List<Operand<TFloat32>> gated = new ArrayList<>();
        for (Output<?> g : grads) {
            @SuppressWarnings("unchecked")
            Operand<TFloat32> id = tf.identity((Operand<TFloat32>) g);
            gated.add(id);
            Operation op = id.op();
            barrier.add(() -> op);
        }
        rate = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
        beta1Power = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
        beta2Power = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
        Ops gatedTf = tf.withControlDependencies(barrier);
        Ops init = net.tf().withInitScope();
        List<Op> updates = new ArrayList<>();
        for (int i = 0; i < vars.size(); i++) {
            Variable<TFloat32> v = vars.get(i);
            long[] shape = v.shape().asArray();
            String name = names.get(i);
            Variable<TFloat32> m = net.tf().withName(name + "_adam_m").variable(init.zeros(init.constant(shape), TFloat32.class));
            Variable<TFloat32> s = net.tf().withName(name + "_adam_v").variable(init.zeros(init.constant(shape), TFloat32.class));
            slots.add(m);
            slots.add(s);
            slotNames.add(name + "_adam_m");
            slotNames.add(name + "_adam_v");
            updates.add(gatedTf.train.applyAdam(v, m, s, beta1Power, beta2Power, rate, gatedTf.constant(BETA1),
                    gatedTf.constant(BETA2), gatedTf.constant(EPSILON), gated.get(i)));
        }
        update = tf.withControlDependencies(updates).noOp();
    }

    /** @return the optimiser's own state variables (first and second moments), for checkpoints */
    public List<Variable<TFloat32>> slots() {
        return slots;
    }

    /** @return names of {@link #slots()} */
    public List<String> slotNames() {
        return slotNames;
    }

    /**
     * Adds this update to a session run.
     *
     * @param runner       the run being prepared (modified)
     * @param learningRate the step size
     * @param step         the 1-based step number (for the bias corrections)
     * @param feeds        receives the tensors fed, for the caller to close after the run
     * @return the runner
     */
    public Session.Runner addTo(Session.Runner runner, float learningRate, long step, List<AutoCloseable> feeds) {
        TFloat32 lr = TFloat32.scalarOf(learningRate);
        TFloat32 b1 = TFloat32.scalarOf((float) Math.pow(BETA1, step));
        TFloat32 b2 = TFloat32.scalarOf((float) Math.pow(BETA2, step));
        feeds.add(lr);
        feeds.add(b1);
        feeds.add(b2);
        return runner.feed(rate, lr).feed(beta1Power, b1).feed(beta2Power, b2).addTarget(update);
    }
}
