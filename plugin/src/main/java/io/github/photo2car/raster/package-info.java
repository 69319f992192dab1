/**
 * The differentiable rasterizer: small orthogonal primitives, each with a forward and a backward
 * pass, batched over several views, after the split of nvdiffrast (Laine et al. 2020, "Modular
 * Primitives for High-Performance Differentiable Rendering"): {@code rasterize},
 * {@code interpolate}, {@code texture}, {@code antialias}; plus a DIB-R style soft silhouette
 * (Chen et al. 2019, "Learning to Predict 3D Objects with an Interpolation-based Differentiable
 * Renderer", as in Kaolin), an orbit camera, image losses, mesh regularisers and Adam.
 *
 * <h2>Conventions used by every class of this package</h2>
 * <ul>
 * <li>Clip space is OpenGL's: a vertex is (x, y, z, w); the visible volume is
 *     -w &le; x, y, z &le; w. Positions of one view are a flat {@code float[V*4]}; a batch of B
 *     views is a {@code float[B][V*4]} with the same V in every view.</li>
 * <li>Triangles are a flat {@code int[T*3]} of vertex indices, shared by all views. Winding does
 *     not matter to coverage (no back-face culling).</li>
 * <li>Images are W&times;H, row-major, <b>row 0 at the top</b> (image convention, like a photo or a
 *     {@code BufferedImage}; NDC y = +1 is row 0). Pixel (x, y) has its centre at
 *     (x + 0.5, y + 0.5) pixels, i.e. NDC ((x + 0.5) * 2 / W - 1, 1 - (y + 0.5) * 2 / H).
 *     A per-pixel quantity with C channels is a flat {@code float[H*W*C]} per view.</li>
 * <li>Barycentrics (u, v) weight vertices 0 and 1 of the triangle; vertex 2 gets 1 - u - v. They
 *     are perspective-correct (linear in clip space, not in screen space).</li>
 * <li>Depth is NDC z = z/w in [-1, 1], smaller is nearer. Geometry nearer than the near plane
 *     (z &lt; -w) is clipped in homogeneous space before projection, so nothing behind the camera
 *     wraps around; fragments beyond the far plane (z/w &gt; 1) are discarded.</li>
 * <li>Backward methods take the gradient of a scalar loss with respect to a forward output and
 *     return new arrays with the gradient with respect to the inputs. Inputs are never modified.</li>
 * <li>Every method validates its arguments up front: wrong sizes, indices out of range, NaN or
 *     infinite values give an {@link java.lang.IllegalArgumentException} that says which argument.</li>
 * </ul>
 */
package io.github.photo2car.raster;
