package io.github.photo2car.photo;

import com.jme3.post.FilterPostProcessor;
import com.jme3.post.SceneProcessor;
import com.jme3.profile.AppProfiler;
import com.jme3.renderer.Camera;
import com.jme3.renderer.RenderManager;
import com.jme3.renderer.ViewPort;
import com.jme3.renderer.queue.RenderQueue;
import com.jme3.texture.FrameBuffer;
import io.github.photo2car.gl.FramePixels;
import io.github.photo2car.gl.GlExecutor;

import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Takes an "in-game photo": reads back the next frame a view port renders, without making the
 * game wait. Nothing is attached to the view port between captures, so idle frames pay nothing.
 *
 * <p>How: {@link #capture} queues a task on the render thread (through {@link GlExecutor}) that
 * appends a one-shot scene processor to the view port. After the view port's next frame, and
 * after its other processors (filters included), the processor reads the pixels with one
 * {@code glReadPixels} (a few milliseconds for a full-HD frame) into a direct buffer and detaches
 * itself. Flipping and packing the pixels into an image happens on the caller's executor, not on
 * the render thread.
 *
 * <p>What is read: the window's back buffer when the view port draws to the screen, or when a
 * {@link FilterPostProcessor} sits on the view port (it redirects the view port into its own
 * buffer and draws the filtered result to the screen); otherwise the view port's own output frame
 * buffer. View ports rendered later in the frame (the GUI) are not yet drawn, so the HUD is not in
 * the photo.
 */
public final class ViewportCapture {

    private ViewportCapture() {
    }

    /**
     * Asks for the next frame of a view port. Safe from any thread, the render thread included
     * (the returned future completes a frame later, so never block on it there).
     *
     * @param gl        the executor of the application that renders the view port (not null)
     * @param viewPort  the view port to capture (not null; a processor is added for one frame)
     * @param converter where rows are flipped and packed into the image (not null), e.g. a worker
     *                  pool; dependent stages of the returned future run there too
     * @return a future completed with a new TYPE_INT_RGB image of the view port's rectangle in
     *         pixels, top row first; completed exceptionally if the view port is disabled, the
     *         application stops first, or the read-back fails
     */
    public static CompletableFuture<BufferedImage> capture(GlExecutor gl, ViewPort viewPort, Executor converter) {
        Objects.requireNonNull(gl, "gl");
        Objects.requireNonNull(viewPort, "viewPort");
        Objects.requireNonNull(converter, "converter");
        OneShot shot = new OneShot();
        gl.submit(() -> {
            if (!viewPort.isEnabled()) {
                throw new IllegalStateException("view port '" + viewPort.getName() + "' is disabled, so it renders nothing");
            }
            viewPort.addProcessor(shot);
            return null;
        }).whenComplete((ignored, failure) -> {
            if (failure != null) {
                shot.frame.completeExceptionally(failure);
            }
        });
        return shot.frame.thenApplyAsync(frame -> FramePixels.toImage(frame.pixels, frame.width, frame.height), converter);
    }

    /** Pixels read on the render thread, converted elsewhere. */
    private record RawFrame(ByteBuffer pixels, int width, int height) {
    }

    /** Reads one frame after the view port's other processors, then removes itself. */
    private static final class OneShot implements SceneProcessor {

        final CompletableFuture<RawFrame> frame = new CompletableFuture<>();
        private RenderManager renderManager;
        private ViewPort viewPort;

        @Override
        public void initialize(RenderManager rm, ViewPort vp) {
            renderManager = rm;
            viewPort = vp;
        }

        @Override
        public void postFrame(FrameBuffer out) {
            if (frame.isDone()) {
                return;
            }
            try {
                Camera camera = viewPort.getCamera();
                FrameBuffer target = out == null || hasFilters(viewPort) ? null : out;
                ByteBuffer pixels = FramePixels.read(renderManager, camera, target, null);
                frame.complete(new RawFrame(pixels, FramePixels.viewWidth(camera), FramePixels.viewHeight(camera)));
            } catch (RuntimeException e) {
                frame.completeExceptionally(e);
            } finally {
                // the processor list is a copy-on-write list: removing during its iteration is safe
                viewPort.removeProcessor(this);
            }
        }

        private static boolean hasFilters(ViewPort vp) {
            for (SceneProcessor processor : vp.getProcessors()) {
                if (processor instanceof FilterPostProcessor) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public boolean isInitialized() {
            return renderManager != null;
        }

        @Override
        public void cleanup() {
            frame.completeExceptionally(new IllegalStateException("the view port stopped before a frame was captured"));
            renderManager = null;
        }

        @Override
        public void reshape(ViewPort vp, int w, int h) {
            // the read uses the camera's size at capture time
        }

        @Override
        public void preFrame(float tpf) {
            // nothing before the frame
        }

        @Override
        public void postQueue(RenderQueue rq) {
            // nothing between culling and drawing
        }

        @Override
        public void setProfiler(AppProfiler profiler) {
            // not profiled
        }
    }
}
