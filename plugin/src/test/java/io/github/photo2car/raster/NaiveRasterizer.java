package io.github.photo2car.raster;

/**
 * An independent, deliberately naive reference for {@link JavaRasterBackend#rasterize}: one
 * thread, every pixel against every triangle, no clipping step. Coverage comes straight from 2D
 * homogeneous barycentrics: a pixel is covered if all three are &ge; 0, the interpolated w is
 * positive (in front of the camera) and the NDC depth lies in [-1, 1] (between near and far).
 * That is the same visible set that near-plane clipping produces, reached another way, so the two
 * cross-check each other. Also the "naive single-threaded reference" for benchmarks.
 */
final class NaiveRasterizer {

    private NaiveRasterizer() {
    }

    static RasterOutput rasterize(float[][] positions, int[] tris, int width, int height) {
        int views = positions.length;
        int n = width * height;
        int[][] ids = new int[views][n];
        float[][] bary = new float[views][2 * n];
        float[][] depth = new float[views][n];
        for (int b = 0; b < views; b++) {
            float[] pos = positions[b];
            for (int y = 0; y < height; y++) {
                double py = Homogeneous.ndcY(y, height);
                for (int x = 0; x < width; x++) {
                    double px = Homogeneous.ndcX(x, width);
                    int p = y * width + x;
                    int best = -1;
                    double bestZ = Double.POSITIVE_INFINITY;
                    double bu = 0;
                    double bv = 0;
                    for (int t = 0; t < tris.length / 3; t++) {
                        int i0 = tris[3 * t];
                        int i1 = tris[3 * t + 1];
                        int i2 = tris[3 * t + 2];
                        double f0 = Homogeneous.edge(pos, i1, i2, px, py);
                        double f1 = Homogeneous.edge(pos, i2, i0, px, py);
                        double f2 = Homogeneous.edge(pos, i0, i1, px, py);
                        double s = f0 + f1 + f2;
                        if (s == 0) {
                            continue;
                        }
                        double b0 = f0 / s;
                        double b1 = f1 / s;
                        double b2 = f2 / s;
                        if (b0 < 0 || b1 < 0 || b2 < 0) {
                            continue;
                        }
                        double w = b0 * pos[4 * i0 + 3] + b1 * pos[4 * i1 + 3] + b2 * pos[4 * i2 + 3];
                        double z = b0 * pos[4 * i0 + 2] + b1 * pos[4 * i1 + 2] + b2 * pos[4 * i2 + 2];
                        if (!(w > 0)) {
                            continue;
                        }
                        double zn = z / w;
                        if (zn < -1 || zn > 1) {
                            continue;
                        }
                        if ((float) zn < bestZ) {
                            bestZ = (float) zn;
                            best = t;
                            bu = b0;
                            bv = b1;
                        }
                    }
                    ids[b][p] = best;
                    depth[b][p] = best < 0 ? 1f : (float) bestZ;
                    bary[b][2 * p] = (float) bu;
                    bary[b][2 * p + 1] = (float) bv;
                }
            }
        }
        return new RasterOutput(width, height, ids, bary, depth);
    }
}
