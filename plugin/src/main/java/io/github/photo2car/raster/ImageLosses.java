package io.github.photo2car.raster;

/**
 * Image-space losses with gradients. Every method returns weight * loss and, when grad is not
 * null, <b>adds</b> weight * dloss/dprediction into grad (so several losses can share one
 * gradient buffer); the target is never differentiated. Arrays are flat per-pixel images of any
 * layout as long as prediction and target agree; neither is modified.
 */
public final class ImageLosses {

    private ImageLosses() {
    }

    /**
     * Soft intersection-over-union loss of a soft mask against a target mask:
     * 1 - sum(p t) / sum(p + t - p t). Zero when both are empty.
     *
     * @param prediction predicted mask values in [0, 1] [N] (not modified)
     * @param target     target mask values in [0, 1] [N] (not modified)
     * @param weight     loss weight
     * @param grad       [N] gradient accumulator, or null (added to)
     * @return weight * loss, in [0, weight]
     */
    public static double softIou(float[] prediction, float[] target, float weight, float[] grad) {
        check(prediction, target, grad);
        double inter = 0;
        double union = 0;
        for (int i = 0; i < prediction.length; i++) {
            double p = prediction[i];
            double t = target[i];
            inter += p * t;
            union += p + t - p * t;
        }
        if (!(union > 0)) {
            return 0;
        }
        if (grad != null) {
            double u2 = union * union;
            for (int i = 0; i < prediction.length; i++) {
                double t = target[i];
                grad[i] += (float) (-weight * (t * union - inter * (1 - t)) / u2);
            }
        }
        return weight * (1 - inter / union);
    }

    /**
     * Mean absolute error; the gradient at exact equality is taken as 0.
     *
     * @param prediction [N] (not modified)
     * @param target     [N] (not modified)
     * @param weight     loss weight
     * @param grad       [N] gradient accumulator, or null (added to)
     * @return weight * mean |prediction - target|
     */
    public static double l1(float[] prediction, float[] target, float weight, float[] grad) {
        check(prediction, target, grad);
        if (prediction.length == 0) {
            return 0;
        }
        double sum = 0;
        double scale = weight / (double) prediction.length;
        for (int i = 0; i < prediction.length; i++) {
            double d = prediction[i] - (double) target[i];
            sum += Math.abs(d);
            if (grad != null) {
                grad[i] += (float) (scale * Math.signum(d));
            }
        }
        return weight * sum / prediction.length;
    }

    /**
     * Mean squared error.
     *
     * @param prediction [N] (not modified)
     * @param target     [N] (not modified)
     * @param weight     loss weight
     * @param grad       [N] gradient accumulator, or null (added to)
     * @return weight * mean (prediction - target)^2
     */
    public static double l2(float[] prediction, float[] target, float weight, float[] grad) {
        check(prediction, target, grad);
        if (prediction.length == 0) {
            return 0;
        }
        double sum = 0;
        double scale = 2 * weight / (double) prediction.length;
        for (int i = 0; i < prediction.length; i++) {
            double d = prediction[i] - (double) target[i];
            sum += d * d;
            if (grad != null) {
                grad[i] += (float) (scale * d);
            }
        }
        return weight * sum / prediction.length;
    }

    /**
     * Cross-entropy of rendered per-pixel class probabilities against a label image:
     * mean over labelled pixels of -ln(p[label] + eps). Rendered part maps are probabilities
     * already (interpolated and antialiased one-hot colours, with a background class), hence no
     * softmax here; eps keeps the loss and its gradient finite where a class got no coverage.
     *
     * @param probabilities [N*C] per-pixel class probabilities (not modified)
     * @param channels      C, the number of classes (&ge; 1)
     * @param labels        [N] class index per pixel, or -1 to ignore the pixel (not modified)
     * @param eps           smoothing (&gt; 0), e.g. 1e-4
     * @param weight        loss weight
     * @param grad          [N*C] gradient accumulator, or null (added to)
     * @return weight * loss (0 when no pixel is labelled)
     */
    public static double partCrossEntropy(float[] probabilities, int channels, int[] labels, float eps,
                                          float weight, float[] grad) {
        Checks.finite(probabilities, "probabilities");
        Checks.notNull(labels, "labels");
        Checks.positive(eps, "eps");
        if (channels < 1 || probabilities.length != labels.length * channels) {
            throw new IllegalArgumentException("probabilities length " + probabilities.length + " is not "
                    + labels.length + " labels * " + channels + " channels");
        }
        if (grad != null && grad.length != probabilities.length) {
            throw new IllegalArgumentException("grad must have length " + probabilities.length);
        }
        int count = 0;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < -1 || labels[i] >= channels) {
                throw new IllegalArgumentException("labels[" + i + "] = " + labels[i] + " is outside -1.."
                        + (channels - 1));
            }
            if (labels[i] >= 0) {
                count++;
            }
        }
        if (count == 0) {
            return 0;
        }
        double sum = 0;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0) {
                continue;
            }
            double p = Math.max(0, probabilities[i * channels + labels[i]]) + eps;
            sum -= Math.log(p);
            if (grad != null) {
                grad[i * channels + labels[i]] -= (float) (weight / (count * p));
            }
        }
        return weight * sum / count;
    }

    private static void check(float[] prediction, float[] target, float[] grad) {
        Checks.finite(prediction, "prediction");
        Checks.finite(target, "target");
        if (prediction.length != target.length) {
            throw new IllegalArgumentException("prediction has " + prediction.length + " entries, target "
                    + target.length);
        }
        if (grad != null && grad.length != prediction.length) {
            throw new IllegalArgumentException("grad must have length " + prediction.length + ", got " + grad.length);
        }
    }
}
