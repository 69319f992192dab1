package io.github.photo2car.trainer.nn;

import java.io.IOException;

/**
 * Labelled images for the segmenter: square RGB images with a class per pixel
 * ({@link io.github.photo2car.neural.SegmentClass} ordinals). Implementations must be safe to
 * read from one loader thread while the trainer runs.
 */
public interface SegmentationData {

    /** @return S, the side of every image in pixels */
    int size();

    /** @return the number of samples */
    int count();

    /**
     * Reads one sample.
     *
     * @param index  0..count-1
     * @param rgb    receives [S*S*3] RGB in [0, 1], row 0 at the top (modified)
     * @param labels receives [S*S] class ordinals (modified)
     * @throws IOException if the sample cannot be read or is damaged
     */
    void read(int index, float[] rgb, byte[] labels) throws IOException;
}
