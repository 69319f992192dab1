package io.github.photo2car.headless;

import com.jme3.post.SceneProcessor;
import com.jme3.profile.AppProfiler;
import com.jme3.renderer.Camera;
import com.jme3.renderer.RenderManager;
import com.jme3.renderer.ViewPort;
import com.jme3.renderer.queue.RenderQueue;
import com.jme3.texture.FrameBuffer;
import io.github.photo2car.gl.FramePixels;

import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;

/**
 * A scene processor that, on request, reads the finished frame of its view port back into a
 * {@link BufferedImage}. Attach it to the last view port rendered (the GUI view port) so the
 * picture includes everything. Requests may come from any thread; the read happens on the render
 * thread after the frame is drawn.
 */
public final class FrameCapture implements SceneProcessor {

    private RenderManager renderManager;
    private ViewPort viewPort;
    private volatile CompletableFuture<BufferedImage> pending;
    private ByteBuffer pixels;

    /**
     * Asks for the next finished frame.
     *
     * @return a future completed on the render thread with a new TYPE_INT_RGB image of the view
     *         port's size, top row first
     */
    public synchronized CompletableFuture<BufferedImage> requestFrame() {
        CompletableFuture<BufferedImage> current = pending;
        if (current == null) {
            current = new CompletableFuture<>();
            pending = current;
        }
        return current;
    }

    @Override
    public void initialize(RenderManager rm, ViewPort vp) {
        renderManager = rm;
        viewPort = vp;
    }

    @Override
    public void postFrame(FrameBuffer out) {
        CompletableFuture<BufferedImage> request = pending;
        if (request == null) {
            return;
        }
        synchronized (this) {
            pending = null;
        }
        try {
            request.complete(read(out));
        } catch (RuntimeException e) {
            request.completeExceptionally(e);
        }
    }

    private BufferedImage read(FrameBuffer out) {
        Camera camera = viewPort.getCamera();
        pixels = FramePixels.read(renderManager, camera, out, pixels);
        return FramePixels.toImage(pixels, FramePixels.viewWidth(camera), FramePixels.viewHeight(camera));
    }

    @Override
    public void reshape(ViewPort vp, int w, int h) {
        // the next read uses the camera's new size
    }

    @Override
    public boolean isInitialized() {
        return renderManager != null;
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
    public void cleanup() {
        CompletableFuture<BufferedImage> request = pending;
        if (request != null) {
            request.completeExceptionally(new IllegalStateException("application stopped before the frame was read"));
        }
        renderManager = null;
    }

    @Override
    public void setProfiler(AppProfiler profiler) {
        // not profiled
    }
}
