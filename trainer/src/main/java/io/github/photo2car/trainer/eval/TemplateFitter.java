package io.github.photo2car.trainer.eval;

import io.github.photo2car.template.BodyType;
import io.github.photo2car.template.CarParams;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToDoubleFunction;

/**
 * Fits the parametric car template to a target car shape by maximising voxel IoU on the
 * unit-length grid of {@link UnitLengthGrid}: both shapes are scaled to unit length, so only
 * proportions and shape are fitted, never absolute size.
 *
 * <p>Search: every start (typically one per body-type preset, bent to the target's measured
 * proportions by {@link TemplateStarts}) is scored; the best {@link Options#searches()} starts, with
 * both wheel layouts among them ({@link #chooseSeeds}), each seed a CMA-ES run over the 22 normalised parameters (vector entries in [0, 1], invalid parameter
 * combinations cost +∞), run in parallel on {@link Options#threads()} threads; the winner is then
 * polished by a CMA-ES run with a smaller step. IoU is piecewise constant in the parameters, which
 * is why a gradient-free, population-based optimiser is used.
 *
 * <p>Deterministic for given options and inputs (each search has its own seed, and results are
 * combined in a fixed order). Instances are immutable and thread-safe.
 */
public final class TemplateFitter {

    /**
     * Search settings.
     *
     * @param gridSize             voxels per axis of the IoU grid (8 … 256)
     * @param searches             how many of the best-scoring starts get a CMA-ES run (≥ 1)
     * @param evaluationsPerSearch valid template shapes each search scores (≥ 20)
     * @param polishEvaluations    valid shapes the final small-step search from the winner scores
     *                             (0 or fewer than 20: no polish)
     * @param threads              threads for the parallel runs (≥ 1)
     * @param seed                 random seed
     */
    public record Options(int gridSize, int searches, int evaluationsPerSearch, int polishEvaluations,
                          int threads, long seed) {

        /** Validates the settings. */
        public Options {
            if (gridSize < 8 || gridSize > 256 || searches < 1 || evaluationsPerSearch < 20
                    || polishEvaluations < 0 || threads < 1) {
                throw new IllegalArgumentException("bad fitter options: " + gridSize + ", " + searches + ", "
                        + evaluationsPerSearch + ", " + polishEvaluations + ", " + threads);
            }
        }

        /**
         * The settings of the template-expressiveness evaluation: 64³ grid, three searches of 400
         * valid shapes and a 300-shape polish, two threads (about 15–30 s per car on 2 cores).
         *
         * @return the defaults
         */
        public static Options defaults() {
            return new Options(UnitLengthGrid.DEFAULT_SIZE, 3, 400, 300, 2, 1L);
        }
    }

    /** Initial CMA-ES step of the searches, in normalised-vector units. */
    private static final double SEARCH_SIGMA = 0.10;
    /** Step of the polish run. */
    private static final double POLISH_SIGMA = 0.03;
    /** Most CMA-ES runs one search may take to spend its budget on valid shapes. */
    private static final int MAX_ROUNDS = 4;

    private final Options options;

    /**
     * @param options search settings (not null)
     */
    public TemplateFitter(Options options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * Fits the template to a real car model, starting from every body-type preset bent to the
     * model's proportions.
     *
     * @param model the target, aligned to the car frame (not null, not modified)
     * @return the best fit
     */
    public TemplateFit fit(CarModel model) {
        Objects.requireNonNull(model, "model");
        CarProportions proportions = CarProportions.of(model);
        List<Start> starts = new ArrayList<>();
        for (BodyType type : BodyType.values()) {
            starts.add(new Start(type, TemplateStarts.fromPreset(proportions, type, options.seed() + type.ordinal())));
        }
        return fit(model.all(), starts);
    }

    /**
     * Fits the template to a target surface from given starting points.
     *
     * @param target the target car surface in the car frame, any unit (not null, not modified)
     * @param starts starting parameters, each labelled with the body type it came from (not empty,
     *               not modified)
     * @return the best fit over all starts
     */
    public TemplateFit fit(TriangleSoup target, List<Start> starts) {
        Objects.requireNonNull(target, "target");
        if (starts == null || starts.isEmpty()) {
            throw new IllegalArgumentException("at least one start is needed");
        }
        long t0 = System.nanoTime();
        VoxelGrid goal = UnitLengthGrid.voxelize(target, options.gridSize());
        Objective objective = new Objective(goal, options.gridSize());

        List<Scored> scored = new ArrayList<>();
        for (Start s : starts) {
            double[] v = toDoubles(s.params().toVector());
            scored.add(new Scored(s.type(), v, objective.applyAsDouble(v)));
        }
        scored.sort(Comparator.comparingDouble(Scored::cost));
        List<Scored> seeds = chooseSeeds(scored, options.searches());

        ExecutorService pool = Executors.newFixedThreadPool(Math.min(options.threads(), seeds.size()), r -> {
            Thread t = new Thread(r, "template-fit");
            t.setDaemon(true);
            return t;
        });
        Scored best = scored.get(0);
        try {
            List<Future<Scored>> runs = new ArrayList<>();
            for (int i = 0; i < seeds.size(); i++) {
                Scored seed = seeds.get(i);
                long runSeed = options.seed() * 7919L + i;
                runs.add(pool.submit(() -> search(objective, seed, SEARCH_SIGMA, options.evaluationsPerSearch(),
                        runSeed)));
            }
            for (Future<Scored> run : runs) {
                Scored s = run.get();
                if (s.cost() < best.cost()) {
                    best = s;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while fitting", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("template fit failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        if (options.polishEvaluations() >= 20) {
            Scored polished = search(objective, best, POLISH_SIGMA, options.polishEvaluations(), options.seed() + 104729L);
            if (polished.cost() < best.cost()) {
                best = polished;
            }
        }
        CarParams params = paramsOrNull(best.vector());
        if (params == null || !Double.isFinite(best.cost())) {
            throw new IllegalStateException("no valid template found from " + starts.size() + " starts");
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        return new TemplateFit(params, 1.0 - best.cost(), best.type(), objective.evaluations(), seconds);
    }

    /**
     * The best-scoring starts, but with both wheel layouts among them when there are at least two
     * searches: the template's valid region has two parts, wheels under the body and wheels
     * exposed outside it ({@link CarParams#wheelsExposed()}), separated by invalid half-buried
     * wheels, so a CMA-ES run cannot cross from one to the other. When the best starts are all of
     * one layout, the last of them gives way to the best start of the other.
     *
     * @param sorted starts sorted by cost, best first (not modified)
     * @param count  how many seeds to choose (≥ 1)
     * @return a new list of at most count starts, best first except for the swapped-in one
     */
    static List<Scored> chooseSeeds(List<Scored> sorted, int count) {
        List<Scored> seeds = new ArrayList<>(sorted.subList(0, Math.min(count, sorted.size())));
        if (seeds.size() < 2) {
            return seeds;
        }
        for (boolean exposed : new boolean[] {true, false}) {
            boolean present = seeds.stream().anyMatch(s -> s.exposed() == exposed);
            if (!present) {
                sorted.stream().filter(s -> s.exposed() == exposed).findFirst()
                        .ifPresent(s -> seeds.set(seeds.size() - 1, s));
            }
        }
        return seeds;
    }

    /**
     * One CMA-ES search from a point. Invalid samples cost an evaluation of the optimiser's budget
     * but no meshing; near the edge of the template's valid region (the stylised race cars) most
     * samples can be invalid, so the search continues from its best point with half the step
     * until {@code budget} valid shapes were scored, at most {@link #MAX_ROUNDS} runs.
     */
    private static Scored search(Objective objective, Scored from, double sigma, int budget, long seed) {
        double[] lower = new double[from.vector().length];
        double[] upper = new double[lower.length];
        Arrays.fill(upper, 1.0);
        Scored best = from;
        int[] valid = {0};
        double step = sigma;
        for (int round = 0; round < MAX_ROUNDS && valid[0] < budget; round++) {
            CmaEs.Result r = CmaEs.minimize(v -> {
                double c = objective.applyAsDouble(v);
                if (Double.isFinite(c)) {
                    valid[0]++;
                }
                return c;
            }, best.vector(), step, lower, upper, Math.max(20, budget - valid[0]), seed + round);
            if (r.bestCost() < best.cost()) {
                best = new Scored(from.type(), r.best(), r.bestCost());
            }
            step *= 0.5;
        }
        return best;
    }

    /**
     * Valid parameters for a normalised vector, or null if the combination breaks a template rule.
     *
     * @param vector normalised parameters in [0, 1] (not modified)
     * @return the parameters, or null when invalid
     */
    static CarParams paramsOrNull(double[] vector) {
        float[] f = new float[vector.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) vector[i];
        }
        try {
            return CarParams.fromVector(f);
        } catch (IllegalArgumentException invalid) {
            return null;
        }
    }

    private static double[] toDoubles(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    /**
     * A starting point of the search.
     *
     * @param type   the body type it was derived from (for reporting)
     * @param params the starting parameters
     */
    public record Start(BodyType type, CarParams params) {
        /** Validates the components. */
        public Start {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(params, "params");
        }
    }

    /** A point of the search with its cost; package-private for {@link #chooseSeeds}. */
    record Scored(BodyType type, double[] vector, double cost) {

        /** @return whether the point's wheels are exposed; false for an invalid point */
        boolean exposed() {
            CarParams p = paramsOrNull(vector);
            return p != null && p.wheelsExposed();
        }
    }

    /** 1 − IoU of the template for a normalised vector against the goal; +∞ when invalid. */
    private static final class Objective implements ToDoubleFunction<double[]> {
        private final VoxelGrid goal;
        private final int n;
        private final AtomicInteger count = new AtomicInteger();

        Objective(VoxelGrid goal, int n) {
            this.goal = goal;
            this.n = n;
        }

        @Override
        public double applyAsDouble(double[] vector) {
            CarParams p = paramsOrNull(vector);
            if (p == null) {
                return Double.POSITIVE_INFINITY;
            }
            count.incrementAndGet();
            return 1.0 - UnitLengthGrid.voxelize(TemplateSolid.of(p), n).iou(goal);
        }

        int evaluations() {
            return count.get();
        }
    }
}
