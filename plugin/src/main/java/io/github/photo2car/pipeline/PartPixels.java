package io.github.photo2car.pipeline;

/**
 * A built car's parts as a camera sees them, per pixel (row 0 at the top): the body triangle in
 * front (an index into {@link io.github.photo2car.template.CarMesh#triangles()}, whose part is
 * {@link io.github.photo2car.template.CarMesh#triangleParts()}), {@link #WHEEL} for a tyre or
 * rim, {@link #NONE} for no car; and the car-frame z of that point (metres, + towards the car's
 * front), NaN where there is no car. Made by {@link PreviewRenderer#parts}; the arrays are the
 * record's own and must not be modified.
 *
 * @param width    image width, pixels
 * @param height   image height, pixels
 * @param triangle [height*width] body triangle index, {@link #WHEEL} or {@link #NONE}
 * @param carZ     [height*width] car-frame z, metres (NaN where {@link #NONE})
 */
public record PartPixels(int width, int height, int[] triangle, float[] carZ) {

    /** No car at the pixel. */
    public static final int NONE = -1;
    /** A wheel (tyre or rim) at the pixel. */
    public static final int WHEEL = -2;

    /** Checks the shapes and marks the z of uncovered pixels NaN. */
    public PartPixels {
        if (width <= 0 || height <= 0 || triangle.length != width * height || carZ.length != width * height) {
            throw new IllegalArgumentException("part pixels must be " + width + "x" + height);
        }
        for (int p = 0; p < triangle.length; p++) {
            if (triangle[p] == NONE) {
                carZ[p] = Float.NaN;
            }
        }
    }
}
