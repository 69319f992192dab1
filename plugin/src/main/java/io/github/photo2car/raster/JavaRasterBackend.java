package io.github.photo2car.raster;

import java.util.Arrays;
import java.util.concurrent.ForkJoinPool;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * The reference implementation of {@link RasterBackend} in plain Java, and the fast path on
 * machines without a hardware GPU. Work is tiled: triangles are clipped and binned into 16x16
 * pixel tiles ({@link ClippedView}), and tiles (of all views) are processed in parallel on a
 * private fork-join pool, so no pixel ever loops over all triangles. Backward passes that
 * scatter into vertex gradients give each worker chunk its own accumulator and sum them at the
 * end, which keeps results deterministic for a given thread count. Arithmetic is double inside,
 * float at the interfaces.
 *
 * <p>Thread-safe: one instance may serve several threads at once.
 */
public final class JavaRasterBackend implements RasterBackend {

    /** Soft-silhouette faces farther than sqrt(sigma * ln 1e4) pixels contribute p &lt; 1e-4: ignored. */
    private static final double CUTOFF_LOG = Math.log(1e4);

    private final int threads;
    private final ForkJoinPool pool;
    /** What the last pass clipped and binned, shared with the next passes on the same inputs. */
    private volatile PreparedViews prepared;
    /** The last soft silhouette's cutoff radius: rasterize bins this wide so the two can share. */
    private volatile double softMargin;

    /**
     * Creates a backend using every available processor.
     */
    public JavaRasterBackend() {
        this(Runtime.getRuntime().availableProcessors());
    }

    /**
     * Creates a backend with its own pool of worker threads (daemon threads that end when idle).
     *
     * @param threads the number of worker threads, 1..256 (1 = run on the calling thread)
     * @throws IllegalArgumentException if threads is out of range
     */
    public JavaRasterBackend(int threads) {
        if (threads < 1 || threads > 256) {
            throw new IllegalArgumentException("threads must be 1..256, got " + threads);
        }
        this.threads = threads;
        this.pool = threads > 1 ? new ForkJoinPool(threads) : null;
    }

    /** @return "java" */
    @Override
    public String name() {
        return "java";
    }

    /** @return the number of worker threads this backend uses */
    public int threads() {
        return threads;
    }

    // ------------------------------------------------------------------ rasterize

    @Override
    public RasterOutput rasterize(float[][] positions, int[] triangles, int width, int height) {
        int v = Checks.positions(positions);
        Checks.triangles(triangles, v);
        Checks.imageSize(width, height);
        int views = positions.length;
        int n = width * height;
        int[][] ids = new int[views][n];
        float[][] bary = new float[views][2 * n];
        float[][] depth = new float[views][n];
        ClippedView[] clipped = prepare(positions, triangles, width, height, 0).clipped;
        int tiles = clipped[0].tilesX * clipped[0].tilesY;
        parallelFor(views * tiles, k -> {
            int b = k / tiles;
            rasterTile(clipped[b], k % tiles, positions[b], triangles, ids[b], bary[b], depth[b]);
        });
        return new RasterOutput(width, height, ids, bary, depth);
    }

    private static void rasterTile(ClippedView cv, int tile, float[] pos, int[] tris, int[] ids, float[] bary,
                                   float[] depth) {
        int w = cv.width;
        int h = cv.height;
        int tx0 = (tile % cv.tilesX) * ClippedView.TILE;
        int ty0 = (tile / cv.tilesX) * ClippedView.TILE;
        int tx1 = Math.min(w, tx0 + ClippedView.TILE) - 1;
        int ty1 = Math.min(h, ty0 + ClippedView.TILE) - 1;
        for (int y = ty0; y <= ty1; y++) {
            Arrays.fill(ids, y * w + tx0, y * w + tx1 + 1, -1);
            Arrays.fill(depth, y * w + tx0, y * w + tx1 + 1, Float.POSITIVE_INFINITY);
        }
        int[] box = new int[4];
        double[] e = cv.edge;
        double[] pl = cv.plane;
        for (int it = cv.binStart[tile]; it < cv.binStart[tile + 1]; it++) {
            int s = cv.binItems[it];
            cv.bounds(s, 0, box);
            int x0 = Math.max(box[0], tx0);
            int x1 = Math.min(box[1], tx1);
            int y0 = Math.max(box[2], ty0);
            int y1 = Math.min(box[3], ty1);
            int base = 9 * s;
            int parent = cv.parent[s];
            for (int y = y0; y <= y1; y++) {
                double cy = y + 0.5;
                double r0 = e[base + 1] * cy + e[base + 2];
                double r1 = e[base + 4] * cy + e[base + 5];
                double r2 = e[base + 7] * cy + e[base + 8];
                double rz = pl[3 * s + 1] * cy + pl[3 * s + 2];
                int row = y * w;
                for (int x = x0; x <= x1; x++) {
                    double cx = x + 0.5;
                    if (e[base] * cx + r0 < 0 || e[base + 3] * cx + r1 < 0 || e[base + 6] * cx + r2 < 0) {
                        continue;
                    }
                    double z = pl[3 * s] * cx + rz;
                    if (z > 1) {
                        continue; // beyond the far plane
                    }
                    float zf = (float) z;
                    // strict test: the lower triangle id (binned first) wins exact ties
                    if (zf < depth[row + x]) {
                        depth[row + x] = zf;
                        ids[row + x] = parent;
                    }
                }
            }
        }
        for (int y = ty0; y <= ty1; y++) {
            double py = Homogeneous.ndcY(y, h);
            for (int x = tx0; x <= tx1; x++) {
                int p = y * w + x;
                int t = ids[p];
                if (t < 0) {
                    depth[p] = 1f;
                    bary[2 * p] = 0f;
                    bary[2 * p + 1] = 0f;
                    continue;
                }
                double px = Homogeneous.ndcX(x, w);
                int i0 = tris[3 * t];
                int i1 = tris[3 * t + 1];
                int i2 = tris[3 * t + 2];
                double f0 = Homogeneous.edge(pos, i1, i2, px, py);
                double f1 = Homogeneous.edge(pos, i2, i0, px, py);
                double f2 = Homogeneous.edge(pos, i0, i1, px, py);
                double sum = f0 + f1 + f2;
                if (sum == 0) {
                    bary[2 * p] = 1f / 3;
                    bary[2 * p + 1] = 1f / 3;
                } else {
                    bary[2 * p] = (float) (f0 / sum);
                    bary[2 * p + 1] = (float) (f1 / sum);
                }
            }
        }
    }

    @Override
    public float[][] rasterizeBackward(RasterOutput raster, float[][] positions, int[] triangles,
                                       float[][] gradBary) {
        int v = Checks.positions(positions);
        Checks.triangles(triangles, v);
        Checks.raster(raster, positions.length, triangles);
        int w = raster.width();
        int h = raster.height();
        Checks.perView(gradBary, positions.length, 2 * w * h, "gradBary");
        float[][] out = new float[positions.length][];
        for (int b = 0; b < positions.length; b++) {
            float[] pos = positions[b];
            int[] ids = raster.triangleIds(b);
            float[] g = gradBary[b];
            double[] acc = accumulate(h, 4 * v, (y, grad) -> {
                double py = Homogeneous.ndcY(y, h);
                for (int x = 0; x < w; x++) {
                    int p = y * w + x;
                    int t = ids[p];
                    double gu = g[2 * p];
                    double gv = g[2 * p + 1];
                    if (t < 0 || (gu == 0 && gv == 0)) {
                        continue;
                    }
                    double px = Homogeneous.ndcX(x, w);
                    int i0 = triangles[3 * t];
                    int i1 = triangles[3 * t + 1];
                    int i2 = triangles[3 * t + 2];
                    double f0 = Homogeneous.edge(pos, i1, i2, px, py);
                    double f1 = Homogeneous.edge(pos, i2, i0, px, py);
                    double f2 = Homogeneous.edge(pos, i0, i1, px, py);
                    double sum = f0 + f1 + f2;
                    if (!(Math.abs(sum) > 1e-300)) {
                        continue;
                    }
                    // u = f0/sum, v = f1/sum: quotient rule, common term shared by all three f
                    double common = (gu * f0 + gv * f1) / (sum * sum);
                    Homogeneous.addEdgeGradient(gu / sum - common, pos, i1, i2, px, py, grad);
                    Homogeneous.addEdgeGradient(gv / sum - common, pos, i2, i0, px, py, grad);
                    Homogeneous.addEdgeGradient(-common, pos, i0, i1, px, py, grad);
                }
            });
            out[b] = toFloat(acc);
        }
        return out;
    }

    // ------------------------------------------------------------------ interpolate

    @Override
    public float[][] interpolate(RasterOutput raster, int[] triangles, float[][] attributes, int channels) {
        int v = Checks.attributes(raster, attributes, channels);
        Checks.triangles(triangles, v);
        Checks.raster(raster, raster.views(), triangles);
        int w = raster.width();
        int h = raster.height();
        int views = raster.views();
        float[][] out = new float[views][w * h * channels];
        parallelFor(views * h, k -> {
            int b = k / h;
            int y = k % h;
            float[] attr = attributes[attributes.length == 1 ? 0 : b];
            int[] ids = raster.triangleIds(b);
            float[] bary = raster.barycentrics(b);
            float[] o = out[b];
            for (int p = y * w; p < (y + 1) * w; p++) {
                int t = ids[p];
                if (t < 0) {
                    continue;
                }
                double u = bary[2 * p];
                double vv = bary[2 * p + 1];
                double r = 1 - u - vv;
                int a0 = triangles[3 * t] * channels;
                int a1 = triangles[3 * t + 1] * channels;
                int a2 = triangles[3 * t + 2] * channels;
                for (int c = 0; c < channels; c++) {
                    o[p * channels + c] = (float) (u * attr[a0 + c] + vv * attr[a1 + c] + r * attr[a2 + c]);
                }
            }
        });
        return out;
    }

    @Override
    public InterpolateGradients interpolateBackward(RasterOutput raster, int[] triangles, float[][] attributes,
                                                    int channels, float[][] gradOutput) {
        int v = Checks.attributes(raster, attributes, channels);
        Checks.triangles(triangles, v);
        Checks.raster(raster, raster.views(), triangles);
        int w = raster.width();
        int h = raster.height();
        int views = raster.views();
        Checks.perView(gradOutput, views, w * h * channels, "gradOutput");
        float[][] gradBary = new float[views][2 * w * h];
        float[][] gradAttr = new float[attributes.length][];
        double[] shared = attributes.length == 1 ? new double[v * channels] : null;
        for (int b = 0; b < views; b++) {
            float[] attr = attributes[attributes.length == 1 ? 0 : b];
            int[] ids = raster.triangleIds(b);
            float[] bary = raster.barycentrics(b);
            float[] g = gradOutput[b];
            float[] gb = gradBary[b];
            double[] acc = accumulate(h, v * channels, (y, grad) -> {
                for (int p = y * w; p < (y + 1) * w; p++) {
                    int t = ids[p];
                    if (t < 0) {
                        continue;
                    }
                    double u = bary[2 * p];
                    double vv = bary[2 * p + 1];
                    double r = 1 - u - vv;
                    int a0 = triangles[3 * t] * channels;
                    int a1 = triangles[3 * t + 1] * channels;
                    int a2 = triangles[3 * t + 2] * channels;
                    double du = 0;
                    double dv = 0;
                    for (int c = 0; c < channels; c++) {
                        double gc = g[p * channels + c];
                        grad[a0 + c] += u * gc;
                        grad[a1 + c] += vv * gc;
                        grad[a2 + c] += r * gc;
                        du += gc * (attr[a0 + c] - attr[a2 + c]);
                        dv += gc * (attr[a1 + c] - attr[a2 + c]);
                    }
                    // each pixel is written by exactly one row task, so no race here
                    gb[2 * p] = (float) du;
                    gb[2 * p + 1] = (float) dv;
                }
            });
            if (shared != null) {
                for (int i = 0; i < acc.length; i++) {
                    shared[i] += acc[i];
                }
            } else {
                gradAttr[b] = toFloat(acc);
            }
        }
        if (shared != null) {
            gradAttr[0] = toFloat(shared);
        }
        return new InterpolateGradients(gradAttr, gradBary);
    }

    // ------------------------------------------------------------------ texture

    @Override
    public float[][] texture(float[] texture, int texWidth, int texHeight, int channels, float[][] uv) {
        Checks.texture(texture, texWidth, texHeight, channels, uv);
        float[][] out = new float[uv.length][];
        for (int b = 0; b < uv.length; b++) {
            out[b] = new float[uv[b].length / 2 * channels];
        }
        int block = 4096;
        int[] starts = blockStarts(uv, block);
        parallelFor(starts[uv.length], k -> {
            int b = viewOfBlock(starts, k);
            float[] coords = uv[b];
            float[] o = out[b];
            int first = (k - starts[b]) * block;
            int last = Math.min(coords.length / 2, first + block);
            Bilinear s = new Bilinear();
            for (int i = first; i < last; i++) {
                s.set(coords[2 * i], coords[2 * i + 1], texWidth, texHeight);
                for (int c = 0; c < channels; c++) {
                    o[i * channels + c] = (float) s.sample(texture, channels, c);
                }
            }
        });
        return out;
    }

    @Override
    public TextureGradients textureBackward(float[] texture, int texWidth, int texHeight, int channels,
                                            float[][] uv, float[][] gradOutput) {
        Checks.texture(texture, texWidth, texHeight, channels, uv);
        Checks.textureGradient(uv, channels, gradOutput);
        float[][] gradUv = new float[uv.length][];
        for (int b = 0; b < uv.length; b++) {
            gradUv[b] = new float[uv[b].length];
        }
        int block = 4096;
        int[] starts = blockStarts(uv, block);
        double[] acc = accumulate(starts[uv.length], texture.length, (k, grad) -> {
            int b = viewOfBlock(starts, k);
            float[] coords = uv[b];
            float[] g = gradOutput[b];
            int first = (k - starts[b]) * block;
            int last = Math.min(coords.length / 2, first + block);
            Bilinear s = new Bilinear();
            for (int i = first; i < last; i++) {
                s.set(coords[2 * i], coords[2 * i + 1], texWidth, texHeight);
                double du = 0;
                double dv = 0;
                for (int c = 0; c < channels; c++) {
                    double gc = g[i * channels + c];
                    s.scatter(gc, grad, channels, c);
                    du += gc * s.derivativeX(texture, channels, c);
                    dv += gc * s.derivativeY(texture, channels, c);
                }
                gradUv[b][2 * i] = (float) (du * texWidth);
                gradUv[b][2 * i + 1] = (float) (dv * texHeight);
            }
        });
        return new TextureGradients(toFloat(acc), gradUv);
    }

    private static int[] blockStarts(float[][] uv, int block) {
        int[] starts = new int[uv.length + 1];
        for (int b = 0; b < uv.length; b++) {
            starts[b + 1] = starts[b] + (uv[b].length / 2 + block - 1) / block;
        }
        return starts;
    }

    private static int viewOfBlock(int[] starts, int k) {
        int b = 0;
        while (starts[b + 1] <= k) {
            b++;
        }
        return b;
    }

    // ------------------------------------------------------------------ antialias

    @Override
    public float[][] antialias(float[][] colors, int channels, RasterOutput raster, float[][] positions,
                               int[] triangles, EdgeTopology topology) {
        Checks.antialias(colors, channels, raster, positions, triangles, topology);
        float[][] out = new float[colors.length][];
        parallelFor(colors.length, b -> {
            float[] c = colors[b];
            float[] o = c.clone();
            new EdgePairs(raster, b, positions[b], triangles, topology).forEach((f, q, target, t, k) -> {
                // the target pixel moves toward its neighbour by its uncovered (or covered) share
                double alpha = target == q ? t - 0.5 : 0.5 - t;
                int other = target == q ? f : q;
                for (int ch = 0; ch < channels; ch++) {
                    o[target * channels + ch] += (float) (alpha * (c[other * channels + ch] - c[target * channels + ch]));
                }
            });
            out[b] = o;
        });
        return out;
    }

    @Override
    public AntialiasGradients antialiasBackward(float[][] colors, int channels, RasterOutput raster,
                                                float[][] positions, int[] triangles, EdgeTopology topology,
                                                float[][] gradOutput) {
        Checks.antialias(colors, channels, raster, positions, triangles, topology);
        Checks.perView(gradOutput, colors.length, colors[0].length, "gradOutput");
        float[][] gradColors = new float[colors.length][];
        float[][] gradPos = new float[colors.length][];
        int w = raster.width();
        int h = raster.height();
        parallelFor(colors.length, b -> {
            float[] c = colors[b];
            float[] g = gradOutput[b];
            float[] pos = positions[b];
            double[] gc = new double[c.length];
            for (int i = 0; i < c.length; i++) {
                gc[i] = g[i];
            }
            double[] gp = new double[pos.length];
            EdgePairs pairs = new EdgePairs(raster, b, pos, triangles, topology);
            pairs.forEach((f, q, target, t, k) -> {
                double alpha = target == q ? t - 0.5 : 0.5 - t;
                int other = target == q ? f : q;
                double dt = 0;
                for (int ch = 0; ch < channels; ch++) {
                    double gt = g[target * channels + ch];
                    gc[other * channels + ch] += alpha * gt;
                    gc[target * channels + ch] -= alpha * gt;
                    // in both cases d(out)/dt = colour(front) - colour(other side)
                    dt += gt * (c[f * channels + ch] - c[q * channels + ch]);
                }
                if (dt != 0) {
                    pairs.addCrossingGradient(dt, f, q, k, gp);
                }
            });
            gradColors[b] = toFloat(gc);
            gradPos[b] = toFloat(gp);
        });
        return new AntialiasGradients(gradColors, gradPos);
    }

    // ------------------------------------------------------------------ soft silhouette

    @Override
    public float[][] softSilhouette(float[][] positions, int[] triangles, int width, int height, float sigma) {
        SoftSilhouette.View[] views = softViews(positions, triangles, width, height, sigma);
        float[][] out = new float[views.length][width * height];
        for (int b = 0; b < views.length; b++) {
            double[] q = views[b].q;
            for (int p = 0; p < q.length; p++) {
                out[b][p] = (float) (1 - q[p]);
            }
        }
        return out;
    }

    @Override
    public float[][] softSilhouetteBackward(float[][] positions, int[] triangles, int width, int height,
                                            float sigma, float[][] gradMask) {
        int v = Checks.positions(positions);
        Checks.perView(gradMask, positions.length, width * height, "gradMask");
        SoftSilhouette.View[] views = softViews(positions, triangles, width, height, sigma);
        int tiles = views[0].cv.tilesX * views[0].cv.tilesY;
        float[][] out = new float[views.length][];
        for (int b = 0; b < views.length; b++) {
            SoftSilhouette.View view = views[b];
            float[] pos = positions[b];
            float[] g = gradMask[b];
            out[b] = toFloat(accumulate(tiles, 4 * v, (tile, grad) -> SoftSilhouette.gradientTile(view, tile, pos, g, grad)));
        }
        return out;
    }

    /**
     * The soft silhouette's views (clipped, binned, covered, q computed) for these inputs. The
     * last pass's work is kept ({@link PreparedViews}), so a soft silhouette after a rasterize of
     * the same positions skips the clipping, and a backward pass after its forward skips
     * straight to the gradients: in a fitting loop that halves the backward's cost.
     */
    private SoftSilhouette.View[] softViews(float[][] positions, int[] triangles, int width, int height,
                                            float sigma) {
        int v = Checks.positions(positions);
        Checks.triangles(triangles, v);
        Checks.imageSize(width, height);
        Checks.positive(sigma, "sigma");
        double radius = Math.sqrt(sigma * CUTOFF_LOG);
        PreparedViews last = prepared;
        if (last != null && last.soft != null && last.sigma == sigma
                && last.matches(positions, triangles, width, height, radius)) {
            return last.soft;
        }
        softMargin = radius;
        PreparedViews base = prepare(positions, triangles, width, height, radius);
        int count = positions.length;
        SoftSilhouette.View[] views = new SoftSilhouette.View[count];
        for (int b = 0; b < count; b++) {
            views[b] = new SoftSilhouette.View(base.clipped[b], sigma, radius);
        }
        int tiles = views[0].cv.tilesX * views[0].cv.tilesY;
        parallelFor(count * tiles, k -> SoftSilhouette.coverTile(views[k / tiles], k % tiles));
        parallelFor(count, b -> views[b].summarize());
        parallelFor(count * tiles, k -> SoftSilhouette.productTile(views[k / tiles], k % tiles));
        prepared = base.withSoft(sigma, views);
        return views;
    }

    /**
     * Clips and bins every view (in parallel), binned at least margin pixels wide, or returns
     * the last pass's views when its inputs were the same. Inputs must be validated.
     */
    private PreparedViews prepare(float[][] positions, int[] triangles, int width, int height, double margin) {
        PreparedViews last = prepared;
        if (last != null && last.matches(positions, triangles, width, height, margin)) {
            return last;
        }
        double wide = Math.max(margin, softMargin);
        ClippedView[] clipped = new ClippedView[positions.length];
        parallelFor(positions.length,
                b -> clipped[b] = ClippedView.build(positions[b], triangles, width, height, wide));
        PreparedViews made = new PreparedViews(positions, triangles, width, height, wide, clipped);
        prepared = made;
        return made;
    }

    // ------------------------------------------------------------------ helpers

    private static float[] toFloat(double[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (float) values[i];
        }
        return out;
    }

    /** Runs body(0..n-1), in parallel when this backend has more than one thread. */
    private void parallelFor(int n, IntConsumer body) {
        if (pool == null || n < 2) {
            for (int i = 0; i < n; i++) {
                body.accept(i);
            }
            return;
        }
        pool.submit(() -> IntStream.range(0, n).parallel().forEach(body)).join();
    }

    /** A work item that adds its contribution into a private accumulator. */
    @FunctionalInterface
    interface Accumulating {
        void accept(int item, double[] accumulator);
    }

    /**
     * Runs items 0..n-1, each chunk of workers adding into its own accumulator of the given
     * length (items dealt round-robin so busy regions spread over chunks), and returns the sum.
     */
    private double[] accumulate(int n, int length, Accumulating body) {
        int chunks = pool == null ? 1 : Math.min(n, 2 * threads);
        if (chunks <= 1) {
            double[] acc = new double[length];
            for (int i = 0; i < n; i++) {
                body.accept(i, acc);
            }
            return acc;
        }
        double[][] parts = new double[chunks][length];
        parallelFor(chunks, c -> {
            for (int i = c; i < n; i += chunks) {
                body.accept(i, parts[c]);
            }
        });
        for (int c = 1; c < chunks; c++) {
            for (int i = 0; i < length; i++) {
                parts[0][i] += parts[c][i];
            }
        }
        return parts[0];
    }
}
