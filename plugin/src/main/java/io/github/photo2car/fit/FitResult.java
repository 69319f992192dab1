package io.github.photo2car.fit;

import io.github.photo2car.raster.OrbitCamera;
import io.github.photo2car.template.CarParams;

/**
 * The outcome of a car fit: the best state seen (by hard-mask IoU, averaged with the part
 * agreement when the target has labels), how far it got and why it stopped. Build the car with
 * {@code CarTemplate.build(result.params(), result.residual())} and view it through
 * {@code result.camera()}.
 *
 * @param camera         the fitted camera (azimuth wrapped to (-180, 180] degrees)
 * @param params         the fitted template parameters
 * @param residual       the fitted per-shape-vertex residual [3*SHAPE_VERTICES], metres, car frame,
 *                       left/right symmetric; all zero when the RESIDUAL stage did not run
 * @param iou            hard-mask IoU of the fitted car against the target mask
 * @param partAgreement  fraction of labelled target pixels showing the same part or class (the
 *                       target's {@link FitTarget.LabelKind}); NaN without labels
 * @param iterations     iterations run over all stages and restarts
 * @param lossHistory    the loss at every iteration [iterations]
 * @param iouHistory     the hard-mask IoU at every iteration [iterations]
 * @param stopReason     why the fit ended
 * @param elapsedMillis  wall time of the fit, milliseconds
 * @param cameras        one fitted camera per picture of a fit to several pictures
 *                       ({@link CarFitter#fit(java.util.List, java.util.List, CarParams, float[],
 *                       java.util.function.BooleanSupplier)}), the first being {@code camera};
 *                       with several, {@code iou} and {@code partAgreement} are the pictures' means
 */
public record FitResult(OrbitCamera camera, CarParams params, float[] residual, double iou,
                        double partAgreement, int iterations, double[] lossHistory, double[] iouHistory,
                        StopReason stopReason, long elapsedMillis, java.util.List<OrbitCamera> cameras) {

    /** Copies the camera list. */
    public FitResult {
        cameras = java.util.List.copyOf(cameras);
    }
}
