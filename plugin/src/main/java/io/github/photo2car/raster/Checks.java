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

    // Shared by every backend, so all reject the same arguments with the same messages.

    /** The raster has the given number of views and names only triangles of the list. */
    static void raster(RasterOutput raster, int views, int[] triangles) {
        notNull(raster, "raster");
        if (raster.views() != views) {
            throw new IllegalArgumentException("raster holds " + raster.views() + " views, expected " + views);
        }
        int t = triangles.length / 3;
        for (int b = 0; b < views; b++) {
            for (int id : raster.triangleIds(b)) {
                if (id >= t) {
                    throw new IllegalArgumentException("raster names triangle " + id + " but only " + t
                            + " triangles were given; pass the triangles used to rasterize");
                }
            }
        }
    }

    /** Validates interpolation attributes ([1] or [B] views of V*C) and returns V. */
    static int attributes(RasterOutput raster, float[][] attributes, int channels) {
        notNull(raster, "raster");
        notNull(attributes, "attributes");
        if (channels < 1) {
            throw new IllegalArgumentException("channels must be >= 1, got " + channels);
        }
        if (attributes.length != 1 && attributes.length != raster.views()) {
            throw new IllegalArgumentException("attributes must hold 1 (shared) or " + raster.views()
                    + " views, got " + attributes.length);
        }
        int len = -1;
        for (int b = 0; b < attributes.length; b++) {
            finite(attributes[b], "attributes[" + b + "]");
            if (attributes[b].length % channels != 0 || (len >= 0 && attributes[b].length != len)) {
                throw new IllegalArgumentException("attributes[" + b + "] length " + attributes[b].length
                        + " is not V*" + channels + " with the same V in every view");
            }
            len = attributes[b].length;
        }
        return len / channels;
    }

    /** Validates a texture of texHeight*texWidth*channels texels and per-view uv pairs. */
    static void texture(float[] texture, int texWidth, int texHeight, int channels, float[][] uv) {
        finite(texture, "texture");
        if (texWidth < 1 || texHeight < 1 || channels < 1
                || (long) texWidth * texHeight * channels != texture.length) {
            throw new IllegalArgumentException("texture length " + texture.length + " does not match "
                    + texWidth + "x" + texHeight + "x" + channels);
        }
        notNull(uv, "uv");
        for (int b = 0; b < uv.length; b++) {
            finite(uv[b], "uv[" + b + "]");
            if (uv[b].length % 2 != 0) {
                throw new IllegalArgumentException("uv[" + b + "] length " + uv[b].length + " is odd");
            }
        }
    }

    /** Validates the sample gradient of a texture lookup: per view, channels values per uv pair. */
    static void textureGradient(float[][] uv, int channels, float[][] gradOutput) {
        notNull(gradOutput, "gradOutput");
        if (gradOutput.length != uv.length) {
            throw new IllegalArgumentException("gradOutput must hold " + uv.length + " views, got " + gradOutput.length);
        }
        for (int b = 0; b < uv.length; b++) {
            finite(gradOutput[b], "gradOutput[" + b + "]");
            if (gradOutput[b].length != uv[b].length / 2 * channels) {
                throw new IllegalArgumentException("gradOutput[" + b + "] must have length "
                        + uv[b].length / 2 * channels + ", got " + gradOutput[b].length);
            }
        }
    }

    /** Validates the arguments of antialias and its backward (except the output gradient). */
    static void antialias(float[][] colors, int channels, RasterOutput raster, float[][] positions,
                          int[] triangles, EdgeTopology topology) {
        mesh(positions, triangles);
        notNull(raster, "raster");
        notNull(topology, "topology");
        if (channels < 1) {
            throw new IllegalArgumentException("channels must be >= 1, got " + channels);
        }
        if (topology.triangleCount() != triangles.length / 3) {
            throw new IllegalArgumentException("topology was built for " + topology.triangleCount()
                    + " triangles, got " + triangles.length / 3);
        }
        perView(colors, positions.length, raster.width() * raster.height() * channels, "colors");
        if (raster.views() != positions.length) {
            throw new IllegalArgumentException("raster holds " + raster.views() + " views, positions "
                    + positions.length);
        }
        int t = triangles.length / 3;
        for (int b = 0; b < raster.views(); b++) {
            for (int id : raster.triangleIds(b)) {
                if (id >= t) {
                    throw new IllegalArgumentException("raster names triangle " + id + " but only " + t
                            + " triangles were given");
                }
            }
        }
    }

    /** Validates positions and triangles of a mesh in B views; returns V. */
    static int mesh(float[][] positions, int[] triangles) {
        int v = positions(positions);
        triangles(triangles, v);
        return v;
    }

    /** Validates the arguments of the soft silhouette (forward and backward); returns V. */
    static int silhouette(float[][] positions, int[] triangles, int width, int height, float sigma) {
        int v = mesh(positions, triangles);
        imageSize(width, height);
        positive(sigma, "sigma");
        return v;
    }

    /** Validates the arguments of interpolate (forward and backward); returns V. */
    static int interpolation(RasterOutput raster, int[] triangles, float[][] attributes, int channels) {
        int v = attributes(raster, attributes, channels);
        triangles(triangles, v);
        raster(raster, raster.views(), triangles);
        return v;
    }
}
