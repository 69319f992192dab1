package io.github.photo2car.trainer.eval;

import io.github.photo2car.template.BodyType;
import io.github.photo2car.template.CarParams;

import java.util.Objects;

/**
 * The outcome of fitting the car template to one target shape.
 *
 * @param params      the best template parameters found (metres; only their proportions matter
 *                    for the unit-length comparison)
 * @param iou         voxel IoU of that template with the target on the unit-length grid, 0 … 1
 * @param start       the body-type preset whose start led to the best result
 * @param evaluations number of template shapes voxelised during the fit
 * @param seconds     wall-clock time of the fit
 */
public record TemplateFit(CarParams params, double iou, BodyType start, int evaluations, double seconds) {

    /** Validates the components. */
    public TemplateFit {
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(start, "start");
        if (!(iou >= 0 && iou <= 1)) {
            throw new IllegalArgumentException("iou must be within [0, 1], got " + iou);
        }
    }
}
