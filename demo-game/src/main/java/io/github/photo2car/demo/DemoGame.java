package io.github.photo2car.demo;

import com.jme3.app.SimpleApplication;
import com.jme3.bullet.BulletAppState;
import com.jme3.material.TechniqueDef;
import com.jme3.input.KeyInput;
import com.jme3.input.controls.ActionListener;
import com.jme3.input.controls.KeyTrigger;
import com.jme3.system.AppSettings;
import io.github.photo2car.app.PhotoToCarAppState;
import io.github.photo2car.drive.ChaseCameraState;
import io.github.photo2car.drive.DrivingInputState;
import io.github.photo2car.headless.HeadlessSession;
import io.github.photo2car.lights.LightsState;
import io.github.photo2car.rig.CarRig;
import io.github.photo2car.util.Logging;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;

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
    private CarShowroom showroom;
    private float sinceStatus;
    private PhotoImportState photos;
    private boolean convertSample = true;

    /**
     * @param startAtNight true to start at night
     */
    public DemoGame(boolean startAtNight) {
        super(); // default states: fly camera (disabled), stats, debug keys
        this.startAtNight = startAtNight;
    }

    @Override
    public void simpleInitApp() {
        setDisplayStatView(false);
        setDisplayFps(false);
        flyCam.setEnabled(false); // the chase camera follows the car
        // all lights in one pass: sun, ambient and two headlight beams would otherwise mean four passes
        renderManager.setPreferredLightMode(TechniqueDef.LightMode.SinglePass);
        renderManager.setSinglePassLightBatchSize(6);
        cam.setFrustumPerspective(55f, (float) cam.getWidth() / cam.getHeight(), 0.1f, 1000f);

        BulletAppState physics = new BulletAppState();
        stateManager.attach(physics);
        physics.startPhysics(); // the world adds its bodies during its initialisation
        world = new DemoWorldState();
        world.setNight(startAtNight);
        hud = new HudState(TITLE);
        hud.setHints("W/S drive+brake  A/D steer  Space handbrake  H lights  Q/E blinkers  X hazards  "
                + "N next car  O import photo (or drop one)  P photograph  T day/night  Esc quit");
        showroom = new CarShowroom();
        photos = new PhotoImportState(convertSample);
        PhotoToCarAppState photoToCar = new PhotoToCarAppState();
        // converting the sample at start warms the conversion up anyway
        photoToCar.setWarmUpConversion(!convertSample);
        stateManager.attachAll(world, hud, new DrivingInputState(), new ChaseCameraState(), showroom,
                photoToCar, photos);

        inputManager.addMapping("toggle-night", new KeyTrigger(KeyInput.KEY_T));
        inputManager.addMapping("next-car", new KeyTrigger(KeyInput.KEY_N));
        inputManager.addListener((ActionListener) (name, pressed, tpf) -> {
            if (!pressed) {
                return;
            }
            if (name.equals("toggle-night")) {
                world.setNight(!world.isNight());
                CarRig car = showroom.car();
                if (car != null) { // automatic headlights, like most modern cars
                    car.lights().state().setHeadlights(world.isNight()
                            ? LightsState.HeadlightMode.LOW : LightsState.HeadlightMode.OFF);
                }
            } else {
                showroom.nextCar();
            }
        }, "toggle-night", "next-car");
    }

    @Override
    public void simpleUpdate(float tpf) {
        sinceStatus += tpf;
        CarRig car = showroom.car();
        if (sinceStatus >= 0.5f && car != null) {
            sinceStatus = 0f;
            LightsState lamps = car.lights().state();
            String importing = photos.status();
            hud.setMessage(String.format(Locale.ROOT, "%s%s  %.0f km/h  lights %s%s%s",
                    importing.isEmpty() ? "" : importing + "\n", showroom.carName(),
                    Math.abs(car.driver().forwardSpeed()) * 3.6f, lamps.headlights().name().toLowerCase(Locale.ROOT),
                    lamps.hazards() ? "  hazards" : lamps.blinker() != LightsState.Blinker.NONE
                            ? "  blinker " + lamps.blinker().name().toLowerCase(Locale.ROOT) : "",
                    car.driver().reversing() ? "  R" : ""));
        }
    }

    /** @return the showroom: the car being driven and the N key */
    public CarShowroom showroom() {
        return showroom;
    }

    /** @return the world state (ground, sky, lights) */
    public DemoWorldState world() {
        return world;
    }

    /**
     * Whether the bundled sample photo is converted at start (default true). Call before start.
     *
     * @param convert true to convert it
     */
    public void setConvertSample(boolean convert) {
        convertSample = convert;
    }

    /** @return photo import (O, P, drop, sample) */
    public PhotoImportState photos() {
        return photos;
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
        boolean sample = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--size" -> {
                    String[] wh = value(args, ++i, "--size").split("x");
                    width = Integer.parseInt(wh[0]);
                    height = Integer.parseInt(wh[1]);
                }
                case "--night" -> night = true;
                case "--no-sample" -> sample = false;
                case "--screenshot" -> screenshot = new File(value(args, ++i, "--screenshot"));
                case "--frames" -> frames = Integer.parseInt(value(args, ++i, "--frames"));
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; usage: DemoGame [--size WxH] [--night] [--no-sample] [--screenshot FILE [--frames N]]");
            }
        }
        DemoGame game = new DemoGame(night);
        game.setConvertSample(sample);
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
