package io.github.photo2car.trainer.eval;

import io.github.photo2car.template.BodyType;
import io.github.photo2car.template.CarParams;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTrue;

class TemplateFitterTest {

    /** A template car is exactly representable, so the fit must get close to it from a perturbed start. */
    @Test
    void recoversATemplateCarFromAPerturbedStart() {
        CarParams truth = CarParams.preset(BodyType.HATCHBACK);
        TriangleSoup target = TemplateSolid.of(truth);
        CarParams start = perturbed(truth, 0.25, new Random(5));
        VoxelGrid goal = UnitLengthGrid.voxelize(target, 48);
        double startIou = UnitLengthGrid.voxelize(TemplateSolid.of(start), 48).iou(goal);
        assertTrue(startIou < 0.85, "the start must be visibly off, IoU " + startIou);

        TemplateFitter fitter = new TemplateFitter(new TemplateFitter.Options(48, 1, 300, 100, 1, 3L));
        TemplateFit fit = fitter.fit(target, List.of(new TemplateFitter.Start(BodyType.HATCHBACK, start)));
        assertTrue(fit.iou() >= 0.9, "recovered IoU " + fit.iou() + " from " + startIou);
    }

    /** Moves every normalised parameter by up to ±amount, retrying until the result is a valid car. */
    private static CarParams perturbed(CarParams p, double amount, Random random) {
        float[] v = p.toVector();
        for (int attempt = 0; attempt < 1000; attempt++) {
            float[] w = v.clone();
            for (int i = 0; i < w.length; i++) {
                if (i != CarParams.BED_DEPTH) {
                    w[i] += (float) (amount * (2 * random.nextDouble() - 1));
                }
            }
            double[] d = new double[w.length];
            for (int i = 0; i < w.length; i++) {
                d[i] = w[i];
            }
            CarParams q = TemplateFitter.paramsOrNull(d);
            if (q != null) {
                return q;
            }
        }
        throw new AssertionError("no valid perturbation found");
    }
}
