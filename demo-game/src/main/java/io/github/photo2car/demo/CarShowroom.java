package io.github.photo2car.demo;

import com.jme3.app.Application;
import com.jme3.app.SimpleApplication;
import com.jme3.app.state.BaseAppState;
import com.jme3.bullet.BulletAppState;
import com.jme3.math.ColorRGBA;
import com.jme3.math.FastMath;
import com.jme3.math.Vector3f;
import io.github.photo2car.drive.ChaseCameraState;
import io.github.photo2car.drive.DrivingInputState;
import io.github.photo2car.lights.LightsState;
import io.github.photo2car.rig.CarRig;
import io.github.photo2car.rig.CarRigBuilder;
import io.github.photo2car.template.BodyType;
import io.github.photo2car.template.CarMesh;
import io.github.photo2car.template.CarParams;
import io.github.photo2car.template.CarTemplate;

import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The car the player drives and the N key: cycles through the body-type presets, then random cars,
 * each in its own paint (replacing the driven car, which may also be one built from a photo). The car's mesh is built on a worker thread; only the scene change happens
 * on the render thread, so switching cars does not stall the game.
 */
public final class CarShowroom extends BaseAppState {

    private static final ColorRGBA[] PAINTS = {
        new ColorRGBA(0.55f, 0.05f, 0.04f, 1f), new ColorRGBA(0.85f, 0.86f, 0.87f, 1f),
        new ColorRGBA(0.05f, 0.12f, 0.35f, 1f), new ColorRGBA(0.02f, 0.02f, 0.025f, 1f),
        new ColorRGBA(0.45f, 0.47f, 0.5f, 1f), new ColorRGBA(0.1f, 0.3f, 0.15f, 1f),
        new ColorRGBA(0.9f, 0.55f, 0.05f, 1f)};

    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "photo2car-demo-builder");
        t.setDaemon(true);
        return t;
    });
    private final Random random = new Random(2026);
    private int index;
    private CarRig car;
    private String carName = "";
    private CompletableFuture<?> pending;

    @Override
    protected void initialize(Application app) {
        nextCar();
    }

    /** Replaces the current car by the next preset or a random car (N key). Render thread. */
    public void nextCar() {
        if (pending != null && !pending.isDone()) {
            return; // one build at a time
        }
        BodyType[] types = BodyType.values();
        int i = index++;
        CarParams params = i < types.length ? CarParams.preset(types[i]) : CarParams.random(random);
        String name = i < types.length ? types[i].name().toLowerCase(Locale.ROOT) : "random car #" + (i - types.length + 1);
        ColorRGBA paint = PAINTS[i % PAINTS.length];
        Application app = getApplication();
        pending = CompletableFuture.supplyAsync(() -> CarTemplate.build(params, null), worker)
                .thenAccept(mesh -> app.enqueue(() -> install(mesh, paint, name)));
    }

    private void install(CarMesh mesh, ColorRGBA paint, String name) {
        SimpleApplication app = (SimpleApplication) getApplication();
        BulletAppState physics = getState(BulletAppState.class);
        Vector3f where = new Vector3f(0, 0, 0);
        float heading = 0f;
        if (car != null) {
            car.groundPosition(where);
            Vector3f forward = car.root().getWorldRotation().mult(Vector3f.UNIT_Z);
            heading = FastMath.atan2(forward.x, forward.z);
            car.detach();
        }
        car = new CarRigBuilder(app.getAssetManager()).paint(paint).build(mesh);
        car.attach(app.getRootNode(), physics.getPhysicsSpace(), where, heading);
        carName = name;
        DemoWorldState world = getState(DemoWorldState.class);
        if (world != null && world.isNight()) {
            car.lights().state().setHeadlights(LightsState.HeadlightMode.LOW); // automatic headlights
        }
        getState(DrivingInputState.class).setCar(car.driver(), car.lights().state());
        getState(ChaseCameraState.class).setTarget(car.root());
    }

    /**
     * Makes a car that is already in the scene (e.g. one built from a photo) the driven car; the
     * previous car stays parked where it is. Render thread.
     *
     * @param rig  the car (attached)
     * @param name a short name for the HUD
     */
    public void adopt(CarRig rig, String name) {
        car = rig;
        carName = name;
        DemoWorldState world = getState(DemoWorldState.class);
        if (world != null && world.isNight()) {
            car.lights().state().setHeadlights(LightsState.HeadlightMode.LOW);
        }
        getState(DrivingInputState.class).setCar(car.driver(), car.lights().state());
        getState(ChaseCameraState.class).setTarget(car.root());
    }

    /** @return the car being driven, or null before the first one is built */
    public CarRig car() {
        return car;
    }

    /** @return a short name of the current car */
    public String carName() {
        return carName;
    }

    @Override
    protected void cleanup(Application app) {
        worker.shutdownNow();
        if (car != null) {
            car.detach();
        }
    }

    @Override
    protected void onEnable() {
        // the car stays in the scene while enabled or not
    }

    @Override
    protected void onDisable() {
        // see onEnable
    }
}
