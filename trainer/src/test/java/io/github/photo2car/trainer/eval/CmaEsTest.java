package io.github.photo2car.trainer.eval;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CmaEsTest {

    @Test
    void findsTheMinimumOfAnIllConditionedQuadratic() {
        double[] target = {0.3, -0.2, 0.7, 0.1, -0.5};
        CmaEs.Result r = CmaEs.minimize(x -> {
            double s = 0;
            for (int i = 0; i < x.length; i++) {
                s += Math.pow(10, i) * (x[i] - target[i]) * (x[i] - target[i]);
            }
            return s;
        }, new double[5], 0.5, filled(-1), filled(1), 4000, 1);
        for (int i = 0; i < 5; i++) {
            assertEquals(target[i], r.best()[i], 1e-3, "coordinate " + i + " of " + Arrays.toString(r.best()));
        }
    }

    @Test
    void respectsBoundsAndInfeasibleRegions() {
        CmaEs.Result r = CmaEs.minimize(x -> x[0] + x[1] < 0.5 ? Double.POSITIVE_INFINITY : x[0] * x[0] + x[1] * x[1],
                new double[] {0.8, 0.8}, 0.3, new double[] {0, 0}, new double[] {1, 1}, 2000, 2);
        assertTrue(r.best()[0] + r.best()[1] >= 0.5);
        assertEquals(0.125, r.bestCost(), 2e-3, "optimum on the constraint at (0.25, 0.25)");
    }

    /**
     * A chain of ordering constraints, like the template's (ground clearance below bumper below
     * nose …): from a start on the boundary most samples are infeasible, and the optimum lies far
     * along the chain. Resampling infeasible candidates keeps the search on the feasible side.
     */
    @Test
    void followsAChainOfConstraintsFromTheBoundary() {
        int n = 8;
        double[] target = new double[n];
        double[] start = new double[n];
        for (int i = 0; i < n; i++) {
            target[i] = 0.2 + 0.1 * i;
            start[i] = 0.052 * i + 0.001;
        }
        CmaEs.Result r = CmaEs.minimize(x -> {
            double s = 0;
            for (int i = 0; i < x.length; i++) {
                if (i > 0 && x[i] < x[i - 1] + 0.05) {
                    return Double.POSITIVE_INFINITY;
                }
                s += (x[i] - target[i]) * (x[i] - target[i]);
            }
            return s;
        }, start, 0.15, new double[n], filled(n, 1), 6000, 3);
        assertTrue(r.bestCost() < 1e-3, "cost " + r.bestCost() + " at " + Arrays.toString(r.best()));
    }

    @Test
    void eigenDecompositionReconstructs() {
        double[][] c = {{4, 1, 0.5}, {1, 3, 0.2}, {0.5, 0.2, 2}};
        double[][] b = new double[3][3];
        double[] d = new double[3];
        CmaEs.eigen(c, b, d);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double s = 0;
                for (int k = 0; k < 3; k++) {
                    s += b[i][k] * d[k] * d[k] * b[j][k];
                }
                assertEquals(c[i][j], s, 1e-9);
            }
        }
    }

    private static double[] filled(double v) {
        return filled(5, v);
    }

    private static double[] filled(int n, double v) {
        double[] a = new double[n];
        Arrays.fill(a, v);
        return a;
    }
}
