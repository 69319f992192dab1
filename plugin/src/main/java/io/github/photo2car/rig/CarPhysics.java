package io.github.photo2car.rig;

import com.jme3.bullet.collision.shapes.CollisionShape;
import com.jme3.bullet.collision.shapes.HullCollisionShape;
import com.jme3.bullet.control.VehicleControl;
import com.jme3.math.FastMath;
import com.jme3.math.Vector3f;
import com.jme3.scene.Spatial;

import java.util.Objects;

/**
 * Builds a Minie raycast vehicle for a car of given size, tuned to drive like a road car at metre
 * scale: mass from the body's volume, centre of mass low in the body, suspension at about 1 Hz and
 * 30–50 % of critical damping, tyre friction near 1, and an engine that reaches 100 km/h in roughly
 * 6–8 s.
 *
 * <p>Bullet treats a rigid body's origin as its centre of mass, so the vehicle's origin is the
 * centre of mass, {@link Tuning#centreOfMassHeight()} above the car-frame origin; the rig shifts
 * the visible body down by the same amount.
 */
public final class CarPhysics {

    /** Standard gravity, m/s². */
    public static final float G = 9.81f;
    /** Suspension stiffness per kg of car (Bullet multiplies by the chassis mass): ω = √40 ≈ 1 Hz. */
    static final float STIFFNESS = 40f;
    /** Damping ratios for compression and rebound (Bullet's units: ratio · 2√k). */
    static final float COMPRESSION_RATIO = 0.3f;
    static final float REBOUND_RATIO = 0.5f;
    /** Unloaded spring length, metres. */
    static final float REST_LENGTH = 0.22f;
    /** Tyre friction slip (≈ friction coefficient). */
    static final float FRICTION_SLIP = 1.3f;
    /** Roll influence &lt; 1 keeps the car from tipping over in sharp turns. */
    static final float ROLL_INFLUENCE = 0.15f;
    /** Body density used for mass, kg per m³ of bounding box. */
    static final float DENSITY = 110f;

    private CarPhysics() {
    }

    /**
     * Physical constants chosen for one car.
     *
     * @param mass               kg
     * @param centreOfMassHeight metres above the ground (car-frame Y)
     * @param engineForce        total engine force at full throttle, newtons
     * @param brakeForce         total brake setting (Bullet's per-step impulse units)
     * @param dragCoefficient    ½·ρ·Cd·A, kg/m
     */
    public record Tuning(float mass, float centreOfMassHeight, float engineForce, float brakeForce,
                         float dragCoefficient) {
    }

    /**
     * Chooses the physical constants for a car of the given size.
     *
     * @param length car length, metres (&gt; 0)
     * @param width  car width, metres (&gt; 0)
     * @param height car height, metres (&gt; 0)
     * @return the tuning
     */
    public static Tuning tuningFor(float length, float width, float height) {
        if (!(length > 0 && width > 0 && height > 0)) {
            throw new IllegalArgumentException("car dimensions must be positive, got " + length + " × " + width + " × "
                    + height);
        }
        float mass = FastMath.clamp(length * width * height * DENSITY, 600f, 4000f);
        float com = 0.38f * height;
        float engine = mass * 4.6f;             // ≈ 4.6 m/s² before drag: 0–100 km/h in ≈ 6–7 s
        float brake = mass * 0.16f;             // ≈ 9 m/s² at 60 Hz steps
        float frontalArea = 0.84f * width * height;
        float drag = 0.5f * 1.2f * 0.32f * frontalArea;
        return new Tuning(mass, com, engine, brake, drag);
    }

    /** How many directions {@link #hullPoints} looks along (a Fibonacci sphere). */
    static final int HULL_DIRECTIONS = 4096;

    /**
     * The few points of a body that its convex hull needs: the farthest point along each of
     * {@value #HULL_DIRECTIONS} directions spread evenly over the sphere, plus the six axes, so the
     * bounding box (and with it Bullet's inertia and the car's footprint) is exact. The hull of
     * the result lies inside the body's hull and, for the template's cars (about 3,800 points),
     * within 7 mm of it with 340–670 points (CarPhysicsTest). Bullet builds a hull shape in time
     * that grows quickly with its points: the 3,800 took about 40 ms on the render thread.
     * Pure Java, about 20 ms for a template car, allocates; any thread.
     *
     * @param xyz body points, xyz interleaved, any unit and frame (not null, length a multiple of
     *            3 and ≥ 12; not modified)
     * @return a new array of a subset of the points, in their original order, xyz interleaved
     * @throws IllegalArgumentException on a malformed array
     */
    public static float[] hullPoints(float[] xyz) {
        Objects.requireNonNull(xyz, "xyz");
        if (xyz.length < 12 || xyz.length % 3 != 0) {
            throw new IllegalArgumentException("need at least 4 points as xyz triples, got " + xyz.length + " floats");
        }
        int n = xyz.length / 3;
        boolean[] keep = new boolean[n];
        double golden = Math.PI * (3 - Math.sqrt(5));
        for (int d = 0; d < HULL_DIRECTIONS + 6; d++) {
            double dx;
            double dy;
            double dz;
            if (d < HULL_DIRECTIONS) {
                dy = 1 - 2 * (d + 0.5) / HULL_DIRECTIONS;
                double r = Math.sqrt(1 - dy * dy);
                dx = r * Math.cos(golden * d);
                dz = r * Math.sin(golden * d);
            } else {
                int axis = (d - HULL_DIRECTIONS) / 2;
                double sign = (d - HULL_DIRECTIONS) % 2 == 0 ? 1 : -1;
                dx = axis == 0 ? sign : 0;
                dy = axis == 1 ? sign : 0;
                dz = axis == 2 ? sign : 0;
            }
            int best = 0;
            double bestDot = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                double dot = dx * xyz[3 * i] + dy * xyz[3 * i + 1] + dz * xyz[3 * i + 2];
                if (dot > bestDot) {
                    bestDot = dot;
                    best = i;
                }
            }
            keep[best] = true;
        }
        int kept = 0;
        for (boolean k : keep) {
            kept += k ? 1 : 0;
        }
        float[] out = new float[3 * Math.max(kept, 4)];
        int o = 0;
        for (int i = 0; i < n; i++) {
            if (keep[i]) {
                System.arraycopy(xyz, 3 * i, out, o, 3);
                o += 3;
            }
        }
        // a degenerate body (all points on a line) can yield fewer than 4: pad with the first
        for (; o < out.length; o += 3) {
            System.arraycopy(out, 0, out, o, 3);
        }
        return out;
    }

    /**
     * Creates the vehicle: a convex hull of the body and four suspended wheels in the order given.
     *
     * @param hullPoints body points in the car frame, xyz interleaved, metres (not null, length a
     *                   multiple of 3 and ≥ 12; not modified)
     * @param wheels     wheel mounts in the order FL, FR, RL, RR (not null, length 4; not modified)
     * @param wheelNodes spatials the vehicle moves with the wheels, same order (null, or length 4
     *                   with null entries allowed); each must be a child of the node the vehicle
     *                   control is added to
     * @param tuning     the physical constants (not null)
     * @return a new vehicle control whose origin is the centre of mass; add it to a node and a
     *         physics space
     */
    public static VehicleControl createVehicle(float[] hullPoints, WheelMount[] wheels, Spatial[] wheelNodes,
                                               Tuning tuning) {
        Objects.requireNonNull(hullPoints, "hullPoints");
        Objects.requireNonNull(tuning, "tuning");
        if (hullPoints.length < 12 || hullPoints.length % 3 != 0) {
            throw new IllegalArgumentException("need at least 4 hull points as xyz triples, got " + hullPoints.length
                    + " floats");
        }
        if (Objects.requireNonNull(wheels, "wheels").length != 4 || (wheelNodes != null && wheelNodes.length != 4)) {
            throw new IllegalArgumentException("a car has 4 wheels, got " + wheels.length + " mounts");
        }
        float com = tuning.centreOfMassHeight();
        float[] shifted = new float[hullPoints.length];
        for (int i = 0; i < hullPoints.length; i += 3) {
            shifted[i] = hullPoints[i];
            shifted[i + 1] = hullPoints[i + 1] - com;
            shifted[i + 2] = hullPoints[i + 2];
        }
        CollisionShape hull = new HullCollisionShape(shifted);
        VehicleControl vehicle = new VehicleControl(hull, tuning.mass());
        vehicle.setSuspensionStiffness(STIFFNESS);
        vehicle.setSuspensionCompression(COMPRESSION_RATIO * 2f * FastMath.sqrt(STIFFNESS));
        vehicle.setSuspensionDamping(REBOUND_RATIO * 2f * FastMath.sqrt(STIFFNESS));
        vehicle.setFrictionSlip(FRICTION_SLIP);
        vehicle.setMaxSuspensionTravelCm(REST_LENGTH * 100f);
        vehicle.setMaxSuspensionForce(tuning.mass() * G * 3f);
        // static sag: four springs of k·m each carry m·g (Bullet scales the spring force by mass)
        float sag = G / (4f * STIFFNESS);
        Vector3f down = new Vector3f(0, -1, 0);
        Vector3f axle = new Vector3f(-1, 0, 0);
        for (int i = 0; i < 4; i++) {
            WheelMount w = Objects.requireNonNull(wheels[i], "wheel " + i);
            Vector3f c = w.centre();
            Vector3f connection = new Vector3f(c.x, c.y - com + REST_LENGTH - sag, c.z);
            Spatial node = wheelNodes == null ? null : wheelNodes[i];
            vehicle.addWheel(node, connection, down, axle, REST_LENGTH, w.radius(), w.front());
            vehicle.setRollInfluence(i, ROLL_INFLUENCE);
        }
        vehicle.setLinearDamping(0.01f);
        vehicle.setAngularDamping(0.1f);
        vehicle.setSleepingThresholds(0.05f, 0.05f);
        return vehicle;
    }
}
