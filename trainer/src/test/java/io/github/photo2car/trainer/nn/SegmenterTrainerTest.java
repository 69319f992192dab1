package io.github.photo2car.trainer.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.photo2car.neural.CarSegmenter;
import io.github.photo2car.neural.Segmentation;

/**
 * The segmenter's training machinery end to end on a small rasterized fixture: it learns
 * (validation mask IoU well above chance), it is deterministic by seed, a checkpoint resumes
 * exactly and refuses damage, and the exported SavedModel gives the same answers through DJL.
 */
class SegmenterTrainerTest {

    private static final int SIZE = 64;
    private static RasterizedCarData train;
    private static RasterizedCarData validation;

    @BeforeAll
    static void data() {
        train = new RasterizedCarData(SIZE, 48, 1);
        validation = new RasterizedCarData(SIZE, 12, 2);
    }

    private static SegmenterTrainer.Options options(int epochs, int maxSteps, Path checkpoint, boolean resume) {
        return new SegmenterTrainer.Options(8, epochs, maxSteps, 3e-3f, 10, 42, checkpoint, resume);
    }

    @Test
    void learnsExportsAndRunsThroughDjl(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("model");
        float[] input = new float[3 * SIZE * SIZE];
        byte[] labels = new byte[SIZE * SIZE];
        validation.read(0, input, labels);
        float[] fromTf;
        try (SegmenterTrainer trainer = new SegmenterTrainer(options(12, 0, null, false), train, validation)) {
            SegmentationMetrics before = trainer.evaluate(validation);
            SegmenterTrainer.EpochReport report = trainer.run();
            System.out.printf("segmenter fixture: %d parameters; mask IoU %.3f -> %.3f, mIoU %.3f, %.1f s%n",
                    trainer.parameterCount(), before.maskIou(), report.maskIou(), report.meanIou(), report.seconds());
            assertTrue(report.maskIou() > 0.7, "mask IoU " + report.maskIou());
            assertTrue(report.maskIou() > before.maskIou() + 0.3, "did not learn");
            assertTrue(report.loss() < trainer.history().get(0).loss(), "loss did not fall");
            trainer.export(model);
            fromTf = trainer.predict(input, 1);
        }
        assertTrue(Files.isRegularFile(model.resolve("saved_model.pb")));
        try (CarSegmenter segmenter = CarSegmenter.load(model, SIZE)) {
            float[] fromDjl = segmenter.run(input);
            assertArrayEquals(fromTf, fromDjl, 1e-5f);
            Segmentation seg = segmenter.segment(SIZE, SIZE, input);
            float[] car = seg.carProbability(SIZE, SIZE);
            int agree = 0;
            for (int p = 0; p < labels.length; p++) {
                agree += (car[p] > 0.5f) == (labels[p] != 0) ? 1 : 0;
            }
            assertTrue(agree > 0.9 * labels.length, "DJL mask agrees on " + agree + " pixels");
            assertTrue(seg.carScore() > 0.5f, "car score " + seg.carScore());
        }
    }

    @Test
    void deterministicAndResumable(@TempDir Path dir) throws Exception {
        Path ckpt = dir.resolve("ckpt.bin");
        float[] input = new float[3 * SIZE * SIZE];
        validation.read(1, input, new byte[SIZE * SIZE]);
        float[] straight;
        try (SegmenterTrainer t = new SegmenterTrainer(options(2, 0, null, false), train, validation)) {
            t.run();
            straight = t.predict(input, 1);
        }
        float[] again;
        try (SegmenterTrainer t = new SegmenterTrainer(options(2, 0, null, false), train, validation)) {
            t.run();
            again = t.predict(input, 1);
        }
        assertArrayEquals(straight, again, 0f, "same seed, same weights");
        try (SegmenterTrainer t = new SegmenterTrainer(options(1, 0, ckpt, true), train, validation)) {
            t.run();
        }
        float[] resumed;
        try (SegmenterTrainer t = new SegmenterTrainer(options(2, 0, ckpt, true), train, validation)) {
            SegmenterTrainer.EpochReport r = t.run();
            assertEquals(2, r.epoch());
            resumed = t.predict(input, 1);
        }
        assertArrayEquals(straight, resumed, 1e-6f, "one epoch + resume = two epochs");
        byte[] bytes = Files.readAllBytes(ckpt);
        bytes[bytes.length / 2] ^= 1;
        Files.write(ckpt, bytes);
        try (SegmenterTrainer t = new SegmenterTrainer(options(3, 0, ckpt, true), train, validation)) {
            IOException e = assertThrows(IOException.class, t::run);
            assertTrue(e.getMessage().contains("damaged"), e.getMessage());
        }
    }
}
