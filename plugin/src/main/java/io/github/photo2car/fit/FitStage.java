package io.github.photo2car.fit;

/**
 * The coarse-to-fine stages of a car fit, run in this order. Each stage frees more of the
 * problem: the camera first (a wrong pose makes every shape gradient misleading), then the
 * template parameters, then the per-vertex residual for what the template cannot express.
 */
public enum FitStage {
    /** Camera only: azimuth, elevation, distance and principal point (plus fovY and roll if freed). */
    POSE,
    /** Camera and the template's {@link io.github.photo2car.template.CarParams}. */
    SHAPE,
    /** Camera, parameters and the symmetric per-vertex residual, with smoothness regularisers. */
    RESIDUAL
}
