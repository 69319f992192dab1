package io.github.photo2car.trainer.eval;

import java.util.Arrays;
import java.util.Objects;
import java.util.Random;
import java.util.function.ToDoubleFunction;

/**
 * Covariance matrix adaptation evolution strategy (Hansen's (μ/μ_w, λ)-CMA-ES with rank-one and
 * rank-μ updates and cumulative step-size adaptation), for minimising a black-box cost over a box.
 * Suits objectives with no gradient and plateaus, like voxel IoU. Samples outside [lower, upper]
 * are clamped before evaluation. Deterministic for a given seed. Not thread-safe.
 *
 * <p>Infeasible points (cost +∞) are handled by resampling and by recombining feasible points
 * only: a candidate whose cost is not finite is drawn again, up to 10 times ({@code RESAMPLES}); the
 * new mean and covariance are then built from the best min(μ, feasible) candidates with their
 * weights renormalised, and a generation without any feasible candidate halves the step instead.
 * Without this, a generation with fewer than μ feasible candidates would move the mean toward
 * arbitrary infeasible ones and, as these look like progress to the step-size control, the search
 * could wander off the feasible region for good (this happened to starts near the template's
 * validity boundary).
 *
 * <p>Reference: N. Hansen, "The CMA Evolution Strategy: A Tutorial", arXiv:1604.00772.
 */
public final class CmaEs {

    /** Most redraws of one infeasible candidate per generation. */
    static final int RESAMPLES = 10;

    /** Result of a run. */
    public record Result(double[] best, double bestCost, int evaluations) {
    }

    private CmaEs() {
    }

    /**
     * Minimises {@code cost}.
     *
     * @param cost      objective; may return {@code Double.POSITIVE_INFINITY} for infeasible points
     * @param start     initial mean (not modified)
     * @param sigma     initial step size, in the units of x
     * @param lower     per-coordinate lower bounds (not modified)
     * @param upper     per-coordinate upper bounds (not modified)
     * @param maxEvals  evaluation budget (every call of cost counts, infeasible redraws included)
     * @param seed      random seed
     * @return the best point seen and its cost
     */
    public static Result minimize(ToDoubleFunction<double[]> cost, double[] start, double sigma, double[] lower,
                                  double[] upper, int maxEvals, long seed) {
        Objects.requireNonNull(cost, "cost");
        int n = start.length;
        if (lower.length != n || upper.length != n || !(sigma > 0) || maxEvals < 1) {
            throw new IllegalArgumentException("inconsistent CMA-ES arguments");
        }
        Random random = new Random(seed);
        int lambda = 4 + (int) Math.floor(3 * Math.log(n));
        int mu = lambda / 2;
        double[] weights = new double[mu];
        double wsum = 0;
        for (int i = 0; i < mu; i++) {
            weights[i] = Math.log(mu + 0.5) - Math.log(i + 1);
            wsum += weights[i];
        }
        double w2 = 0;
        for (int i = 0; i < mu; i++) {
            weights[i] /= wsum;
            w2 += weights[i] * weights[i];
        }
        double mueff = 1 / w2;
        double cc = (4 + mueff / n) / (n + 4 + 2 * mueff / n);
        double cs = (mueff + 2) / (n + mueff + 5);
        double c1 = 2 / ((n + 1.3) * (n + 1.3) + mueff);
        double cmu = Math.min(1 - c1, 2 * (mueff - 2 + 1 / mueff) / ((n + 2) * (n + 2) + mueff));
        double damps = 1 + 2 * Math.max(0, Math.sqrt((mueff - 1) / (n + 1)) - 1) + cs;
        double chiN = Math.sqrt(n) * (1 - 1.0 / (4 * n) + 1.0 / (21.0 * n * n));

        double[] mean = start.clone();
        double[] pc = new double[n];
        double[] ps = new double[n];
        double[][] c = identity(n);
        double[][] b = identity(n);
        double[] d = new double[n];
        Arrays.fill(d, 1);
        double[][] z = new double[lambda][n];
        double[][] y = new double[lambda][n];
        double[][] x = new double[lambda][n];
        double[] costs = new double[lambda];
        Integer[] order = new Integer[lambda];
        double[] best = start.clone();
        double bestCost = cost.applyAsDouble(clamp(start.clone(), lower, upper));
        int evals = 1;
        int generation = 0;
        while (evals + lambda <= maxEvals) {
            for (int k = 0; k < lambda; k++) {
                int draws = 0;
                do {
                    for (int i = 0; i < n; i++) {
                        z[k][i] = random.nextGaussian();
                    }
                    for (int i = 0; i < n; i++) {
                        double s = 0;
                        for (int j = 0; j < n; j++) {
                            s += b[i][j] * d[j] * z[k][j];
                        }
                        y[k][i] = s;
                        x[k][i] = mean[i] + sigma * s;
                    }
                    costs[k] = cost.applyAsDouble(clamp(x[k].clone(), lower, upper));
                    evals++;
                    draws++;
                } while (!Double.isFinite(costs[k]) && draws <= RESAMPLES && evals < maxEvals);
                order[k] = k;
                if (costs[k] < bestCost) {
                    bestCost = costs[k];
                    best = clamp(x[k].clone(), lower, upper);
                }
            }
            Arrays.sort(order, (p, q) -> Double.compare(costs[p], costs[q]));
            // recombine feasible candidates only: with none, stay and search closer
            int feasible = 0;
            while (feasible < mu && Double.isFinite(costs[order[feasible]])) {
                feasible++;
            }
            if (feasible == 0) {
                sigma *= 0.5;
                continue;
            }
            double[] w = new double[feasible];
            double wFeasible = 0;
            for (int k = 0; k < feasible; k++) {
                wFeasible += weights[k];
            }
            for (int k = 0; k < feasible; k++) {
                w[k] = weights[k] / wFeasible;
            }
            double[] oldMean = mean.clone();
            double[] yw = new double[n];
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int k = 0; k < feasible; k++) {
                    s += w[k] * y[order[k]][i];
                }
                yw[i] = s;
                mean[i] = oldMean[i] + sigma * s;
            }
            // C^(-1/2) · yw = B · D^-1 · Bᵀ · yw
            double[] bty = new double[n];
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int i = 0; i < n; i++) {
                    s += b[i][j] * yw[i];
                }
                bty[j] = s / d[j];
            }
            double psNorm = 0;
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int j = 0; j < n; j++) {
                    s += b[i][j] * bty[j];
                }
                ps[i] = (1 - cs) * ps[i] + Math.sqrt(cs * (2 - cs) * mueff) * s;
                psNorm += ps[i] * ps[i];
            }
            psNorm = Math.sqrt(psNorm);
            generation++;
            boolean hsig = psNorm / Math.sqrt(1 - Math.pow(1 - cs, 2.0 * generation)) / chiN < 1.4 + 2.0 / (n + 1);
            for (int i = 0; i < n; i++) {
                pc[i] = (1 - cc) * pc[i] + (hsig ? Math.sqrt(cc * (2 - cc) * mueff) * yw[i] : 0);
            }
            double deltaH = hsig ? 0 : cc * (2 - cc);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j <= i; j++) {
                    double rankMu = 0;
                    for (int k = 0; k < feasible; k++) {
                        rankMu += w[k] * y[order[k]][i] * y[order[k]][j];
                    }
                    double v = (1 - c1 - cmu) * c[i][j] + c1 * (pc[i] * pc[j] + deltaH * c[i][j]) + cmu * rankMu;
                    c[i][j] = v;
                    c[j][i] = v;
                }
            }
            sigma *= Math.exp((cs / damps) * (psNorm / chiN - 1));
            eigen(c, b, d);
            if (sigma * d[argMax(d)] < 1e-7) {
                break; // converged
            }
        }
        return new Result(best, bestCost, evals);
    }

    private static double[] clamp(double[] v, double[] lo, double[] hi) {
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.max(lo[i], Math.min(hi[i], v[i]));
        }
        return v;
    }

    private static double[][] identity(int n) {
        double[][] m = new double[n][n];
        for (int i = 0; i < n; i++) {
            m[i][i] = 1;
        }
        return m;
    }

    private static int argMax(double[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }

    /**
     * Symmetric eigen-decomposition by cyclic Jacobi rotations: c = B · diag(d²) · Bᵀ.
     * Writes the eigenvectors into the columns of {@code b} and the square roots of the eigenvalues
     * into {@code d}; {@code c} is not modified.
     */
    static void eigen(double[][] c, double[][] b, double[] d) {
        int n = c.length;
        double[][] a = new double[n][];
        for (int i = 0; i < n; i++) {
            a[i] = c[i].clone();
            Arrays.fill(b[i], 0);
            b[i][i] = 1;
        }
        for (int sweep = 0; sweep < 60; sweep++) {
            double off = 0;
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    off += a[i][j] * a[i][j];
                }
            }
            if (off < 1e-30) {
                break;
            }
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    if (Math.abs(a[p][q]) < 1e-300) {
                        continue;
                    }
                    double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) {
                        t = 1;
                    }
                    double cs = 1 / Math.sqrt(t * t + 1);
                    double sn = t * cs;
                    for (int k = 0; k < n; k++) {
                        double akp = a[k][p];
                        double akq = a[k][q];
                        a[k][p] = cs * akp - sn * akq;
                        a[k][q] = sn * akp + cs * akq;
                    }
                    for (int k = 0; k < n; k++) {
                        double apk = a[p][k];
                        double aqk = a[q][k];
                        a[p][k] = cs * apk - sn * aqk;
                        a[q][k] = sn * apk + cs * aqk;
                    }
                    for (int k = 0; k < n; k++) {
                        double bkp = b[k][p];
                        double bkq = b[k][q];
                        b[k][p] = cs * bkp - sn * bkq;
                        b[k][q] = sn * bkp + cs * bkq;
                    }
                }
            }
        }
        for (int i = 0; i < n; i++) {
            d[i] = Math.sqrt(Math.max(a[i][i], 1e-20));
        }
    }
}
