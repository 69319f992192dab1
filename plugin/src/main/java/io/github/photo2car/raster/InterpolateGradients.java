package io.github.photo2car.raster;

/**
 * Gradients returned by {@link RasterBackend#interpolateBackward}.
 *
 * @param attributes   dL/dattributes, shaped like the forward attributes ([1][V*C] or [B][V*C])
 * @param barycentrics dL/d(u, v) [B][H*W*2], to pass on to {@link RasterBackend#rasterizeBackward}
 */
public record InterpolateGradients(float[][] attributes, float[][] barycentrics) {
}
