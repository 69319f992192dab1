package io.github.photo2car.trainer.synth;

import io.github.photo2car.template.CarPart;
import io.github.photo2car.template.WheelPosition;

/**
 * The values of the part-label map. 0 is background; body triangles carry their {@link CarPart}
 * (ordinal + 1); each wheel's tyre and rim have their own ids; occluders (poles, other cars) in
 * front of the car have {@link #OCCLUDER}. The car mask is every id in 1..{@link #LAST_CAR_ID}.
 */
public final class LabelIds {

    /** Nothing of the car: sky, ground, background. */
    public static final int BACKGROUND = 0;
    /** First tyre id: tyres are TYRE + {@link WheelPosition#ordinal()}. */
    public static final int TYRE = CarPart.values().length + 1;
    /** First rim id: rims are RIM + {@link WheelPosition#ordinal()}. */
    public static final int RIM = TYRE + WheelPosition.values().length;
    /** Highest id that belongs to the car. */
    public static final int LAST_CAR_ID = RIM + WheelPosition.values().length - 1;
    /** Something in front of the car that is not the car. */
    public static final int OCCLUDER = 255;

    private LabelIds() {
    }

    /**
     * @param part a body part (not null)
     * @return its label id
     */
    public static int of(CarPart part) {
        return part.ordinal() + 1;
    }

    /**
     * @param id a label value, 0..255
     * @return true if the pixel shows the car
     */
    public static boolean isCar(int id) {
        return id >= 1 && id <= LAST_CAR_ID;
    }

    /**
     * @param id a label value, 0..255
     * @return a readable name: "background", a {@link CarPart} name, "tyre_FL", "rim_RR", "occluder"
     */
    public static String name(int id) {
        if (id == BACKGROUND) {
            return "background";
        }
        if (id == OCCLUDER) {
            return "occluder";
        }
        if (id >= 1 && id < TYRE) {
            return CarPart.values()[id - 1].name();
        }
        if (id >= TYRE && id < RIM) {
            return "tyre_" + WheelPosition.values()[id - TYRE].name();
        }
        if (id >= RIM && id <= LAST_CAR_ID) {
            return "rim_" + WheelPosition.values()[id - RIM].name();
        }
        throw new IllegalArgumentException("no label has id " + id);
    }
}
