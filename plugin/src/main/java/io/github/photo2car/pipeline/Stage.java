package io.github.photo2car.pipeline;

/** The steps of a photo-to-car conversion, in order, for progress reports and timings. */
public enum Stage {
    /** Find the car: its mask from the photo's alpha, a given mask, or the segmenter. */
    SEGMENT,
    /** First guess of camera and shape: the inverse-graphics network or a pose search. */
    ESTIMATE,
    /** Refine camera, shape and residual against the mask with the rasterizer. */
    FIT,
    /** Project the photo onto the body's texture atlas. */
    BAKE,
    /** Build the rig (meshes, materials, lights, physics) and put it in the scene. */
    RIG
}
