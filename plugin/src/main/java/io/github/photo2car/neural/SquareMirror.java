package io.github.photo2car.neural;

/**
 * Left-right mirroring of square images stored row after row with interleaved channels
 * ([S*S*channels], row 0 at the top), for the networks' mirror averaging: both networks run an
 * input with its mirror image in one batch and turn the mirror's answer back.
 */
final class SquareMirror {

    private SquareMirror() {
    }

    /**
     * Writes the left-right mirror of an image into out.
     *
     * @param image    [S*S*channels] (not modified)
     * @param size     S
     * @param channels values per pixel
     * @param out      receives the mirror at [offset, offset + S*S*channels) (modified)
     * @param offset   where in out the mirror starts
     */
    static void mirror(float[] image, int size, int channels, float[] out, int offset) {
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                System.arraycopy(image, (y * size + x) * channels, out,
                        offset + (y * size + size - 1 - x) * channels, channels);
            }
        }
    }

    /**
     * @param i        an index into an [S*S*channels] image
     * @param size     S
     * @param channels values per pixel
     * @return the index of the same channel at the horizontally mirrored pixel
     */
    static int index(int i, int size, int channels) {
        int pixel = i / channels;
        int y = pixel / size;
        int x = pixel % size;
        return (y * size + size - 1 - x) * channels + i % channels;
    }
}
