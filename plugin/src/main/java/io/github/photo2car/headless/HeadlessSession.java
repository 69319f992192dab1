package io.github.photo2car.headless;

import com.jme3.app.Application;
import com.jme3.app.SimpleApplication;
import com.jme3.app.state.BaseAppState;
import com.jme3.system.AppSettings;
import com.jme3.system.JmeContext;
import io.github.photo2car.gl.GlExecutor;
import io.github.photo2car.gl.GlInfo;

import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Runs a jME application without a screen (Xvfb or OSMesa, see {@link GlPlatform}) and lets another
 * thread drive it: wait for frames, run code on the render thread, take screenshots. Used by tests,
 * by offscreen previews and by the synthetic-data renderer.
 *
 * <p>It never hangs: if no GL context comes up within the start timeout, or jME reports a fatal
 * error first, {@link #start} throws {@link HeadlessStartException} with the engine's own message.
 * Audio is always off (OpenAL fails on machines without a sound card). One session per JVM at a
 * time: GLFW cannot be re-initialised reliably in one process.
 */
public final class HeadlessSession implements AutoCloseable {

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final SimpleApplication app;
    private final GlPlatform platform;
    private final FrameCounter frames = new FrameCounter();
    private final FrameCapture capture = new FrameCapture();
    private final GlExecutor gl;
    private volatile boolean closed;

    private HeadlessSession(SimpleApplication app, GlPlatform platform) {
        this.app = app;
        this.platform = platform;
        this.gl = new GlExecutor(app);
    }

    /**
     * Starts {@code app} in an offscreen surface and waits until it has rendered its first frame.
     * The application's own settings are kept except what a headless run needs: resolution, no
     * audio, no vsync or frame cap, the platform's renderer, no settings dialog, no pause on lost
     * focus.
     *
     * @param app          a not yet started application (not null; its settings are modified)
     * @param width        frame width in pixels (16 … 4096)
     * @param height       frame height in pixels (16 … 4096)
     * @param startTimeout how long context creation plus the first frame may take (not null)
     * @return the running session; close it to stop the application
     * @throws HeadlessStartException if no context could be created or the first frame never came
     */
    public static HeadlessSession start(SimpleApplication app, int width, int height, Duration startTimeout) {
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(startTimeout, "startTimeout");
        if (width < 16 || height < 16 || width > 4096 || height > 4096) {
            throw new IllegalArgumentException("frame size must be within 16…4096 pixels, got " + width + "×" + height);
        }
        GlPlatform platform = GlPlatform.detect();
        platform.configureBeforeStart();

        AppSettings settings = new AppSettings(true);
        if (app.getContext() != null) {
            throw new IllegalStateException("the application was already started");
        }
        settings.setRenderer(platform.jmeRenderer());
        settings.setResolution(width, height);
        settings.setAudioRenderer(null);
        settings.setVSync(false);
        settings.setFrameRate(-1);
        settings.setSamples(0);
        settings.setGammaCorrection(false);
        settings.setTitle("photo2car headless");
        app.setSettings(settings);
        app.setShowSettings(false);
        app.setPauseOnLostFocus(false);

        HeadlessSession session = new HeadlessSession(app, platform);
        ErrorRecorder errors = ErrorRecorder.install();
        try {
            app.getStateManager().attach(session.frames);
            app.start(JmeContext.Type.OffscreenSurface, false);
            session.awaitFirstFrame(startTimeout, errors);
        } finally {
            errors.uninstall();
        }
        return session;
    }

    private void awaitFirstFrame(Duration timeout, ErrorRecorder errors) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (frames.count() < 1) {
            String fatal = errors.firstError();
            if (fatal != null || System.nanoTime() > deadline) {
                close();
                throw new HeadlessStartException("jME did not start on platform " + platform + " (renderer "
                        + platform.jmeRenderer() + ", DISPLAY=" + System.getenv("DISPLAY") + "): "
                        + (fatal != null ? fatal : "no frame within " + timeout.toSeconds() + " s")
                        + (fatal != null && !fatal.toLowerCase(java.util.Locale.ROOT).contains("context") ? ""
                        : ". Without an X server the OSMesa library (Debian: libosmesa6) is needed;"
                        + " with one, Mesa's GL drivers; or run under xvfb-run -a."));
            }
            sleepMillis(20);
        }
        gl.call(() -> {
            app.getGuiViewPort().addProcessor(capture);
            return null;
        }, timeout.toSeconds() + 1, TimeUnit.SECONDS);
    }

    /** @return the running application */
    public SimpleApplication app() {
        return app;
    }

    /** @return the platform the context was created on */
    public GlPlatform platform() {
        return platform;
    }

    /** @return the executor for raw GL work on this application's render thread */
    public GlExecutor gl() {
        return gl;
    }

    /**
     * @return the GL context's capabilities (probed on the render thread once)
     */
    public GlInfo glInfo() {
        return gl.info(30);
    }

    /** @return the number of frames rendered so far */
    public long frameCount() {
        return frames.count();
    }

    /**
     * Blocks until {@code n} more frames have been rendered.
     *
     * @param n       frames to wait for (≥ 0)
     * @param timeout upper bound on the wait (not null)
     * @throws IllegalStateException if the frames did not come in time
     */
    public void awaitFrames(int n, Duration timeout) {
        long target = frames.count() + n;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (frames.count() < target) {
            if (System.nanoTime() > deadline || closed) {
                throw new IllegalStateException("rendered " + (frames.count() - target + n) + " of " + n
                        + " frames within " + timeout);
            }
            sleepMillis(5);
        }
    }

    /**
     * Runs code on the render thread (scene-graph changes, GL calls) and returns its result.
     *
     * @param task the work (not null)
     * @param <T>  result type
     * @return what the task returned
     * @throws GlExecutor.GlTaskException if it threw or did not run within 60 s
     */
    public <T> T onRenderThread(Callable<T> task) {
        return gl.call(task, 60, TimeUnit.SECONDS);
    }

    /**
     * Renders one more frame and returns it as an image.
     *
     * @param timeout how long to wait for the frame (not null)
     * @return a new TYPE_INT_RGB image of the whole window, top row first
     */
    public BufferedImage screenshot(Duration timeout) {
        try {
            return capture.requestFrame().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("screenshot failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("no frame rendered within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a screenshot", e);
        }
    }

    /**
     * Stops the application and waits (up to 30 s) for its render thread to end. Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        Thread render = frames.renderThread;
        app.stop(false);
        if (render != null && render != Thread.currentThread()) {
            try {
                render.join(STOP_TIMEOUT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void sleepMillis(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Counts rendered frames; remembers the render thread. */
    private static final class FrameCounter extends BaseAppState {
        private volatile long count;
        private volatile Thread renderThread;

        long count() {
            return count;
        }

        @Override
        public void render(com.jme3.renderer.RenderManager rm) {
            renderThread = Thread.currentThread();
            count++; // only the render thread writes
        }

        @Override
        protected void initialize(Application application) {
            renderThread = Thread.currentThread();
        }

        @Override
        protected void cleanup(Application application) {
            // nothing to release
        }

        @Override
        protected void onEnable() {
            // always counting
        }

        @Override
        protected void onDisable() {
            // always counting
        }
    }

    /** Collects SEVERE log records from jME while the context starts, to fail fast with its message. */
    private static final class ErrorRecorder extends Handler {
        private final List<String> errors = new ArrayList<>();
        private final Logger root = Logger.getLogger("");

        static ErrorRecorder install() {
            ErrorRecorder r = new ErrorRecorder();
            r.setLevel(Level.SEVERE);
            r.root.addHandler(r);
            return r;
        }

        void uninstall() {
            root.removeHandler(this);
        }

        synchronized String firstError() {
            return errors.isEmpty() ? null : errors.get(0);
        }

        @Override
        public synchronized void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
                Throwable t = record.getThrown();
                errors.add(record.getMessage() + (t == null ? "" : " (" + t + ")"));
            }
        }

        @Override
        public void flush() {
            // records are kept in memory
        }

        @Override
        public void close() {
            // nothing to release
        }
    }

    /** The headless application could not be started. */
    public static final class HeadlessStartException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        HeadlessStartException(String message) {
            super(message);
        }
    }
}
