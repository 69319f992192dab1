package io.github.photo2car.drive;

import com.jme3.app.Application;
import com.jme3.app.state.BaseAppState;
import com.jme3.math.FastMath;
import com.jme3.math.Vector3f;
import com.jme3.renderer.Camera;
import com.jme3.scene.Spatial;

/**
 * A chase camera that trails a car: it sits behind and above the target, follows with a critically
 * damped spring (frame-rate independent), and looks at a point just above the car's middle. Disables
 * nothing else; turn off the fly camera yourself. Allocates nothing per frame.
 */
public final class ChaseCameraState extends BaseAppState {

    private Spatial target;
    private float distance = 7f;
    private float height = 2.4f;
    private float lookHeight = 1.0f;
    /** Spring stiffness, 1/s: larger follows more tightly. */
    private float stiffness = 4f;

    private final Vector3f desired = new Vector3f();
    private final Vector3f position = new Vector3f();
    private final Vector3f velocity = new Vector3f();
    private final Vector3f forward = new Vector3f();
    private final Vector3f lookAt = new Vector3f();
    private final Vector3f scratch = new Vector3f();
    private boolean snap = true;

    /**
     * Follows a spatial (typically a car rig's root node, whose +Z is the car's forward).
     *
     * @param spatial the car to follow (null to stop following)
     */
    public void setTarget(Spatial spatial) {
        target = spatial;
        snap = true;
    }

    /** @return the followed spatial, or null */
    public Spatial getTarget() {
        return target;
    }

    /**
     * Sets the framing.
     *
     * @param distanceBehind metres behind the car (&gt; 0)
     * @param heightAbove    metres above the car's origin (the ground under it)
     * @param lookAtHeight   metres above the car's origin the camera aims at
     */
    public void setFraming(float distanceBehind, float heightAbove, float lookAtHeight) {
        if (!(distanceBehind > 0)) {
            throw new IllegalArgumentException("distance behind must be positive, got " + distanceBehind);
        }
        distance = distanceBehind;
        height = heightAbove;
        lookHeight = lookAtHeight;
        snap = true;
    }

    @Override
    public void update(float tpf) {
        if (target == null) {
            return;
        }
        Camera cam = getApplication().getCamera();
        target.getWorldRotation().mult(Vector3f.UNIT_Z, forward);
        forward.y = 0f;
        if (forward.lengthSquared() < 1e-6f) {
            forward.set(0, 0, 1); // pointing straight up or down: keep a sensible heading
        }
        forward.normalizeLocal();
        Vector3f origin = target.getWorldTranslation();
        desired.set(forward).multLocal(-distance).addLocal(origin);
        desired.y += height;
        if (snap) {
            position.set(desired);
            velocity.zero();
            snap = false;
        } else {
            // critically damped spring: x'' = -k² (x - d) - 2k x'
            float dt = Math.min(tpf, 0.1f);
            scratch.set(position).subtractLocal(desired).multLocal(-stiffness * stiffness);
            scratch.addLocal(velocity.x * -2f * stiffness, velocity.y * -2f * stiffness, velocity.z * -2f * stiffness);
            velocity.addLocal(scratch.multLocal(dt));
            position.addLocal(velocity.x * dt, velocity.y * dt, velocity.z * dt);
            position.y = Math.max(position.y, origin.y + 0.3f); // never below the road
        }
        lookAt.set(origin);
        lookAt.y += lookHeight;
        cam.setLocation(position);
        if (position.distanceSquared(lookAt) > FastMath.ZERO_TOLERANCE) {
            cam.lookAt(lookAt, Vector3f.UNIT_Y);
        }
    }

    @Override
    protected void initialize(Application app) {
        // nothing to create
    }

    @Override
    protected void cleanup(Application app) {
        // nothing to release
    }

    @Override
    protected void onEnable() {
        snap = true;
    }

    @Override
    protected void onDisable() {
        // the camera stays where it is
    }
}
