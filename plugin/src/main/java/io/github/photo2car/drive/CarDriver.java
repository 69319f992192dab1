package io.github.photo2car.drive;

import com.jme3.bullet.control.VehicleControl;
import com.jme3.math.FastMath;
import com.jme3.math.Vector3f;
import io.github.photo2car.lights.LightsState;

import java.util.Objects;

/**
 * Turns {@link DriverInput} into forces on a Minie vehicle, once per physics-rate update: engine
 * force on the driven wheels, service brake on all four, handbrake on the rear, speed-sensitive
 * steering with a finite steering rate, aerodynamic drag and rolling resistance, and the brake and
 * reversing lamps.
 *
 * <p>Arcade gearbox: the brake pedal brakes while the car rolls forwards and drives it backwards once
 * it has (almost) stopped. Wheels are expected in the order FL, FR, RL, RR (as {@code CarRig}
 * creates them). Allocates nothing per update. Render or physics thread only.
 */
public final class CarDriver {

    /** Speed below which the brake pedal selects reverse, m/s. */
    static final float REVERSE_ENGAGE_SPEED = 0.2f;
    /** Below this speed, with no pedal pressed, the brakes hold the car (m/s). */
    static final float HOLD_SPEED = 0.3f;
    /** Brake setting used to hold the car, as a fraction of the full brake. */
    static final float HOLD_FRACTION = 0.3f;
    /** Tyre rolling-resistance coefficient (car tyres on asphalt: 0.01–0.015). */
    static final float ROLLING_RESISTANCE = 0.013f;
    /** Full steering lock at standstill, radians. */
    static final float MAX_STEER = 0.6f;
    /** Steering lock that remains at high speed, as a fraction of {@link #MAX_STEER}. */
    static final float HIGH_SPEED_STEER_FRACTION = 0.25f;
    /** Speed at which steering lock is halfway reduced, m/s. */
    static final float STEER_REDUCTION_SPEED = 25f;
    /** How fast the wheels turn toward the requested angle, radians per second. */
    static final float STEER_RATE = 2.2f;

    private final VehicleControl vehicle;
    private final LightsState lights;
    private final float maxEngineForce;
    private final float maxBrakeForce;
    private final float dragCoefficient;
    private final boolean allWheelDrive;
    private final Vector3f velocity = new Vector3f();
    private final Vector3f forward = new Vector3f();
    private final Vector3f drag = new Vector3f();
    private float steerAngle;
    private boolean reversing;

    /**
     * @param vehicle         the vehicle with 4 wheels in the order FL, FR, RL, RR (not null; driven by this object)
     * @param lights          lamp state to update with braking and reversing (may be null)
     * @param maxEngineForce  total engine force at full throttle, newtons (&gt; 0), shared by the driven wheels
     * @param maxBrakeForce   total service-brake impulse setting, Bullet brake units (&gt; 0), shared by 4 wheels
     * @param dragCoefficient aerodynamic drag ½·ρ·Cd·A in kg/m (≥ 0); drag force = −c·|v|·v
     * @param allWheelDrive   true to drive all four wheels, false for rear-wheel drive
     */
    public CarDriver(VehicleControl vehicle, LightsState lights, float maxEngineForce, float maxBrakeForce,
                     float dragCoefficient, boolean allWheelDrive) {
        this.vehicle = Objects.requireNonNull(vehicle, "vehicle");
        if (vehicle.getNumWheels() != 4) {
            throw new IllegalArgumentException("a car has 4 wheels, this vehicle has " + vehicle.getNumWheels());
        }
        if (!(maxEngineForce > 0) || !(maxBrakeForce > 0) || !(dragCoefficient >= 0)) {
            throw new IllegalArgumentException("forces must be positive and drag non-negative: engine "
                    + maxEngineForce + " N, brake " + maxBrakeForce + ", drag " + dragCoefficient);
        }
        this.lights = lights;
        this.maxEngineForce = maxEngineForce;
        this.maxBrakeForce = maxBrakeForce;
        this.dragCoefficient = dragCoefficient;
        this.allWheelDrive = allWheelDrive;
    }

    /** @return true if all four wheels are driven, false for rear-wheel drive */
    public boolean allWheelDrive() {
        return allWheelDrive;
    }

    /**
     * Applies the controls for one step.
     *
     * @param input the controls (not null, not modified)
     * @param tpf   seconds since the last call (≥ 0)
     */
    public void update(DriverInput input, float tpf) {
        vehicle.getLinearVelocity(velocity);
        vehicle.getForwardVector(forward);
        float forwardSpeed = velocity.dot(forward);
        float throttle = FastMath.clamp(input.throttle, 0f, 1f);
        float pedal = FastMath.clamp(input.brake, 0f, 1f);

        // arcade gearbox: brake at standstill engages reverse; throttle returns to drive
        if (pedal > 0f && throttle == 0f && forwardSpeed < REVERSE_ENGAGE_SPEED) {
            reversing = true;
        } else if (throttle > 0f) {
            reversing = false;
        }
        float engine;
        float service;
        if (reversing) {
            engine = -pedal * maxEngineForce * 0.5f;
            service = 0f;
        } else {
            engine = throttle * maxEngineForce;
            service = pedal * maxBrakeForce;
        }
        float perDriven = engine / (allWheelDrive ? 4f : 2f);
        vehicle.accelerate(0, allWheelDrive ? perDriven : 0f);
        vehicle.accelerate(1, allWheelDrive ? perDriven : 0f);
        vehicle.accelerate(2, perDriven);
        vehicle.accelerate(3, perDriven);
        // auto-hold: a car left alone at (near) standstill stays put instead of creeping
        if (!reversing && throttle == 0f && pedal == 0f && Math.abs(forwardSpeed) < HOLD_SPEED) {
            service = HOLD_FRACTION * maxBrakeForce;
        }
        float perWheelBrake = service / 4f;
        float rearBrake = input.handbrake ? maxBrakeForce : perWheelBrake;
        vehicle.brake(0, perWheelBrake);
        vehicle.brake(1, perWheelBrake);
        vehicle.brake(2, rearBrake);
        vehicle.brake(3, rearBrake);

        float speed = Math.abs(forwardSpeed);
        float lock = MAX_STEER * (HIGH_SPEED_STEER_FRACTION + (1f - HIGH_SPEED_STEER_FRACTION)
                / (1f + speed / STEER_REDUCTION_SPEED));
        float target = FastMath.clamp(input.steer, -1f, 1f) * lock;
        float step = STEER_RATE * Math.max(0f, tpf);
        steerAngle += FastMath.clamp(target - steerAngle, -step, step);
        vehicle.steer(0, steerAngle);
        vehicle.steer(1, steerAngle);

        float v = velocity.length();
        if (v > 0.05f) {
            // aerodynamic drag −c·|v|·v plus tyre rolling resistance −Crr·m·g·v̂
            float rolling = ROLLING_RESISTANCE * vehicle.getMass() * 9.81f / v;
            drag.set(velocity).multLocal(-(dragCoefficient * v + rolling));
            vehicle.applyCentralForce(drag);
        }
        if (lights != null) {
            lights.setBraking(!reversing && (pedal > 0f || input.handbrake));
            lights.setReversing(reversing);
        }
    }

    /** @return the current front-wheel steering angle, radians (+ is left) */
    public float steerAngle() {
        return steerAngle;
    }

    /** @return true while reverse is engaged */
    public boolean reversing() {
        return reversing;
    }

    /** @return speed along the car's forward axis, m/s (negative when rolling backwards) */
    public float forwardSpeed() {
        vehicle.getLinearVelocity(velocity);
        vehicle.getForwardVector(forward);
        return velocity.dot(forward);
    }
}
