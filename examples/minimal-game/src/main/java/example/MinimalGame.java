package example;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

import com.jme3.app.SimpleApplication;
import com.jme3.bullet.BulletAppState;
import com.jme3.bullet.collision.shapes.PlaneCollisionShape;
import com.jme3.bullet.objects.PhysicsRigidBody;
import com.jme3.light.AmbientLight;
import com.jme3.light.DirectionalLight;
import com.jme3.math.Plane;
import com.jme3.math.Vector3f;

import io.github.photo2car.app.ConversionHandle;
import io.github.photo2car.app.PhotoToCarAppState;
import io.github.photo2car.drive.DriverInput;
import io.github.photo2car.photo.PhotoSource;
import io.github.photo2car.pipeline.Stage;
import io.github.photo2car.rig.CarRig;

/**
 * The smallest game that uses photo2car: flat ground, one photo turned into a car as the game
 * starts, the car driven at full throttle once it stands in the scene. What README's "Using it in
 * a game" shows, and nothing else.
 */
public class MinimalGame extends SimpleApplication {

    private final Path photo;
    private final CompletableFuture<CarRig> car = new CompletableFuture<>();
    private final DriverInput input = new DriverInput();
    private CarRig driven;
    private volatile Stage shownStage;

    /** @param photo the photo of a car to build (not null) */
    public MinimalGame(Path photo) {
        this.photo = photo;
        input.throttle = 1f;
    }

    /** @return the car, once it stands in the scene (completes on the render thread) */
    public CompletableFuture<CarRig> car() {
        return car;
    }

    @Override
    public void simpleInitApp() {
        BulletAppState physics = new BulletAppState();
        stateManager.attach(physics);
        physics.startPhysics();
        physics.getPhysicsSpace().addCollisionObject(new PhysicsRigidBody(
                new PlaneCollisionShape(new Plane(Vector3f.UNIT_Y, 0)), PhysicsRigidBody.massForStatic));
        rootNode.addLight(new AmbientLight());
        rootNode.addLight(new DirectionalLight(new Vector3f(-0.3f, -1, -0.4f).normalizeLocal()));
        flyCam.setEnabled(false);

        // README, "Using it in a game": convert may be called as soon as the state is attached
        PhotoToCarAppState photoToCar = new PhotoToCarAppState(); // uses the networks shipped in the jar
        stateManager.attach(photoToCar);
        ConversionHandle h = photoToCar.convert(PhotoSource.fromFile(photo));
        h.addListener((stage, fraction, message) -> { // on the worker thread: a game would update its HUD
            if (stage != shownStage) {
                shownStage = stage;
                System.out.println("[minimal-game] " + message);
            }
        });
        h.result().whenComplete((rig, failure) -> {
            if (failure != null) {
                car.completeExceptionally(failure);
            } else {
                driven = rig;
                car.complete(rig);
            }
        });
    }

    @Override
    public void simpleUpdate(float tpf) {
        if (driven != null) {
            driven.driver().update(input, tpf);
        }
    }

    /**
     * Runs the game in a window.
     *
     * @param args the photo's path (default: the repository's sample photo)
     */
    public static void main(String[] args) {
        new MinimalGame(Path.of(args.length > 0 ? args[0] : "../../assets/samples/sample-car.png")).start();
    }
}
