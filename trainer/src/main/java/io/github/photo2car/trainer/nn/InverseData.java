package io.github.photo2car.trainer.nn;

import java.io.IOException;

import io.github.photo2car.raster.OrbitCamera;

/**
 * Multi-view training data for the inverse-graphics network: cars, each seen in several views,
 * each view a square crop around the car with its mask and the exact camera of the crop.
 * Implementations must be safe to read from one loader thread while the trainer runs.
 */
public interface InverseData {

    /**
     * One view of one car.
     *
     * @param crop   [S*S*4] RGB in [0, 1] and the car mask, row 0 at the top
     * @param camera the camera that renders the car exactly into the crop (aspect 1)
     * @param params the car's normalised parameters [P]
     * @param paint  the car's body colour, RGB in [0, 1]
     */
    record View(float[] crop, OrbitCamera camera, float[] params, float[] paint) {
    }

    /** @return S, the crop side in pixels */
    int size();

    /** @return the number of cars */
    int cars();

    /** @return the number of views per car (&ge; 1) */
    int views();

    /**
     * @param car  0..cars-1
     * @param view 0..views-1
     * @return the view
     * @throws IOException if it cannot be read or is damaged
     */
    View read(int car, int view) throws IOException;
}
