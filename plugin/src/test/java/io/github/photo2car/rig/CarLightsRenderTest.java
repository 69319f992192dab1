package io.github.photo2car.rig;

import com.jme3.app.SimpleApplication;
import com.jme3.bullet.BulletAppState;
import com.jme3.light.AmbientLight;
import com.jme3.material.Material;
import com.jme3.math.ColorRGBA;
import com.jme3.math.FastMath;
import com.jme3.math.Quaternion;
import com.jme3.math.Vector3f;
import com.jme3.scene.Geometry;
import com.jme3.scene.shape.Quad;
import io.github.photo2car.headless.FixedStepTimer;
import io.github.photo2car.headless.HeadlessSession;
import io.github.photo2car.lights.LightsState;
import io.github.photo2car.lights.LightsState.Blinker;
import io.github.photo2car.lights.LightsState.HeadlightMode;
import io.github.photo2car.template.BodyType;
import io.github.photo2car.template.CarParams;
import io.github.photo2car.template.CarPart;
import io.github.photo2car.template.CarTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.time.Duration;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every lamp state change shows in a rendered picture: a rigged car at night, seen from behind and
 * from the front; the brightness around each lamp's anchor is compared between states.
 */
class CarLightsRenderTest {

    private static HeadlessSession session;
    private static CarRig rig;

    @BeforeAll
    static void start() {
        SimpleApplication app = new SimpleApplication() {
            @Override
            public void simpleInitApp() {
                flyCam.setEnabled(false);
                setDisplayFps(false);
                setDisplayStatView(false);
                viewPort.setBackgroundColor(new ColorRGBA(0.01f, 0.01f, 0.02f, 1f));
                BulletAppState physics = new BulletAppState();
                stateManager.attach(physics);
                Material groundMat = new Material(assetManager, "Common/MatDefs/Light/Lighting.j3md");
                groundMat.setBoolean("UseMaterialColors", true);
                groundMat.setColor("Diffuse", new ColorRGBA(0.35f, 0.35f, 0.35f, 1f));
                groundMat.setColor("Ambient", new ColorRGBA(0.35f, 0.35f, 0.35f, 1f));
                Geometry ground = new Geometry("ground", new Quad(60, 60));
                ground.setMaterial(groundMat);
                ground.setLocalRotation(new Quaternion().fromAngleAxis(-FastMath.HALF_PI, Vector3f.UNIT_X));
                ground.setLocalTranslation(-30, 0, 30);
                rootNode.attachChild(ground);
                rootNode.addLight(new AmbientLight(new ColorRGBA(0.05f, 0.05f, 0.06f, 1f)));
                rig = new CarRigBuilder(assetManager).paint(new ColorRGBA(0.2f, 0.25f, 0.35f, 1f))
                        .build(CarTemplate.build(CarParams.preset(BodyType.SEDAN), null));
                physics.startPhysics();
                physics.getPhysicsSpace().addCollisionObject(new com.jme3.bullet.objects.PhysicsRigidBody(
                        new com.jme3.bullet.collision.shapes.PlaneCollisionShape(new com.jme3.math.Plane(Vector3f.UNIT_Y, 0)),
                        com.jme3.bullet.objects.PhysicsRigidBody.massForStatic));
                rig.attach(rootNode, physics.getPhysicsSpace(), Vector3f.ZERO, 0f);
            }
        };
        app.setTimer(new FixedStepTimer(1f / 60f)); // blinker phase depends on frames, not wall time
        session = HeadlessSession.start(app, 480, 360, Duration.ofSeconds(90));
        session.awaitFrames(30, Duration.ofSeconds(60)); // let the suspension settle
        assertTrue(Math.abs(session.onRenderThread(() -> rig.groundPosition(null).y)) < 0.05f, "standing on the ground");
    }

    @AfterAll
    static void stop() {
        if (session != null) {
            session.close();
        }
    }

    /** Sets a lamp state from a clean one, renders 2 frames and returns the picture from the given side. */
    private static BufferedImage render(boolean fromFront, Consumer<LightsState> setup, String name) throws IOException {
        return render(new Vector3f(0.8f, 1.6f, fromFront ? 7f : -7f), new Vector3f(0, 0.6f, 0), setup, name);
    }

    private static BufferedImage render(Vector3f eye, Vector3f target, Consumer<LightsState> setup, String name)
            throws IOException {
        session.onRenderThread(() -> {
            LightsState s = rig.lights().state();
            s.setHeadlights(HeadlightMode.OFF);
            s.setBlinker(Blinker.NONE);
            s.setHazards(false);
            s.setBraking(false);
            s.setReversing(false);
            setup.accept(s);
            var cam = session.app().getCamera();
            cam.setLocation(eye);
            cam.lookAt(target, Vector3f.UNIT_Y);
            return null;
        });
        session.awaitFrames(2, Duration.ofSeconds(30));
        BufferedImage img = session.screenshot(Duration.ofSeconds(30));
        File f = new File("target/test-output/lights-" + name + ".png");
        f.getParentFile().mkdirs();
        ImageIO.write(img, "png", f);
        return img;
    }

    /** Mean luminance in a 9×9 window around the lamp's anchor as the camera sees it now. */
    private static double lampBrightness(BufferedImage img, CarPart part) {
        Vector3f screen = session.onRenderThread(() -> {
            Vector3f world = rig.chassis().localToWorld(rig.mesh().light(part).position(null), null);
            return session.app().getCamera().getScreenCoordinates(world);
        });
        int cx = Math.round(screen.x);
        int cy = img.getHeight() - 1 - Math.round(screen.y);
        double sum = 0;
        int n = 0;
        for (int y = cy - 4; y <= cy + 4; y++) {
            for (int x = cx - 4; x <= cx + 4; x++) {
                if (x >= 0 && y >= 0 && x < img.getWidth() && y < img.getHeight()) {
                    sum += luminance(img.getRGB(x, y));
                    n++;
                }
            }
        }
        return n == 0 ? 0 : sum / n;
    }

    private static double luminance(int c) {
        return 0.3 * (c >> 16 & 0xFF) + 0.59 * (c >> 8 & 0xFF) + 0.11 * (c & 0xFF);
    }

    private static void assertBrighter(double lit, double dark, String what) {
        System.out.printf("[lights] %-28s lit %.1f vs off %.1f%n", what, lit, dark);
        assertTrue(lit > dark + 25, what + ": lit " + lit + " vs off " + dark);
    }

    @Test
    void brakeLampsBrakeOnlyAndTailLampsWithHeadlights() throws IOException {
        BufferedImage off = render(false, s -> { }, "rear-off");
        BufferedImage brake = render(false, s -> s.setBraking(true), "rear-brake");
        BufferedImage tail = render(false, s -> s.setHeadlights(HeadlightMode.LOW), "rear-tail");
        for (CarPart p : new CarPart[] {CarPart.TAILLIGHT_L, CarPart.TAILLIGHT_R}) {
            assertBrighter(lampBrightness(brake, p), lampBrightness(off, p), "brake " + p);
            assertBrighter(lampBrightness(brake, p), lampBrightness(tail, p) - 15, "brake brighter than tail " + p);
            assertTrue(lampBrightness(tail, p) > lampBrightness(off, p) + 5, "tail lamp on with headlights " + p);
        }
    }

    @Test
    void blinkersHazardsAndReverseShow() throws IOException {
        BufferedImage off = render(false, s -> { }, "rear-off2");
        BufferedImage left = render(false, s -> s.setBlinker(Blinker.LEFT), "rear-blink-left");
        assertBrighter(lampBrightness(left, CarPart.BLINKER_REAR_L), lampBrightness(off, CarPart.BLINKER_REAR_L),
                "left blinker");
        assertTrue(lampBrightness(left, CarPart.BLINKER_REAR_R) < lampBrightness(off, CarPart.BLINKER_REAR_R) + 5,
                "right blinker stays dark");
        BufferedImage hazards = render(false, s -> s.setHazards(true), "rear-hazards");
        assertBrighter(lampBrightness(hazards, CarPart.BLINKER_REAR_L), lampBrightness(off, CarPart.BLINKER_REAR_L),
                "hazards left");
        assertBrighter(lampBrightness(hazards, CarPart.BLINKER_REAR_R), lampBrightness(off, CarPart.BLINKER_REAR_R),
                "hazards right");
        BufferedImage reverse = render(false, s -> s.setReversing(true), "rear-reverse");
        assertBrighter(lampBrightness(reverse, CarPart.REVERSE_L), lampBrightness(off, CarPart.REVERSE_L), "reverse");
    }

    @Test
    void headlightsLightTheLensesAndTheRoad() throws IOException {
        BufferedImage off = render(true, s -> { }, "front-off");
        BufferedImage low = render(true, s -> s.setHeadlights(HeadlightMode.LOW), "front-low");
        assertBrighter(lampBrightness(low, CarPart.HEADLIGHT_L), lampBrightness(off, CarPart.HEADLIGHT_L), "headlight L");
        assertBrighter(lampBrightness(low, CarPart.HEADLIGHT_R), lampBrightness(off, CarPart.HEADLIGHT_R), "headlight R");
        // seen from above and behind the car, the road ahead of its nose is lit by the spot lights
        Vector3f eye = new Vector3f(0, 3.5f, -4f);
        Vector3f ahead = new Vector3f(0, 0, 9f);
        BufferedImage roadDark = render(eye, ahead, s -> { }, "road-off");
        BufferedImage roadLow = render(eye, ahead, s -> s.setHeadlights(HeadlightMode.LOW), "road-low");
        Vector3f spot = session.onRenderThread(() -> session.app().getCamera().getScreenCoordinates(new Vector3f(0, 0, 6f)));
        int sx = Math.round(spot.x);
        int sy = roadDark.getHeight() - 1 - Math.round(spot.y);
        double roadOff = 0;
        double roadLit = 0;
        for (int y = sy - 5; y <= sy + 5; y++) {
            for (int x = sx - 20; x <= sx + 20; x++) {
                roadOff += luminance(roadDark.getRGB(x, y));
                roadLit += luminance(roadLow.getRGB(x, y));
            }
        }
        roadOff /= 11 * 41;
        roadLit /= 11 * 41;
        System.out.printf("[lights] road 3.5 m ahead: lit %.1f vs off %.1f%n", roadLit, roadOff);
        assertTrue(roadLit > roadOff + 20, "beams light the road ahead");
    }
}
