package io.github.photo2car.raster;

/**
 * Argument validation shared by the primitives. Every check throws an
 * {@link IllegalArgumentException} whose message names the argument, so a bad call fails before
 * any work starts (and never turns into a hang or NaN gradients later).
 */
final class Checks {

    /** Largest supported image side in pixels. */
    static final int MAX_SIDE = 4096;

    private Checks() {
    }

    static void notNull(Object value, String name) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
    }

    static void finite(float[] values, String name) {
        notNull(values, name);
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new IllegalArgumentException(name + "[" + i + "] is " + values[i]
                        + "; every entry must be finite");
            }
        }
    }

    static void positive(double value, String name) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be finite and > 0, got " + value);
        }
    }

    static void imageSize(int width, int height) {
        if (width < 1 || height < 1 || width > MAX_SIDE || height > MAX_SIDE) {
            throw new IllegalArgumentException("image size must be 1.." + MAX_SIDE + " per side, got "
                    + width + "x" + height);
        }
    }

    /**
     * Validates a batch of clip-space positions and returns the vertex count V.
     */
    static int positions(float[][] positions) {
        notNull(positions, "positions");
        if (positions.length == 0) {
            throw new IllegalArgumentException("positions must hold at least one view");
        }
        int len = -1;
        for (int b = 0; b < positions.length; b++) {
            float[] p = positions[b];
            String name = "positions[" + b + "]";
            finite(p, name);
            if (p.length % 4 != 0) {
                throw new IllegalArgumentException(name + " length " + p.length + " is not a multiple of 4");
            }
            if (len >= 0 && p.length != len) {
                throw new IllegalArgumentException(name + " has length " + p.length
                        + " but positions[0] has " + len + "; every view needs the same vertices");
            }
            len = p.length;
        }
        return len / 4;
    }

    static void triangles(int[] triangles, int vertexCount) {
        notNull(triangles, "triangles");
        if (triangles.length % 3 != 0) {
            throw new IllegalArgumentException("triangles length " + triangles.length + " is not a multiple of 3");
        }
        for (int i = 0; i < triangles.length; i++) {
            int v = triangles[i];
            if (v < 0 || v >= vertexCount) {
                throw new IllegalArgumentException("triangles[" + i + "] = " + v + " is outside 0.."
                        + (vertexCount - 1));
            }
        }
    }

    static void perView(float[][] values, int views, int perViewLength, String name) {
        notNull(values, name);
        if (values.length != views) {
            throw new IllegalArgumentException(name + " must hold " + views + " views, got " + values.length);
        }
        for (int b = 0; b < views; b++) {
            finite(values[b], name + "[" + b + "]");
            if (values[b].length != perViewLength) {
                throw new IllegalArgumentException(name + "[" + b + "] must have length " + perViewLength
                        + ", got " + values[b].length);
            }
        }
    }
}
