package io.github.photo2car.trainer.nn;

/**
 * The step-size schedule of our trainers: linear warm-up from 0 to the peak, then cosine decay
 * to 1 % of the peak at the last step (Loshchilov and Hutter 2017, without restarts).
 *
 * @param peak        the largest step size (&gt; 0)
 * @param warmupSteps steps of warm-up (&ge; 0)
 * @param totalSteps  the run's last step (&ge; 1)
 */
public record LearningRate(float peak, int warmupSteps, long totalSteps) {

    /**
     * @param step 1-based step number
     * @return the step size for that step
     */
    public float at(long step) {
        if (step <= warmupSteps) {
            return peak * step / Math.max(1, warmupSteps);
        }
        double t = (step - warmupSteps) / (double) Math.max(1, totalSteps - warmupSteps);
        return (float) (peak * (0.01 + 0.99 * 0.5 * (1 + Math.cos(Math.PI * Math.min(1, t)))));
    }

    /**
     * The number of steps of a run: whole batches per epoch times epochs, capped.
     *
     * @param samples  training samples
     * @param batch    samples per step
     * @param epochs   passes over the samples
     * @param maxSteps cap (0 = none)
     * @return the steps per epoch (index 0) and the total (index 1)
     */
    public static long[] plan(int samples, int batch, int epochs, int maxSteps) {
        long perEpoch = Math.max(1, samples / batch);
        long total = perEpoch * epochs;
        return new long[] {perEpoch, maxSteps > 0 ? Math.min(total, maxSteps) : total};
    }
}
