package io.github.photo2car.neural;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoopTranslator;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * A SavedModel built with TF Java graph mode, y = relu(x·W + b) with fixed weights, exported, then
 * run through DJL's Criteria: DJL must agree with TF Java and with the values computed by hand.
 */
class SavedModelRoundTripTest {

    private static final float[][] W = {{0.5f, -1f, 2f}, {1.5f, 0.25f, -0.75f}};
    private static final float[] B = {0.1f, -0.2f, 0.3f};
    private static final float[][] X = {{1f, 2f}, {-3f, 0.5f}, {0f, 0f}, {2f, -4f}};
    private static final double TOLERANCE = 1e-5;

    @TempDir
    Path temp;

    @Test
    void djlRunsTheExportedModelLikeTfJavaAndLikeHand() throws Exception {
        // loads the natives, which TF Java's own classes need too
        TensorFlowRuntime.engine();
        float[] byHand = byHand();
        Path modelDir = temp.resolve("relu-dense");

        float[] fromTfJava;
        try (Graph graph = new Graph()) {
            Ops tf = Ops.create(graph);
            Placeholder<TFloat32> x = tf.withName("x").placeholder(TFloat32.class,
                    Placeholder.shape(Shape.of(-1, 2)));
            // variables created in the init scope, so the exporter saves them and DJL restores them
            Ops init = tf.withInitScope();
            Variable<TFloat32> w = tf.variable(init.constant(W));
            Variable<TFloat32> b = tf.variable(init.constant(B));
            Operand<TFloat32> y = tf.withName("y")
                    .nn.relu(tf.math.add(tf.linalg.matMul(x, w), b));
            try (Session session = new Session(graph)) {
                session.initialize();
                try (TFloat32 input = TFloat32.tensorOf(Shape.of(X.length, 2),
                        DataBuffers.of(flatten(X)));
                        Result result = session.runner().feed(x, input).fetch(y).run()) {
                    TFloat32 output = (TFloat32) result.get(0);
                    fromTfJava = new float[(int) output.shape().size()];
                    output.asRawTensor().data().asFloats().read(fromTfJava);
                }
                Signature signature = Signature.builder().key(Signature.DEFAULT_KEY)
                        .input("x", x).output("y", y).build();
                SavedModelBundle.exporter(modelDir.toString())
                        .withFunction(session.function(signature)).export();
            }
        }
        assertTrue(Files.isRegularFile(modelDir.resolve("saved_model.pb")));
        assertArrayEquals(byHand, fromTfJava, (float) TOLERANCE);

        Criteria<NDList, NDList> criteria = Criteria.builder()
                .setTypes(NDList.class, NDList.class)
                .optModelPath(modelDir)
                .optEngine(TensorFlowRuntime.ENGINE_NAME)
                .optTranslator(new NoopTranslator())
                .build();
        try (ZooModel<NDList, NDList> model = criteria.loadModel();
                Predictor<NDList, NDList> predictor = model.newPredictor();
                NDManager manager = model.getNDManager().newSubManager()) {
            NDArray input = manager.create(X);
            input.setName("x");
            NDList output = predictor.predict(new NDList(input));
            assertEquals(1, output.size());
            assertEquals(new ai.djl.ndarray.types.Shape(X.length, 3), output.get(0).getShape());
            float[] fromDjl = output.get(0).toFloatArray();
            assertArrayEquals(fromTfJava, fromDjl, (float) TOLERANCE);
            assertArrayEquals(byHand, fromDjl, (float) TOLERANCE);
        }
    }

    /** relu(x·W + b) in double precision, row by row. */
    private static float[] byHand() {
        float[] out = new float[X.length * 3];
        for (int row = 0; row < X.length; row++) {
            for (int col = 0; col < 3; col++) {
                double sum = B[col];
                for (int k = 0; k < 2; k++) {
                    sum += (double) X[row][k] * W[k][col];
                }
                out[row * 3 + col] = (float) Math.max(0.0, sum);
            }
        }
        // spot-check the arithmetic itself: row 0 is (0.5+3+0.1, -1+0.5-0.2, 2-1.5+0.3)
        assertArrayEquals(new float[] {3.6f, 0f, 0.8f}, java.util.Arrays.copyOf(out, 3), 1e-6f);
        return out;
    }

    private static float[] flatten(float[][] rows) {
        float[] flat = new float[rows.length * rows[0].length];
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(rows[r], 0, flat, r * rows[r].length, rows[r].length);
        }
        return flat;
    }
}
