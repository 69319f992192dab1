package io.github.photo2car.trainer.eval;

import java.util.Objects;

/**
 * Voxelises a car surface after normalising it to unit length, so that cars in any unit (Kenney
 * models are not in metres) and of any size are compared by shape alone.
 *
 * <p>Normalisation: the surface, given in the car frame (+Y up, +Z forward, +X left, ground at
 * y = 0, centre plane x = 0), is translated along Z so that its bounding box is centred on z = 0
 * and then scaled uniformly by 1 / (its bounding-box extent along Z). Afterwards every car spans
 * z in [-0.5, 0.5] exactly. X and Y are not shifted: the car frame already puts the symmetry plane
 * at x = 0 and the ground at y = 0.
 *
 * <p>Grid: n voxels per axis over x and z in [-0.6, 0.6] and y in [-c, 1.2 - c) with c = 1.2 / n,
 * one voxel row below the ground so that the flood fill of {@link VoxelGrid} reaches under the
 * car and a tyre that touches y = 0 is never clipped.
 */
public final class UnitLengthGrid {

    /** Grid extent per axis in units of the car's length. */
    public static final float EXTENT = 1.2f;
    /** Default voxels per axis. */
    public static final int DEFAULT_SIZE = 64;
    /** Human-readable description of the normalisation, as written into reports. */
    public static final String DESCRIPTION = "unit length: each car (template and model, wheels included) "
            + "is centred on its bounding box along Z and divided by its own length along Z; "
            + "x and z in [-0.6, 0.6], y from the ground (one voxel row below it) up to 1.2";

    private UnitLengthGrid() {
    }

    /**
     * Normalises a surface to unit length and voxelises it.
     *
     * @param soup car surface in the car frame, any unit (not null, not modified; at least one
     *             triangle with a positive extent along Z)
     * @param n    voxels per axis (2 … 512)
     * @return a new solid grid on the fixed unit-length grid of size n
     * @throws IllegalArgumentException if the soup is empty or flat along Z
     */
    public static VoxelGrid voxelize(TriangleSoup soup, int n) {
        Objects.requireNonNull(soup, "soup");
        return VoxelGrid.voxelize(normalise(soup), n, origin(n), EXTENT / n);
    }

    /**
     * The normalised copy of a surface (see the class comment).
     *
     * @param soup car surface in the car frame, any unit (not null, not modified)
     * @return a new soup spanning z in [-0.5, 0.5]
     * @throws IllegalArgumentException if the soup is empty or flat along Z
     */
    public static TriangleSoup normalise(TriangleSoup soup) {
        float[] b = soup.bounds();
        float length = b[5] - b[2];
        if (!(length > 0)) {
            throw new IllegalArgumentException("surface has no extent along Z: " + length);
        }
        float midZ = 0.5f * (b[2] + b[5]);
        float inv = 1f / length;
        float[] xyz = soup.xyz().clone();
        for (int i = 0; i < xyz.length; i += 3) {
            xyz[i] *= inv;
            xyz[i + 1] *= inv;
            xyz[i + 2] = (xyz[i + 2] - midZ) * inv;
        }
        return new TriangleSoup(xyz);
    }

    /**
     * Minimum corner of the grid of size n, in units of the car's length.
     *
     * @param n voxels per axis (&gt; 0)
     * @return a new array {x, y, z}
     */
    public static float[] origin(int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("n must be positive, got " + n);
        }
        float cell = EXTENT / n;
        return new float[] {-0.5f * EXTENT, -cell, -0.5f * EXTENT};
    }
}
