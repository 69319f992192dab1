package io.github.photo2car.trainer.eval;

import java.util.Arrays;
import java.util.BitSet;
import java.util.Objects;

/**
 * Solid voxelisation of triangle meshes on an axis-aligned grid, and intersection-over-union of
 * two grids. The surface is drawn into the grid first (every voxel a triangle passes through),
 * then the outside is flood-filled from the grid's border; whatever the flood cannot reach is
 * solid. Unlike ray parity or winding numbers this needs no closed, consistently oriented mesh:
 * game models are built of open, overlapping pieces, and any gap narrower than a voxel is sealed.
 */
public final class VoxelGrid {

    private final int n;
    private final float[] origin;
    private final float cell;
    private final BitSet solid;

    /**
     * @param n      voxels per axis (≥ 2)
     * @param origin minimum corner of the grid, metres {x, y, z} (copied)
     * @param cell   voxel edge length, metres (&gt; 0)
     */
    private VoxelGrid(int n, float[] origin, float cell, BitSet solid) {
        this.n = n;
        this.origin = origin.clone();
        this.cell = cell;
        this.solid = solid;
    }

    /**
     * Voxelises a closed (or nearly closed) surface.
     *
     * @param soup   the surface (not null, not modified)
     * @param n      voxels per axis (2 … 512)
     * @param origin minimum corner of the grid {x, y, z} in the soup's units (not null, not modified)
     * @param cell   voxel edge length in the soup's units (&gt; 0)
     * @return a new grid
     */
    public static VoxelGrid voxelize(TriangleSoup soup, int n, float[] origin, float cell) {
        Objects.requireNonNull(soup, "soup");
        if (n < 2 || n > 512 || !(cell > 0) || origin.length != 3) {
            throw new IllegalArgumentException("bad grid: n=" + n + ", cell=" + cell);
        }
        BitSet surface = new BitSet(n * n * n);
        float[] xyz = soup.xyz();
        float[] p = new float[3];
        for (int t = 0; t < xyz.length; t += 9) {
            // sample the triangle at most half a voxel apart, so no voxel it crosses is missed
            float longest = 0;
            for (int e = 0; e < 3; e++) {
                int i0 = t + 3 * e;
                int i1 = t + 3 * ((e + 1) % 3);
                float dx = xyz[i1] - xyz[i0];
                float dy = xyz[i1 + 1] - xyz[i0 + 1];
                float dz = xyz[i1 + 2] - xyz[i0 + 2];
                longest = Math.max(longest, (float) Math.sqrt(dx * dx + dy * dy + dz * dz));
            }
            int steps = Math.max(1, (int) Math.ceil(2f * longest / cell));
            for (int i = 0; i <= steps; i++) {
                for (int j = 0; j <= steps - i; j++) {
                    float a0 = (float) i / steps;
                    float a1 = (float) j / steps;
                    float a2 = 1f - a0 - a1;
                    for (int c = 0; c < 3; c++) {
                        p[c] = a0 * xyz[t + c] + a1 * xyz[t + 3 + c] + a2 * xyz[t + 6 + c];
                    }
                    int ix = (int) Math.floor((p[0] - origin[0]) / cell);
                    int iy = (int) Math.floor((p[1] - origin[1]) / cell);
                    int iz = (int) Math.floor((p[2] - origin[2]) / cell);
                    if (ix >= 0 && iy >= 0 && iz >= 0 && ix < n && iy < n && iz < n) {
                        surface.set((ix * n + iy) * n + iz);
                    }
                }
            }
        }
        BitSet outside = floodOutside(surface, n);
        BitSet solid = new BitSet(n * n * n);
        solid.set(0, n * n * n);
        solid.andNot(outside);
        return new VoxelGrid(n, origin, cell, solid);
    }

    /** Breadth-first fill over 6-neighbours from every border voxel that is not surface. */
    private static BitSet floodOutside(BitSet surface, int n) {
        BitSet outside = new BitSet(n * n * n);
        int[] queue = new int[n * n * n];
        int head = 0;
        int tail = 0;
        for (int ix = 0; ix < n; ix++) {
            for (int iy = 0; iy < n; iy++) {
                for (int iz = 0; iz < n; iz++) {
                    boolean border = ix == 0 || iy == 0 || iz == 0 || ix == n - 1 || iy == n - 1 || iz == n - 1;
                    int id = (ix * n + iy) * n + iz;
                    if (border && !surface.get(id)) {
                        outside.set(id);
                        queue[tail++] = id;
                    }
                }
            }
        }
        int[] step = {n * n, n, 1};
        while (head < tail) {
            int id = queue[head++];
            int[] coord = {id / (n * n), (id / n) % n, id % n};
            for (int axis = 0; axis < 3; axis++) {
                for (int dir = -1; dir <= 1; dir += 2) {
                    int c = coord[axis] + dir;
                    if (c < 0 || c >= n) {
                        continue;
                    }
                    int next = id + dir * step[axis];
                    if (!outside.get(next) && !surface.get(next)) {
                        outside.set(next);
                        queue[tail++] = next;
                    }
                }
            }
        }
        return outside;
    }

    /** @return voxels per axis */
    public int size() {
        return n;
    }

    /** @return the number of solid voxels */
    public int count() {
        return solid.cardinality();
    }

    /** @return solid volume in cubic units of the soup */
    public double volume() {
        return (double) count() * cell * cell * cell;
    }

    /**
     * @param ix voxel index along x
     * @param iy voxel index along y
     * @param iz voxel index along z
     * @return true if that voxel is solid
     */
    public boolean get(int ix, int iy, int iz) {
        return solid.get((ix * n + iy) * n + iz);
    }

    /**
     * Intersection over union of two grids with the same size, origin and cell.
     *
     * @param other the other grid (not null)
     * @return |A∩B| / |A∪B|, 0 when both are empty
     */
    public double iou(VoxelGrid other) {
        if (other.n != n || other.cell != cell || !Arrays.equals(other.origin, origin)) {
            throw new IllegalArgumentException("grids differ in size, origin or cell");
        }
        BitSet inter = (BitSet) solid.clone();
        inter.and(other.solid);
        BitSet union = (BitSet) solid.clone();
        union.or(other.solid);
        int u = union.cardinality();
        return u == 0 ? 0.0 : (double) inter.cardinality() / u;
    }
}
