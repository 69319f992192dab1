package io.github.photo2car.raster;

/**
 * The differentiable rasterizer's primitives, each a forward and a backward pass over a batch of
 * B views (see the package documentation for clip space, image layout and barycentric
 * conventions). Implementations must agree with {@link JavaRasterBackend}, the reference.
 *
 * <p>The split follows nvdiffrast (Laine et al. 2020): {@code rasterize} finds what is visible,
 * {@code interpolate} and {@code texture} shade it, {@code antialias} turns the hard coverage
 * discontinuities into position gradients, and {@code softSilhouette} (DIB-R, Chen et al. 2019)
 * gives uncovered pixels a soft coverage so gradients reach the mesh from outside it. Gradients
 * to clip positions flow through {@link #rasterizeBackward} (from barycentrics),
 * {@link #antialiasBackward} and {@link #softSilhouetteBackward}; sum them.
 *
 * <p>Inputs are never modified; every result is a new array. Methods are safe to call from any
 * thread unless an implementation says otherwise.
 */
public interface RasterBackend {

    /**
     * @return a short name for logs and benchmarks, e.g. "java"
     */
    String name();

    /**
     * Rasterizes a triangle mesh in B views: per pixel the nearest triangle whose (near-plane
     * clipped) projection covers the pixel centre, with ties going to the lower triangle id.
     *
     * @param positions clip-space positions [B][V*4] (not modified, finite)
     * @param triangles vertex indices [T*3], each in 0..V-1 (not modified; T may be 0)
     * @param width     image width W in pixels, 1..4096
     * @param height    image height H in pixels, 1..4096
     * @return a new raster output
     * @throws IllegalArgumentException on wrong shapes, indices out of range or non-finite values
     */
    RasterOutput rasterize(float[][] positions, int[] triangles, int width, int height);

    /**
     * Backward of {@link #rasterize} through the barycentrics: gradient of the loss with respect
     * to clip positions, given its gradient with respect to (u, v). Depth carries no gradient,
     * and coverage changes are not differentiable here (see {@link #antialias}).
     *
     * @param raster    the forward output (not modified)
     * @param positions clip-space positions [B][V*4] used for the forward pass (not modified)
     * @param triangles vertex indices [T*3] used for the forward pass (not modified)
     * @param gradBary  dL/d(u, v) [B][H*W*2] (not modified)
     * @return new dL/dpositions [B][V*4]
     */
    float[][] rasterizeBackward(RasterOutput raster, float[][] positions, int[] triangles, float[][] gradBary);

    /**
     * Interpolates per-vertex attributes over the image: out = u*a0 + v*a1 + (1-u-v)*a2 for the
     * visible triangle, 0 where no triangle is visible.
     *
     * @param raster     the forward raster output (not modified)
     * @param triangles  vertex indices [T*3] (not modified)
     * @param attributes [1][V*C] shared by all views, or [B][V*C] one per view (not modified)
     * @param channels   C, the attribute channels per vertex (&ge; 1)
     * @return new images [B][H*W*C]
     */
    float[][] interpolate(RasterOutput raster, int[] triangles, float[][] attributes, int channels);

    /**
     * Backward of {@link #interpolate}.
     *
     * @param raster     the forward raster output (not modified)
     * @param triangles  vertex indices [T*3] (not modified)
     * @param attributes the forward attributes, [1][V*C] or [B][V*C] (not modified)
     * @param channels   C
     * @param gradOutput dL/dimage [B][H*W*C] (not modified)
     * @return new gradients: attributes shaped like the input (a shared [1][V*C] input gets the
     *         sum over views), barycentrics [B][H*W*2] for {@link #rasterizeBackward}
     */
    InterpolateGradients interpolateBackward(RasterOutput raster, int[] triangles, float[][] attributes,
                                             int channels, float[][] gradOutput);

    /**
     * Bilinear texture lookup with clamp-to-edge addressing. Texel (i, j) (column i, row j) has
     * its centre at uv = ((i + 0.5) / texWidth, (j + 0.5) / texHeight); row 0 is at v = 0.
     *
     * @param texture   texels [texHeight*texWidth*C], row-major, shared by all views (not modified)
     * @param texWidth  texture width in texels (&ge; 1)
     * @param texHeight texture height in texels (&ge; 1)
     * @param channels  C (&ge; 1)
     * @param uv        lookup coordinates [B][N*2] for N samples per view (not modified)
     * @return new samples [B][N*C]
     */
    float[][] texture(float[] texture, int texWidth, int texHeight, int channels, float[][] uv);

    /**
     * Backward of {@link #texture}. The uv gradient is that of the bilinear weights, zero where
     * clamping makes the lookup constant.
     *
     * @param texture    texels [texHeight*texWidth*C] (not modified)
     * @param texWidth   texture width in texels
     * @param texHeight  texture height in texels
     * @param channels   C
     * @param uv         lookup coordinates [B][N*2] (not modified)
     * @param gradOutput dL/dsamples [B][N*C] (not modified)
     * @return new gradients: texture [texHeight*texWidth*C] (summed over views), uv [B][N*2]
     */
    TextureGradients textureBackward(float[] texture, int texWidth, int texHeight, int channels,
                                     float[][] uv, float[][] gradOutput);

    /**
     * Analytic antialiasing of silhouette edges (the idea of nvdiffrast's antialias op): for each
     * pair of horizontally or vertically adjacent pixels showing different triangles (or one
     * triangle and background) where a silhouette edge of the nearer triangle crosses the segment
     * between the two pixel centres at fraction t from the covered centre, the pixel on whose side
     * the crossing lies is blended toward its neighbour by |t - 0.5|. The result depends
     * continuously on vertex positions, so a hard mask or image gets position gradients.
     * An edge is a silhouette edge if it has no neighbour in the mesh or its neighbour faces the
     * other way in screen space.
     *
     * @param colors    shaded images [B][H*W*C] (e.g. from {@link #interpolate}; not modified)
     * @param channels  C
     * @param raster    the forward raster output (not modified)
     * @param positions clip-space positions [B][V*4] used for rasterizing (not modified)
     * @param triangles vertex indices [T*3] (not modified)
     * @param topology  edge adjacency of the same triangles (not modified)
     * @return new antialiased images [B][H*W*C]
     */
    float[][] antialias(float[][] colors, int channels, RasterOutput raster, float[][] positions,
                        int[] triangles, EdgeTopology topology);

    /**
     * Backward of {@link #antialias}.
     *
     * @param colors     the forward colours [B][H*W*C] (not modified)
     * @param channels   C
     * @param raster     the forward raster output (not modified)
     * @param positions  clip-space positions [B][V*4] (not modified)
     * @param triangles  vertex indices [T*3] (not modified)
     * @param topology   edge adjacency (not modified)
     * @param gradOutput dL/d(antialiased image) [B][H*W*C] (not modified)
     * @return new gradients: colours [B][H*W*C], positions [B][V*4]
     */
    AntialiasGradients antialiasBackward(float[][] colors, int channels, RasterOutput raster, float[][] positions,
                                         int[] triangles, EdgeTopology topology, float[][] gradOutput);

    /**
     * DIB-R style soft silhouette: for each pixel centre and each face whose projection lies
     * within the cutoff distance, p = exp(-d^2 / sigma) with d the screen distance in pixels from
     * the centre to the projected (near-plane clipped) triangle (0 inside it); the pixel's value
     * is 1 - prod(1 - p). Covered pixels are exactly 1; uncovered pixels near the mesh get values
     * in (0, 1) that depend smoothly on the vertices. Faces are binned to tiles, so each pixel only
     * visits faces within the cutoff, sqrt(sigma * ln 10^4) pixels (p &lt; 1e-4 beyond it).
     * Depth is ignored: this is a silhouette.
     *
     * @param positions clip-space positions [B][V*4] (not modified)
     * @param triangles vertex indices [T*3] (not modified)
     * @param width     image width W in pixels
     * @param height    image height H in pixels
     * @param sigma     softness in square pixels (&gt; 0; e.g. 1..4)
     * @return new masks [B][H*W] in [0, 1]
     */
    float[][] softSilhouette(float[][] positions, int[] triangles, int width, int height, float sigma);

    /**
     * Backward of {@link #softSilhouette}: gradients reach the vertices from the uncovered pixels
     * around the silhouette (covered pixels are constant 1).
     *
     * @param positions clip-space positions [B][V*4] (not modified)
     * @param triangles vertex indices [T*3] (not modified)
     * @param width     image width W
     * @param height    image height H
     * @param sigma     the forward softness in square pixels
     * @param gradMask  dL/dmask [B][H*W] (not modified)
     * @return new dL/dpositions [B][V*4]
     */
    float[][] softSilhouetteBackward(float[][] positions, int[] triangles, int width, int height, float sigma,
                                     float[][] gradMask);
}
