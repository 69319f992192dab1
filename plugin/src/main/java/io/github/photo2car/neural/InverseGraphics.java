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

    private final ZooModel<float[], Estimate> model;
    private final Predictor<float[], Estimate> predictor;
    private final int size;

    private InverseGraphics(ZooModel<float[], Estimate> model, int size) {
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
        Criteria<float[], Estimate> criteria = Criteria.builder()
                .setTypes(float[].class, Estimate.class)
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
     * @param crop [S*S*4] RGB in [0, 1] and the car mask, row 0 at the top (not modified)
     * @return the estimate
     */
    public Estimate estimate(float[] crop) {
        if (crop.length != 4 * size * size) {
            throw new IllegalArgumentException("crop must hold " + 4 * size * size + " values, got " + crop.length);
        }
        synchronized (predictor) {
            try {
                return predictor.predict(crop);
            } catch (TranslateException e) {
                throw new IllegalStateException("the inverse-graphics network failed: " + e.getMessage(), e);
            }
        }
    }

    @Override
    public void close() {
        predictor.close();
        model.close();
    }

    /** float[S*S*4] in; the four named outputs decoded into an {@link Estimate}. */
    private static final class CropTranslator implements NoBatchifyTranslator<float[], Estimate> {
        private final int size;

        CropTranslator(int size) {
            this.size = size;
        }

        @Override
        public NDList processInput(TranslatorContext ctx, float[] input) {
            NDArray x = ctx.getNDManager().create(input, new Shape(1, size, size, 4));
            x.setName(INPUT);
            return new NDList(x);
        }

        @Override
        public Estimate processOutput(TranslatorContext ctx, NDList list) {
            float[] pose = named(list, "pose");
            float[] place = named(list, "placement");
            float[] params = named(list, "params");
            float[] paint = named(list, "paint");
            float[] residual = optional(list, "residual");
            if (residual != null && residual.length != 3 * CarTemplate.SHAPE_VERTICES) {
                throw new IllegalStateException("the network predicts a residual for " + residual.length / 3
                        + " vertices, this build's template has " + CarTemplate.SHAPE_VERTICES
                        + "; retrain or update the model");
            }
            if (params.length != CarParams.vectorSize()) {
                throw new IllegalStateException("the network predicts " + params.length + " car parameters, this "
                        + "build has " + CarParams.vectorSize() + "; retrain or update the model");
            }
            float azimuth = (float) Math.toDegrees(Math.atan2(pose[0], pose[1]));
            float elevation = (float) (45 * Math.tanh(pose[2]));
            return new Estimate(azimuth, elevation, (float) Math.exp(place[0]), place[1], place[2], params, paint,
                    residual);
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
