package io.github.photo2car.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.photo2car.raster.OrbitCamera;
import io.github.photo2car.raster.RasterBackends;
import io.github.photo2car.template.BodyType;
import io.github.photo2car.template.CarParams;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The fitting acceptance: synthetic 128x128 car silhouettes rendered from a known camera and
 * known parameters, fitted from a guess off by +-30 degrees of azimuth, +-10 degrees of
 * elevation, +-10 % of distance, a centred principal point and every normalised parameter off by
 * +-20 % of its own value. Required: hard-mask IoU >= 0.97 and azimuth error <= 3 degrees within
 * 200 iterations in total (restarts included).
 */
class CarFitterTest {

    private static final BodyType[] TYPES = {BodyType.SEDAN, BodyType.SUV, BodyType.PICKUP, BodyType.COUPE};
    private static final float[] AZIMUTH = {40f, 135f, -60f, -150f};
    private static final float[] ELEVATION = {15f, 10f, 20f, 8f};

    @Test
    void fitsSyntheticCarsFromPerturbedGuesses() {
        List<String> failures = new ArrayList<>();
        System.out.println("case | body | IoU start -> fit | azimuth error | iterations | stop | wall ms");
        for (int c = 0; c < TYPES.length; c++) {
            Random random = new Random(100 + c);
            CarParams truth = CarParams.preset(TYPES[c]);
            OrbitCamera camera = SyntheticCars.camera(AZIMUTH[c], ELEVATION[c], 9f, 0.04f, -0.03f);
            FitTarget target = SyntheticCars.render(truth, camera, false);
            OrbitCamera start = SyntheticCars.camera(
                    AZIMUTH[c] + (random.nextBoolean() ? 30f : -30f),
                    ELEVATION[c] + (random.nextBoolean() ? 10f : -10f),
                    9f * (random.nextBoolean() ? 1.1f : 0.9f), 0f, 0f);
            CarParams guess = SyntheticCars.perturb(truth, 0.2f, random);
            double startIou = SyntheticCars.iou(guess, null, start, target.mask());

            FitResult r = new CarFitter().fit(target, start, guess);

            double azimuthError = SyntheticCars.angleError(r.camera().azimuthDeg(), AZIMUTH[c]);
            System.out.printf("%d | %s | %.3f -> %.4f | %.2f deg | %d | %s | %d%n", c, TYPES[c], startIou, r.iou(),
                    azimuthError, r.iterations(), r.stopReason(), r.elapsedMillis());
            // the reported IoU must be the real one of the returned car
            assertEquals(SyntheticCars.iou(r.params(), r.residual(), r.camera(), target.mask()), r.iou(), 1e-6);
            assertEquals(r.iterations(), r.lossHistory().length);
            if (r.iou() < 0.97 || azimuthError > 3 || r.iterations() > 200) {
                failures.add("case " + c + " " + TYPES[c] + ": IoU " + r.iou() + ", azimuth error " + azimuthError
                        + ", iterations " + r.iterations());
            }
            assertTrue(startIou < 0.8, "case " + c + " must start far from the target, IoU " + startIou);
        }
        assertTrue(failures.isEmpty(), String.join("; ", failures));
    }
}
