package io.github.photo2car.neural;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import ai.djl.MalformedModelException;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslateException;
import ai.djl.translate.TranslatorContext;

import io.github.photo2car.template.CarParams;
import io.github.photo2car.template.CarTemplate;

/**
 * The inverse-graphics network at run time (a SavedModel exported by the trainer, run through
 * DJL): a square crop around a car, RGB and mask, to its pose, placement in the crop, shape
 * parameters, paint and (networks that have the head) a per-vertex residual. Thread-safe (calls are serialised on one predictor); close it to free
 * the native model.
 */
public final class InverseGraphics implements AutoCloseable {

    /**
     * The network's answer for one crop.
     *
     * @param azimuthDeg   azimuth in degrees, (-180, 180], car-frame convention of
     *                     {@link io.github.photo2car.raster.OrbitCamera}
     * @param elevationDeg elevation in degrees
     * @param apparentSize the crop camera's distance times tan(fovY / 2), metres
     * @param principalX   the crop camera's principal point, crop NDC x
     * @param principalY   the crop camera's principal point, crop NDC y
     * @param params       normalised {@link CarParams} vector in (0, 1) (may break a
     *                     cross-parameter rule; project before building)
     * @param paint        body colour, RGB in (0, 1)
     * @param residual     the shape's departure from the template, a displacement per template shape
     *                     vertex [3 * {@link CarTemplate#SHAPE_VERTICES}], metres, car frame, in the
     *                     layout of {@link CarTemplate#build}'s residual (unclamped); null when the
     *                     network has no residual head
     */
    public record Estimate(float azimuthDeg, float elevationDeg, float apparentSize, float principalX,
                           float principalY, float[] params, float[] paint, float[] residual) {
    }

    static final String INPUT = "crop";

    private final ZooModel<float[], Outputs> model;
    private final Predictor<float[], Outputs> predictor;
    private final int size;

    private InverseGraphics(ZooModel<float[], Outputs> model, int size) {
        this.model = model;
        this.predictor = model.newPredictor();
        this.size = size;
    }

    /**
     * Loads the SavedModel and runs it once, so the first real crop does not pay for lazy
     * initialisation.
     *
     * @param dir  the SavedModel directory
     * @param size S, the crop side, a multiple of 32
     * @return a ready network
     * @throws IOException if the model is missing or cannot be loaded
     */
    public static InverseGraphics load(Path dir, int size) throws IOException {
        if (!Files.isRegularFile(dir.resolve("saved_model.pb"))) {
            throw new IOException("no SavedModel in " + dir + " (saved_model.pb missing)");
        }
        if (size < 32 || size % 32 != 0) {
            throw new IllegalArgumentException("size must be a positive multiple of 32, got " + size);
        }
        TensorFlowRuntime.engine();
        Criteria<float[], Outputs> criteria = Criteria.builder()
                .setTypes(float[].class, Outputs.class)
                .optModelPath(dir)
                .optEngine(TensorFlowRuntime.ENGINE_NAME)
                .optTranslator(new CropTranslator(size))
                .build();
        try {
            InverseGraphics net = new InverseGraphics(criteria.loadModel(), size);
            net.estimate(new float[4 * size * size]);
            return net;
        } catch (ModelNotFoundException | MalformedModelException e) {
            throw new IOException("cannot load the inverse-graphics network from " + dir + ": " + e.getMessage(), e);
        }
    }

    /** @return S, the crop side */
    public int size() {
        return size;
    }

    /**
     * Estimates the car in a crop from the crop and its mirror image in one batch of two,
     * averaged (test-time augmentation): a mirrored photo shows the same left-right symmetric car
     * from azimuth -a with the principal point's x negated, so the mirror's answer is turned back
     * that way first. The network's answer for a symmetric car should not depend on which side
     * it sees, and on real photos, far from its synthetic training images, one look is less
     * steady than two (docs/NEURAL.md).
     *
     * @param crop [S*S*4] RGB in [0, 1] and the car mask, row 0 at the top (not modified)
     * @return the averaged estimate
     */
    public Estimate estimate(float[] crop) {
        checkCrop(crop);
        float[] both = new float[2 * crop.length];
        System.arraycopy(crop, 0, both, 0, crop.length);
        SquareMirror.mirror(crop, size, 4, both, crop.length);
        Outputs o = predict(both);
        int p = CarParams.vectorSize();
        // azimuth: average the two unit vectors, the mirror's with its sine negated
        double n0 = Math.hypot(o.pose[0], o.pose[1]) + 1e-12;
        double n1 = Math.hypot(o.pose[3], o.pose[4]) + 1e-12;
        double sin = o.pose[0] / n0 - o.pose[3] / n1;
        double cos = o.pose[1] / n0 + o.pose[4] / n1;
        float azimuth = (float) Math.toDegrees(Math.atan2(sin, cos));
        float elevation = (float) (22.5 * (Math.tanh(o.pose[2]) + Math.tanh(o.pose[5])));
        float apparent = (float) Math.exp(0.5 * (o.placement[0] + o.placement[3]));
        float px = 0.5f * (o.placement[1] - o.placement[4]);
        float py = 0.5f * (o.placement[2] + o.placement[5]);
        float[] params = average(o.params, p);
        float[] paint = average(o.paint, 3);
        // the template mirrors and smooths a residual, so both answers' symmetric parts agree
        // after averaging without reindexing (see CarTemplate.build)
        float[] residual = o.residual == null ? null : average(o.residual, o.residual.length / 2);
        return new Estimate(azimuth, elevation, apparent, px, py, params, paint, residual);
    }

    /**
     * Estimates the car in a crop from one look, the crop as it is (what the trainer's own graph
     * gives for it).
     *
     * @param crop [S*S*4] RGB in [0, 1] and the car mask, row 0 at the top (not modified)
     * @return the estimate
     */
    public Estimate estimateOnce(float[] crop) {
        checkCrop(crop);
        Outputs o = predict(crop);
        float azimuth = (float) Math.toDegrees(Math.atan2(o.pose[0], o.pose[1]));
        float elevation = (float) (45 * Math.tanh(o.pose[2]));
        return new Estimate(azimuth, elevation, (float) Math.exp(o.placement[0]), o.placement[1], o.placement[2],
                o.params, o.paint, o.residual);
    }

    private void checkCrop(float[] crop) {
        if (crop.length != 4 * size * size) {
            throw new IllegalArgumentException("crop must hold " + 4 * size * size + " values, got " + crop.length);
        }
    }

    private Outputs predict(float[] crops) {
        synchronized (predictor) {
            try {
                return predictor.predict(crops);
            } catch (TranslateException e) {
                throw new IllegalStateException("the inverse-graphics network failed: " + e.getMessage(), e);
            }
        }
    }

    /** The mean of the two rows of a [2 * width] array. */
    private static float[] average(float[] rows, int width) {
        float[] out = new float[width];
        for (int i = 0; i < width; i++) {
            out[i] = 0.5f * (rows[i] + rows[width + i]);
        }
        return out;
    }

    @Override
    public void close() {
        predictor.close();
        model.close();
    }

    /**
     * The raw outputs for a batch of N crops, row after row: pose [N*3], placement [N*3], params
     * [N*P], paint [N*3], residual [N*3V] or null.
     */
    private record Outputs(float[] pose, float[] placement, float[] params, float[] paint, float[] residual) {
    }

    /** float[N*S*S*4] in; the named outputs out. */
    private static final class CropTranslator implements NoBatchifyTranslator<float[], Outputs> {
        private final int size;

        CropTranslator(int size) {
            this.size = size;
        }

        @Override
        public NDList processInput(TranslatorContext ctx, float[] input) {
            int n = input.length / (4 * size * size);
            NDArray x = ctx.getNDManager().create(input, new Shape(n, size, size, 4));
            x.setName(INPUT);
            return new NDList(x);
        }

        @Override
        public Outputs processOutput(TranslatorContext ctx, NDList list) {
            float[] pose = named(list, "pose");
            int n = pose.length / 3;
            float[] params = named(list, "params");
            if (params.length != n * CarParams.vectorSize()) {
                throw new IllegalStateException("the network predicts " + params.length / n + " car parameters, this "
                        + "build has " + CarParams.vectorSize() + "; retrain or update the model");
            }
            float[] residual = optional(list, "residual");
            if (residual != null && residual.length != n * 3 * CarTemplate.SHAPE_VERTICES) {
                throw new IllegalStateException("the network predicts a residual for " + residual.length / (3 * n)
                        + " vertices, this build's template has " + CarTemplate.SHAPE_VERTICES
                        + "; retrain or update the model");
            }
            return new Outputs(pose, named(list, "placement"), params, named(list, "paint"), residual);
        }

        private static float[] named(NDList list, String name) {
            float[] values = optional(list, name);
            if (values == null) {
                throw new IllegalStateException("the model has no output '" + name + "'");
            }
            return values;
        }

        private static float[] optional(NDList list, String name) {
            for (NDArray a : list) {
                if (name.equals(a.getName())) {
                    return a.toFloatArray();
                }
            }
            return null;
        }
    }
}
