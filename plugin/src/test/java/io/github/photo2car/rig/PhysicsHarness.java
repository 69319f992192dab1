package io.github.photo2car.rig;

import com.jme3.bullet.PhysicsSpace;
import com.jme3.bullet.collision.shapes.PlaneCollisionShape;
import com.jme3.bullet.control.VehicleControl;
import com.jme3.bullet.objects.PhysicsRigidBody;
import com.jme3.math.Plane;
import com.jme3.math.Vector3f;
import com.jme3.scene.Node;
import com.jme3.scene.Spatial;

/**
 * A physics space with flat ground, stepped by hand at 60 Hz: no window, no render thread (shared
 * with other packages' tests). Close it when done: a space left to the garbage collector is freed
 * by Minie's cleaner thread, and while that happens, cars stepped in another space drove
 * backwards at full throttle (docs/TESTING.md, {@link MirroredDriveStressTest}).
 */
public final class PhysicsHarness implements AutoCloseable {

    public static final float STEP = 1f / 60f;

    public final PhysicsSpace space;

    public PhysicsHarness() {
        PhysicsNatives.ensureLoaded();
        space = new PhysicsSpace(new Vector3f(-1000, -100, -1000), new Vector3f(1000, 100, 1000),
                PhysicsSpace.BroadphaseType.DBVT);
        space.setGravity(new Vector3f(0, -CarPhysics.G, 0));
        PhysicsRigidBody ground = new PhysicsRigidBody(new PlaneCollisionShape(new Plane(Vector3f.UNIT_Y, 0f)),
                PhysicsRigidBody.massForStatic);
        ground.setFriction(1f);
        space.addCollisionObject(ground);
    }

    /** Adds a car node (with its VehicleControl) and places its origin on the ground at (x, 0, z). */
    public void add(Node car, VehicleControl vehicle, float x, float z) {
        space.add(vehicle);
        vehicle.setPhysicsLocation(new Vector3f(x, vehicle.getPhysicsLocation(null).y, z));
    }

    /**
     * What a failure message needs when a car drives the wrong way (a rare flip, docs/RESULTS.md):
     * the chassis's forward vector, each wheel's axle, ray direction and contact normal, and the
     * shared jME unit vectors, which anything may mutate.
     */
    public static String vehicleState(VehicleControl vehicle) {
        StringBuilder b = new StringBuilder("forward ").append(vehicle.getForwardVector(null)).append(" km/h ")
                .append(vehicle.getCurrentVehicleSpeedKmHour()).append(" velocity ")
                .append(vehicle.getLinearVelocity(null));
        for (int i = 0; i < vehicle.getNumWheels(); i++) {
            com.jme3.bullet.objects.VehicleWheel w = vehicle.getWheel(i);
            b.append("; wheel ").append(i).append(" axle ").append(w.getAxle(null)).append(" ray ")
                    .append(w.getDirection(null)).append(" normal ").append(w.getCollisionNormal(null))
                    .append(" steer ").append(w.getSteerAngle()).append(" engine ").append(w.getEngineForce())
                    .append(" brake ").append(w.getBrake()).append(" spin ").append(w.getDeltaRotation())
                    .append(" skid ").append(w.getSkidInfo()).append(" front ").append(w.isFrontWheel());
        }
        return b.append("; UNIT_X ").append(Vector3f.UNIT_X).append(" UNIT_Y ").append(Vector3f.UNIT_Y)
                .append(" UNIT_Z ").append(Vector3f.UNIT_Z).toString();
    }

    /** Destroys the space and everything in it, on the calling thread. Idempotent. */
    @Override
    public void close() {
        space.destroy();
    }

    /** Advances physics and the scene graph controls by {@code seconds}. */
    public void run(Node car, float seconds, Runnable perStep) {
        Spatial top = car;
        while (top.getParent() != null) {
            top = top.getParent(); // geometric state is updated from the scene's root, as jME does
        }
        int steps = Math.round(seconds / STEP);
        for (int i = 0; i < steps; i++) {
            if (perStep != null) {
                perStep.run();
            }
            space.update(STEP, 0);
            top.updateLogicalState(STEP);
            top.updateGeometricState();
        }
    }
}
