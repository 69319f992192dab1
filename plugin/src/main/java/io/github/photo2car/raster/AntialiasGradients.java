package io.github.photo2car.raster;

/**
 * Gradients returned by {@link RasterBackend#antialiasBackward}.
 *
 * @param colors    dL/dcolours [B][H*W*C]
 * @param positions dL/dpositions [B][V*4] (clip space)
 */
public record AntialiasGradients(float[][] colors, float[][] positions) {
}
