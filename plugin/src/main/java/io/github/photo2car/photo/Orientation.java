package io.github.photo2car.photo;

/**
 * EXIF orientation: how stored pixels map to the picture as it should be seen. Values 1…8 as in
 * the EXIF and TIFF specifications (1 upright, 3 turned 180°, 6 needs turning 90° clockwise, 8
 * needs turning 90° anticlockwise, 2/4/5/7 the mirrored variants).
 */
final class Orientation {

    private final int value;
    private final int storedWidth;
    private final int storedHeight;

    /**
     * @param value        EXIF orientation 1…8
     * @param storedWidth  width of the stored pixels
     * @param storedHeight height of the stored pixels
     */
    Orientation(int value, int storedWidth, int storedHeight) {
        if (value < 1 || value > 8) {
            throw new IllegalArgumentException("EXIF orientation must be 1…8, got " + value);
        }
        this.value = value;
        this.storedWidth = storedWidth;
        this.storedHeight = storedHeight;
    }

    /** @return whether width and height trade places (orientations 5…8) */
    static boolean swapsSides(int value) {
        return value >= 5;
    }

    /** @return width of the upright picture */
    int width() {
        return swapsSides(value) ? storedHeight : storedWidth;
    }

    /** @return height of the upright picture */
    int height() {
        return swapsSides(value) ? storedWidth : storedHeight;
    }

    /**
     * @param x column in the upright picture
     * @param y row in the upright picture (0 at the top)
     * @return index of the stored pixel shown there, row-major in the stored image
     */
    int storedIndex(int x, int y) {
        int w = storedWidth;
        int h = storedHeight;
        return switch (value) {
            case 1 -> y * w + x;
            case 2 -> y * w + (w - 1 - x);
            case 3 -> (h - 1 - y) * w + (w - 1 - x);
            case 4 -> (h - 1 - y) * w + x;
            case 5 -> x * w + y;
            case 6 -> (h - 1 - x) * w + y;
            case 7 -> (h - 1 - x) * w + (w - 1 - y);
            default -> x * w + (w - 1 - y); // 8
        };
    }

    /**
     * @param stored stored pixels, row-major (not modified)
     * @return the upright pixels, a new array (the same array when the orientation is 1)
     */
    int[] apply(int[] stored) {
        if (value == 1) {
            return stored;
        }
        int[] upright = new int[stored.length];
        walk((to, from) -> upright[to] = stored[from]);
        return upright;
    }

    /**
     * @param stored stored values, row-major, or null (not modified)
     * @return the upright values, a new array (the same array when the orientation is 1 or it is null)
     */
    float[] apply(float[] stored) {
        if (value == 1 || stored == null) {
            return stored;
        }
        float[] upright = new float[stored.length];
        walk((to, from) -> upright[to] = stored[from]);
        return upright;
    }

    /** Receives one upright index and the stored index that goes there. */
    private interface Move {
        void move(int to, int from);
    }

    private void walk(Move move) {
        int w = width();
        for (int y = 0, i = 0; y < height(); y++) {
            for (int x = 0; x < w; x++, i++) {
                move.move(i, storedIndex(x, y));
            }
        }
    }
}
