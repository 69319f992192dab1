package io.github.photo2car.trainer.nn;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Assign;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * Saves and restores named float variables (weights, optimiser state) plus a few training
 * counters, in one file: magic, counters, then per variable its name, shape and values, then a
 * SHA-256 of everything before it. Written to a temporary file and moved into place, so a crash
 * mid-write never leaves a half checkpoint under the real name; a damaged file is refused.
 */
public final class Checkpoint {

    private static final int MAGIC = 0x50324350; // "P2CP"

    /**
     * Where a training run stands.
     *
     * @param step   optimisation steps done
     * @param epoch  epochs done
     * @param millis training wall time so far, across resumed runs
     */
    public record Progress(long step, int epoch, long millis) {
        /** A run that has not started. */
        public static final Progress START = new Progress(0, 0, 0);

        /** @return the counters stored in a checkpoint */
        long[] counters() {
            return new long[] {step, epoch, millis};
        }
    }

    private final List<Variable<TFloat32>> variables;
    private final List<String> names;
    private final List<Placeholder<TFloat32>> feeds = new ArrayList<>();
    private final List<Assign<TFloat32>> assigns = new ArrayList<>();

    /**
     * Adds the restore ops for these variables to the graph.
     *
     * @param graph     the graph holding them
     * @param variables the variables (kept)
     * @param names     their unique names, parallel to variables (kept)
     */
    public Checkpoint(Graph graph, List<Variable<TFloat32>> variables, List<String> names) {
        if (variables.size() != names.size()) {
            throw new IllegalArgumentException("variables and names differ in length");
        }
        this.variables = List.copyOf(variables);
        this.names = List.copyOf(names);
        Ops tf = Ops.create(graph).withSubScope("restore");
        for (Variable<TFloat32> v : variables) {
            Placeholder<TFloat32> p = tf.placeholder(TFloat32.class, Placeholder.shape(v.shape()));
            feeds.add(p);
            assigns.add(tf.assign(v, p));
        }
    }

    /**
     * The checkpoint of a training run: the network's weights and the optimiser's moments.
     *
     * @param net  the network (its graph gets the restore ops)
     * @param adam the optimiser built on it
     * @return a checkpoint of both
     */
    public static Checkpoint forTraining(GraphNet net, AdamStep adam) {
        List<Variable<TFloat32>> all = new ArrayList<>(net.variables());
        all.addAll(adam.slots());
        List<String> names = new ArrayList<>(net.variableNames());
        names.addAll(adam.slotNames());
        return new Checkpoint(net.graph(), all, names);
    }

    /**
     * Restores a run from the checkpoint file when asked to and when it exists.
     *
     * @param session a session of the graph (modified when restored)
     * @param file    the checkpoint file, or null for none
     * @param resume  whether to resume at all
     * @return where the restored run stands, or {@link Progress#START}
     * @throws IOException if the file exists but is damaged or does not fit
     */
    public Progress resumeOrStart(Session session, Path file, boolean resume) throws IOException {
        if (!resume || file == null || !Files.exists(file)) {
            return Progress.START;
        }
        long[] c = restore(session, file);
        System.err.printf(java.util.Locale.ROOT, "resumed from %s at step %d (epoch %d)%n", file, c[0], c[1]);
        return new Progress(c[0], (int) c[1], c.length > 2 ? c[2] : 0);
    }

    /**
     * Writes the session's variables and where the run stands.
     *
     * @param session  a session of the graph
     * @param file     the checkpoint file (replaced atomically)
     * @param progress where the run stands
     * @throws IOException if writing fails
     */
    public void save(Session session, Path file, Progress progress) throws IOException {
        save(session, file, progress.counters());
    }

    /**
     * Writes the session's variable values and the counters.
     *
     * @param session  a session of the graph (variables initialised)
     * @param file     the checkpoint file (replaced atomically)
     * @param counters training counters to keep (step, epoch, ...; not modified)
     * @throws IOException if writing fails
     */
    public void save(Session session, Path file, long[] counters) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeInt(counters.length);
            for (long c : counters) {
                out.writeLong(c);
            }
            out.writeInt(variables.size());
            Session.Runner runner = session.runner();
            variables.forEach(runner::fetch);
            try (Result result = runner.run()) {
                for (int i = 0; i < variables.size(); i++) {
                    TFloat32 t = (TFloat32) result.get(i);
                    float[] values = new float[Math.toIntExact(t.shape().size())];
                    t.asRawTensor().data().asFloats().read(values);
                    out.writeUTF(names.get(i));
                    long[] shape = t.shape().asArray();
                    out.writeInt(shape.length);
                    for (long d : shape) {
                        out.writeLong(d);
                    }
                    ByteBuffer buf = ByteBuffer.allocate(4 * values.length);
                    buf.asFloatBuffer().put(values);
                    out.write(buf.array());
                }
            }
        }
        byte[] body = bytes.toByteArray();
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (var out = Files.newOutputStream(tmp)) {
            out.write(body);
            out.write(sha256(body));
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Restores variable values into a session.
     *
     * @param session a session of the graph (modified: variables assigned)
     * @param file    a checkpoint written by {@link #save}
     * @return the counters stored with it
     * @throws IOException if the file is unreadable, damaged, or does not fit these variables
     */
    public long[] restore(Session session, Path file) throws IOException {
        return restore(session, file, null, null);
    }

    /**
     * Initialises some variables from another run's checkpoint, e.g. a network that grew a head
     * starting from the weights of the one it grew from: each named variable that the file holds
     * with the same shape is assigned; the others keep their initial values.
     *
     * @param session a session of the graph (modified: variables assigned)
     * @param file    a checkpoint written by {@link #save}
     * @param names   the variables to initialise, e.g. the network's weights without the
     *                optimiser's state (not modified)
     * @return those of the names that the file did not hold (left as they were)
     * @throws IOException if the file is unreadable or damaged, or holds one of the variables
     *                     with another shape
     */
    public List<String> initialiseFrom(Session session, Path file, List<String> names) throws IOException {
        List<String> missing = new ArrayList<>();
        java.util.Set<String> wanted = java.util.Set.copyOf(names);
        restore(session, file, wanted::contains, missing);
        return missing;
    }

    /**
     * @param only    null to require every variable; else which to consider (those the file lacks
     *                are skipped and listed in missing)
     * @param missing receives the considered names the file lacks (when only is not null)
     */
    private long[] restore(Session session, Path file, java.util.function.Predicate<String> only,
                           List<String> missing) throws IOException {
        byte[] all = Files.readAllBytes(file);
        if (all.length < 36) {
            throw new IOException(file + " is too short to be a checkpoint");
        }
        byte[] body = java.util.Arrays.copyOf(all, all.length - 32);
        byte[] digest = java.util.Arrays.copyOfRange(all, all.length - 32, all.length);
        if (!java.util.Arrays.equals(sha256(body), digest)) {
            throw new IOException(file + " is damaged (checksum mismatch)");
        }
        Map<String, float[]> values = new HashMap<>();
        Map<String, long[]> shapes = new HashMap<>();
        long[] counters;
        try (InputStream raw = new java.io.ByteArrayInputStream(body); DataInputStream in = new DataInputStream(raw)) {
            if (in.readInt() != MAGIC) {
                throw new IOException(file + " is not a photo2car checkpoint");
            }
            counters = new long[in.readInt()];
            for (int i = 0; i < counters.length; i++) {
                counters[i] = in.readLong();
            }
            int count = in.readInt();
            for (int i = 0; i < count; i++) {
                String name = in.readUTF();
                long[] shape = new long[in.readInt()];
                for (int d = 0; d < shape.length; d++) {
                    shape[d] = in.readLong();
                }
                float[] v = new float[Math.toIntExact(Shape.of(shape).size())];
                byte[] buf = new byte[4 * v.length];
                in.readFully(buf);
                ByteBuffer.wrap(buf).asFloatBuffer().get(v);
                values.put(name, v);
                shapes.put(name, shape);
            }
        }
        Session.Runner runner = session.runner();
        List<TFloat32> fed = new ArrayList<>();
        try {
            for (int i = 0; i < variables.size(); i++) {
                String name = names.get(i);
                if (only != null && !only.test(name)) {
                    continue;
                }
                float[] v = values.get(name);
                if (v == null && only != null) {
                    missing.add(name);
                    continue;
                }
                if (v == null) {
                    throw new IOException(file + " has no variable " + name + "; was it written by another network?");
                }
                Shape expected = variables.get(i).shape();
                if (!Shape.of(shapes.get(name)).equals(expected)) {
                    throw new IOException(file + ": variable " + name + " has shape " + Shape.of(shapes.get(name))
                            + ", the network wants " + expected);
                }
                TFloat32 t = TFloat32.tensorOf(expected, DataBuffers.of(v));
                fed.add(t);
                runner.feed(feeds.get(i), t).addTarget(assigns.get(i));
            }
            runner.run().close();
        } finally {
            fed.forEach(TFloat32::close);
        }
        return counters;
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
