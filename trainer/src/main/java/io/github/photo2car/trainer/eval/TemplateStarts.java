package io.github.photo2car.trainer.eval;

import io.github.photo2car.template.BodyType;
import io.github.photo2car.template.CarParams;

import java.util.Arrays;
import java.util.Objects;

/**
 * Starting points for a template fit: a body-type preset bent to a car's measured proportions
 * (wheelbase, wheel radius, track, width, height, front overhang, ground clearance, all relative to
 * length).
 *
 * <p>The template's parameters are tied by many validity rules (wheels under their arches,
 * greenhouse above the hood, …), so the measurements cannot simply be written into a preset.
 * Instead a short CMA-ES run over the normalised parameter vector minimises the proportion
 * mismatch plus a weak pull toward the preset, treating invalid combinations as infinitely bad;
 * this costs no meshing and takes milliseconds. Where the target's proportions are outside what
 * the template allows (the stylised Kenney cars have huge wheels), the result is the closest valid
 * compromise.
 */
public final class TemplateStarts {

    /** Weight of the pull toward the preset, per squared unit of the normalised vector. */
    private static final double PRESET_PULL = 0.02;
    private static final int EVALUATIONS = 1500;
    /**
     * Independent runs per start; the closest result wins. Runs cost no meshing (milliseconds), and
     * near the validity boundary a single run can stall far from the target.
     */
    private static final int RUNS = 4;

    private TemplateStarts() {
    }

    /**
     * Bends a preset toward target proportions.
     *
     * @param target the proportions to match (not null)
     * @param type   the preset to start from (not null)
     * @param seed   random seed of the search (equal seeds give equal results)
     * @return valid parameters, the closest of 4 runs ({@code RUNS}), or the preset itself if
     *         nothing closer was found
     */
    public static CarParams fromPreset(CarProportions target, BodyType type, long seed) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(type, "type");
        float[] preset = CarParams.preset(type).toVector();
        double[] start = new double[preset.length];
        for (int i = 0; i < start.length; i++) {
            start[i] = preset[i];
        }
        double[] lower = new double[start.length];
        double[] upper = new double[start.length];
        Arrays.fill(upper, 1.0);
        CmaEs.Result r = null;
        for (int run = 0; run < RUNS; run++) {
            CmaEs.Result next = CmaEs.minimize(v -> {
                CarParams p = TemplateFitter.paramsOrNull(v);
                if (p == null) {
                    return Double.POSITIVE_INFINITY;
                }
                double pull = 0;
                for (int i = 0; i < v.length; i++) {
                    pull += (v[i] - start[i]) * (v[i] - start[i]);
                }
                return CarProportions.of(p).distance(target) + PRESET_PULL * pull;
            }, start, 0.15, lower, upper, EVALUATIONS, seed * RUNS + run);
            if (r == null || next.bestCost() < r.bestCost()) {
                r = next;
            }
        }
        CarParams best = TemplateFitter.paramsOrNull(r.best());
        return best != null ? best : CarParams.preset(type);
    }
}
