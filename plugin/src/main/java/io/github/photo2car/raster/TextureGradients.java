package io.github.photo2car.raster;

/**
 * Gradients returned by {@link RasterBackend#textureBackward}.
 *
 * @param texture dL/dtexture [texHeight*texWidth*C], summed over views
 * @param uv      dL/duv [B][N*2]
 */
public record TextureGradients(float[] texture, float[][] uv) {
}
