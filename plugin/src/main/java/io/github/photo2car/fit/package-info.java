/**
 * Test-time fitting of the parametric car to an image: {@link io.github.photo2car.fit.CarFitter}
 * recovers the camera, the template's {@link io.github.photo2car.template.CarParams} and a
 * symmetric per-vertex residual from a {@link io.github.photo2car.fit.FitTarget} (a car mask and,
 * optionally, template part labels or the segmenter's class labels), starting from a guess such as a network's prediction, through the
 * differentiable rasterizer of {@code io.github.photo2car.raster}. Settings are in
 * {@link io.github.photo2car.fit.FitOptions}, the outcome in
 * {@link io.github.photo2car.fit.FitResult}; see docs/FIT.md for the algorithm and measurements.
 *
 * <p>Images follow the rasterizer's convention: W&times;H, row-major, row 0 at the top.
 */
package io.github.photo2car.fit;
