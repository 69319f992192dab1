package io.github.photo2car.template;

import java.util.Arrays;
import java.util.Random;

/**
 * Immutable shape parameters of a car, the continuous space that {@link CarTemplate} turns into a
 * mesh. All lengths are metres in the car frame (+Y up, +Z forward, +X left, origin on the ground
 * under the middle of the wheelbase), angles are degrees, ratios are dimensionless.
 *
 * <p>The independent parameters are listed in {@link #names()}; their order is the order of
 * {@link #toVector()}. Some useful quantities are derived instead of stored, so they can never
 * disagree with the others: {@link #length()} = frontOverhang + wheelbase + rearOverhang,
 * {@link #roofLength()} = length - hood - windshield run - rear-window run - deck, and
 * {@link #roofHeight()} = height.
 *
 * <p>The wheels either sit under the body, in wheel arches cut into its sides (every road car), or
 * stand clear outside the body sides ({@link #wheelsExposed()}: open-wheel race cars, where the
 * tyre inner faces are at least {@value #EXPOSED_WHEEL_CLEARANCE} m outboard of the widest body
 * point and no arches are cut). Combinations in between, tyres half buried in the body side, are
 * invalid. The two cases share the parameter vector; only the wheel-arch rules differ.
 *
 * <p>Every instance is valid: construction goes through {@link Builder#build()}, which calls
 * {@link #validate(float[])} and throws an {@link IllegalArgumentException} naming the parameter
 * and the violated rule.
 */
public final class CarParams {

    /** Index of {@link #frontOverhang()} in the vector. */
    public static final int FRONT_OVERHANG = 0;
    /** Index of {@link #wheelbase()} in the vector. */
    public static final int WHEELBASE = 1;
    /** Index of {@link #rearOverhang()} in the vector. */
    public static final int REAR_OVERHANG = 2;
    /** Index of {@link #width()} in the vector. */
    public static final int WIDTH = 3;
    /** Index of {@link #height()} in the vector. */
    public static final int HEIGHT = 4;
    /** Index of {@link #groundClearance()} in the vector. */
    public static final int GROUND_CLEARANCE = 5;
    /** Index of {@link #wheelRadius()} in the vector. */
    public static final int WHEEL_RADIUS = 6;
    /** Index of {@link #wheelWidth()} in the vector. */
    public static final int WHEEL_WIDTH = 7;
    /** Index of {@link #trackWidth()} in the vector. */
    public static final int TRACK_WIDTH = 8;
    /** Index of {@link #wheelArchGap()} in the vector. */
    public static final int WHEEL_ARCH_GAP = 9;
    /** Index of {@link #hoodLength()} in the vector. */
    public static final int HOOD_LENGTH = 10;
    /** Index of {@link #hoodHeight()} in the vector. */
    public static final int HOOD_HEIGHT = 11;
    /** Index of {@link #noseHeight()} in the vector. */
    public static final int NOSE_HEIGHT = 12;
    /** Index of {@link #windshieldRake()} in the vector. */
    public static final int WINDSHIELD_RAKE = 13;
    /** Index of {@link #rearWindowRake()} in the vector. */
    public static final int REAR_WINDOW_RAKE = 14;
    /** Index of {@link #deckLength()} in the vector. */
    public static final int DECK_LENGTH = 15;
    /** Index of {@link #deckHeight()} in the vector. */
    public static final int DECK_HEIGHT = 16;
    /** Index of {@link #bedDepth()} in the vector. */
    public static final int BED_DEPTH = 17;
    /** Index of {@link #beltlineHeight()} in the vector. */
    public static final int BELTLINE_HEIGHT = 18;
    /** Index of {@link #tumblehome()} in the vector. */
    public static final int TUMBLEHOME = 19;
    /** Index of {@link #cornerRoundness()} in the vector. */
    public static final int CORNER_ROUNDNESS = 20;
    /** Index of {@link #bumperHeight()} in the vector. */
    public static final int BUMPER_HEIGHT = 21;

    /**
     * Least gap along X between a tyre's inner face and the body side for the wheels to count as
     * exposed (open-wheel car), metres.
     */
    public static final float EXPOSED_WHEEL_CLEARANCE = 0.04f;

    private static final String[] NAMES = {
        "frontOverhang", "wheelbase", "rearOverhang", "width", "height", "groundClearance",
        "wheelRadius", "wheelWidth", "trackWidth", "wheelArchGap", "hoodLength", "hoodHeight",
        "noseHeight", "windshieldRake", "rearWindowRake", "deckLength", "deckHeight", "bedDepth",
        "beltlineHeight", "tumblehome", "cornerRoundness", "bumperHeight"
    };
    /** The lengthwise dimensions, which {@link #shortened} scales. */
    private static final int[] LENGTHWISE = {FRONT_OVERHANG, WHEELBASE, REAR_OVERHANG, HOOD_LENGTH, DECK_LENGTH};
    /** The heights above the ground that {@link #toy} scales with the car's height. */
    private static final int[] HEIGHTS = {HEIGHT, HOOD_HEIGHT, NOSE_HEIGHT, DECK_HEIGHT, BELTLINE_HEIGHT, BUMPER_HEIGHT};
    /** Hard lower limits, same order as NAMES; the vector maps MIN..MAX to 0..1. */
    private static final float[] MIN = {
        0.50f, 1.80f, 0.40f, 0.80f, 0.80f, 0.08f,
        0.27f, 0.15f, 1.30f, 0.03f, 0.30f, 0.45f,
        0.40f, 18f, 12f, 0.10f, 0.45f, 0f,
        0.55f, 0f, 0f, 0.25f
    };
    /** Hard upper limits, same order as NAMES. */
    private static final float[] MAX = {
        1.40f, 3.90f, 1.70f, 2.10f, 2.30f, 0.32f,
        0.52f, 0.45f, 1.90f, 0.10f, 2.60f, 1.35f,
        1.30f, 75f, 88f, 2.30f, 1.40f, 0.65f,
        1.45f, 0.60f, 1f, 0.80f
    };

    /** Probability that {@link #random(Random)} draws an open-wheel race car. */
    private static final float OPEN_WHEEL_SHARE = 0.03f;

    private final float[] v;

    private CarParams(float[] values) {
        this.v = values;
    }

    // ------------------------------------------------------------------ parameters

    /**
     * Front overhang: distance along Z from the front axle to the front end of the body.
     *
     * @return metres, typically 0.75..1.05 (allowed 0.50..1.40)
     */
    public float frontOverhang() {
        return v[FRONT_OVERHANG];
    }

    /**
     * Wheelbase: distance along Z between the front and the rear axle.
     *
     * @return metres, typically 2.4..3.6 (allowed 1.80..3.90)
     */
    public float wheelbase() {
        return v[WHEELBASE];
    }

    /**
     * Rear overhang: distance along Z from the rear axle to the rear end of the body.
     *
     * @return metres, typically 0.6..1.3 (allowed 0.40..1.70)
     */
    public float rearOverhang() {
        return v[REAR_OVERHANG];
    }

    /**
     * Body width along X, without mirrors (and without the wheels when they are exposed).
     *
     * @return metres, typically 1.70..2.00 for road cars, 0.9..1.2 for an open-wheeler's body
     *         (allowed 0.80..2.10)
     */
    public float width() {
        return v[WIDTH];
    }

    /**
     * Overall height: top of the roof above the ground. Same as {@link #roofHeight()}.
     *
     * @return metres, typically 1.00 (open-wheeler)..1.20 (sports car)..1.95 (van) (allowed
     *         0.80..2.30)
     */
    public float height() {
        return v[HEIGHT];
    }

    /**
     * Ground clearance: height of the flat underbody above the ground.
     *
     * @return metres, typically 0.10..0.25 (allowed 0.08..0.32)
     */
    public float groundClearance() {
        return v[GROUND_CLEARANCE];
    }

    /**
     * Tyre outer radius; the wheel centre sits at this height.
     *
     * @return metres, typically 0.30..0.42 (allowed 0.27..0.52: the top of the range is for
     *         stylised cars with toy proportions, whose wheels are large for their length)
     */
    public float wheelRadius() {
        return v[WHEEL_RADIUS];
    }

    /**
     * Tyre width along X.
     *
     * @return metres, typically 0.19..0.30, up to 0.40 on race cars (allowed 0.15..0.45)
     */
    public float wheelWidth() {
        return v[WHEEL_WIDTH];
    }

    /**
     * Track width: X distance between the left and right wheel centres (same front and rear).
     * Either trackWidth + wheelWidth is at most width + 0.10 (wheels under the body) or
     * trackWidth - wheelWidth is at least width + 2 * {@link #EXPOSED_WHEEL_CLEARANCE} (exposed
     * wheels, see {@link #wheelsExposed()}).
     *
     * @return metres, typically 1.50..1.75 (allowed 1.30..1.90)
     */
    public float trackWidth() {
        return v[TRACK_WIDTH];
    }

    /**
     * Radial clearance between the tyre and the top of its wheel arch, room for suspension
     * travel. Has no effect on the shape when the wheels are exposed (no arches).
     *
     * @return metres, typically 0.04..0.08 (allowed 0.03..0.10)
     */
    public float wheelArchGap() {
        return v[WHEEL_ARCH_GAP];
    }

    /**
     * Hood length: Z distance from the front end of the body to the base of the windshield.
     *
     * @return metres, typically 0.7 (van)..1.6 (sports car), about 2 on an open-wheeler, whose
     *         "windshield" is the front of the cockpit surround (allowed 0.30..2.60)
     */
    public float hoodLength() {
        return v[HOOD_LENGTH];
    }

    /**
     * Hood height: height of the hood's rear edge (the cowl, base of the windshield).
     *
     * @return metres, typically 0.85..1.20, about 0.7 on an open-wheeler (allowed 0.45..1.35)
     */
    public float hoodHeight() {
        return v[HOOD_HEIGHT];
    }

    /**
     * Nose height: height of the top front edge of the body (front of the hood).
     *
     * @return metres, typically 0.60..1.10, about 0.5 on an open-wheeler (allowed 0.40..1.30), at
     *         most hoodHeight + 0.05
     */
    public float noseHeight() {
        return v[NOSE_HEIGHT];
    }

    /**
     * Windshield rake: angle between the windshield and the horizontal, seen from the side.
     *
     * @return degrees, typically 24 (sports car)..40 (van) (allowed 18..75)
     */
    public float windshieldRake() {
        return v[WINDSHIELD_RAKE];
    }

    /**
     * Rear-window rake: angle between the rear window (or hatch, or cab back) and the horizontal.
     *
     * @return degrees, typically 20 (fastback)..85 (pickup cab) (allowed 12..88)
     */
    public float rearWindowRake() {
        return v[REAR_WINDOW_RAKE];
    }

    /**
     * Deck length: Z distance from the base of the rear window to the rear end (trunk lid, or
     * the pickup bed).
     *
     * @return metres, typically 0.1 (hatchback)..1.9 (pickup) (allowed 0.10..2.30)
     */
    public float deckLength() {
        return v[DECK_LENGTH];
    }

    /**
     * Deck height: height of the trunk lid or bed rails, which is also the base of the rear
     * window.
     *
     * @return metres, typically 0.85..1.20, about 0.7 on an open-wheeler (allowed 0.45..1.40)
     */
    public float deckHeight() {
        return v[DECK_HEIGHT];
    }

    /**
     * Depth of an open pickup bed below the deck height; 0 means a closed deck (every non-pickup).
     *
     * @return metres, typically 0 or 0.40..0.55 (allowed 0..0.65)
     */
    public float bedDepth() {
        return v[BED_DEPTH];
    }

    /**
     * Beltline height: height of the bottom edge of the side windows.
     *
     * @return metres, typically 0.85..1.20 (allowed 0.55..1.45)
     */
    public float beltlineHeight() {
        return v[BELTLINE_HEIGHT];
    }

    /**
     * Side tumblehome: how far the side glass leans inward, metres of inset per metre of rise.
     *
     * @return ratio, typically 0.10 (van)..0.40 (sports car) (allowed 0..0.60)
     */
    public float tumblehome() {
        return v[TUMBLEHOME];
    }

    /**
     * Corner roundness: 0 = boxy corners (plan view, bumpers, shoulders), 1 = very rounded.
     *
     * @return ratio, typically 0.3..0.8 (allowed 0..1)
     */
    public float cornerRoundness() {
        return v[CORNER_ROUNDNESS];
    }

    /**
     * Bumper height: height of the top of the bumpers.
     *
     * @return metres, typically 0.45..0.65, about 0.3 on an open-wheeler (allowed 0.25..0.80)
     */
    public float bumperHeight() {
        return v[BUMPER_HEIGHT];
    }

    // ------------------------------------------------------------------ derived

    /**
     * Overall body length, frontOverhang + wheelbase + rearOverhang.
     *
     * @return metres
     */
    public float length() {
        return v[FRONT_OVERHANG] + v[WHEELBASE] + v[REAR_OVERHANG];
    }

    /**
     * Roof height, identical to {@link #height()}.
     *
     * @return metres
     */
    public float roofHeight() {
        return v[HEIGHT];
    }

    /**
     * Length along Z of the flat roof between the windshield top and the rear-window top:
     * length - hood - windshield run - rear-window run - deck.
     *
     * @return metres, at least 0.30 for a valid car
     */
    public float roofLength() {
        return new BodyProfile(v).roofLength;
    }

    /**
     * Whether the wheels stand clear outside the body sides, as on an open-wheel race car: the
     * tyres' inner faces (trackWidth - wheelWidth apart) are at least
     * {@link #EXPOSED_WHEEL_CLEARANCE} outboard of the body on both sides. Such a body has no wheel
     * arches, and may be lower than the tyre tops. False for every road car.
     *
     * @return true for exposed wheels, false for wheels under the body in arches
     */
    public boolean wheelsExposed() {
        return BodyProfile.wheelsExposed(v);
    }

    /**
     * Z of the front axle in the car frame, wheelbase / 2.
     *
     * @return metres
     */
    public float frontAxleZ() {
        return 0.5f * v[WHEELBASE];
    }

    /**
     * Z of the rear axle in the car frame, -wheelbase / 2.
     *
     * @return metres
     */
    public float rearAxleZ() {
        return -0.5f * v[WHEELBASE];
    }

    /**
     * Reads one parameter by index.
     *
     * @param index 0 .. vectorSize()-1, see the index constants
     * @return the value in its unit (m, degrees or ratio)
     * @throws IndexOutOfBoundsException if index is out of range
     */
    public float get(int index) {
        return v[index];
    }

    // ------------------------------------------------------------------ vector form

    /**
     * Number of entries of {@link #toVector()}.
     *
     * @return 22 (the same for every body type)
     */
    public static int vectorSize() {
        return NAMES.length;
    }

    /**
     * Names of the vector entries (the getter names), in vector order.
     *
     * @return a new array of length vectorSize()
     */
    public static String[] names() {
        return NAMES.clone();
    }

    /**
     * Lower limit of one parameter (maps to 0 in the vector).
     *
     * @param index parameter index
     * @return the limit in the parameter's unit
     */
    public static float min(int index) {
        return MIN[index];
    }

    /**
     * Upper limit of one parameter (maps to 1 in the vector).
     *
     * @param index parameter index
     * @return the limit in the parameter's unit
     */
    public static float max(int index) {
        return MAX[index];
    }

    /**
     * Normalises the parameters for a network: entry i = (value - min(i)) / (max(i) - min(i)),
     * so every entry lies in [0, 1].
     *
     * @return a new array of length vectorSize()
     */
    public float[] toVector() {
        float[] out = new float[NAMES.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (v[i] - MIN[i]) / (MAX[i] - MIN[i]);
        }
        return out;
    }

    /**
     * Inverse of {@link #toVector()}. Entries are clamped to [0, 1] first, so any network output
     * lands inside the per-parameter limits; cross-parameter rules are still checked.
     *
     * @param vector normalised parameters, length vectorSize() (not modified)
     * @return new valid parameters
     * @throws IllegalArgumentException if the length is wrong, an entry is NaN, or the
     *                                  combination breaks a rule of {@link #validate(float[])}
     */
    public static CarParams fromVector(float[] vector) {
        if (vector == null || vector.length != NAMES.length) {
            throw new IllegalArgumentException("vector must have length " + NAMES.length);
        }
        float[] values = new float[NAMES.length];
        for (int i = 0; i < values.length; i++) {
            if (Float.isNaN(vector[i])) {
                throw new IllegalArgumentException(NAMES[i] + ": vector entry " + i + " is NaN");
            }
            float t = Math.max(0f, Math.min(1f, vector[i]));
            values[i] = MIN[i] + t * (MAX[i] - MIN[i]);
        }
        return new Builder(values).build();
    }

    /**
     * How far one can go from one normalised vector toward another and still have a valid car:
     * the largest t in [0, 1] (to 1/4096) such that from + t (wanted - from) passes
     * {@link #validate(float[])} after the clamping of {@link #fromVector}. The valid set is a box
     * cut by cross-parameter rules; a segment from a valid point stays valid up to its first
     * crossing, which bisection finds. Use it to keep network outputs and optimiser steps on
     * buildable cars.
     *
     * @param from   a normalised vector, normally valid (not modified)
     * @param wanted the wanted normalised vector (not modified)
     * @return 1 when wanted is valid, else the fraction found (0 when even from is invalid)
     * @throws IllegalArgumentException on wrong lengths
     */
    public static float validFraction(float[] from, float[] wanted) {
        if (from == null || wanted == null || from.length != NAMES.length || wanted.length != NAMES.length) {
            throw new IllegalArgumentException("vectors must have length " + NAMES.length);
        }
        if (isValidVector(wanted)) {
            return 1f;
        }
        float[] probe = new float[wanted.length];
        float lo = 0f;
        float hi = 1f;
        for (int b = 0; b < 12; b++) {
            float mid = 0.5f * (lo + hi);
            for (int i = 0; i < probe.length; i++) {
                probe[i] = from[i] + mid * (wanted[i] - from[i]);
            }
            if (isValidVector(probe)) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * The valid car nearest to wanted along the segment from a valid vector (see
     * {@link #validFraction}).
     *
     * @param from   a valid normalised vector (not modified)
     * @param wanted the wanted normalised vector, e.g. a network output (not modified)
     * @return new valid parameters
     * @throws IllegalArgumentException if from itself is not a valid car
     */
    public static CarParams nearestValid(float[] from, float[] wanted) {
        float t = validFraction(from, wanted);
        float[] v = new float[from.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = from[i] + t * (wanted[i] - from[i]);
        }
        return fromVector(v);
    }

    /**
     * A valid normalised vector as close to wanted as cheaply found, for a wanted vector that may
     * break cross-parameter rules (a network's answer, an optimiser's step). Wanted itself
     * (clamped to [0, 1]) when it is valid; otherwise the farthest valid point of the segment from
     * from toward it ({@link #validFraction}), followed by sweeps in which each coordinate in turn,
     * largest remaining move first, goes as far toward its wanted value as it can alone, until a
     * sweep moves nothing or maxSweeps have run. The line search alone stops every parameter at
     * the first rule crossed: a network answer whose hood is a little too high for its roof keeps
     * only a fraction of its length, width and wheels (on the Kenney pictures the median fraction
     * from the sedan preset was 0.13). The sweeps keep what the broken rule does not involve and
     * slide along the rule where they can.
     *
     * @param from      a normalised vector, normally valid (not modified)
     * @param wanted    the wanted normalised vector (not modified)
     * @param maxSweeps the most coordinate sweeps after the line search, at least 0 (0 gives the
     *                  segment's point, as {@link #nearestValid})
     * @return a new valid normalised vector, or null when from itself is not a valid car
     * @throws IllegalArgumentException on wrong lengths or a negative sweep count
     */
    public static float[] slideToward(float[] from, float[] wanted, int maxSweeps) {
        if (maxSweeps < 0) {
            throw new IllegalArgumentException("maxSweeps must be at least 0, got " + maxSweeps);
        }
        if (from == null || wanted == null || from.length != NAMES.length || wanted.length != NAMES.length) {
            throw new IllegalArgumentException("vectors must have length " + NAMES.length);
        }
        float[] target = new float[wanted.length];
        for (int i = 0; i < target.length; i++) {
            target[i] = Math.max(0f, Math.min(1f, wanted[i]));
        }
        float t = validFraction(from, target);
        if (t >= 1f) {
            return target;
        }
        float[] at = new float[wanted.length];
        for (int i = 0; i < at.length; i++) {
            at[i] = from[i] + t * (target[i] - from[i]);
        }
        if (!isValidVector(at)) {
            return null;
        }
        Integer[] order = new Integer[at.length];
        float[] remaining = new float[at.length];
        float[] probe = new float[at.length];
        boolean moved = true;
        for (int sweep = 0; sweep < maxSweeps && moved; sweep++) {
            moved = false;
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
                remaining[i] = Math.abs(target[i] - at[i]);
            }
            Arrays.sort(order, (a, b) -> Float.compare(remaining[b], remaining[a]));
            System.arraycopy(at, 0, probe, 0, at.length);
            for (int k : order) {
                if (remaining[k] == 0f) {
                    break;
                }
                probe[k] = target[k];
                float s = validFraction(at, probe);
                moved |= s > 0f;
                at[k] += s * (target[k] - at[k]);
                probe[k] = at[k];
            }
        }
        return isValidVector(at) ? at : null;
    }

    private static boolean isValidVector(float[] vector) {
        float[] values = new float[NAMES.length];
        for (int i = 0; i < values.length; i++) {
            if (Float.isNaN(vector[i])) {
                return false;
            }
            float t = Math.max(0f, Math.min(1f, vector[i]));
            values[i] = MIN[i] + t * (MAX[i] - MIN[i]);
        }
        return check(values) == null;
    }

    /**
     * Copies the raw parameter values (units as the getters).
     *
     * @return a new array of length vectorSize()
     */
    public float[] toArray() {
        return v.clone();
    }

    // ------------------------------------------------------------------ construction

    /**
     * Starts a builder from the sedan preset.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return preset(BodyType.SEDAN).toBuilder();
    }

    /**
     * Starts a builder holding these values.
     *
     * @return a new builder (this object is not modified)
     */
    public Builder toBuilder() {
        return new Builder(v.clone());
    }

    /**
     * Named preset: a typical car of the given body type.
     *
     * @param type the body type (not null)
     * @return new valid parameters
     */
    public static CarParams preset(BodyType type) {
        if (type == null) {
            throw new IllegalArgumentException("type must not be null");
        }
        return new Builder(presetValues(type)).build();
    }

    private static float[] presetValues(BodyType type) {
        switch (type) {
            case SEDAN:
                return new float[] {0.95f, 2.80f, 1.05f, 1.82f, 1.45f, 0.14f,
                    0.33f, 0.225f, 1.57f, 0.05f, 1.35f, 0.95f,
                    0.78f, 30f, 32f, 0.90f, 1.00f, 0f,
                    1.00f, 0.25f, 0.55f, 0.52f};
            case HATCHBACK:
                return new float[] {0.85f, 2.60f, 0.70f, 1.76f, 1.47f, 0.14f,
                    0.315f, 0.205f, 1.53f, 0.045f, 1.05f, 0.95f,
                    0.78f, 30f, 60f, 0.15f, 1.00f, 0f,
                    1.00f, 0.22f, 0.60f, 0.52f};
            case WAGON:
                return new float[] {0.92f, 2.80f, 1.05f, 1.82f, 1.50f, 0.15f,
                    0.33f, 0.225f, 1.57f, 0.05f, 1.30f, 0.97f,
                    0.80f, 30f, 70f, 0.12f, 1.00f, 0f,
                    1.00f, 0.20f, 0.50f, 0.52f};
            case COUPE:
                return new float[] {0.95f, 2.50f, 0.95f, 1.88f, 1.22f, 0.11f,
                    0.33f, 0.26f, 1.60f, 0.04f, 1.55f, 0.90f,
                    0.66f, 24f, 20f, 0.45f, 0.90f, 0f,
                    0.88f, 0.35f, 0.75f, 0.46f};
            case SUV:
                return new float[] {0.90f, 2.85f, 0.95f, 1.90f, 1.72f, 0.21f,
                    0.375f, 0.245f, 1.63f, 0.06f, 1.25f, 1.08f,
                    0.98f, 32f, 68f, 0.10f, 1.08f, 0f,
                    1.10f, 0.18f, 0.45f, 0.62f};
            case PICKUP:
                return new float[] {0.95f, 3.55f, 1.25f, 2.00f, 1.90f, 0.23f,
                    0.40f, 0.265f, 1.70f, 0.07f, 1.55f, 1.20f,
                    1.12f, 33f, 86f, 1.85f, 1.20f, 0.50f,
                    1.18f, 0.12f, 0.30f, 0.66f};
            case VAN:
                return new float[] {0.75f, 3.10f, 0.95f, 1.95f, 1.95f, 0.17f,
                    0.36f, 0.225f, 1.65f, 0.06f, 0.85f, 1.05f,
                    0.95f, 35f, 84f, 0.12f, 1.05f, 0f,
                    1.08f, 0.10f, 0.35f, 0.58f};
            case OPEN_WHEEL:
                // narrow tub between exposed wheels; the "greenhouse" is the cockpit surround and
                // air box, the rear window the engine cover sloping down to the gearbox (deck)
                return new float[] {1.05f, 3.40f, 0.75f, 1.00f, 1.00f, 0.09f,
                    0.36f, 0.36f, 1.60f, 0.03f, 2.10f, 0.70f,
                    0.48f, 20f, 15f, 0.90f, 0.70f, 0f,
                    0.72f, 0.60f, 0.50f, 0.30f};
            default:
                throw new IllegalArgumentException("unknown body type " + type);
        }
    }

    private static BodyType[] roadTypes() {
        return java.util.EnumSet.complementOf(java.util.EnumSet.of(BodyType.OPEN_WHEEL)).toArray(new BodyType[0]);
    }

    /**
     * Draws a plausible car: a random body type's preset, sometimes blended with another preset,
     * with every parameter jittered continuously. Pickups keep a bed, the others a closed deck.
     * Road cars (every type but {@link BodyType#OPEN_WHEEL}) are equally likely; an open-wheel
     * race car comes up with probability 0.03 and is only jittered, never
     * blended, since a blend of it with a road car would half bury the wheels in the body.
     * The draw is retried until the rules of {@link #validate(float[])} hold.
     *
     * @param random the source of randomness (its state advances)
     * @return new valid parameters
     */
    public static CarParams random(Random random) {
        if (random == null) {
            throw new IllegalArgumentException("random must not be null");
        }
        BodyType[] roadTypes = roadTypes();
        BodyType type = random.nextFloat() < OPEN_WHEEL_SHARE ? BodyType.OPEN_WHEEL
                : roadTypes[random.nextInt(roadTypes.length)];
        return random(type, random);
    }

    /**
     * Draws a plausible car of a given body type: its preset, for road cars sometimes blended
     * with another road preset, with every parameter jittered continuously (see
     * {@link #random(Random)}).
     *
     * @param type   the body type (not null)
     * @param random the source of randomness (its state advances; not null)
     * @return new valid parameters
     */
    public static CarParams random(BodyType type, Random random) {
        if (type == null || random == null) {
            throw new IllegalArgumentException("type and random must not be null");
        }
        BodyType[] roadTypes = roadTypes();
        float[] base = presetValues(type);
        for (int attempt = 0; attempt < 200; attempt++) {
            float[] p = base.clone();
            if (type != BodyType.OPEN_WHEEL && random.nextBoolean()) {
                float[] other = presetValues(roadTypes[random.nextInt(roadTypes.length)]);
                float t = 0.4f * random.nextFloat();
                for (int i = 0; i < p.length; i++) {
                    p[i] += t * (other[i] - p[i]);
                }
            }
            for (int i = 0; i < p.length; i++) {
                float g = (float) random.nextGaussian();
                switch (i) {
                    case WINDSHIELD_RAKE: case REAR_WINDOW_RAKE:
                        p[i] += 3f * g;
                        break;
                    case TUMBLEHOME: case CORNER_ROUNDNESS:
                        p[i] += 0.08f * g;
                        break;
                    case BED_DEPTH:
                        p[i] = (type == BodyType.PICKUP) ? p[i] * (1f + 0.08f * g) : 0f;
                        break;
                    default:
                        p[i] *= 1f + 0.045f * g;
                }
                p[i] = Math.max(MIN[i], Math.min(MAX[i], p[i]));
            }
            if (check(p) == null) {
                return new CarParams(p);
            }
        }
        return new CarParams(base);
    }

    /**
     * The same car made shorter: its lengthwise dimensions (front and rear overhang, wheelbase,
     * hood length, deck or bed length) scaled by factor while width, height and wheels stay, which
     * turns a road car into a city car's or a kei car's proportions (a Smart fortwo is 2.7 m long
     * and 1.55 m tall, height / length 0.58, against about 0.30 for a saloon) and covers the stubby
     * proportions of stylised and toy cars. The overhangs are kept long enough for the wheel
     * arches, and where a rule still breaks the car is shortened as far towards the wanted
     * lengths as the rules allow (along the straight line, as {@link #nearestValid}).
     *
     * @param factor length scale, within (0, 1]; 1 gives an equal car
     * @return valid parameters, this object itself for factor 1 (this object is not modified)
     * @throws IllegalArgumentException if factor is outside (0, 1]
     */
    public CarParams shortened(float factor) {
        if (!(factor > 0f && factor <= 1f)) {
            throw new IllegalArgumentException("factor must be within (0, 1], got " + factor);
        }
        if (factor == 1f) {
            return this;
        }
        float[] wanted = v.clone();
        for (int i : LENGTHWISE) {
            wanted[i] *= factor;
        }
        return towards(wanted);
    }

    /**
     * The same car with a toy's proportions ("super-deformed", as die-cast and pull-back toy cars
     * and many stylised game cars are drawn): shorter as {@link #shortened} by 1 - 0.4 amount,
     * and taller by 1 + 0.2 amount (height and the heights of hood, nose, deck, beltline and
     * bumper), with the ground clearance times 1 + amount and wheels of 1 + 0.15 amount the
     * radius; width and track stay. Unlike a plain shortening this changes what the car's front
     * and back show (a taller body on higher, bigger wheels), so a picture from either end still
     * says something about how long the car is. Where a rule breaks, the car goes as far towards
     * these proportions as the rules allow (as {@link #shortened}).
     *
     * @param amount how far towards the toy's proportions, within [0, 1]; 0 gives an equal car
     * @return valid parameters, this object itself for amount 0 (this object is not modified)
     * @throws IllegalArgumentException if amount is outside [0, 1]
     */
    public CarParams toy(float amount) {
        if (!(amount >= 0f && amount <= 1f)) {
            throw new IllegalArgumentException("amount must be within [0, 1], got " + amount);
        }
        if (amount == 0f) {
            return this;
        }
        float[] wanted = v.clone();
        for (int i : LENGTHWISE) {
            wanted[i] *= 1f - 0.4f * amount;
        }
        for (int i : HEIGHTS) {
            wanted[i] *= 1f + 0.2f * amount;
        }
        wanted[GROUND_CLEARANCE] *= 1f + amount;
        wanted[WHEEL_RADIUS] *= 1f + 0.15f * amount;
        return towards(wanted);
    }

    /**
     * This car moved towards wanted raw values: the overhangs kept long enough for the arches of
     * the wanted wheels (see check) so that the line search does not stop at the first overhang
     * that gets too short, each value within its limits, then as far along the straight line as
     * the rules allow ({@link #nearestValid}).
     */
    private CarParams towards(float[] wanted) {
        float r = wanted[WHEEL_RADIUS];
        float gap = v[WHEEL_ARCH_GAP];
        boolean exposed = wheelsExposed();
        // at the end of (never beyond) this car's own overhang
        float frontRoom = Math.min(v[FRONT_OVERHANG], exposed ? r + 0.06f : r + gap + 0.23f);
        float rearRoom = Math.min(v[REAR_OVERHANG], exposed ? r + 0.06f : r + gap + 0.16f);
        wanted[FRONT_OVERHANG] = Math.max(wanted[FRONT_OVERHANG], frontRoom);
        wanted[REAR_OVERHANG] = Math.max(wanted[REAR_OVERHANG], rearRoom);
        for (int i = 0; i < wanted.length; i++) {
            wanted[i] = Math.max(MIN[i], Math.min(MAX[i], wanted[i]));
        }
        float[] from = toVector();
        float[] to = new float[wanted.length];
        for (int i = 0; i < to.length; i++) {
            to[i] = (wanted[i] - MIN[i]) / (MAX[i] - MIN[i]);
        }
        return nearestValid(from, to);
    }

    /**
     * Same as {@link #random(Random)} with a fresh generator seeded by seed.
     *
     * @param seed the seed; equal seeds give equal cars
     * @return new valid parameters
     */
    public static CarParams random(long seed) {
        return random(new Random(seed));
    }

    // ------------------------------------------------------------------ validation

    /**
     * Checks a raw parameter array (in vector order, units as the getters) against the limits
     * and the cross-parameter rules that keep the template buildable: finite values, each value
     * within [min, max], wheels either fitting under their arches or standing clear outside the
     * body ({@link #wheelsExposed()}), overhangs long enough for the arches, greenhouse above the
     * hood, derived roof length, and so on.
     *
     * @param values raw parameter values, length vectorSize() (not modified)
     * @throws IllegalArgumentException naming the first parameter found broken and the rule
     */
    public static void validate(float[] values) {
        String problem = check(values);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    /**
     * Validates this instance again (always passes: instances are validated when built).
     *
     * @return this
     */
    public CarParams validate() {
        validate(v);
        return this;
    }

    /** Returns null when valid, else a message naming the parameter and the rule. */
    private static String check(float[] p) {
        if (p == null || p.length != NAMES.length) {
            return "parameter array must have length " + NAMES.length;
        }
        for (int i = 0; i < p.length; i++) {
            if (!Float.isFinite(p[i])) {
                return NAMES[i] + " must be finite, got " + p[i];
            }
            if (p[i] < MIN[i] - 1e-6f || p[i] > MAX[i] + 1e-6f) {
                return NAMES[i] + " must be within [" + MIN[i] + ", " + MAX[i] + "], got " + p[i];
            }
        }
        float r = p[WHEEL_RADIUS];
        float archTop = 2f * r + p[WHEEL_ARCH_GAP];
        if (!(r < 0.5f * p[HEIGHT])) {
            return "wheelRadius must be less than half the height (" + 0.5f * p[HEIGHT] + " m), got " + r;
        }
        if (p[TRACK_WIDTH] - p[WHEEL_WIDTH] < 0.50f) {
            return "trackWidth - wheelWidth must be at least 0.50 m (underbody between the wheel wells), got "
                    + (p[TRACK_WIDTH] - p[WHEEL_WIDTH]);
        }
        boolean exposed = BodyProfile.wheelsExposed(p);
        if (!exposed && p[TRACK_WIDTH] + p[WHEEL_WIDTH] > p[WIDTH] + 0.10f) {
            return "trackWidth + wheelWidth must not exceed width + 0.10 m (wheels under the body), got "
                    + (p[TRACK_WIDTH] + p[WHEEL_WIDTH]) + " vs width " + p[WIDTH]
                    + "; or trackWidth - wheelWidth must be at least width + " + 2f * EXPOSED_WHEEL_CLEARANCE
                    + " m (wheels exposed outside the body), got " + (p[TRACK_WIDTH] - p[WHEEL_WIDTH]);
        }
        if (!exposed && p[BELTLINE_HEIGHT] < archTop + 0.08f) {
            return "beltlineHeight must be at least 2*wheelRadius + wheelArchGap + 0.08 m = "
                    + (archTop + 0.08f) + " (wheel arches below the beltline), got " + p[BELTLINE_HEIGHT];
        }
        // arches need room ahead of and behind the tyre; exposed wheels only have to stay within
        // the body's length
        float frontRoom = exposed ? r + 0.05f : r + p[WHEEL_ARCH_GAP] + 0.22f;
        float rearRoom = exposed ? r + 0.05f : r + p[WHEEL_ARCH_GAP] + 0.15f;
        if (p[FRONT_OVERHANG] < frontRoom) {
            return "frontOverhang must be at least " + frontRoom + " m (" + (exposed
                    ? "wheelRadius + 0.05: the exposed front wheels within the body length"
                    : "wheelRadius + wheelArchGap + 0.22: room for the front arch") + "), got " + p[FRONT_OVERHANG];
        }
        if (p[REAR_OVERHANG] < rearRoom) {
            return "rearOverhang must be at least " + rearRoom + " m (" + (exposed
                    ? "wheelRadius + 0.05: the exposed rear wheels within the body length"
                    : "wheelRadius + wheelArchGap + 0.15: room for the rear arch") + "), got " + p[REAR_OVERHANG];
        }
        if (p[WHEELBASE] < 2f * (r + p[WHEEL_ARCH_GAP]) + 0.5f) {
            return "wheelbase must be at least 2*(wheelRadius + wheelArchGap) + 0.5 m, got " + p[WHEELBASE];
        }
        if (p[BUMPER_HEIGHT] < p[GROUND_CLEARANCE] + 0.15f) {
            return "bumperHeight must be at least groundClearance + 0.15 m, got " + p[BUMPER_HEIGHT];
        }
        if (p[NOSE_HEIGHT] < p[BUMPER_HEIGHT] + 0.15f) {
            return "noseHeight must be at least bumperHeight + 0.15 m (room for grille and lights), got "
                    + p[NOSE_HEIGHT];
        }
        if (p[NOSE_HEIGHT] > p[HOOD_HEIGHT] + 0.05f) {
            return "noseHeight must not exceed hoodHeight + 0.05 m, got " + p[NOSE_HEIGHT]
                    + " vs hoodHeight " + p[HOOD_HEIGHT];
        }
        if (p[DECK_HEIGHT] < p[BUMPER_HEIGHT] + 0.15f) {
            return "deckHeight must be at least bumperHeight + 0.15 m (room for the taillights), got "
                    + p[DECK_HEIGHT];
        }
        if (p[HOOD_HEIGHT] > p[HEIGHT] - 0.25f) {
            return "hoodHeight must be at most height - 0.25 m (a greenhouse above the hood), got "
                    + p[HOOD_HEIGHT];
        }
        if (p[DECK_HEIGHT] > p[HEIGHT] - 0.15f) {
            return "deckHeight must be at most height - 0.15 m, got " + p[DECK_HEIGHT];
        }
        if (p[BELTLINE_HEIGHT] > p[HEIGHT] - 0.22f) {
            return "beltlineHeight must be at most height - 0.22 m (room for side windows), got "
                    + p[BELTLINE_HEIGHT];
        }
        BodyProfile profile = new BodyProfile(p);
        if (profile.windshieldRun < 0.15f || profile.windshieldRun > 1.6f) {
            return "windshieldRake gives a windshield run of " + profile.windshieldRun
                    + " m along Z; it must be within [0.15, 1.6] m";
        }
        if (profile.rearWindowRun < 0.03f || profile.rearWindowRun > 1.5f) {
            return "rearWindowRake gives a rear-window run of " + profile.rearWindowRun
                    + " m along Z; it must be within [0.03, 1.5] m";
        }
        if (profile.roofLength < 0.30f || profile.roofLength > 3.2f) {
            return "roofLength (derived: length - hoodLength - windshield run - rear-window run - deckLength)"
                    + " must be within [0.30, 3.2] m, got " + profile.roofLength;
        }
        float frontShoulder = profile.shoulder(profile.frontAxleZ);
        float rearShoulder = profile.shoulder(profile.rearAxleZ);
        if (!exposed && frontShoulder < archTop + 0.06f) {
            return "hoodHeight/noseHeight: body shoulder above the front axle (" + frontShoulder
                    + " m) must be at least 2*wheelRadius + wheelArchGap + 0.06 m = " + (archTop + 0.06f);
        }
        if (!exposed && rearShoulder < archTop + 0.06f) {
            return "deckHeight: body shoulder above the rear axle (" + rearShoulder
                    + " m) must be at least 2*wheelRadius + wheelArchGap + 0.06 m = " + (archTop + 0.06f);
        }
        if (p[BED_DEPTH] > 0f) {
            if (p[DECK_LENGTH] < 0.9f) {
                return "deckLength must be at least 0.9 m when bedDepth > 0 (pickup bed), got " + p[DECK_LENGTH];
            }
            if (p[DECK_HEIGHT] - p[BED_DEPTH] < p[GROUND_CLEARANCE] + 0.25f) {
                return "bedDepth must leave the bed floor at least groundClearance + 0.25 m high, got floor "
                        + (p[DECK_HEIGHT] - p[BED_DEPTH]);
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ object

    @Override
    public boolean equals(Object other) {
        return other instanceof CarParams && Arrays.equals(v, ((CarParams) other).v);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(v);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("CarParams[");
        for (int i = 0; i < v.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(NAMES[i]).append('=').append(v[i]);
        }
        return sb.append(']').toString();
    }

    /**
     * Mutable builder; {@link #build()} validates. Setters take the units of the matching getters.
     */
    public static final class Builder {
        private final float[] p;

        private Builder(float[] values) {
            this.p = values;
        }

        /**
         * Sets one parameter by index.
         *
         * @param index parameter index (see the constants)
         * @param value value in the parameter's unit
         * @return this builder
         */
        public Builder set(int index, float value) {
            p[index] = value;
            return this;
        }

        /** @param m metres @return this builder */
        public Builder frontOverhang(float m) { return set(FRONT_OVERHANG, m); }
        /** @param m metres @return this builder */
        public Builder wheelbase(float m) { return set(WHEELBASE, m); }
        /** @param m metres @return this builder */
        public Builder rearOverhang(float m) { return set(REAR_OVERHANG, m); }
        /** @param m metres @return this builder */
        public Builder width(float m) { return set(WIDTH, m); }
        /** @param m metres @return this builder */
        public Builder height(float m) { return set(HEIGHT, m); }
        /** @param m metres @return this builder */
        public Builder groundClearance(float m) { return set(GROUND_CLEARANCE, m); }
        /** @param m metres @return this builder */
        public Builder wheelRadius(float m) { return set(WHEEL_RADIUS, m); }
        /** @param m metres @return this builder */
        public Builder wheelWidth(float m) { return set(WHEEL_WIDTH, m); }
        /** @param m metres @return this builder */
        public Builder trackWidth(float m) { return set(TRACK_WIDTH, m); }
        /** @param m metres @return this builder */
        public Builder wheelArchGap(float m) { return set(WHEEL_ARCH_GAP, m); }
        /** @param m metres @return this builder */
        public Builder hoodLength(float m) { return set(HOOD_LENGTH, m); }
        /** @param m metres @return this builder */
        public Builder hoodHeight(float m) { return set(HOOD_HEIGHT, m); }
        /** @param m metres @return this builder */
        public Builder noseHeight(float m) { return set(NOSE_HEIGHT, m); }
        /** @param degrees from horizontal @return this builder */
        public Builder windshieldRake(float degrees) { return set(WINDSHIELD_RAKE, degrees); }
        /** @param degrees from horizontal @return this builder */
        public Builder rearWindowRake(float degrees) { return set(REAR_WINDOW_RAKE, degrees); }
        /** @param m metres @return this builder */
        public Builder deckLength(float m) { return set(DECK_LENGTH, m); }
        /** @param m metres @return this builder */
        public Builder deckHeight(float m) { return set(DECK_HEIGHT, m); }
        /** @param m metres, 0 for a closed deck @return this builder */
        public Builder bedDepth(float m) { return set(BED_DEPTH, m); }
        /** @param m metres @return this builder */
        public Builder beltlineHeight(float m) { return set(BELTLINE_HEIGHT, m); }
        /** @param ratio inset per rise @return this builder */
        public Builder tumblehome(float ratio) { return set(TUMBLEHOME, ratio); }
        /** @param ratio 0..1 @return this builder */
        public Builder cornerRoundness(float ratio) { return set(CORNER_ROUNDNESS, ratio); }
        /** @param m metres @return this builder */
        public Builder bumperHeight(float m) { return set(BUMPER_HEIGHT, m); }

        /**
         * Validates and creates the parameters. The builder can be reused afterwards.
         *
         * @return new immutable parameters
         * @throws IllegalArgumentException naming the broken parameter and rule
         */
        public CarParams build() {
            float[] copy = p.clone();
            validate(copy);
            return new CarParams(copy);
        }
    }
}
