package io.github.photo2car.raster;

import java.util.Locale;
import java.util.Random;

/**
 * Central finite-difference gradient checks. An entry passes when
 * |analytic - numeric| &le; 1e-2 * max(|analytic|, |numeric|, floor), floor = 1e-3 * the largest
 * |numeric| of the check (so entries that are zero up to rounding compare absolutely). An entry
 * whose +h or -h evaluation changes the visible triangle ids is "discontinuous": point-sampled
 * coverage makes the finite difference meaningless there; it is counted and reported apart.
 */
final class GradCheck {

    /** The loss at the current parameters, and a signature of the discrete visibility. */
    interface Probe {
        double loss();

        default long signature() {
            return 0;
        }
    }

    /** Outcome of one check. */
    record Result(String name, int total, int passed, int discontinuous, int passedContinuous, double worst) {
        double rate() {
            return total == 0 ? 1 : passed / (double) total;
        }

        double continuousRate() {
            int c = total - discontinuous;
            return c == 0 ? 1 : passedContinuous / (double) c;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%-34s %4d entries  pass %6.2f%%  (continuous %6.2f%%, %d discontinuous)"
                    + "  worst rel err %.2e", name, total, 100 * rate(), 100 * continuousRate(), discontinuous, worst);
        }
    }

    private GradCheck() {
    }

    /**
     * Compares analytic against central differences on up to maxEntries entries of params
     * (chosen at random when there are more; params is restored afterwards).
     */
    static Result check(String name, float[] params, float[] analytic, Probe probe, float h, int maxEntries,
                        Random rnd) {
        int n = params.length;
        int[] idx = new int[Math.min(n, maxEntries)];
        if (idx.length == n) {
            for (int i = 0; i < n; i++) {
                idx[i] = i;
            }
        } else {
            for (int i = 0; i < idx.length; i++) {
                idx[i] = rnd.nextInt(n);
            }
        }
        long base = probe.signature();
        double[] numeric = new double[idx.length];
        boolean[] jump = new boolean[idx.length];
        double maxNum = 0;
        for (int k = 0; k < idx.length; k++) {
            int i = idx[k];
            float orig = params[i];
            params[i] = orig + h;
            double up = probe.loss();
            boolean j = probe.signature() != base;
            params[i] = orig - h;
            double down = probe.loss();
            j |= probe.signature() != base;
            params[i] = orig;
            // divide by the step actually representable in float
            double step = (double) (orig + h) - (double) (orig - h);
            numeric[k] = (up - down) / step;
            jump[k] = j;
            maxNum = Math.max(maxNum, Math.abs(numeric[k]));
        }
        double floor = 1e-3 * maxNum;
        int passed = 0;
        int disc = 0;
        int passedCont = 0;
        double worst = 0;
        for (int k = 0; k < idx.length; k++) {
            double a = analytic[idx[k]];
            double num = numeric[k];
            double scale = Math.max(Math.max(Math.abs(a), Math.abs(num)), floor);
            double rel = scale == 0 ? 0 : Math.abs(a - num) / scale;
            boolean ok = rel <= 1e-2;
            if (ok) {
                passed++;
            }
            if (jump[k]) {
                disc++;
            } else {
                if (ok) {
                    passedCont++;
                }
                worst = Math.max(worst, rel);
            }
        }
        Result r = new Result(name, idx.length, passed, disc, passedCont, worst);
        System.out.println("gradcheck " + r);
        return r;
    }

    /** Sum over views and entries of weights * values, in double. */
    static double dot(float[][] values, float[][] weights) {
        double s = 0;
        for (int b = 0; b < values.length; b++) {
            for (int i = 0; i < values[b].length; i++) {
                s += (double) values[b][i] * weights[b][i];
            }
        }
        return s;
    }

    static long signature(RasterOutput r) {
        long h = 17;
        for (int b = 0; b < r.views(); b++) {
            h = 31 * h + java.util.Arrays.hashCode(r.triangleIds(b));
        }
        return h;
    }

    static float[][] random(Random rnd, int views, int length) {
        float[][] a = new float[views][length];
        for (float[] v : a) {
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) rnd.nextGaussian();
            }
        }
        return a;
    }

    /** Concatenates views into one flat vector (for checking) and back. */
    static float[] flat(float[][] a) {
        int n = 0;
        for (float[] v : a) {
            n += v.length;
        }
        float[] out = new float[n];
        int o = 0;
        for (float[] v : a) {
            System.arraycopy(v, 0, out, o, v.length);
            o += v.length;
        }
        return out;
    }

    static float[][] split(float[] flat, int views) {
        int len = flat.length / views;
        float[][] out = new float[views][len];
        for (int b = 0; b < views; b++) {
            System.arraycopy(flat, b * len, out[b], 0, len);
        }
        return out;
    }
}
