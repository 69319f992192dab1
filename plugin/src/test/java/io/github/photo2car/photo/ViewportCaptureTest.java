package io.github.photo2car.photo;

import com.jme3.app.SimpleApplication;
import com.jme3.material.Material;
import com.jme3.math.ColorRGBA;
import com.jme3.math.Vector3f;
import com.jme3.post.FilterPostProcessor;
import com.jme3.post.filters.ColorOverlayFilter;
import com.jme3.renderer.ViewPort;
import com.jme3.scene.Geometry;
import com.jme3.scene.shape.Box;
import com.jme3.scene.shape.Quad;
import io.github.photo2car.headless.HeadlessSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * In-game photos from a running jME application: the scene without the HUD, read back on the
 * render thread and converted elsewhere, without blocking the frame loop.
 */
class ViewportCaptureTest {

    private static final int WIDTH = 320;
    private static final int HEIGHT = 240;
    private static HeadlessSession session;

    @BeforeAll
    static void startApp() {
        session = HeadlessSession.start(new SimpleApplication() {
            @Override
            public void simpleInitApp() {
                flyCam.setEnabled(false);
                setDisplayStatView(false);
                setDisplayFps(false);
                viewPort.setBackgroundColor(new ColorRGBA(0f, 0f, 1f, 1f));
                Material red = new Material(assetManager, "Common/MatDefs/Misc/Unshaded.j3md");
                red.setColor("Color", ColorRGBA.Red);
                Geometry box = new Geometry("car", new Box(1, 1, 1));
                box.setMaterial(red);
                rootNode.attachChild(box);
                cam.setLocation(new Vector3f(0, 0, 6));
                cam.lookAt(Vector3f.ZERO, Vector3f.UNIT_Y);
                // a green HUD panel over the top-left corner: not part of an in-game photo
                Material green = new Material(assetManager, "Common/MatDefs/Misc/Unshaded.j3md");
                green.setColor("Color", ColorRGBA.Green);
                Geometry hud = new Geometry("hud", new Quad(80, 60));
                hud.setMaterial(green);
                hud.setLocalTranslation(0, HEIGHT - 60, 0);
                guiNode.attachChild(hud);
            }
        }, WIDTH, HEIGHT, Duration.ofSeconds(60));
    }

    @AfterAll
    static void stopApp() {
        if (session != null) {
            session.close();
        }
    }

    private static boolean near(int rgb, int expected) {
        for (int shift = 0; shift <= 16; shift += 8) {
            if (Math.abs((rgb >> shift & 0xFF) - (expected >> shift & 0xFF)) > 8) {
                return false;
            }
        }
        return true;
    }

    @Test
    void photoShowsTheSceneButNotTheHud() throws Exception {
        ViewPort main = session.app().getViewPort();
        Photo photo = PhotoDecoder.defaults().decode(PhotoSource.fromViewport(session.gl(), main, PhotoSource.IN_GAME_PHOTO));
        assertEquals(WIDTH, photo.width());
        assertEquals(HEIGHT, photo.height());
        assertEquals("viewport", photo.formatName());
        assertTrue(near(photo.rgb(WIDTH / 2, HEIGHT / 2), 0xFF0000), Integer.toHexString(photo.rgb(WIDTH / 2, HEIGHT / 2)));
        assertTrue(near(photo.rgb(WIDTH - 5, HEIGHT - 5), 0x0000FF), "background, bottom right");
        assertTrue(near(photo.rgb(10, 10), 0x0000FF), "under the HUD panel: the scene, not the panel "
                + Integer.toHexString(photo.rgb(10, 10)));
        int processors = session.onRenderThread(() -> main.getProcessors().size());
        assertEquals(0, processors, "the one-shot processor removed itself");
        // the whole-window screenshot does include the HUD: the photo really came from earlier in the frame
        assertTrue(near(session.screenshot(Duration.ofSeconds(10)).getRGB(10, 10) & 0xFFFFFF, 0x00FF00));
    }

    @Test
    void asyncCaptureRequestedOnTheRenderThreadDoesNotBlockIt() throws Exception {
        ExecutorService workers = Executors.newSingleThreadExecutor();
        try {
            ViewPort main = session.app().getViewPort();
            PhotoSource source = PhotoSource.fromViewport(session.gl(), main, "snapshot");
            long framesBefore = session.frameCount();
            CompletableFuture<Photo> pending = session.onRenderThread(
                    () -> PhotoDecoder.defaults().decodeAsync(source, workers));
            Photo photo = pending.get(30, TimeUnit.SECONDS);
            assertTrue(session.frameCount() > framesBefore, "frames went on while the photo was taken");
            assertEquals(WIDTH, photo.width());
            assertTrue(near(photo.rgb(WIDTH / 2, HEIGHT / 2), 0xFF0000));
        } finally {
            workers.shutdownNow();
        }
    }

    @Test
    void filtersAreInThePhoto() throws Exception {
        ViewPort main = session.app().getViewPort();
        FilterPostProcessor filters = session.onRenderThread(() -> {
            FilterPostProcessor fpp = new FilterPostProcessor(session.app().getAssetManager());
            fpp.addFilter(new ColorOverlayFilter(new ColorRGBA(0f, 1f, 1f, 1f))); // multiplies: red becomes black
            main.addProcessor(fpp);
            return fpp;
        });
        try {
            session.awaitFrames(2, Duration.ofSeconds(10));
            Photo photo = PhotoDecoder.defaults().decode(PhotoSource.fromViewport(session.gl(), main, "filtered"));
            assertTrue(near(photo.rgb(WIDTH / 2, HEIGHT / 2), 0x000000), Integer.toHexString(photo.rgb(WIDTH / 2, HEIGHT / 2)));
            assertTrue(near(photo.rgb(WIDTH - 5, HEIGHT - 5), 0x0000FF));
        } finally {
            session.onRenderThread(() -> {
                main.removeProcessor(filters);
                return null;
            });
        }
    }

    @Test
    void disabledViewPortIsACaptureFailure() {
        ViewPort idle = session.onRenderThread(() -> {
            ViewPort vp = session.app().getRenderManager().createPreView("idle", session.app().getCamera().clone());
            vp.setEnabled(false);
            return vp;
        });
        try {
            PhotoException e = assertThrows(PhotoException.class, () -> PhotoDecoder.defaults()
                    .decode(PhotoSource.fromViewport(session.gl(), idle, PhotoSource.IN_GAME_PHOTO)));
            assertEquals(PhotoException.Reason.CAPTURE_FAILED, e.reason());
            assertTrue(e.getMessage().contains("disabled"), e.getMessage());
            assertInstanceOf(IllegalStateException.class, e.getCause());
            assertFalse(e.getMessage().isBlank());
        } finally {
            session.onRenderThread(() -> session.app().getRenderManager().removePreView(idle));
        }
    }
}
