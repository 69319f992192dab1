package io.github.photo2car.rig;

import com.jme3.bullet.control.VehicleControl;
import com.jme3.math.Quaternion;
import com.jme3.math.Vector3f;
import com.jme3.scene.Node;
import io.github.photo2car.drive.CarDriver;
import io.github.photo2car.drive.DriverInput;
import io.github.photo2car.lights.LightsState;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Vehicle tuning on flat ground with a plain sedan-sized hull (the rig tests repeat this on template cars). */
class CarPhysicsTest {

    private static float[] boxHull(float halfWidth, float bottom, float top, float halfLength) {
        float[] p = new float[24];
        int i = 0;
        for (int c = 0; c < 8; c++) {
            p[i++] = (c & 1) == 0 ? -halfWidth : halfWidth;
            p[i++] = (c & 2) == 0 ? bottom : top;
            p[i++] = (c & 4) == 0 ? -halfLength : halfLength;
        }
        return p;
    }

    private record Car(Node node, VehicleControl vehicle, Node[] wheels, CarDriver driver, LightsState lights) {
    }

    private static Car sedan(PhysicsHarness h) {
        CarPhysics.Tuning tuning = CarPhysics.tuningFor(4.7f, 1.82f, 1.45f);
        WheelMount[] mounts = {
            new WheelMount(new Vector3f(0.78f, 0.33f, 1.4f), 0.33f, 0.22f, true),
            new WheelMount(new Vector3f(-0.78f, 0.33f, 1.4f), 0.33f, 0.22f, true),
            new WheelMount(new Vector3f(0.78f, 0.33f, -1.4f), 0.33f, 0.22f, false),
            new WheelMount(new Vector3f(-0.78f, 0.33f, -1.4f), 0.33f, 0.22f, false),
        };
        Node node = new Node("car");
        Node[] wheels = new Node[4];
        for (int i = 0; i < 4; i++) {
            wheels[i] = new Node("wheel" + i);
            node.attachChild(wheels[i]);
        }
        VehicleControl v = CarPhysics.createVehicle(boxHull(0.9f, 0.18f, 1.45f, 2.35f), mounts, wheels, tuning);
        node.addControl(v);
        h.add(node, v, 0, 0);
        LightsState lights = new LightsState();
        CarDriver d = new CarDriver(v, lights, tuning.engineForce(), tuning.brakeForce(), tuning.dragCoefficient(), false);
        return new Car(node, v, wheels, d, lights);
    }

    @Test
    void restsWithoutDriftOrFlip() {
        PhysicsHarness h = new PhysicsHarness();
        Car car = sedan(h);
        DriverInput idle = new DriverInput();
        h.run(car.node, 2f, () -> car.driver.update(idle, PhysicsHarness.STEP));
        Vector3f before = car.vehicle.getPhysicsLocation(null);
        h.run(car.node, 5f, () -> car.driver.update(idle, PhysicsHarness.STEP));
        Vector3f after = car.vehicle.getPhysicsLocation(null);
        System.out.printf("[physics] at rest for 5 s: moved %s%n", after.subtract(before));
        assertTrue(before.distance(after) < 0.01f, "drift over 5 s: " + before.distance(after) + " m");
        Vector3f up = car.vehicle.getPhysicsRotation(null).mult(Vector3f.UNIT_Y);
        assertTrue(up.y > 0.995f, "upright: " + up);
        assertEquals(CarPhysics.tuningFor(4.7f, 1.82f, 1.45f).centreOfMassHeight(), after.y, 0.08f,
                "the springs hold the body at its design height");
    }

    @Test
    void fullThrottleBrakeAndWheelSpin() {
        PhysicsHarness h = new PhysicsHarness();
        Car car = sedan(h);
        DriverInput in = new DriverInput();
        h.run(car.node, 1f, () -> car.driver.update(in, PhysicsHarness.STEP));
        Vector3f start = car.vehicle.getPhysicsLocation(null);
        float[] spin = new float[1];
        float[] travel = new float[1];
        Quaternion prev = car.wheels[2].getLocalRotation().clone();
        Vector3f prevPos = car.wheels[2].getWorldTranslation().clone();
        in.throttle = 1f;
        Quaternion delta = new Quaternion();
        float[] angles = new float[3];
        h.run(car.node, 5f, () -> {
            car.driver.update(in, PhysicsHarness.STEP);
            Quaternion now = car.wheels[2].getLocalRotation();
            delta.set(prev.inverse()).multLocal(now).toAngles(angles);
            spin[0] += angles[0];
            prev.set(now);
            Vector3f p = car.wheels[2].getWorldTranslation();
            travel[0] += p.distance(prevPos);
            prevPos.set(p);
        });
        float speed = car.driver.forwardSpeed();
        Vector3f moved = car.vehicle.getPhysicsLocation(null).subtract(start);
        System.out.printf("[physics] after 5 s full throttle: %.1f m/s, moved %s%n", speed, moved);
        assertTrue(speed >= 10f && speed <= 40f, "plausible speed after 5 s: " + speed + " m/s");
        assertTrue(moved.z > 20f && Math.abs(moved.x) < 1f, "drove forward along +Z: " + moved);
        float expectedSpin = travel[0] / 0.33f;
        assertEquals(expectedSpin, Math.abs(spin[0]), expectedSpin * 0.05f, "wheel spin angle matches distance / radius");

        in.throttle = 0f;
        in.brake = 1f;
        float[] stopTime = {-1f};
        float[] t = {0f};
        h.run(car.node, 8f, () -> {
            boolean pressing = in.brake > 0f;
            car.driver.update(in, PhysicsHarness.STEP);
            assertEquals(pressing, car.lights.braking(), "brake lamps lit exactly while the brake is pressed");
            t[0] += PhysicsHarness.STEP;
            if (stopTime[0] < 0 && car.driver.forwardSpeed() < 0.5f) {
                stopTime[0] = t[0];
                in.brake = 0f; // let go, or the arcade gearbox starts reversing
            }
        });
        System.out.printf("[physics] braking from %.1f m/s stopped in %.2f s%n", speed, stopTime[0]);
        assertTrue(stopTime[0] > 0 && stopTime[0] < 6f, "braking stops the car: " + stopTime[0] + " s");
    }

    @Test
    void steeringLeftTurnsLeft() {
        PhysicsHarness h = new PhysicsHarness();
        Car car = sedan(h);
        DriverInput in = new DriverInput();
        in.throttle = 0.5f;
        h.run(car.node, 3f, () -> car.driver.update(in, PhysicsHarness.STEP));
        Vector3f start = car.vehicle.getPhysicsLocation(null);
        in.steer = 1f;
        h.run(car.node, 2f, () -> car.driver.update(in, PhysicsHarness.STEP));
        Vector3f heading = car.vehicle.getPhysicsRotation(null).mult(Vector3f.UNIT_Z);
        Vector3f moved = car.vehicle.getPhysicsLocation(null).subtract(start);
        System.out.printf("[physics] steering left: heading %s, moved %s%n", heading, moved);
        assertTrue(heading.x > 0.2f, "heading turned towards +X (the car's left): " + heading);
        assertTrue(moved.x > 0.5f, "path curved left: " + moved);
        Vector3f up = car.vehicle.getPhysicsRotation(null).mult(Vector3f.UNIT_Y);
        assertTrue(up.y > 0.95f, "did not roll over: " + up);
    }

}
