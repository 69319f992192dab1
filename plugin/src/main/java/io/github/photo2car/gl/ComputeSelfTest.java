package io.github.photo2car.gl;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Checks, on the current GL context, that compute shaders produce the numbers photo2car needs:
 * element-wise arithmetic, shared-memory reductions, integer atomics and float atomics emulated
 * with compare-and-swap. Backend selection uses it before trusting a driver with the
 * differentiable rasterizer. Must run on the GL thread.
 */
public final class ComputeSelfTest {

    /** Work-group size compiled into the self-test shader. */
    static final int GROUP_SIZE = 256;

    private ComputeSelfTest() {
    }

    /**
     * The outcome of one self-test run.
     *
     * @param passed        true if every check held
     * @param failures      what failed, human readable (empty when passed)
     * @param elements      number of input elements processed
     * @param dispatchNanos wall time of dispatch + read-back, in nanoseconds
     */
    public record Result(boolean passed, List<String> failures, int elements, long dispatchNanos) {
    }

    /**
     * Runs the self-test over {@code elements} pseudo-random inputs.
     *
     * @param elements number of inputs (1 … 16,777,216)
     * @param seed     seed of the inputs
     * @return the result; never throws for wrong numbers, only for GL errors such as a shader that
     *         fails to compile ({@link ShaderException})
     */
    public static Result run(int elements, long seed) {
        if (elements < 1 || elements > (1 << 24)) {
            throw new IllegalArgumentException("elements must be in 1 … 16,777,216, got " + elements);
        }
        int groups = (elements + GROUP_SIZE - 1) / GROUP_SIZE;
        float scale = 2.5f;
        float offset = -1.25f;
        Random random = new Random(seed);
        float[] x = new float[elements];
        for (int i = 0; i < elements; i++) {
            // multiples of 1/64 in [-4, 4): sums of a few thousand are exact in float in any order
            x[i] = (random.nextInt(512) - 256) / 64f;
        }
        List<String> failures = new ArrayList<>();
        long start = System.nanoTime();
        float[] y = new float[elements];
        float[] sums = new float[groups];
        int[] totals = new int[2];
        try (ComputeProgram program = ComputeProgram.load("gl/selftest.comp",
                Map.of("GROUP_SIZE", Integer.toString(GROUP_SIZE)));
             StorageBuffer in = StorageBuffer.of(x);
             StorageBuffer out = new StorageBuffer(elements);
             StorageBuffer groupSums = new StorageBuffer(groups);
             StorageBuffer counters = StorageBuffer.of(new int[2])) {
            in.bind(0);
            out.bind(1);
            groupSums.bind(2);
            counters.bind(3);
            program.setInt("count", elements);
            program.setFloat("scale", scale);
            program.setFloat("offset", offset);
            program.dispatch(groups, 1, 1);
            out.download(y);
            groupSums.download(sums);
            counters.download(totals);
        }
        long nanos = System.nanoTime() - start;

        int badY = 0;
        int positives = 0;
        double total = 0;
        for (int i = 0; i < elements; i++) {
            if (y[i] != scale * x[i] + offset) {
                badY++;
            }
            if (x[i] > 0) {
                positives++;
            }
            total += x[i];
        }
        if (badY > 0) {
            failures.add(badY + " of " + elements + " element-wise results wrong");
        }
        int badGroups = 0;
        for (int g = 0; g < groups; g++) {
            double expected = 0;
            for (int i = g * GROUP_SIZE; i < Math.min(elements, (g + 1) * GROUP_SIZE); i++) {
                expected += x[i];
            }
            if (sums[g] != (float) expected) {
                badGroups++;
            }
        }
        if (badGroups > 0) {
            failures.add(badGroups + " of " + groups + " shared-memory reductions wrong");
        }
        if (totals[0] != positives) {
            failures.add("int atomicAdd counted " + totals[0] + ", expected " + positives);
        }
        float floatTotal = Float.intBitsToFloat(totals[1]);
        if (Math.abs(floatTotal - total) > 1e-3 * Math.max(1, Math.abs(total))) {
            failures.add("float atomic add (CAS loop) summed " + floatTotal + ", expected " + total);
        }
        return new Result(failures.isEmpty(), List.copyOf(failures), elements, nanos);
    }
}
