package io.github.photo2car.trainer.eval;

import java.util.Arrays;
import java.util.Objects;

/**
 * Triangles as three xyz vertices each, no sharing: {@code xyz[9*t .. 9*t+8]} is triangle t. The
 * simplest common form for meshes from anywhere (glTF models, the car template) when all that
 * matters is the surface.
 *
 * @param xyz vertex coordinates, 9 floats per triangle (not null; owned by the record)
 */
public record TriangleSoup(float[] xyz) {

    /** Validates the layout. */
    public TriangleSoup {
        Objects.requireNonNull(xyz, "xyz");
        if (xyz.length % 9 != 0) {
            throw new IllegalArgumentException("9 floats per triangle expected, got " + xyz.length);
        }
    }

    /**
     * Converts an indexed mesh.
     *
     * @param positions vertex positions, xyz interleaved (not modified)
     * @param triangles vertex indices, 3 per triangle (not modified)
     * @return a new soup
     */
    public static TriangleSoup fromIndexed(float[] positions, int[] triangles) {
        float[] out = new float[triangles.length * 3];
        for (int i = 0; i < triangles.length; i++) {
            System.arraycopy(positions, 3 * triangles[i], out, 3 * i, 3);
        }
        return new TriangleSoup(out);
    }

    /** @return the number of triangles */
    public int triangleCount() {
        return xyz.length / 9;
    }

    /**
     * @return axis-aligned bounds {minX, minY, minZ, maxX, maxY, maxZ}; all NaN when empty
     */
    public float[] bounds() {
        float[] b = {Float.POSITIVE_INFINITY, Float.POSITIVE_INFINITY, Float.POSITIVE_INFINITY,
            Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY};
        if (xyz.length == 0) {
            Arrays.fill(b, Float.NaN);
            return b;
        }
        for (int i = 0; i < xyz.length; i += 3) {
            for (int a = 0; a < 3; a++) {
                b[a] = Math.min(b[a], xyz[i + a]);
                b[a + 3] = Math.max(b[a + 3], xyz[i + a]);
            }
        }
        return b;
    }

    /**
     * Concatenates soups.
     *
     * @param parts the soups (not modified)
     * @return a new soup holding all their triangles
     */
    public static TriangleSoup concat(TriangleSoup... parts) {
        int n = 0;
        for (TriangleSoup p : parts) {
            n += p.xyz.length;
        }
        float[] out = new float[n];
        int at = 0;
        for (TriangleSoup p : parts) {
            System.arraycopy(p.xyz, 0, out, at, p.xyz.length);
            at += p.xyz.length;
        }
        return new TriangleSoup(out);
    }
}
