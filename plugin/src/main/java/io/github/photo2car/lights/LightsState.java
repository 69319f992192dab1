package io.github.photo2car.lights;

import java.util.Objects;

/**
 * What a car's lamps are doing, as pure logic with no scene graph: headlight mode, brake and
 * reverse lamps, blinkers and hazards, and the flasher clock.
 *
 * <p>Direction indicators flash at {@value #FLASH_HZ} Hz with equal on and off times (UN ECE R48
 * allows 60–120 flashes per minute); the first flash starts lit the moment a blinker is switched
 * on, as in real cars. Hazards flash both sides from the same clock, so they are always in phase.
 * Not thread-safe: use it from the render thread.
 */
public final class LightsState {

    /** Flasher frequency in hertz (90 flashes per minute). */
    public static final float FLASH_HZ = 1.5f;
    /** One full flash cycle (on + off) in seconds. */
    public static final float FLASH_PERIOD = 1f / FLASH_HZ;

    /** Tail-lamp brightness relative to the brake lamp (same lens, two intensities). */
    public static final float TAIL_LEVEL = 0.35f;

    /** Headlight modes. */
    public enum HeadlightMode {
        /** All headlights and tail lamps off. */
        OFF,
        /** Dipped beam; tail lamps on. */
        LOW,
        /** Main beam; tail lamps on. */
        HIGH
    }

    /** Which direction indicator is selected with the stalk (hazards are separate). */
    public enum Blinker {
        /** No indicator. */
        NONE,
        /** Left side (the car's +X side). */
        LEFT,
        /** Right side (the car's −X side). */
        RIGHT
    }

    private HeadlightMode headlights = HeadlightMode.OFF;
    private Blinker blinker = Blinker.NONE;
    private boolean hazards;
    private boolean braking;
    private boolean reversing;
    /** Seconds since the flasher was (re)started. */
    private float flasherTime;

    /**
     * Advances the flasher clock.
     *
     * @param tpf seconds since the last update (≥ 0; NaN and negatives are ignored)
     */
    public void update(float tpf) {
        if (tpf > 0f) {
            flasherTime += tpf;
            if (flasherTime >= FLASH_PERIOD) {
                flasherTime %= FLASH_PERIOD; // bounded, so float precision never drifts
            }
        }
    }

    /** @return true while the flasher is in the lit half of its cycle (independent of selection) */
    public boolean flasherOn() {
        return flasherTime < 0.5f * FLASH_PERIOD;
    }

    /**
     * @param mode the new headlight mode (not null)
     */
    public void setHeadlights(HeadlightMode mode) {
        headlights = Objects.requireNonNull(mode, "mode");
    }

    /** @return the headlight mode */
    public HeadlightMode headlights() {
        return headlights;
    }

    /** Cycles OFF → LOW → HIGH → OFF (the demo's H key). */
    public void cycleHeadlights() {
        headlights = HeadlightMode.values()[(headlights.ordinal() + 1) % HeadlightMode.values().length];
    }

    /**
     * Selects a direction indicator. Selecting one restarts the flasher lit unless hazards are
     * already flashing (which keeps the shared clock).
     *
     * @param selection the indicator (not null)
     */
    public void setBlinker(Blinker selection) {
        Objects.requireNonNull(selection, "selection");
        if (selection != blinker && selection != Blinker.NONE && !hazards) {
            flasherTime = 0f;
        }
        blinker = selection;
    }

    /**
     * Toggles an indicator like a stalk: selecting the active side switches it off.
     *
     * @param side LEFT or RIGHT (not null)
     */
    public void toggleBlinker(Blinker side) {
        setBlinker(blinker == side ? Blinker.NONE : side);
    }

    /** @return the selected indicator */
    public Blinker blinker() {
        return blinker;
    }

    /**
     * Switches the hazard warning lamps. Switching them on restarts the flasher lit.
     *
     * @param on true to flash all indicators
     */
    public void setHazards(boolean on) {
        if (on && !hazards) {
            flasherTime = 0f;
        }
        hazards = on;
    }

    /** @return true if the hazards are on */
    public boolean hazards() {
        return hazards;
    }

    /** @param on true while the brake pedal is pressed */
    public void setBraking(boolean on) {
        braking = on;
    }

    /** @return true while braking */
    public boolean braking() {
        return braking;
    }

    /** @param on true while reverse gear is engaged */
    public void setReversing(boolean on) {
        reversing = on;
    }

    /** @return true while reversing */
    public boolean reversing() {
        return reversing;
    }

    /**
     * @param side LEFT or RIGHT
     * @return true if that side's indicators are lit right now
     */
    public boolean blinkerLit(Blinker side) {
        boolean selected = hazards || blinker == side;
        return side != Blinker.NONE && selected && flasherOn();
    }

    /**
     * Brightness of the rear red lamps (tail and brake share a lens): 0 off, {@value #TAIL_LEVEL}
     * tail only, 1 braking.
     *
     * @return brightness in [0, 1]
     */
    public float rearLampLevel() {
        if (braking) {
            return 1f;
        }
        return headlights == HeadlightMode.OFF ? 0f : TAIL_LEVEL;
    }

    /**
     * Brightness of the headlight lenses: 0 off, 0.75 dipped, 1 main beam.
     *
     * @return brightness in [0, 1]
     */
    public float headLampLevel() {
        return switch (headlights) {
            case OFF -> 0f;
            case LOW -> 0.75f;
            case HIGH -> 1f;
        };
    }
}
