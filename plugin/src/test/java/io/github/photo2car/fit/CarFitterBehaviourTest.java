package io.github.photo2car.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.photo2car.raster.OrbitCamera;
import io.github.photo2car.raster.RasterBackends;
import io.github.photo2car.template.BodyType;
import io.github.photo2car.template.CarParams;
import io.github.photo2car.template.CarTemplate;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Part labels, early stopping, cancellation and argument validation of {@link CarFitter}. */
class CarFitterBehaviourTest {

    private static final CarParams TRUTH = CarParams.preset(BodyType.HATCHBACK);
    private static final OrbitCamera CAMERA = SyntheticCars.camera(-35f, 12f, 9f, 0f, 0.02f);

    @Test
    void partLabelsKeepIouAndRaisePartAgreement() {
        FitTarget labelled = SyntheticCars.render(TRUTH, CAMERA, true);
        FitTarget plain = new FitTarget(labelled.width(), labelled.height(), labelled.mask());
        int[] labels = labelled.partLabels();
        OrbitCamera start = SyntheticCars.camera(-47f, 16f, 9.5f, 0f, 0f);
        CarParams guess = SyntheticCars.perturb(TRUTH, 0.2f, new Random(7));
        FitOptions options = FitOptions.builder()
                .stageIterations(FitStage.POSE, 30).stageIterations(FitStage.SHAPE, 40)
                .stageIterations(FitStage.RESIDUAL, 0).azimuthRestarts(new float[] {0f}, 0)
                .lossWeights(1f, 1f, 0.1f).build();
        double startAgreement = SyntheticCars.partAgreement(guess, null, start, labels);

        FitResult withLabels = new CarFitter(RasterBackends.javaBackend(), options).fit(labelled, start, guess);
        FitResult withoutLabels = new CarFitter(RasterBackends.javaBackend(), options).fit(plain, start, guess);

        double agreementWith = SyntheticCars.partAgreement(withLabels.params(), withLabels.residual(),
                withLabels.camera(), labels);
        double agreementWithout = SyntheticCars.partAgreement(withoutLabels.params(), withoutLabels.residual(),
                withoutLabels.camera(), labels);
        System.out.printf("part labels: IoU %.4f with, %.4f without; part agreement %.3f start, %.3f with,"
                        + " %.3f without; %d / %d ms%n", withLabels.iou(), withoutLabels.iou(), startAgreement,
                agreementWith, agreementWithout, withLabels.elapsedMillis(), withoutLabels.elapsedMillis());
        assertEquals(agreementWith, withLabels.partAgreement(), 1e-9, "reported agreement");
        assertTrue(Double.isNaN(withoutLabels.partAgreement()));
        assertTrue(withLabels.iou() >= withoutLabels.iou() - 0.01, "labels must not cost IoU");
        assertTrue(agreementWith > startAgreement + 0.1, "agreement must rise");
        assertTrue(agreementWith >= agreementWithout - 0.005, "labels must not lower agreement");
    }

    @Test
    void coarseEarlyStagesFitAsWellAsTheFullBodyAndReportFullBodyIous() {
        FitTarget target = SyntheticCars.render(TRUTH, CAMERA, false);
        OrbitCamera start = SyntheticCars.camera(-47f, 16f, 9.5f, 0f, 0f);
        CarParams guess = SyntheticCars.perturb(TRUTH, 0.2f, new Random(7));
        FitOptions.Builder b = FitOptions.builder().stageIterations(FitStage.POSE, 30)
                .stageIterations(FitStage.SHAPE, 40).stageIterations(FitStage.RESIDUAL, 10)
                .azimuthRestarts(new float[] {0f}, 0);
        FitResult full = new CarFitter(RasterBackends.javaBackend(), b.build()).fit(target, start, guess);
        FitResult coarse = new CarFitter(RasterBackends.javaBackend(), b.coarseBody(FitStage.POSE, true)
                .coarseBody(FitStage.SHAPE, true).coarseBody(FitStage.RESIDUAL, true).build()).fit(target, start, guess);
        // the reported IoU is the full body's in the returned state, whatever the stages drew
        assertEquals(SyntheticCars.iou(coarse.params(), coarse.residual(), coarse.camera(), target.mask()),
                coarse.iou(), 1e-6);
        assertTrue(coarse.iou() > full.iou() - 0.01, "coarse " + coarse.iou() + " vs full " + full.iou());
        assertTrue(SyntheticCars.angleError(coarse.camera().azimuthDeg(), CAMERA.azimuthDeg()) < 5,
                "azimuth " + coarse.camera().azimuthDeg());
        assertFalse(b.build().coarseBody(FitStage.RESIDUAL), "the residual moves vertices the coarse body skips");
    }

    @Test
    void stopsEarlyWhenNothingImprovesAndAtTheTargetIou() {
        FitTarget target = SyntheticCars.render(TRUTH, CAMERA, false);
        FitOptions patient = FitOptions.builder().azimuthRestarts(new float[] {0f}, 0)
                .stageIterations(FitStage.POSE, 100).stageIterations(FitStage.SHAPE, 0)
                .stageIterations(FitStage.RESIDUAL, 0).downsample(FitStage.POSE, 1)
                .sigma(0.5f, 0.5f).earlyStopping(0.05f, 5).build();
        // a degree from the answer, the IoU cannot improve by the tolerance: patience runs out
        OrbitCamera near = SyntheticCars.camera(-36f, 12f, 9f, 0f, 0.02f);
        FitResult converged = new CarFitter(RasterBackends.javaBackend(), patient).fit(target, near, TRUTH);
        assertSame(StopReason.CONVERGED, converged.stopReason());
        assertEquals(6, converged.iterations());
        assertTrue(converged.iou() > 0.95, "IoU " + converged.iou());

        FitOptions reach = patient.toBuilder().earlyStopping(1e-3f, 20).targetIou(0.9f).build();
        OrbitCamera off = SyntheticCars.camera(-41f, 14f, 9.2f, 0f, 0f);
        FitResult reached = new CarFitter(RasterBackends.javaBackend(), reach).fit(target, off, TRUTH);
        assertSame(StopReason.TARGET_REACHED, reached.stopReason());
        assertTrue(reached.iou() >= 0.9 && reached.iterations() < 100, "IoU " + reached.iou());
    }

    @Test
    void cancellationAndInterruptionReturnTheBestSoFar() {
        FitTarget target = SyntheticCars.render(TRUTH, CAMERA, false);
        OrbitCamera off = SyntheticCars.camera(-50f, 18f, 9.5f, 0f, 0f);
        AtomicInteger seen = new AtomicInteger();
        FitOptions options = FitOptions.builder().stageIterations(FitStage.POSE, 0)
                .listener((iteration, stage, loss, iou) -> {
                    assertEquals(seen.getAndIncrement(), iteration);
                    assertSame(FitStage.SHAPE, stage);
                    assertTrue(loss > 0 && iou >= 0 && iou <= 1);
                }).build();
        CarFitter fitter = new CarFitter(RasterBackends.javaBackend(), options);
        FitResult cancelled = fitter.fit(target, off, TRUTH, null, () -> seen.get() >= 4);
        assertSame(StopReason.CANCELLED, cancelled.stopReason());
        assertEquals(4, cancelled.iterations());
        assertEquals(4, cancelled.iouHistory().length);

        FitResult atOnce = fitter.fit(target, off, TRUTH, null, () -> true);
        assertSame(StopReason.CANCELLED, atOnce.stopReason());
        assertEquals(0, atOnce.iterations());
        assertEquals(SyntheticCars.iou(TRUTH, null, off, target.mask()), atOnce.iou(), 1e-9);
        assertEquals(TRUTH, atOnce.params());

        // cancelled before the first step of the azimuth restarts (it once indexed the IoU
        // history at -1 there, and the pipeline reported an internal error instead of a cancel)
        CarFitter restarting = new CarFitter(RasterBackends.javaBackend(), FitOptions.builder()
                .azimuthRestarts(new float[] {0f, 180f}, 4).build());
        FitResult cancelledInRestarts = restarting.fit(target, off, TRUTH, null, () -> true);
        assertSame(StopReason.CANCELLED, cancelledInRestarts.stopReason());
        assertEquals(0, cancelledInRestarts.iterations());

        Thread.currentThread().interrupt();
        try {
            FitResult interrupted = fitter.fit(target, off, TRUTH);
            assertSame(StopReason.INTERRUPTED, interrupted.stopReason());
            assertTrue(Thread.currentThread().isInterrupted(), "the interrupt flag stays set");
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void residualStageKeepsTheCarSymmetricAndBounded() {
        FitTarget target = SyntheticCars.render(TRUTH, CAMERA, false);
        FitOptions options = FitOptions.builder().stageIterations(FitStage.POSE, 0)
                .stageIterations(FitStage.SHAPE, 0).stageIterations(FitStage.RESIDUAL, 8)
                .residualRegularisation(100f, 1f, 0.01f).build();
        CarParams other = CarParams.preset(BodyType.SEDAN);
        FitResult r = new CarFitter(RasterBackends.javaBackend(), options).fit(target, CAMERA, other);
        float[] residual = r.residual();
        int[] mirror = CarTemplate.mirrorMap();
        double largest = 0;
        for (int v = 0; v < mirror.length; v++) {
            int m = mirror[v];
            assertEquals(residual[3 * v], -residual[3 * m], 1e-6f);
            assertEquals(residual[3 * v + 1], residual[3 * m + 1], 1e-6f);
            for (int k = 0; k < 3; k++) {
                largest = Math.max(largest, Math.abs(residual[3 * v + k]));
            }
        }
        assertTrue(largest > 0 && largest <= 0.01f + 1e-7, "residual bound, largest " + largest);
    }

    @Test
    void parameterStepsSlideAlongTheRulesInsteadOfStopping() {
        // a sedan with a short deck: any bed depth > 0 breaks "deckLength >= 0.9 with a bed", so a
        // step that raises the bed depth a little and the wheelbase a little is invalid as a whole
        CarParams car = CarParams.preset(BodyType.SEDAN).toBuilder().deckLength(0.85f).build();
        float[] from = car.toVector();
        float[] wanted = from.clone();
        wanted[CarParams.BED_DEPTH] += 0.05f;
        wanted[CarParams.WHEELBASE] += 0.02f;
        assertEquals(0f, CarParams.validFraction(from, wanted), 1e-3f, "the straight step is blocked at once");
        CarParams moved = ParamSpace.moveToward(from, wanted, car);
        assertEquals(0f, moved.bedDepth(), 0f);
        assertEquals(from[CarParams.WHEELBASE] + 0.02f, moved.toVector()[CarParams.WHEELBASE], 1e-6f,
                "the wheelbase moves the whole way");
        assertEquals(moved.toVector()[CarParams.WHEELBASE], wanted[CarParams.WHEELBASE], 0f, "wanted holds the result");
        float[] valid = from.clone();
        valid[CarParams.WHEELBASE] += 0.01f;
        float[] copy = valid.clone();
        assertEquals(ParamSpace.tryParams(copy), ParamSpace.moveToward(from, valid, car), "a valid step is taken as is");
        assertEquals(copy[CarParams.WHEELBASE], valid[CarParams.WHEELBASE], 0f);
    }

    @Test
    void validatesArguments() {
        float[] mask = new float[16];
        mask[5] = 1f;
        assertThrows(IllegalArgumentException.class, () -> new FitTarget(4, 4, new float[15]));
        assertThrows(IllegalArgumentException.class, () -> new FitTarget(0, 4, mask));
        assertThrows(IllegalArgumentException.class, () -> new FitTarget(4, 4, new float[16]), "empty mask");
        float[] bad = mask.clone();
        bad[0] = 1.5f;
        assertThrows(IllegalArgumentException.class, () -> new FitTarget(4, 4, bad));
        bad[0] = Float.NaN;
        assertThrows(IllegalArgumentException.class, () -> new FitTarget(4, 4, bad));
        assertThrows(IllegalArgumentException.class, () -> new FitTarget(4, 4, mask, new int[15], 1f));
        int[] labels = new int[16];
        labels[3] = 99;
        assertThrows(IllegalArgumentException.class, () -> new FitTarget(4, 4, mask, labels, 1f));
        assertThrows(IllegalArgumentException.class, () -> new FitTarget(4, 4, mask, null, 0f));
        assertThrows(IllegalArgumentException.class, () -> new FitTarget(4, 4, mask).downsampled(3));

        assertThrows(IllegalArgumentException.class, () -> FitOptions.builder().maxIterations(0).build());
        assertThrows(IllegalArgumentException.class, () -> FitOptions.builder().sigma(1f, 2f).build());
        assertThrows(IllegalArgumentException.class, () -> FitOptions.builder().sigma(-1f, -2f).build());
        assertThrows(IllegalArgumentException.class, () -> FitOptions.builder().lossWeights(0f, 0f, 1f).build());
        assertThrows(IllegalArgumentException.class, () -> FitOptions.builder().targetIou(1.5f).build());
        assertThrows(IllegalArgumentException.class, () -> FitOptions.builder().earlyStopping(0f, 0).build());
        assertThrows(IllegalArgumentException.class,
                () -> FitOptions.builder().learningRates(1f, 0f, 1f, 1f, 1f).build());
        assertThrows(IllegalArgumentException.class,
                () -> FitOptions.builder().stageIterations(FitStage.SHAPE, -1).build());
        assertThrows(IllegalArgumentException.class, () -> FitOptions.builder().freeCamera(new boolean[3]));
        assertThrows(IllegalArgumentException.class, () -> FitOptions.builder().freeParams(new boolean[3]));
        assertThrows(IllegalArgumentException.class, () -> FitOptions.builder().downsample(FitStage.POSE, 0));
        assertThrows(IllegalArgumentException.class, () -> FitOptions.builder().azimuthRestarts(new float[0], 5));
        assertThrows(IllegalArgumentException.class, () -> new CarFitter(null, FitOptions.defaults()));
        assertThrows(IllegalArgumentException.class, () -> new CarFitter(RasterBackends.javaBackend(), null));

        FitTarget target = new FitTarget(4, 4, mask);
        CarFitter fitter = new CarFitter();
        assertThrows(IllegalArgumentException.class, () -> fitter.fit(null, CAMERA, TRUTH));
        assertThrows(IllegalArgumentException.class, () -> fitter.fit(target, null, TRUTH));
        assertThrows(IllegalArgumentException.class, () -> fitter.fit(target, CAMERA, null));
        assertThrows(IllegalArgumentException.class, () -> fitter.fit(target, CAMERA, TRUTH, new float[5], null));
        float[] residual = new float[3 * CarTemplate.SHAPE_VERTICES];
        residual[2] = Float.POSITIVE_INFINITY;
        assertThrows(IllegalArgumentException.class, () -> fitter.fit(target, CAMERA, TRUTH, residual, null));
    }

    @Test
    void downsamplingAveragesTheMaskAndVotesLabels() {
        float[] mask = {1, 1, 0, 0, 1, 0, 0, 0};
        int[] labels = {2, 2, -1, -1, 3, -1, -1, -1};
        FitTarget half = new FitTarget(4, 2, mask, labels, 2f).downsampled(2);
        assertEquals(2, half.width());
        assertEquals(1, half.height());
        assertEquals(2f, half.aspect());
        assertEquals(0.75f, half.mask()[0], 1e-6f);
        assertEquals(0f, half.mask()[1], 1e-6f);
        assertEquals(2, half.partLabels()[0]);
        assertEquals(FitTarget.UNKNOWN, half.partLabels()[1]);
    }

    @Test
    void distanceTransformIsExact() {
        Random random = new Random(5);
        int w = 23;
        int h = 17;
        boolean[] set = new boolean[w * h];
        for (int i = 0; i < set.length; i++) {
            set[i] = random.nextInt(40) == 0;
        }
        float[] d = DistanceTransform.squared(set, w, h);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int best = Integer.MAX_VALUE;
                for (int i = 0; i < set.length; i++) {
                    if (set[i]) {
                        int dx = i % w - x;
                        int dy = i / w - y;
                        best = Math.min(best, dx * dx + dy * dy);
                    }
                }
                assertEquals(best, d[y * w + x], 1e-3f, "pixel " + x + "," + y);
            }
        }
    }
}
