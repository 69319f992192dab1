package io.github.photo2car.fit;

/** Why a car fit ended. */
public enum StopReason {
    /** The last stage stopped improving (early stopping: patience ran out). */
    CONVERGED,
    /** The hard-mask IoU reached {@link FitOptions#targetIou()}. */
    TARGET_REACHED,
    /** All stages used their iteration budgets. */
    ITERATION_LIMIT,
    /** The caller's cancel flag was raised. */
    CANCELLED,
    /** The fitting thread was interrupted (its interrupt flag is left set). */
    INTERRUPTED
}
