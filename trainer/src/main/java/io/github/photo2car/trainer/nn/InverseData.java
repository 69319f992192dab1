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
     * @param frame  the whole picture the crop was cut from, at its own resolution, for scoring
     *               a reprojection where the crop's resampling does not blur the outline; null
     *               where the data does not keep it (see the implementation)
     * @param classes [S*S] the crop's part map as {@link io.github.photo2car.neural.SegmentClass}
     *               ordinals where the car shows, {@link io.github.photo2car.fit.FitTarget#UNKNOWN}
     *               elsewhere (background, occluders, outside the picture), row 0 at the top;
     *               null where the data has no part labels
     * @param residual the body's residual [3*SHAPE_VERTICES] metres, car frame, as the car was
     *               built ({@code CarTemplate.build}); null for a template body (zero residual)
     */
    record View(float[] crop, OrbitCamera camera, float[] params, float[] paint, Frame frame, int[] classes,
                float[] residual) {
    }

    /**
     * The whole picture behind a crop: its car mask and where the crop lies in it.
     *
     * @param width      picture width W in pixels
     * @param height     picture height H in pixels
     * @param labels     [H*W], row 0 at the top: {@link #BACKGROUND}, {@link #CAR} or
     *                   {@link #IGNORED} (the car hidden behind something, so neither car nor
     *                   background)
     * @param aspect     W / H
     * @param centerX    the crop's centre, picture NDC x
     * @param centerY    the crop's centre, picture NDC y (up)
     * @param halfHeight the crop's half-height in picture NDC y units
     * @param cropInside [S*S], row 0 at the top: whether each crop pixel's centre lies in the
     *                   picture ({@link io.github.photo2car.pipeline.CarCrop#insidePhoto}); null
     *                   when all do
     */
    record Frame(int width, int height, byte[] labels, float aspect, float centerX, float centerY,
                 float halfHeight, boolean[] cropInside) {

        /** Label of a background pixel. */
        public static final byte BACKGROUND = 0;
        /** Label of a visible car pixel. */
        public static final byte CAR = 1;
        /** Label of a pixel scored neither way. */
        public static final byte IGNORED = 2;

        /**
         * @param crop a camera of the crop (aspect 1; not modified)
         * @return a new camera of the whole picture (use with {@link #aspect})
         */
        public OrbitCamera fromCrop(OrbitCamera crop) {
            return crop.uncropped(aspect, centerX, centerY, halfHeight);
        }

        /** @return the same picture seen in a mirror (left and right swapped) */
        public Frame mirrored() {
            byte[] out = new byte[labels.length];
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    out[y * width + x] = labels[y * width + width - 1 - x];
                }
            }
            boolean[] in = null;
            if (cropInside != null) {
                int size = (int) Math.round(Math.sqrt(cropInside.length));
                in = new boolean[cropInside.length];
                for (int y = 0; y < size; y++) {
                    for (int x = 0; x < size; x++) {
                        in[y * size + x] = cropInside[y * size + size - 1 - x];
                    }
                }
            }
            return new Frame(width, height, out, aspect, -centerX, centerY, halfHeight, in);
        }
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
