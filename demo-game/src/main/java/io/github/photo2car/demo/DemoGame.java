package io.github.photo2car.demo;

import com.jme3.app.SimpleApplication;
import com.jme3.input.KeyInput;
import com.jme3.input.controls.ActionListener;
import com.jme3.input.controls.KeyTrigger;
import com.jme3.math.Vector3f;
import com.jme3.system.AppSettings;
import io.github.photo2car.headless.HeadlessSession;
import io.github.photo2car.util.Logging;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.time.Duration;

/**
 * The photo2car demo game. Start it with {@code ./photo2car demo}.
 *
 * <p>Command line: {@code DemoGame [--size WxH] [--night] [--screenshot FILE [--frames N]]}. With
 * {@code --screenshot} the game runs headless (Xvfb or OSMesa), renders N frames (default 30),
 * writes the last one as PNG and exits: this is how the README's pictures are made.
 */
public class DemoGame extends SimpleApplication {

    /** Title shown in the window and the HUD. */
    public static final String TITLE = "photo2car demo";

    private final boolean startAtNight;
    private DemoWorldState world;
    private HudState hud;

    /**
     * @param startAtNight true to start at night
     */
    public DemoGame(boolean startAtNight) {
        super(); // default states: fly camera, stats, debug keys
        this.startAtNight = startAtNight;
    }

    @Override
    public void simpleInitApp() {
        setDisplayStatView(false);
        setDisplayFps(false);
        flyCam.setMoveSpeed(12f);
        flyCam.setDragToRotate(true);
        cam.setFrustumPerspective(55f, (float) cam.getWidth() / cam.getHeight(), 0.1f, 1000f);
        cam.setLocation(new Vector3f(7f, 2.2f, -9f));
        cam.lookAt(new Vector3f(0f, 0.8f, 6f), Vector3f.UNIT_Y);

        world = new DemoWorldState();
        world.setNight(startAtNight);
        hud = new HudState(TITLE);
        hud.setHints("mouse-drag + WASD: look around  |  T: day/night  |  Esc: quit");
        stateManager.attachAll(world, hud);

        inputManager.addMapping("toggle-night", new KeyTrigger(KeyInput.KEY_T));
        inputManager.addListener((ActionListener) (name, pressed, tpf) -> {
            if (pressed) {
                world.setNight(!world.isNight());
            }
        }, "toggle-night");
    }

    /** @return the world state (ground, sky, lights) */
    public DemoWorldState world() {
        return world;
    }

    /** @return the HUD state */
    public HudState hud() {
        return hud;
    }

    /**
     * Entry point.
     *
     * @param args see the class comment
     * @throws IOException if the screenshot cannot be written
     */
    public static void main(String[] args) throws IOException {
        Logging.bridgeJavaUtilLogging();
        int width = 1280;
        int height = 720;
        boolean night = false;
        File screenshot = null;
        int frames = 30;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--size" -> {
                    String[] wh = value(args, ++i, "--size").split("x");
                    width = Integer.parseInt(wh[0]);
                    height = Integer.parseInt(wh[1]);
                }
                case "--night" -> night = true;
                case "--screenshot" -> screenshot = new File(value(args, ++i, "--screenshot"));
                case "--frames" -> frames = Integer.parseInt(value(args, ++i, "--frames"));
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; usage: DemoGame [--size WxH] [--night] [--screenshot FILE [--frames N]]");
            }
        }
        DemoGame game = new DemoGame(night);
        if (screenshot != null) {
            writeScreenshot(game, width, height, frames, screenshot);
            return;
        }
        AppSettings settings = new AppSettings(true);
        settings.setTitle(TITLE);
        settings.setResolution(width, height);
        settings.setAudioRenderer(null); // the demo makes no sound yet; OpenAL fails without a sound card
        settings.setVSync(true);
        settings.setSamples(4);
        settings.setGammaCorrection(true);
        game.setSettings(settings);
        game.setShowSettings(false);
        game.start();
    }

    private static void writeScreenshot(DemoGame game, int width, int height, int frames, File file) throws IOException {
        try (HeadlessSession session = HeadlessSession.start(game, width, height, Duration.ofSeconds(120))) {
            session.awaitFrames(frames, Duration.ofMinutes(5));
            BufferedImage image = session.screenshot(Duration.ofSeconds(60));
            File dir = file.getAbsoluteFile().getParentFile();
            if (dir != null) {
                dir.mkdirs();
            }
            ImageIO.write(image, "png", file);
            System.out.println("wrote " + file + " (" + image.getWidth() + "×" + image.getHeight() + ")");
        }
        System.exit(0); // GLFW may leave non-daemon threads behind
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }
}
