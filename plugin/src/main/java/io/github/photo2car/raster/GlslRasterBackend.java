package io.github.photo2car.raster;

import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import com.jme3.app.Application;
import io.github.photo2car.gl.ComputeProgram;
import io.github.photo2car.gl.GlExecutor;

/**
 * {@link RasterBackend} on GLSL 4.3 compute shaders ({@code shaders/raster/*.comp}), for machines
 * with a hardware GPU; {@link JavaRasterBackend} is the reference it agrees with (same triangle ids
 * up to exact depth ties, values to float rounding, see docs/RASTER.md).
 *
 * <p>Passes: {@code setup} clips every (view, face) against the near plane and projects it into at
 * most two sub-triangles with edge functions, depth plane and pixel box; {@code bin_count},
 * {@code bin_scan} and {@code bin_fill} sort faces into 16x16-pixel tiles (integer atomics, one
 * prefix sum); the pixel kernels then run one work group per tile and view, each invocation owning
 * its pixel. Gradients that scatter into vertices, attributes or texels are float atomic adds
 * (compare-and-swap on the bit pattern). Geometry is computed in double precision with the Java
 * backend's operation order. The CPU only validates, uploads and reads back; GL buffers and
 * programs are kept between calls and grown on demand.
 *
 * <p>Threading: every public method may be called from any thread. GL work runs on the jME
 * application's render thread: from another thread the call is queued with a {@link GlExecutor}
 * and waits (up to 5 minutes) for a frame to run it; on the render thread itself it runs at once.
 * Calls are serialised on the render thread, so one instance can serve several threads, but a
 * call from another thread blocks until the render loop gets to it. Inputs are never modified;
 * results are new arrays. Call {@link #close()} while the application still runs to free the GL
 * objects (after the context is gone they are gone with it).
 */
public final class GlslRasterBackend implements RasterBackend, AutoCloseable {

    private static final long TIMEOUT_SECONDS = 300;
    private static final long CLOSE_TIMEOUT_SECONDS = 10;
    /** Soft-silhouette cutoff: faces farther than sqrt(sigma ln 1e4) pixels give p &lt; 1e-4. */
    private static final double CUTOFF_LOG = Math.log(1e4);
    /** Words per sub-triangle record (see common.glsl): 24 doubles, 16 ints. */
    private static final int SUB_DOUBLE_WORDS = 48;
    private static final int SUB_INT_WORDS = 16;

    // binding points, as declared in the shaders
    private static final int PARAMS = 0;
    private static final int POSITIONS = 1;
    private static final int TRIANGLES = 2;
    private static final int SUB_DOUBLES = 3;
    private static final int SUB_INTS = 4;
    private static final int TILE_COUNTS = 5;
    private static final int TILE_STARTS = 6;
    private static final int CURSORS = 7;
    private static final int FACE_TILES = 8;
    private static final int TOTAL = 9;
    private static final int BIN_ITEMS = 10;
    private static final int IDS = 11;
    private static final int BARYCENTRICS = 12;
    private static final int DEPTHS = 13;
    private static final int GRAD_BARY = 14;
    private static final int GRAD_POSITIONS = 15;
    private static final int ATTRIBUTES = 16;
    private static final int VALUES = 17;
    private static final int GRAD_SCATTER = 18;
    private static final int TEXELS = 19;
    private static final int UV = 20;
    private static final int GRAD_UV = 21;
    private static final int NEIGHBORS = 22;
    private static final int COLORS = 23;
    private static final int GRAD_COLORS = 24;
    private static final int MASK = 25;
    private static final int GRAD_MASK = 26;

    private static volatile Application registeredApp;
    private static volatile GlslRasterBackend registered;

    private final Application app;
    private final GlExecutor executor;
    private volatile Thread glThread;
    private volatile boolean closed;
    /** Render-thread state: the GL objects, created on first use. */
    private GlslResources gl;

    private GlslRasterBackend(Application app) {
        this.app = app;
        this.executor = new GlExecutor(app);
    }

    /**
     * Creates a backend bound to a running application's GL context. Nothing GL happens until the
     * first call (programs compile then, on the render thread). Needs OpenGL 4.3 compute and
     * double-precision shaders (GL 4.0, ARB_gpu_shader_fp64); Mesa llvmpipe has both.
     *
     * @param app the application whose render thread owns the GL context (not null, not modified)
     * @return a new backend; close it when done
     */
    public static GlslRasterBackend create(Application app) {
        return new GlslRasterBackend(Objects.requireNonNull(app, "app"));
    }

    /**
     * Registers this backend with {@link RasterBackends} for an application, so that
     * {@link RasterBackends#select} returns it where GLSL is preferred (a hardware GPU, or
     * {@value RasterBackends#PROPERTY}=glsl). One shared instance is created on first selection;
     * registering another application closes the previous one.
     *
     * @param app the running application (not null)
     */
    public static synchronized void register(Application app) {
        Objects.requireNonNull(app, "app");
        if (registeredApp != app) {
            GlslRasterBackend old = registered;
            registered = null;
            registeredApp = app;
            if (old != null) {
                old.close();
            }
        }
        RasterBackends.registerGpuFactory(info -> shared());
    }

    private static synchronized GlslRasterBackend shared() {
        GlslRasterBackend b = registered;
        if (b == null || b.closed) {
            b = create(registeredApp);
            registered = b;
        }
        return b;
    }

    /** @return "glsl" */
    @Override
    public String name() {
        return "glsl";
    }

    // ------------------------------------------------------------------ rasterize

    @Override
    public RasterOutput rasterize(float[][] positions, int[] triangles, int width, int height) {
        int v = Checks.mesh(positions, triangles);
        Checks.imageSize(width, height);
        int views = positions.length;
        int n = width * height;
        return onGl(r -> {
            int t = triangles.length / 3;
            uploadGeometry(r, positions, triangles);
            bin(r, views, v, t, width, height, 0, 0, 0);
            r.buffer(IDS, (long) views * n);
            r.buffer(BARYCENTRICS, 2L * views * n);
            r.buffer(DEPTHS, (long) views * n);
            ComputeProgram p = r.program("rasterize.comp", false);
            setSizes(p, v, t, width, height);
            GlslResources.dispatchPixels(p, width, height, views);
            int[][] ids = new int[views][n];
            float[][] bary = new float[views][2 * n];
            float[][] depth = new float[views][n];
            for (int b = 0; b < views; b++) {
                r.download(IDS, (long) b * n, ids[b]);
                r.download(BARYCENTRICS, 2L * b * n, bary[b]);
                r.download(DEPTHS, (long) b * n, depth[b]);
            }
            RasterOutput out = new RasterOutput(width, height, ids, bary, depth);
            // a later interpolate or antialias of this raster finds it on the GPU already
            markRaster(r, out);
            return out;
        });
    }

    @Override
    public float[][] rasterizeBackward(RasterOutput raster, float[][] positions, int[] triangles,
                                       float[][] gradBary) {
        int v = Checks.mesh(positions, triangles);
        Checks.raster(raster, positions.length, triangles);
        int w = raster.width();
        int h = raster.height();
        int views = positions.length;
        Checks.perView(gradBary, views, 2 * w * h, "gradBary");
        return onGl(r -> {
            uploadGeometry(r, positions, triangles);
            uploadRaster(r, raster);
            uploadViews(r, GRAD_BARY, gradBary);
            r.zeroed(GRAD_POSITIONS, 4L * views * v);
            ComputeProgram p = r.program("rasterize_backward.comp", false);
            setSizes(p, v, triangles.length / 3, w, h);
            GlslResources.dispatchPixels(p, w, h, views);
            return downloadViews(r, GRAD_POSITIONS, views, 4 * v);
        });
    }

    // ------------------------------------------------------------------ interpolate

    @Override
    public float[][] interpolate(RasterOutput raster, int[] triangles, float[][] attributes, int channels) {
        int v = Checks.interpolation(raster, triangles, attributes, channels);
        int views = raster.views();
        int w = raster.width();
        int h = raster.height();
        if (views == 0) {
            return new float[0][];
        }
        return onGl(r -> {
            ComputeProgram p = prepareInterpolate(r, raster, triangles, attributes, v, channels, false);
            r.buffer(VALUES, (long) views * w * h * channels);
            GlslResources.dispatchPixels(p, w, h, views);
            return downloadViews(r, VALUES, views, w * h * channels);
        });
    }

    @Override
    public InterpolateGradients interpolateBackward(RasterOutput raster, int[] triangles, float[][] attributes,
                                                    int channels, float[][] gradOutput) {
        int v = Checks.interpolation(raster, triangles, attributes, channels);
        int views = raster.views();
        int w = raster.width();
        int h = raster.height();
        Checks.perView(gradOutput, views, w * h * channels, "gradOutput");
        if (views == 0) {
            float[][] zeros = new float[attributes.length][];
            for (int b = 0; b < zeros.length; b++) {
                zeros[b] = new float[attributes[b].length];
            }
            return new InterpolateGradients(zeros, new float[0][]);
        }
        return onGl(r -> {
            ComputeProgram p = prepareInterpolate(r, raster, triangles, attributes, v, channels, true);
            uploadViews(r, VALUES, gradOutput);
            r.zeroed(GRAD_SCATTER, (long) attributes.length * v * channels);
            r.buffer(GRAD_BARY, 2L * views * w * h);
            GlslResources.dispatchPixels(p, w, h, views);
            return new InterpolateGradients(downloadViews(r, GRAD_SCATTER, attributes.length, v * channels),
                    downloadViews(r, GRAD_BARY, views, 2 * w * h));
        });
    }

    private ComputeProgram prepareInterpolate(GlslResources r, RasterOutput raster, int[] triangles,
                                              float[][] attributes, int v, int channels, boolean backward) {
        r.buffer(TRIANGLES, triangles.length);
        r.upload(TRIANGLES, 0, triangles);
        uploadRaster(r, raster);
        uploadViews(r, ATTRIBUTES, attributes);
        ComputeProgram p = r.program("interpolate.comp", backward);
        setSizes(p, v, triangles.length / 3, raster.width(), raster.height());
        p.setInt("channels", channels);
        p.setInt("sharedAttributes", attributes.length == 1 ? 1 : 0);
        return p;
    }

    // ------------------------------------------------------------------ texture

    @Override
    public float[][] texture(float[] texture, int texWidth, int texHeight, int channels, float[][] uv) {
        Checks.texture(texture, texWidth, texHeight, channels, uv);
        return onGl(r -> {
            long samples = prepareTexture(r, texture, texWidth, texHeight, channels, uv, false);
            r.buffer(VALUES, samples * channels);
            GlslResources.dispatchLinear(r.program("texture.comp", false), samples, 256);
            float[][] out = new float[uv.length][];
            long offset = 0;
            for (int b = 0; b < uv.length; b++) {
                out[b] = new float[uv[b].length / 2 * channels];
                r.download(VALUES, offset, out[b]);
                offset += out[b].length;
            }
            return out;
        });
    }

    @Override
    public TextureGradients textureBackward(float[] texture, int texWidth, int texHeight, int channels,
                                            float[][] uv, float[][] gradOutput) {
        Checks.texture(texture, texWidth, texHeight, channels, uv);
        Checks.textureGradient(uv, channels, gradOutput);
        return onGl(r -> {
            long samples = prepareTexture(r, texture, texWidth, texHeight, channels, uv, true);
            r.buffer(VALUES, samples * channels);
            long offset = 0;
            for (float[] g : gradOutput) {
                r.upload(VALUES, offset, g);
                offset += g.length;
            }
            r.zeroed(GRAD_SCATTER, texture.length);
            r.buffer(GRAD_UV, 2 * samples);
            GlslResources.dispatchLinear(r.program("texture.comp", true), samples, 256);
            float[] gradTexture = new float[texture.length];
            r.download(GRAD_SCATTER, 0, gradTexture);
            float[][] gradUv = new float[uv.length][];
            offset = 0;
            for (int b = 0; b < uv.length; b++) {
                gradUv[b] = new float[uv[b].length];
                r.download(GRAD_UV, offset, gradUv[b]);
                offset += gradUv[b].length;
            }
            return new TextureGradients(gradTexture, gradUv);
        });
    }

    /** Uploads texels and the concatenated uv of all views; returns the number of samples. */
    private static long prepareTexture(GlslResources r, float[] texture, int texWidth, int texHeight, int channels,
                                       float[][] uv, boolean backward) {
        r.buffer(TEXELS, texture.length);
        r.upload(TEXELS, 0, texture);
        long words = 0;
        for (float[] coords : uv) {
            words += coords.length;
        }
        r.buffer(UV, words);
        long offset = 0;
        for (float[] coords : uv) {
            r.upload(UV, offset, coords);
            offset += coords.length;
        }
        long samples = words / 2;
        if (samples * channels > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(samples + " samples of " + channels + " channels are too many for"
                    + " one call");
        }
        ComputeProgram p = r.program("texture.comp", backward);
        p.setInt("samples", (int) samples);
        p.setInt("texWidth", texWidth);
        p.setInt("texHeight", texHeight);
        p.setInt("channels", channels);
        return samples;
    }

    // ------------------------------------------------------------------ antialias

    @Override
    public float[][] antialias(float[][] colors, int channels, RasterOutput raster, float[][] positions,
                               int[] triangles, EdgeTopology topology) {
        Checks.antialias(colors, channels, raster, positions, triangles, topology);
        int views = colors.length;
        return onGl(r -> {
            ComputeProgram p = prepareAntialias(r, colors, channels, raster, positions, triangles, topology, false);
            r.buffer(VALUES, (long) views * colors[0].length);
            GlslResources.dispatchPixels(p, raster.width(), raster.height(), views);
            return downloadViews(r, VALUES, views, colors[0].length);
        });
    }

    @Override
    public AntialiasGradients antialiasBackward(float[][] colors, int channels, RasterOutput raster,
                                                float[][] positions, int[] triangles, EdgeTopology topology,
                                                float[][] gradOutput) {
        Checks.antialias(colors, channels, raster, positions, triangles, topology);
        Checks.perView(gradOutput, colors.length, colors[0].length, "gradOutput");
        int views = colors.length;
        int v = positions[0].length / 4;
        return onGl(r -> {
            ComputeProgram p = prepareAntialias(r, colors, channels, raster, positions, triangles, topology, true);
            uploadViews(r, VALUES, gradOutput);
            r.buffer(GRAD_COLORS, (long) views * colors[0].length);
            r.zeroed(GRAD_POSITIONS, 4L * views * v);
            GlslResources.dispatchPixels(p, raster.width(), raster.height(), views);
            return new AntialiasGradients(downloadViews(r, GRAD_COLORS, views, colors[0].length),
                    downloadViews(r, GRAD_POSITIONS, views, 4 * v));
        });
    }

    private ComputeProgram prepareAntialias(GlslResources r, float[][] colors, int channels, RasterOutput raster,
                                            float[][] positions, int[] triangles, EdgeTopology topology,
                                            boolean backward) {
        uploadGeometry(r, positions, triangles);
        uploadRaster(r, raster);
        uploadViews(r, COLORS, colors);
        int t = triangles.length / 3;
        r.buffer(NEIGHBORS, 3L * t);
        if (!r.holds(NEIGHBORS, topology)) {
            int[] nb = new int[3 * t];
            for (int i = 0; i < t; i++) {
                for (int k = 0; k < 3; k++) {
                    nb[3 * i + k] = topology.neighbor(i, k);
                }
            }
            r.upload(NEIGHBORS, 0, nb);
            r.markHolding(NEIGHBORS, topology); // topologies are immutable
        }
        ComputeProgram p = r.program("antialias.comp", backward);
        setSizes(p, positions[0].length / 4, t, raster.width(), raster.height());
        p.setInt("channels", channels);
        return p;
    }

    // ------------------------------------------------------------------ soft silhouette

    @Override
    public float[][] softSilhouette(float[][] positions, int[] triangles, int width, int height, float sigma) {
        int v = Checks.silhouette(positions, triangles, width, height, sigma);
        int views = positions.length;
        return onGl(r -> {
            ComputeProgram p = prepareSilhouette(r, positions, triangles, width, height, sigma, false);
            r.buffer(MASK, (long) views * width * height);
            GlslResources.dispatchPixels(p, width, height, views);
            return downloadViews(r, MASK, views, width * height);
        });
    }

    @Override
    public float[][] softSilhouetteBackward(float[][] positions, int[] triangles, int width, int height,
                                            float sigma, float[][] gradMask) {
        int v = Checks.silhouette(positions, triangles, width, height, sigma);
        int views = positions.length;
        Checks.perView(gradMask, views, width * height, "gradMask");
        return onGl(r -> {
            ComputeProgram p = prepareSilhouette(r, positions, triangles, width, height, sigma, true);
            uploadViews(r, GRAD_MASK, gradMask);
            r.zeroed(GRAD_POSITIONS, 4L * views * v);
            GlslResources.dispatchPixels(p, width, height, views);
            return downloadViews(r, GRAD_POSITIONS, views, 4 * v);
        });
    }

    private ComputeProgram prepareSilhouette(GlslResources r, float[][] positions, int[] triangles, int width,
                                             int height, float sigma, boolean backward) {
        int t = triangles.length / 3;
        double radius = Math.sqrt(sigma * CUTOFF_LOG);
        double cut2 = radius * radius;
        uploadGeometry(r, positions, triangles);
        bin(r, positions.length, positions[0].length / 4, t, width, height, radius, cut2, sigma);
        r.buffer(MASK, (long) positions.length * width * height);
        ComputeProgram p = r.program("soft_silhouette.comp", backward);
        setSizes(p, positions[0].length / 4, t, width, height);
        return p;
    }

    // ------------------------------------------------------------------ shared passes

    /** Uploads the clip positions of all views (consecutive blocks of V*4) and the triangles. */
    private static void uploadGeometry(GlslResources r, float[][] positions, int[] triangles) {
        uploadViews(r, POSITIONS, positions);
        r.buffer(TRIANGLES, triangles.length);
        r.upload(TRIANGLES, 0, triangles);
    }

    /** Makes the raster's ids, barycentrics and depths resident, unless they already are. */
    private void uploadRaster(GlslResources r, RasterOutput raster) {
        int n = raster.width() * raster.height();
        int views = raster.views();
        r.buffer(IDS, (long) views * n);
        r.buffer(BARYCENTRICS, 2L * views * n);
        r.buffer(DEPTHS, (long) views * n);
        if (r.holds(IDS, raster) && r.holds(BARYCENTRICS, raster) && r.holds(DEPTHS, raster)) {
            return; // raster outputs are read-only by contract
        }
        for (int b = 0; b < views; b++) {
            r.upload(IDS, (long) b * n, raster.triangleIds(b));
            r.upload(BARYCENTRICS, 2L * b * n, raster.barycentrics(b));
            r.upload(DEPTHS, (long) b * n, raster.depth(b));
        }
        markRaster(r, raster);
    }

    private static void markRaster(GlslResources r, RasterOutput raster) {
        r.markHolding(IDS, raster);
        r.markHolding(BARYCENTRICS, raster);
        r.markHolding(DEPTHS, raster);
    }

    /** Sizes a buffer for all views of equal length and uploads them one after another. */
    private static void uploadViews(GlslResources r, int binding, float[][] views) {
        int len = views.length == 0 ? 0 : views[0].length;
        r.buffer(binding, (long) views.length * len);
        for (int b = 0; b < views.length; b++) {
            r.upload(binding, (long) b * len, views[b]);
        }
    }

    private static float[][] downloadViews(GlslResources r, int binding, int views, int length) {
        float[][] out = new float[views][length];
        for (int b = 0; b < views; b++) {
            r.download(binding, (long) b * length, out[b]);
        }
        return out;
    }

    /**
     * Sets up sub-triangles and bins faces into tiles with the given margin in pixels; the
     * silhouette parameters ride along in the parameter buffer as doubles.
     */
    private static void bin(GlslResources r, int views, int v, int t, int width, int height, double margin,
                            double cut2, double sigma) {
        int tile = ClippedView.TILE;
        int tilesX = (width + tile - 1) / tile;
        int tilesY = (height + tile - 1) / tile;
        long faces = (long) views * t;
        long tiles = (long) views * tilesX * tilesY;
        double[] params = {margin, cut2, sigma, Math.sqrt(cut2)};
        int[] words = new int[2 * params.length];
        for (int i = 0; i < params.length; i++) {
            long bits = Double.doubleToRawLongBits(params[i]);
            words[2 * i] = (int) bits; // packDouble2x32 takes the low word first
            words[2 * i + 1] = (int) (bits >>> 32);
        }
        r.buffer(PARAMS, words.length);
        r.upload(PARAMS, 0, words);
        r.buffer(SUB_DOUBLES, 2 * faces * SUB_DOUBLE_WORDS);
        r.buffer(SUB_INTS, 2 * faces * SUB_INT_WORDS);
        r.buffer(FACE_TILES, 4 * faces);
        r.zeroed(TILE_COUNTS, tiles);
        r.buffer(TILE_STARTS, tiles + 1);
        r.buffer(CURSORS, tiles);
        r.buffer(TOTAL, 1);
        if (faces > 0) {
            ComputeProgram setup = r.program("setup.comp", false);
            setSizes(setup, v, t, width, height);
            setup.setInt("views", views);
            GlslResources.dispatchLinear(setup, faces, 64);
            ComputeProgram count = r.program("bin_count.comp", false);
            setSizes(count, v, t, width, height);
            count.setInt("views", views);
            GlslResources.dispatchLinear(count, faces, 64);
        }
        ComputeProgram scan = r.program("bin_scan.comp", false);
        scan.setInt("tileCount", (int) tiles);
        scan.dispatch(1, 1, 1);
        int[] total = new int[1];
        r.download(TOTAL, 0, total);
        r.buffer(BIN_ITEMS, Integer.toUnsignedLong(total[0]));
        if (faces > 0 && total[0] != 0) {
            ComputeProgram fill = r.program("bin_fill.comp", false);
            setSizes(fill, v, t, width, height);
            fill.setInt("views", views);
            GlslResources.dispatchLinear(fill, faces, 64);
        }
    }

    /** Sets the size uniforms the kernels share (unknown names are ignored by GL). */
    private static void setSizes(ComputeProgram p, int vertexCount, int faceCount, int width, int height) {
        int tile = ClippedView.TILE;
        p.setInt("vertexCount", vertexCount);
        p.setInt("faceCount", faceCount);
        p.setInt("width", width);
        p.setInt("height", height);
        p.setInt("tilesX", (width + tile - 1) / tile);
        p.setInt("tilesY", (height + tile - 1) / tile);
    }

    // ------------------------------------------------------------------ threading and lifetime

    /**
     * Runs GL work on the render thread: directly when already there (learned from earlier calls,
     * or from a GL context being current on this thread), else through the executor.
     */
    private <T> T onGl(Function<GlslResources, T> work) {
        return onGl(work, TIMEOUT_SECONDS);
    }

    private <T> T onGl(Function<GlslResources, T> work, long timeoutSeconds) {
        if (closed) {
            throw new IllegalStateException("this GLSL raster backend was closed");
        }
        if (Thread.currentThread() == glThread || (glThread == null && contextIsCurrent())) {
            try {
                return runOnGlThread(work);
            } finally {
                app.getRenderer().invalidateState(); // jME's GL state cache is stale now
            }
        }
        return executor.call(() -> runOnGlThread(work), timeoutSeconds, TimeUnit.SECONDS);
    }

    private <T> T runOnGlThread(Function<GlslResources, T> work) {
        glThread = Thread.currentThread();
        if (closed) {
            throw new IllegalStateException("this GLSL raster backend was closed");
        }
        if (gl == null) {
            gl = new GlslResources();
        }
        return work.apply(gl);
    }

    private static boolean contextIsCurrent() {
        try {
            org.lwjgl.opengl.GL.getCapabilities();
            return true;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    /**
     * Deletes this backend's GL programs and buffers (on the render thread, waiting for it) and
     * makes further calls throw {@link IllegalStateException}. Idempotent. If the application has
     * already stopped, the GL objects went with its context and nothing is left to do.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        try {
            onGl(r -> {
                // set on the GL thread first, so no call queued behind this one makes new objects
                closed = true;
                r.close();
                gl = null;
                return null;
            }, CLOSE_TIMEOUT_SECONDS);
        } catch (GlExecutor.GlTaskException e) {
            // the render loop is gone: so is the context that owned the objects
        } finally {
            closed = true;
        }
    }
}
