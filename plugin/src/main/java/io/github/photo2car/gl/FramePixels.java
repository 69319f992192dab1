package io.github.photo2car.gl;

import com.jme3.renderer.Camera;
import com.jme3.renderer.RenderManager;
import com.jme3.texture.FrameBuffer;
import com.jme3.util.BufferUtils;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Reads rendered pixels back from the GPU and turns them into an image. The read itself must run
 * on the render thread; the conversion is plain Java and may run anywhere, so a live game can keep
 * it off the frame.
 */
public final class FramePixels {

    private FramePixels() {
    }

    /**
     * Width in pixels of the rectangle a camera renders into, computed as jME's renderer does.
     *
     * @param camera the camera (not null, not modified)
     * @return the view port rectangle's width in pixels
     */
    public static int viewWidth(Camera camera) {
        int left = (int) (camera.getViewPortLeft() * camera.getWidth());
        int right = (int) (camera.getViewPortRight() * camera.getWidth());
        return right - left;
    }

    /**
     * Height in pixels of the rectangle a camera renders into, computed as jME's renderer does.
     *
     * @param camera the camera (not null, not modified)
     * @return the view port rectangle's height in pixels
     */
    public static int viewHeight(Camera camera) {
        int bottom = (int) (camera.getViewPortBottom() * camera.getHeight());
        int top = (int) (camera.getViewPortTop() * camera.getHeight());
        return top - bottom;
    }

    /**
     * Reads the camera's view port rectangle of a frame buffer as RGBA bytes. Render thread only.
     * Makes {@code camera} the renderer's current camera first, so the GL view port is exactly its
     * rectangle whatever a processor drew before.
     *
     * @param renderManager the application's render manager (not null)
     * @param camera        the camera whose rectangle is read (not null, not modified)
     * @param frameBuffer   the frame buffer to read, or null for the window's back buffer
     * @param scratch       a direct buffer to reuse, or null; a new one is allocated when it is too small
     * @return {@code scratch} or a new direct buffer holding viewWidth × viewHeight × 4 bytes
     *         (R, G, B, A), bottom row first as GL stores it, position 0
     */
    public static ByteBuffer read(RenderManager renderManager, Camera camera, FrameBuffer frameBuffer, ByteBuffer scratch) {
        Objects.requireNonNull(renderManager, "renderManager");
        Objects.requireNonNull(camera, "camera");
        int bytes = viewWidth(camera) * viewHeight(camera) * 4;
        ByteBuffer pixels = scratch != null && scratch.capacity() >= bytes ? scratch : BufferUtils.createByteBuffer(bytes);
        pixels.clear();
        renderManager.setCamera(camera, false);
        renderManager.getRenderer().readFrameBuffer(frameBuffer, pixels);
        pixels.clear();
        return pixels;
    }

    /**
     * Converts RGBA bytes as {@link #read} returns them into an image, flipping the rows so the top
     * row comes first. Alpha is dropped. Any thread.
     *
     * @param rgba   width × height × 4 bytes, bottom row first (read from index 0; not modified)
     * @param width  width in pixels (&ge; 1)
     * @param height height in pixels (&ge; 1)
     * @return a new TYPE_INT_RGB image, top row first
     */
    public static BufferedImage toImage(ByteBuffer rgba, int width, int height) {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("frame size must be positive, got " + width + "x" + height);
        }
        if (rgba.capacity() < (long) width * height * 4) {
            throw new IllegalArgumentException("buffer holds " + rgba.capacity() + " bytes, need " + width * height * 4);
        }
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] out = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        for (int y = 0; y < height; y++) {
            int src = (height - 1 - y) * width * 4; // GL rows start at the bottom
            int dst = y * width;
            for (int x = 0; x < width; x++) {
                int i = src + 4 * x;
                out[dst + x] = (rgba.get(i) & 0xFF) << 16 | (rgba.get(i + 1) & 0xFF) << 8 | (rgba.get(i + 2) & 0xFF);
            }
        }
        return image;
    }
}
