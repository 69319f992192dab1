package io.github.photo2car.rig;

import com.jme3.bullet.PhysicsSpace;
import com.jme3.bullet.control.VehicleControl;
import com.jme3.math.Quaternion;
import com.jme3.math.Vector3f;
import com.jme3.scene.Node;
import io.github.photo2car.drive.CarDriver;
import io.github.photo2car.lights.CarLightsControl;
import io.github.photo2car.template.CarMesh;
import io.github.photo2car.template.CarPart;
import io.github.photo2car.template.WheelPosition;

import java.util.Objects;

/**
 * A drivable car in a jME scene: a root node that Minie moves (its origin is the centre of mass),
 * a chassis node holding the body, glass, trim and lamp lenses in the car frame, four wheel nodes
 * named {@code wheel_FL}, {@code wheel_FR}, {@code wheel_RL}, {@code wheel_RR} that spin, steer and
 * ride on the suspension, the lamps ({@link CarLightsControl}) and a {@link CarDriver}.
 *
 * <p>Build one with {@link CarRigBuilder}. Scene and physics changes must happen on the render
 * thread.
 */
public final class CarRig {

    /** Name of the rig's root node. */
    public static final String ROOT_NAME = "car";
    /** Name of the node holding the body geometry, in the car frame. */
    public static final String CHASSIS_NAME = "body";

    /**
     * The name of a lamp's node: the part's name in lower case with the side suffix kept, e.g.
     * {@code headlight_L}, {@code blinker_front_R}, {@code reverse_L}.
     *
     * @param part a light part (not null)
     * @return the node name
     */
    public static String lampName(CarPart part) {
        if (part == null || !part.isLight()) {
            throw new IllegalArgumentException("not a light part: " + part);
        }
        String n = part.name();
        return n.substring(0, n.length() - 2).toLowerCase(java.util.Locale.ROOT) + n.substring(n.length() - 2);
    }

    /**
     * @param position which wheel (not null)
     * @return the name of its node: {@code wheel_FL}, {@code wheel_FR}, {@code wheel_RL} or {@code wheel_RR}
     */
    public static String wheelName(WheelPosition position) {
        return "wheel_" + position.name();
    }

    private final Node root;
    private final Node chassis;
    private final Node[] wheels;
    private final VehicleControl vehicle;
    private final CarLightsControl lights;
    private final CarDriver driver;
    private final CarMesh mesh;
    private final CarPhysics.Tuning tuning;
    /** The car-frame origin in the root node's frame (the root sits at the centre of mass). */
    private final Vector3f groundInRoot;

    CarRig(Node root, Node chassis, Node[] wheels, VehicleControl vehicle, CarLightsControl lights, CarDriver driver,
           CarMesh mesh, CarPhysics.Tuning tuning) {
        this.root = root;
        this.chassis = chassis;
        this.wheels = wheels;
        this.vehicle = vehicle;
        this.lights = lights;
        this.driver = driver;
        this.mesh = mesh;
        this.tuning = tuning;
        this.groundInRoot = new Vector3f(0, -tuning.centreOfMassHeight(), 0);
    }

    /**
     * Puts the car into a scene and a physics space, standing on the ground.
     *
     * @param scene    the node to attach to (not null), usually the root node
     * @param space    the physics space (not null)
     * @param ground   point on the ground under the middle of the wheelbase, world frame (not null, not modified)
     * @param heading  rotation about +Y in radians; 0 faces +Z
     */
    public void attach(Node scene, PhysicsSpace space, Vector3f ground, float heading) {
        Objects.requireNonNull(scene, "scene");
        Objects.requireNonNull(space, "space");
        scene.attachChild(root);
        space.add(vehicle);
        place(ground, heading);
    }

    /**
     * Moves the car (stopped, upright) to a new spot.
     *
     * @param ground  point on the ground under the middle of the wheelbase, world frame (not null, not modified)
     * @param heading rotation about +Y in radians; 0 faces +Z
     */
    public void place(Vector3f ground, float heading) {
        Quaternion rotation = new Quaternion().fromAngleAxis(heading, Vector3f.UNIT_Y);
        vehicle.setPhysicsLocation(ground.add(0, tuning.centreOfMassHeight(), 0));
        vehicle.setPhysicsRotation(rotation);
        vehicle.setLinearVelocity(Vector3f.ZERO);
        vehicle.setAngularVelocity(Vector3f.ZERO);
        vehicle.resetSuspension();
    }

    /** Takes the car out of its scene and physics space. Idempotent. */
    public void detach() {
        if (vehicle.getPhysicsSpace() != null) {
            vehicle.getPhysicsSpace().remove(vehicle);
        }
        root.removeFromParent();
    }

    /** @return the root node (moved by physics; origin at the centre of mass) */
    public Node root() {
        return root;
    }

    /** @return the chassis node: body geometry in the car frame */
    public Node chassis() {
        return chassis;
    }

    /**
     * @param position which wheel
     * @return that wheel's node (rotated by the vehicle: spin, steer)
     */
    public Node wheel(WheelPosition position) {
        return wheels[position.ordinal()];
    }

    /** @return the Minie vehicle */
    public VehicleControl vehicle() {
        return vehicle;
    }

    /** @return the lamps */
    public CarLightsControl lights() {
        return lights;
    }

    /** @return the driver that turns controls into forces */
    public CarDriver driver() {
        return driver;
    }

    /** @return the body mesh the rig was built from (car frame) */
    public CarMesh mesh() {
        return mesh;
    }

    /** @return mass, centre-of-mass height and force constants */
    public CarPhysics.Tuning tuning() {
        return tuning;
    }

    /**
     * Where the car-frame origin (the ground under mid-wheelbase) is now.
     *
     * @param store where to write (modified), or null for a new vector
     * @return the world position
     */
    public Vector3f groundPosition(Vector3f store) {
        Vector3f result = store == null ? new Vector3f() : store;
        return root.localToWorld(groundInRoot, result);
    }
}
