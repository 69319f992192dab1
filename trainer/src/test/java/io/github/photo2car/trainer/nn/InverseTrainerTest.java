package io.github.photo2car.trainer.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.photo2car.neural.InverseGraphics;
import io.github.photo2car.template.CarParams;
import io.github.photo2car.template.CarTemplate;
import io.github.photo2car.trainer.synth.ResidualModes;

/**
 * The inverse-graphics trainer end to end on a small rasterized multi-view fixture: with the
 * rasterizer in the loop it learns shape and placement (errors fall well below their start), the
 * linear shape model is accurate enough to carry gradients, and the exported network gives the
 * same answers through DJL.
 */
class InverseTrainerTest {

    @Test
    void learnsPoseAndShapeWithTheRasterizerInTheLoop(@TempDir Path dir) throws Exception {
        ShapeBasis basis = ShapeBasis.fit(96, 3);
        System.out.printf("shape basis rms error %.4f m%n", basis.rmsError());
        assertTrue(basis.rmsError() < 0.08, "linear model error " + basis.rmsError());
        RasterizedViews train = new RasterizedViews(64, 64, 3, 1);
        RasterizedViews validation = new RasterizedViews(64, 16, 1, 2);
        InverseTrainer.Options options = new InverseTrainer.Options(8, 12, 0, 2e-3f, 10, 5, 1f, 0.1f, 1f, 1.5f, null,
                false, null, null, InverseTrainer.ParamLoss.CROSS_ENTROPY);
        try (InverseTrainer trainer = new InverseTrainer(options, basis, train, validation)) {
            InverseTrainer.Report last = trainer.run();
            InverseTrainer.Report first = trainer.history().get(0);
            System.out.printf("inverse fixture: azimuth median %.1f -> %.1f deg, params L1 %.3f -> %.3f,"
                            + " reprojected IoU %.3f -> %.3f, %.1f s%n", first.azimuthMedian(), last.azimuthMedian(),
                    first.paramsL1(), last.paramsL1(), first.reprojectionIou(), last.reprojectionIou(), last.seconds());
            assertTrue(Double.isFinite(last.loss()), "loss " + last.loss());
            // a fixture this small (96 steps) teaches shape and placement, not yet reliable azimuth
            assertTrue(last.loss() < 0.8 * first.loss(), "loss " + first.loss() + " -> " + last.loss());
            // Margins measured over 11 seeds on one machine (docs/TESTING.md): the fixture is small
            // enough that the CPU's arithmetic (vector width, FMA) moves its result as much as
            // another seed does, so each bound is about half the smallest gain seen: params L1
            // fell 0.033-0.048, reprojected IoU rose 0.061-0.236
            assertTrue(last.paramsL1() < first.paramsL1() - 0.015, "params did not improve: " + first.paramsL1()
                    + " -> " + last.paramsL1());
            assertTrue(last.reprojectionIou() > first.reprojectionIou() + 0.03, "reprojected IoU did not improve: "
                    + first.reprojectionIou() + " -> " + last.reprojectionIou());
            assertFalse(trainer.residualHeadSilent(), "every weight trained, the residual head's too");
            trainer.export(dir.resolve("inverse"));
            InverseData.View view = validation.read(3, 0);
            InverseTrainer.Prediction tf = trainer.predict(new InverseData.View[] {view})[0];
            try (InverseGraphics djl = InverseGraphics.load(dir.resolve("inverse"), 64)) {
                InverseGraphics.Estimate e = djl.estimateOnce(view.crop());
                assertEquals(tf.azimuth(), e.azimuthDeg(), 1e-3);
                assertEquals(tf.elevation(), e.elevationDeg(), 1e-3);
                assertEquals(Math.exp(tf.z()), e.apparentSize(), 1e-4);
                assertEquals(tf.px(), e.principalX(), 1e-5);
                assertArrayEquals(tf.params(), e.params(), 1e-5f);
                assertArrayEquals(tf.paint(), e.paint(), 1e-5f);
                assertArrayEquals(tf.residual(), e.residual(), 1e-5f);
            }
        }
        assertTrue(Files.isRegularFile(dir.resolve("inverse/saved_model.pb")));
    }

    @Test
    void theResidualHeadLearnsTheCarsTrueResidual() throws Exception {
        // every car carries the same residual, so the decoder's bias alone can learn it: the
        // supervised term must pull the prediction onto it (wrong sign or a missing feed would not)
        float[] code = new float[ResidualModes.MODES];
        code[5] = 1;
        code[12] = -1;
        RasterizedViews train = new RasterizedViews(64, 16, 2, 3, code, 0.05f);
        RasterizedViews validation = new RasterizedViews(64, 8, 1, 4, code, 0.05f);
        InverseTrainer.Options options = new InverseTrainer.Options(8, 10, 0, 6e-2f, 2, 5, 0f, 0f, 300f, 1.5f, null,
                false, null, List.of("residual"), InverseTrainer.ParamLoss.L1);
        try (InverseTrainer trainer = new InverseTrainer(options, ShapeBasis.fit(48, 3), train, validation)) {
            InverseTrainer.Report last = trainer.run();
            InverseTrainer.Report first = trainer.history().get(0);
            double truth = Math.sqrt(squares(validation.read(0, 0).residual()) / CarTemplate.SHAPE_VERTICES);
            System.out.printf("residual fixture: true rms %.4f m, error %.4f -> %.4f m%n", truth,
                    first.residualErrorRms(), last.residualErrorRms());
            assertTrue(last.residualErrorRms() < 0.5 * truth, "residual error " + last.residualErrorRms()
                    + " against a residual of " + truth);
            assertTrue(last.residualErrorRms() < first.residualErrorRms(), "the error did not fall");
        }
    }

    @Test
    void aResidualHeadLeftUntrainedIsLeftOutOfTheExport(@TempDir Path dir) throws Exception {
        // trained without the head (--train-only), the head keeps its start and says zero for
        // every input: the export has no residual, as a network without the head
        RasterizedViews train = new RasterizedViews(64, 8, 2, 5);
        InverseTrainer.Options options = new InverseTrainer.Options(4, 1, 2, 1e-3f, 1, 5, 1f, 0f, 100f, 1.5f, null,
                false, null, List.of("i", "f1", "pose", "placement", "params", "paint"),
                InverseTrainer.ParamLoss.L1);
        try (InverseTrainer trainer = new InverseTrainer(options, ShapeBasis.fit(48, 3), train, train)) {
            trainer.run();
            assertTrue(trainer.residualHeadSilent());
            trainer.export(dir.resolve("inverse"));
            try (InverseGraphics djl = InverseGraphics.load(dir.resolve("inverse"), 64)) {
                InverseGraphics.Estimate e = djl.estimateOnce(train.read(0, 0).crop());
                assertNull(e.residual(), "no residual output");
                assertEquals(CarParams.vectorSize(), e.params().length);
            }
        }
    }

    private static double squares(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x * x;
        }
        return s;
    }
}
