package io.github.photo2car.fit;

/**
 * Receives the progress of a car fit, once per iteration, on the fitting thread. Keep it quick:
 * it runs inside the optimisation loop.
 */
@FunctionalInterface
public interface FitListener {

    /**
     * Called after each evaluation of the loss, before the step.
     *
     * @param iteration the iteration, counting from 0 over all stages and restarts
     * @param stage     the stage the iteration belongs to
     * @param loss      the total loss (soft IoU + hard-mask IoU + part terms + regularisers)
     * @param iou       the hard-mask IoU of the current car against the target, in [0, 1]
     */
    void onIteration(int iteration, FitStage stage, double loss, double iou);
}
