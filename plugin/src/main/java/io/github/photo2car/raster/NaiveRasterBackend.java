package io.github.photo2car.raster;

/**
 * A deliberately naive, single-threaded reference backend: every pixel against every triangle,
 * with no tiles, bins or pruning. It exists as an independent check of {@link JavaRasterBackend}
 * in tests and as the baseline of the benchmark ({@code ./photo2car bench-raster}); it is orders
 * of magnitude slower, so never use it for real work.
 *
 * <p>{@link #rasterize} does not clip: coverage comes straight from 2D homogeneous barycentrics,
 * a pixel is covered if all three are &ge; 0, the interpolated w is positive (in front of the
 * camera) and the NDC depth lies in [-1, 1]. That is the same visible set that near-plane
 * clipping produces, reached another way, so the two cross-check each other. The soft silhouette
 * loops over every face for every pixel with the same distance kernel as the Java backend.
 * The per-pixel operations that search no triangles (interpolate, texture, antialias and the
 * backward passes through barycentrics) run the Java backend's code on one thread.
 *
 * <p>Thread-safe; validation and exceptions as in {@link RasterBackend}.
 */
public final class NaiveRasterBackend implements RasterBackend {

    private static final double CUTOFF_LOG = Math.log(1e4);

    private final JavaRasterBackend perPixel = new JavaRasterBackend(1);

    @Override
    public String name() {
        return "naive";
    }

    @Override
    public RasterOutput rasterize(float[][] positions, int[] tris, int width, int height) {
        int vertexCount = Checks.positions(positions);
        Checks.triangles(tris, vertexCount);
        Checks.imageSize(width, height);
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

    @Override
    public float[][] rasterizeBackward(RasterOutput raster, float[][] positions, int[] triangles,
                                       float[][] gradBary) {
        return perPixel.rasterizeBackward(raster, positions, triangles, gradBary);
    }

    @Override
    public float[][] interpolate(RasterOutput raster, int[] triangles, float[][] attributes, int channels) {
        return perPixel.interpolate(raster, triangles, attributes, channels);
    }

    @Override
    public InterpolateGradients interpolateBackward(RasterOutput raster, int[] triangles, float[][] attributes,
                                                    int channels, float[][] gradOutput) {
        return perPixel.interpolateBackward(raster, triangles, attributes, channels, gradOutput);
    }

    @Override
    public float[][] texture(float[] texture, int texWidth, int texHeight, int channels, float[][] uv) {
        return perPixel.texture(texture, texWidth, texHeight, channels, uv);
    }

    @Override
    public TextureGradients textureBackward(float[] texture, int texWidth, int texHeight, int channels,
                                            float[][] uv, float[][] gradOutput) {
        return perPixel.textureBackward(texture, texWidth, texHeight, channels, uv, gradOutput);
    }

    @Override
    public float[][] antialias(float[][] colors, int channels, RasterOutput raster, float[][] positions,
                               int[] triangles, EdgeTopology topology) {
        return perPixel.antialias(colors, channels, raster, positions, triangles, topology);
    }

    @Override
    public AntialiasGradients antialiasBackward(float[][] colors, int channels, RasterOutput raster,
                                                float[][] positions, int[] triangles, EdgeTopology topology,
                                                float[][] gradOutput) {
        return perPixel.antialiasBackward(colors, channels, raster, positions, triangles, topology, gradOutput);
    }

    @Override
    public float[][] softSilhouette(float[][] positions, int[] triangles, int width, int height, float sigma) {
        checkSoft(positions, triangles, width, height, sigma);
        float[][] out = new float[positions.length][];
        for (int b = 0; b < positions.length; b++) {
            double[] q = new Faces(ClippedView.build(positions[b], triangles, width, height, 0), sigma).products();
            out[b] = new float[q.length];
            for (int p = 0; p < q.length; p++) {
                out[b][p] = (float) (1 - q[p]);
            }
        }
        return out;
    }

    @Override
    public float[][] softSilhouetteBackward(float[][] positions, int[] triangles, int width, int height,
                                            float sigma, float[][] gradMask) {
        checkSoft(positions, triangles, width, height, sigma);
        Checks.perView(gradMask, positions.length, width * height, "gradMask");
        float[][] out = new float[positions.length][];
        for (int b = 0; b < positions.length; b++) {
            ClippedView cv = ClippedView.build(positions[b], triangles, width, height, 0);
            Faces faces = new Faces(cv, sigma);
            double[] q = faces.products();
            double[] grad = new double[positions[b].length];
            for (int p = 0; p < q.length; p++) {
                double g = gradMask[b][p];
                if (g == 0 || !(q[p] > 0)) {
                    continue;
                }
                double px = p % width + 0.5;
                double py = p / width + 0.5;
                for (int s = 0; s < cv.count; ) {
                    int end = faces.groupEnd(s);
                    TriangleDistance best = null;
                    double bestD2 = Double.POSITIVE_INFINITY;
                    for (int k = s; k < end; k++) {
                        double d2 = faces.distance2(k, px, py);
                        if (d2 < bestD2) {
                            bestD2 = d2;
                            best = faces.parts[k];
                        }
                    }
                    if (bestD2 < faces.cut2) {
                        double pf = Math.exp(-bestD2 / sigma);
                        double dd2 = -g * (q[p] / (1 - pf)) * pf / sigma;
                        SoftSilhouette.addDistanceGradient(cv, best, px, py, dd2, positions[b], grad);
                    }
                    s = end;
                }
            }
            out[b] = new float[grad.length];
            for (int i = 0; i < grad.length; i++) {
                out[b][i] = (float) grad[i];
            }
        }
        return out;
    }

    /** Every sub-triangle of a view set up for distances, with its box grown by the cutoff. */
    private static final class Faces {
        final ClippedView cv;
        final double sigma;
        final double cut2;
        final TriangleDistance[] parts;
        /** [count*4] min x, max x, min y, max y, grown by the cutoff radius. */
        final double[] reach;

        Faces(ClippedView cv, double sigma) {
            this.cv = cv;
            this.sigma = sigma;
            double radius = Math.sqrt(sigma * CUTOFF_LOG);
            this.cut2 = radius * radius;
            this.parts = new TriangleDistance[cv.count];
            this.reach = new double[4 * cv.count];
            for (int s = 0; s < cv.count; s++) {
                parts[s] = new TriangleDistance();
                parts[s].set(cv, s);
                int c = 3 * s;
                reach[4 * s] = Math.min(cv.sx[c], Math.min(cv.sx[c + 1], cv.sx[c + 2])) - radius;
                reach[4 * s + 1] = Math.max(cv.sx[c], Math.max(cv.sx[c + 1], cv.sx[c + 2])) + radius;
                reach[4 * s + 2] = Math.min(cv.sy[c], Math.min(cv.sy[c + 1], cv.sy[c + 2])) - radius;
                reach[4 * s + 3] = Math.max(cv.sy[c], Math.max(cv.sy[c + 1], cv.sy[c + 2])) + radius;
            }
        }

        /** Squared distance to sub-triangle s, +inf beyond its grown box. */
        double distance2(int s, double px, double py) {
            if (px < reach[4 * s] || px > reach[4 * s + 1] || py < reach[4 * s + 2] || py > reach[4 * s + 3]) {
                return Double.POSITIVE_INFINITY;
            }
            return parts[s].distance2(px, py);
        }

        /** Sub-triangles of one original face are consecutive in a clipped view. */
        int groupEnd(int s) {
            int end = s + 1;
            while (end < cv.count && cv.parent[end] == cv.parent[s]) {
                end++;
            }
            return end;
        }

        /** q = prod over faces of (1 - p) for every pixel, every face tested. */
        double[] products() {
            double[] q = new double[cv.width * cv.height];
            for (int p = 0; p < q.length; p++) {
                double px = p % cv.width + 0.5;
                double py = p / cv.width + 0.5;
                double prod = 1;
                for (int s = 0; s < cv.count && prod > 0; ) {
                    int end = groupEnd(s);
                    double d2 = Double.POSITIVE_INFINITY;
                    for (int k = s; k < end; k++) {
                        d2 = Math.min(d2, distance2(k, px, py));
                    }
                    if (d2 == 0) {
                        prod = 0;
                    } else if (d2 < cut2) {
                        prod *= 1 - Math.exp(-d2 / sigma);
                    }
                    s = end;
                }
                q[p] = prod;
            }
            return q;
        }
    }

    private static void checkSoft(float[][] positions, int[] triangles, int width, int height, float sigma) {
        int v = Checks.positions(positions);
        Checks.triangles(triangles, v);
        Checks.imageSize(width, height);
        Checks.positive(sigma, "sigma");
    }
}
