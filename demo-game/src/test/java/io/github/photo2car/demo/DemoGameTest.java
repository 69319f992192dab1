package io.github.photo2car.demo;

import com.jme3.math.Vector3f;
import io.github.photo2car.drive.DrivingInputState;
import io.github.photo2car.headless.HeadlessSession;
import io.github.photo2car.lights.LightsState;
import io.github.photo2car.rig.CarRig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Starts the real demo game headless, renders frames and looks at the pictures. */
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class DemoGameTest {

    private static HeadlessSession session;
    private static DemoGame game;

    @BeforeAll
    static void start() {
        game = new DemoGame(false);
        game.setConvertSample(false); // the photo test below converts it when it wants
        session = HeadlessSession.start(game, 480, 270, Duration.ofSeconds(90));
        session.awaitFrames(5, Duration.ofSeconds(60));
    }

    @AfterAll
    static void stop() {
        if (session != null) {
            session.close();
        }
    }

    @Test
    void dayFrameShowsSkyGroundAndHud() throws IOException {
        BufferedImage img = session.screenshot(Duration.ofSeconds(30));
        save(img, "demo-day.png");
        assertTrue(distinctColours(img) > 200, "a rendered scene has many colours, got " + distinctColours(img));
        int sky = img.getRGB(img.getWidth() * 3 / 4, img.getHeight() / 6);
        int grassPixels = 0;
        for (int y = img.getHeight() / 2; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int c = img.getRGB(x, y);
                if (green(c) > red(c) + 20 && green(c) > blue(c) + 20) {
                    grassPixels++;
                }
            }
        }
        assertTrue(blue(sky) > red(sky) + 30 && blue(sky) > 120, hex("day sky is blue", sky));
        double grassShare = grassPixels / (img.getWidth() * img.getHeight() / 2.0);
        assertTrue(grassShare > 0.15, "green grass fills part of the lower half: " + grassShare);
        assertTrue(brightPixels(img, 0, 0, img.getWidth() / 3, img.getHeight() / 6) > 30,
                "HUD text is drawn in the top-left corner");
        String status = session.onRenderThread(() -> game.hud().statusText());
        assertTrue(status.contains("FPS"), "status line shows the frame rate: " + status);
    }

    @Test
    void theCarDrivesWithTheKeysAndNextCarSwapsIt() {
        // wait for the first car, built on a worker thread
        for (int i = 0; i < 200 && session.onRenderThread(() -> game.showroom().car()) == null; i++) {
            session.awaitFrames(1, Duration.ofSeconds(30));
        }
        CarRig first = session.onRenderThread(() -> game.showroom().car());
        assertNotNull(first, "a car is ready to drive");
        Vector3f start = session.onRenderThread(() -> first.groundPosition(null));
        DrivingInputState keys = session.onRenderThread(() -> game.getStateManager().getState(DrivingInputState.class));
        session.onRenderThread(() -> {
            keys.onAction(DrivingInputState.THROTTLE, true, 0f);
            keys.onAction(DrivingInputState.HEADLIGHTS, true, 0f);
            return null;
        });
        session.awaitFrames(40, Duration.ofSeconds(60));
        session.onRenderThread(() -> {
            keys.onAction(DrivingInputState.THROTTLE, false, 0f);
            return null;
        });
        Vector3f now = session.onRenderThread(() -> first.groundPosition(null));
        assertTrue(now.z - start.z > 0.3f, "W drives the car forward: " + start + " → " + now);
        assertTrue(session.onRenderThread(() -> first.lights().state().headlights() != LightsState.HeadlightMode.OFF),
                "H switches the headlights on");
        session.onRenderThread(() -> {
            game.showroom().nextCar();
            return null;
        });
        for (int i = 0; i < 200 && session.onRenderThread(() -> game.showroom().car()) == first; i++) {
            session.awaitFrames(1, Duration.ofSeconds(30));
        }
        assertNotSame(first, session.onRenderThread(() -> game.showroom().car()), "N brings the next car");
        assertNull(session.onRenderThread(() -> first.root().getParent()), "the old car left the scene");
    }

    @Test
    void nightToggleDarkensTheSky() throws IOException {
        session.onRenderThread(() -> {
            game.world().setNight(true);
            return null;
        });
        session.awaitFrames(2, Duration.ofSeconds(30));
        BufferedImage img = session.screenshot(Duration.ofSeconds(30));
        save(img, "demo-night.png");
        int sky = img.getRGB(img.getWidth() * 3 / 4, img.getHeight() / 6);
        assertTrue(red(sky) + green(sky) + blue(sky) < 120, hex("night sky is dark", sky));
        session.onRenderThread(() -> {
            game.world().setNight(false);
            return null;
        });
    }

    private static void save(BufferedImage img, String name) throws IOException {
        File f = new File("target/test-output/" + name);
        f.getParentFile().mkdirs();
        ImageIO.write(img, "png", f);
    }

    private static int distinctColours(BufferedImage img) {
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 2) {
            for (int x = 0; x < img.getWidth(); x += 2) {
                colours.add(img.getRGB(x, y) & 0xFFFFFF);
            }
        }
        return colours.size();
    }

    /** The product loop in the demo: the bundled sample photo becomes the driven car. Runs last. */
    @Test
    @org.junit.jupiter.api.Order(Integer.MAX_VALUE)
    void theSamplePhotoBecomesTheDrivenCar() throws Exception {
        byte[] sample;
        try (java.io.InputStream in = DemoGameTest.class.getClassLoader().getResourceAsStream(PhotoImportState.SAMPLE)) {
            assertTrue(in != null, "the sample photo ships in the jar");
            sample = in.readAllBytes();
        }
        game.photos().convert(io.github.photo2car.photo.PhotoSource.fromBytes(sample, "sample photo"));
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        String name = "";
        while (System.nanoTime() < deadline) {
            session.awaitFrames(10, Duration.ofSeconds(30));
            name = session.onRenderThread(() -> game.showroom().carName());
            if (name.startsWith("from ")) {
                break;
            }
        }
        assertEquals("from sample photo", name, "HUD status: " + session.onRenderThread(() -> game.photos().status()));
        assertTrue(session.onRenderThread(() -> game.showroom().car().root().getParent() != null));
    }

    private static int brightPixels(BufferedImage img, int x0, int y0, int x1, int y1) {
        int n = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                int c = img.getRGB(x, y);
                // glyphs are light and antialiased; the glass panel and the sky behind it are not
                if (red(c) > 170 && green(c) > 170) {
                    n++;
                }
            }
        }
        return n;
    }

    private static int red(int c) {
        return c >> 16 & 0xFF;
    }

    private static int green(int c) {
        return c >> 8 & 0xFF;
    }

    private static int blue(int c) {
        return c & 0xFF;
    }

    private static String hex(String what, int c) {
        return String.format("%s, got #%06X", what, c & 0xFFFFFF);
    }
}
