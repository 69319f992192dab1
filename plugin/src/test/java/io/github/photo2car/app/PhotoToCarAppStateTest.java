package io.github.photo2car.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.jme3.app.SimpleApplication;
import com.jme3.bullet.BulletAppState;
import com.jme3.bullet.collision.shapes.PlaneCollisionShape;
import com.jme3.bullet.objects.PhysicsRigidBody;
import com.jme3.light.AmbientLight;
import com.jme3.light.DirectionalLight;
import com.jme3.math.Plane;
import com.jme3.math.Vector3f;

import io.github.photo2car.drive.DriverInput;
import io.github.photo2car.headless.HeadlessSession;
import io.github.photo2car.photo.PhotoDecoder;
import io.github.photo2car.photo.PhotoException;
import io.github.photo2car.photo.PhotoSource;
import io.github.photo2car.pipeline.ConversionException;
import io.github.photo2car.pipeline.ConversionOptions;
import io.github.photo2car.raster.JavaRasterBackend;
import io.github.photo2car.raster.OrbitCamera;
import io.github.photo2car.raster.RasterOutput;
import io.github.photo2car.rig.CarRig;
import io.github.photo2car.template.BodyType;
import io.github.photo2car.template.CarMesh;
import io.github.photo2car.template.CarParams;
import io.github.photo2car.template.CarTemplate;

/**
 * The product path in a running game: a photo whose transparency marks the car becomes a car in
 * the scene in front of the camera, the game keeps rendering meanwhile, the car drives; bad input
 * fails with a typed error and leaves the scene alone.
 */
class PhotoToCarAppStateTest {

    private static HeadlessSession session;
    private static PhotoToCarAppState state;
    private static FrameCounter recorder;
    /** A conversion asked for in simpleInitApp right after attaching the state, as the README does. */
    private static ConversionHandle early;
    /** Whether the early conversion's car was in the scene when its result completed. */
    private static boolean earlyCarInScene;
    private static Throwable earlyFailure;

    /** Counts rendered frames; render thread writes, any thread reads. */
    private static final class FrameCounter extends com.jme3.app.state.BaseAppState {
        private volatile int frames;

        @Override
        public void update(float tpf) {
            frames++;
        }

        int frames() {
            return frames;
        }

        @Override
        protected void initialize(com.jme3.app.Application app) {
        }

        @Override
        protected void cleanup(com.jme3.app.Application app) {
        }

        @Override
        protected void onEnable() {
        }

        @Override
        protected void onDisable() {
        }
    }


    @BeforeAll
    static void start() {
        SimpleApplication app = new SimpleApplication() {
            @Override
            public void simpleInitApp() {
                recorder = new FrameCounter();
                stateManager.attach(recorder);
                flyCam.setEnabled(false);
                setDisplayFps(false);
                setDisplayStatView(false);
                BulletAppState physics = new BulletAppState();
                stateManager.attach(physics);
                physics.startPhysics();
                physics.getPhysicsSpace().addCollisionObject(new PhysicsRigidBody(
                        new PlaneCollisionShape(new Plane(Vector3f.UNIT_Y, 0)), PhysicsRigidBody.massForStatic));
                rootNode.addLight(new AmbientLight());
                rootNode.addLight(new DirectionalLight(new Vector3f(-0.3f, -1, -0.4f).normalizeLocal()));
                cam.setLocation(new Vector3f(0, 2, 12));
                cam.lookAt(new Vector3f(0, 0.5f, 0), Vector3f.UNIT_Y);
                // no networks: the test is about the app state, and must not depend on what model ships
                state = new PhotoToCarAppState(null, null, ConversionOptions.defaults(), PhotoDecoder.defaults());
                stateManager.attach(state);
                try {
                    // the README's snippet: the state is attached but not initialised yet
                    early = state.convert(PhotoSource.fromBytes(carPhoto(), "early.png"));
                } catch (Exception e) {
                    earlyFailure = e;
                }
            }
        };
        session = HeadlessSession.start(app, 320, 240, Duration.ofSeconds(90));
        session.awaitFrames(5, Duration.ofSeconds(60));
        if (early != null) {
            // take the early car out again before the tests, which count cars
            try {
                CarRig rig = early.result().get(120, TimeUnit.SECONDS);
                earlyCarInScene = session.onRenderThread(() -> rig.root().getParent() != null && state.remove(rig));
            } catch (Exception e) {
                earlyFailure = e;
            }
        }
    }

    @AfterAll
    static void stop() {
        if (session != null) {
            session.close();
        }
    }

    /** A PNG of a rendered blue car whose alpha channel is the car mask. */
    private static byte[] carPhoto() throws Exception {
        return carPhoto(70);
    }

    /** A PNG of the blue car seen from this azimuth (degrees), its alpha channel the car mask. */
    private static byte[] carPhoto(float azimuthDeg) throws Exception {
        CarMesh car = CarTemplate.build(CarParams.preset(BodyType.COUPE), null);
        int w = 360;
        int h = 240;
        OrbitCamera cam = new OrbitCamera(azimuthDeg, 12, 7.5f, 45, 0, 0, 0, 0, 0.65f, 0, 0.1f, 200);
        JavaRasterBackend backend = new JavaRasterBackend(1);
        int[] tris = car.renderTriangles();
        RasterOutput r = backend.rasterize(new float[][] {cam.project(car.renderPositions(), w / (float) h)}, tris, w, h);
        float[] n = backend.interpolate(r, tris, new float[][] {car.renderNormals()}, 3)[0];
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        for (int p = 0; p < w * h; p++) {
            int argb = 0x00808080;
            if (r.triangleIds(0)[p] >= 0) {
                float light = 0.3f + 0.7f * Math.max(0, 0.3f * n[3 * p] + 0.8f * n[3 * p + 1] + 0.5f * n[3 * p + 2]);
                argb = 0xff000000 | (int) (40 * light) << 16 | (int) (70 * light) << 8 | (int) (200 * light);
            }
            img.setRGB(p % w, p / w, argb);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    @Test
    void aPhotoBecomesADrivableCarWhileTheGameRenders() throws Exception {
        byte[] photo = carPhoto();
        session.awaitFrames(2, Duration.ofSeconds(30));
        assertNull(session.onRenderThread(() -> session.app().getRootNode().getChild(PhotoToCarAppState.WARM_UP_NAME)),
                "the throw-away car that compiles the shaders is drawn once, then removed");
        // Frame times are not asserted here: on a shared machine they measure the load, not the code.
        // ./photo2car bench-game reports them (worst frame, and the render thread's own work per frame).
        int first = recorder.frames();
        ConversionHandle handle = state.convert(PhotoSource.fromBytes(photo, "coupe.png"));
        int[] insertion = {-1};
        // wait on the stage that records the frame, not on the result: get() on the result may
        // return before a dependent action has run
        CarRig rig = handle.result().whenComplete((r, e) -> insertion[0] = recorder.frames()) // on the render thread
                .get(120, TimeUnit.SECONDS);
        assertTrue(insertion[0] > first, "the game kept rendering while the worker converted: frames " + first
                + " -> " + insertion[0]);
        assertEquals(1.0, handle.fraction(), 1e-9);
        assertTrue(session.onRenderThread(() -> rig.root().getParent() != null), "car in the scene");
        assertEquals(1, session.onRenderThread(() -> state.cars().size()));
        Vector3f start = session.onRenderThread(() -> rig.groundPosition(new Vector3f()));
        assertTrue(start.z < 12 && start.z > -10, "in front of the camera: " + start);
        DriverInput input = new DriverInput();
        input.throttle = 1f;
        session.onRenderThread(() -> {
            rig.root().addControl(new com.jme3.scene.control.AbstractControl() {
                @Override
                protected void controlUpdate(float tpf) {
                    rig.driver().update(input, tpf);
                }

                @Override
                protected void controlRender(com.jme3.renderer.RenderManager rm, com.jme3.renderer.ViewPort vp) {
                    // nothing to draw
                }
            });
            return null;
        });
        Thread.sleep(3000);
        Vector3f moved = session.onRenderThread(() -> rig.groundPosition(new Vector3f()));
        assertTrue(moved.distance(start) > 3, "the car drives: " + start + " -> " + moved);
        int before = session.onRenderThread(() -> state.cars().size());
        assertTrue(session.onRenderThread(() -> state.remove(rig)));
        assertEquals(before - 1, session.onRenderThread(() -> state.cars().size()));
        assertNull(session.onRenderThread(() -> rig.root().getParent()), "out of the scene");
        assertNull(session.onRenderThread(() -> rig.vehicle().getPhysicsSpace()), "out of the physics space");
        assertTrue(!session.onRenderThread(() -> state.remove(rig)), "a second removal finds nothing");
    }

    @Test
    void aConversionAskedForRightAfterAttachingWaitsForTheStateToStart() {
        assertNull(earlyFailure, () -> "convert() right after attach: " + earlyFailure);
        assertTrue(earlyCarInScene, "the early conversion's car reached the scene");
    }

    @Test
    void severalPhotosOfOneCarBecomeOneCar() throws Exception {
        int cars = session.onRenderThread(() -> state.cars().size());
        BufferedImage clear = new BufferedImage(120, 80, BufferedImage.TYPE_INT_ARGB);
        clear.setRGB(60, 40, 2, 2, new int[] {-1, -1, -1, -1}, 0, 2); // a speck, too small to be a car
        ConversionHandle handle = state.convert(List.of(PhotoSource.fromBytes(carPhoto(20), "front.png"),
                PhotoSource.fromBytes(carPhoto(95), "side.png"), PhotoSource.fromImage(clear, "empty.png")));
        assertEquals("front.png + side.png + empty.png", handle.name());
        CarRig rig = handle.result().get(120, TimeUnit.SECONDS);
        assertTrue(session.onRenderThread(() -> rig.root().getParent() != null), "car in the scene");
        assertEquals(cars + 1, session.onRenderThread(() -> state.cars().size()), "one car from both photos");
        assertEquals(List.of("photo 3: no car found; built from the other photos"), handle.warnings());
        assertTrue(session.onRenderThread(() -> state.remove(rig)));

        int before = session.onRenderThread(() -> session.app().getRootNode().getQuantity());
        ConversionHandle bad = state.convert(List.of(PhotoSource.fromBytes(carPhoto(20), "front.png"),
                PhotoSource.fromBytes(new byte[0], "empty.jpg")));
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> bad.result().get(60, TimeUnit.SECONDS));
        assertInstanceOf(PhotoException.class, e.getCause());
        assertEquals(before, session.onRenderThread(() -> session.app().getRootNode().getQuantity()));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> state.convert(List.of()));
    }

    @Test
    void becomesReadyAndKeepsItsWarmUpSettingOnceStarted() throws Exception {
        // no segmenter here, so the warm-up conversion is skipped and ready follows the start
        state.ready().get(60, TimeUnit.SECONDS);
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> state.setWarmUpConversion(false));
    }

    @Test
    void badInputFailsTypedAndLeavesTheSceneAlone() throws Exception {
        int before = session.onRenderThread(() -> session.app().getRootNode().getQuantity());
        int cars = session.onRenderThread(() -> state.cars().size());
        ConversionHandle text = state.convert(PhotoSource.fromBytes("not a photo".getBytes(), "car.jpg"));
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> text.result().get(60, TimeUnit.SECONDS));
        assertInstanceOf(PhotoException.class, e.getCause());
        BufferedImage opaque = new BufferedImage(480, 320, BufferedImage.TYPE_INT_RGB);
        java.util.Random rnd = new java.util.Random(3);
        for (int y = 0; y < 320; y++) {
            for (int x = 0; x < 480; x++) {
                opaque.setRGB(x, y, rnd.nextInt(0x1000000));
            }
        }
        ConversionHandle noMask = state.convert(PhotoSource.fromImage(opaque, "grey.png"));
        e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> noMask.result().get(60, TimeUnit.SECONDS));
        assertInstanceOf(ConversionException.class, e.getCause(), String.valueOf(e.getCause()));
        assertEquals(ConversionException.Reason.NO_MASK_SOURCE, ((ConversionException) e.getCause()).reason());
        assertEquals(before, session.onRenderThread(() -> session.app().getRootNode().getQuantity()));
        assertEquals(cars, session.onRenderThread(() -> state.cars().size()));
    }
}
