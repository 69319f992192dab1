package io.github.photo2car.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CarParamsTest {

    @Test
    void presetsAreValidAndConsistent() {
        for (BodyType type : BodyType.values()) {
            CarParams p = CarParams.preset(type);
            p.validate();
            assertEquals(p.length(), p.frontOverhang() + p.wheelbase() + p.rearOverhang(), 1e-6f);
            assertEquals(p.height(), p.roofHeight());
            assertTrue(p.roofLength() >= 0.3f, type + " roof " + p.roofLength());
        }
        assertTrue(CarParams.preset(BodyType.PICKUP).bedDepth() > 0f);
        assertEquals(0f, CarParams.preset(BodyType.SEDAN).bedDepth());
        assertTrue(CarParams.preset(BodyType.VAN).height() > CarParams.preset(BodyType.SEDAN).height() + 0.3f);
    }

    @Test
    void shortenedKeepsWidthHeightAndWheelsAndReachesCityCarProportions() {
        CarParams sedan = CarParams.preset(BodyType.SEDAN);
        assertEquals(sedan, sedan.shortened(1f));
        CarParams city = sedan.shortened(0.6f);
        city.validate();
        assertEquals(sedan.width(), city.width(), 1e-4f);
        assertEquals(sedan.height(), city.height(), 1e-4f);
        assertEquals(sedan.wheelRadius(), city.wheelRadius(), 1e-4f);
        // a 4.8 m saloon becomes a car of a kei car's proportions, height / length about 0.45
        assertTrue(city.length() < 3.4f, "length " + city.length());
        assertTrue(city.height() / city.length() > 0.43f, "height / length " + city.height() / city.length());
        Random random = new Random(5);
        for (int i = 0; i < 300; i++) {
            CarParams p = CarParams.random(random);
            float f = 0.6f + 0.4f * random.nextFloat();
            CarParams q = p.shortened(f);
            q.validate();
            assertTrue(q.length() <= p.length() + 1e-4f);
            assertTrue(q.length() >= f * p.length() - 1e-3f, "never shorter than asked");
            assertEquals(p.height(), q.height(), 1e-4f);
        }
        assertThrows(IllegalArgumentException.class, () -> sedan.shortened(0f));
        assertThrows(IllegalArgumentException.class, () -> sedan.shortened(1.2f));
    }

    @Test
    void toyProportionsAreShorterTallerAndHigherOnBiggerWheels() {
        CarParams sedan = CarParams.preset(BodyType.SEDAN);
        assertEquals(sedan, sedan.toy(0f));
        Random random = new Random(9);
        int n = 300;
        double roadRatio = 0;
        double toyRatio = 0;
        double clearanceGain = 0;
        for (int i = 0; i < n; i++) {
            CarParams p = CarParams.random(random);
            CarParams q = p.toy(1f);
            q.validate();
            assertEquals(p.width(), q.width(), 1e-4f, "width stays");
            assertTrue(q.length() <= p.length() + 1e-4f, "never longer");
            assertTrue(q.height() >= p.height() - 1e-4f, "never lower");
            assertTrue(q.wheelRadius() >= p.wheelRadius() - 1e-4f, "never smaller wheels");
            roadRatio += p.height() / p.length();
            toyRatio += q.height() / q.length();
            clearanceGain += q.groundClearance() / p.groundClearance();
        }
        // the cars get most of the way (height / length 0.33 on average becomes about 0.56; all the
        // way would be 0.67): the arches stop some, the line search does not stall at the first rule
        assertTrue(toyRatio / n > 1.6 * roadRatio / n, "height / length " + roadRatio / n + " -> " + toyRatio / n);
        assertTrue(clearanceGain / n > 1.5, "ground clearance x " + clearanceGain / n);
        CarParams half = sedan.toy(0.5f);
        assertTrue(half.length() > sedan.toy(1f).length() && half.length() < sedan.length());
        assertThrows(IllegalArgumentException.class, () -> sedan.toy(-0.1f));
        assertThrows(IllegalArgumentException.class, () -> sedan.toy(1.5f));
    }

    @Test
    void slideTowardKeepsWhatTheBrokenRuleDoesNotInvolve() {
        float[] sedan = CarParams.preset(BodyType.SEDAN).toVector();
        // a hatchback whose hood is too high for its roof (hoodHeight > height - 0.25 m), as the
        // network answers often are
        float[] wanted = CarParams.preset(BodyType.HATCHBACK).toVector();
        wanted[CarParams.HOOD_HEIGHT] = 1f;
        assertThrows(IllegalArgumentException.class, () -> CarParams.fromVector(wanted));
        float t = CarParams.validFraction(sedan, wanted);
        assertTrue(t < 0.9f, "the straight line stops early: " + t);

        float[] slid = CarParams.slideToward(sedan, wanted, 16);
        CarParams car = CarParams.fromVector(slid);
        car.validate();
        double lineDistance = 0;
        double slidDistance = 0;
        for (int k = 0; k < wanted.length; k++) {
            lineDistance += Math.pow((1 - t) * (wanted[k] - sedan[k]), 2);
            slidDistance += Math.pow(slid[k] - wanted[k], 2);
        }
        assertTrue(slidDistance < 0.5 * lineDistance, slidDistance + " vs the line's " + lineDistance);
        // the hatchback's length, width and wheels arrive whole; the hood stops at the roof's rule
        for (int k : new int[] {CarParams.WHEELBASE, CarParams.WIDTH, CarParams.HEIGHT, CarParams.WHEEL_RADIUS}) {
            assertEquals(wanted[k], slid[k], 1e-3f, CarParams.names()[k]);
        }
        assertEquals(car.height() - 0.25f, car.hoodHeight(), 0.01f);

        // no sweep: the line's point, as nearestValid
        float[] line = CarParams.slideToward(sedan, wanted, 0);
        CarParams viaLine = CarParams.nearestValid(sedan, wanted);
        assertEquals(viaLine, CarParams.fromVector(line));
        // a valid answer comes back as it is, clamped into [0, 1]
        float[] valid = CarParams.preset(BodyType.SUV).toVector();
        valid[CarParams.TUMBLEHOME] = -0.5f;
        float[] back = CarParams.slideToward(sedan, valid, 16);
        assertEquals(0f, back[CarParams.TUMBLEHOME]);
        assertEquals(valid[CarParams.WIDTH], back[CarParams.WIDTH]);
        // nothing valid to start from
        assertEquals(null, CarParams.slideToward(wanted, wanted, 16));
        assertThrows(IllegalArgumentException.class, () -> CarParams.slideToward(sedan, wanted, -1));
    }

    @Test
    void vectorRoundTrip() {
        Random random = new Random(11);
        for (int i = 0; i < 200; i++) {
            CarParams p = CarParams.random(random);
            float[] v = p.toVector();
            assertEquals(CarParams.vectorSize(), v.length);
            assertEquals(CarParams.vectorSize(), CarParams.names().length);
            for (float f : v) {
                assertTrue(f >= 0f && f <= 1f);
            }
            CarParams q = CarParams.fromVector(v);
            for (int k = 0; k < v.length; k++) {
                assertEquals(p.get(k), q.get(k), 1e-4f * Math.max(1f, Math.abs(p.get(k))), CarParams.names()[k]);
            }
        }
    }

    @Test
    void randomCoversAllBodyTypesContinuously() {
        Random random = new Random(5);
        Set<Float> wheelbases = new java.util.HashSet<>();
        int pickups = 0;
        for (int i = 0; i < 300; i++) {
            CarParams p = CarParams.random(random);
            wheelbases.add(p.wheelbase());
            if (p.bedDepth() > 0f) {
                pickups++;
            }
        }
        assertTrue(wheelbases.size() > 250);
        assertTrue(pickups > 10 && pickups < 100, "pickups " + pickups);
        assertEquals(CarParams.random(42L), CarParams.random(42L));
        EnumSet<BodyType> types = EnumSet.allOf(BodyType.class);
        assertEquals(8, types.size());
    }

    @Test
    void wheelsAreEitherUnderTheBodyOrExposed() {
        for (BodyType type : BodyType.values()) {
            assertEquals(type == BodyType.OPEN_WHEEL, CarParams.preset(type).wheelsExposed(), type.name());
        }
        // exposed: the tyres' inner faces clear the body sides
        CarParams open = CarParams.preset(BodyType.OPEN_WHEEL);
        assertTrue(open.trackWidth() - open.wheelWidth() >= open.width() + 2f * CarParams.EXPOSED_WHEEL_CLEARANCE);
        // half buried: neither under the body nor clear of it
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> open.toBuilder().width(1.35f).build());
        assertTrue(e.getMessage().contains("trackWidth"), e.getMessage());
        // the sampler draws mostly road cars, a few open-wheelers, and nothing in between
        Random random = new Random(17);
        int exposed = 0;
        for (int i = 0; i < 1000; i++) {
            CarParams p = CarParams.random(random);
            if (p.wheelsExposed()) {
                exposed++;
                assertTrue(p.width() < 1.4f && p.bedDepth() == 0f, p.toString());
            } else {
                assertTrue(p.trackWidth() + p.wheelWidth() <= p.width() + 0.10f + 1e-5f, p.toString());
            }
        }
        assertTrue(exposed >= 10 && exposed <= 60, "open-wheelers " + exposed);
    }

    @Test
    void validationRejectsImpossibleCars() {
        expect("wheelbase", b -> b.wheelbase(Float.NaN));
        expect("wheelbase", b -> b.wheelbase(5f));
        expect("wheelRadius", b -> b.height(1.0f).wheelRadius(0.48f).hoodHeight(0.7f).noseHeight(0.7f)
                .deckHeight(0.8f).beltlineHeight(0.75f));
        expect("trackWidth", b -> b.trackWidth(1.9f).wheelWidth(0.3f).width(1.6f));
        expect("beltlineHeight", b -> b.beltlineHeight(0.7f));
        expect("frontOverhang", b -> b.frontOverhang(0.55f));
        expect("noseHeight", b -> b.noseHeight(1.1f));
        expect("hoodHeight", b -> b.hoodHeight(1.3f).height(1.45f));
        expect("roofLength", b -> b.hoodLength(2.0f).deckLength(1.4f));
        expect("deckLength", b -> b.deckLength(0.5f).bedDepth(0.4f));
        expect("height", b -> b.height(Float.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> CarParams.fromVector(new float[3]));
        assertThrows(IllegalArgumentException.class, () -> CarParams.preset(null));
    }

    private static void expect(String name, java.util.function.UnaryOperator<CarParams.Builder> edit) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> edit.apply(CarParams.builder()).build());
        assertTrue(e.getMessage().contains(name), "message should name " + name + ": " + e.getMessage());
    }
}
