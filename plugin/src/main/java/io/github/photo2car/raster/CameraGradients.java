package io.github.photo2car.raster;

/**
 * Gradients returned by {@link OrbitCamera#projectBackward}.
 *
 * @param camera dL/d of the seven camera parameters in {@link OrbitCamera#parameters()} order
 *               (angles per degree, distance per metre, principal point per NDC unit)
 * @param world  dL/dworld positions [V*3], per metre
 */
public record CameraGradients(float[] camera, float[] world) {
}
