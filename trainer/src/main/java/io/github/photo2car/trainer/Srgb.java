package io.github.photo2car.trainer;

/**
 * The sRGB transfer curve (IEC 61966-2-1), for the trainer's colours: synthetic paint recorded
 * in labels as sRGB, and glTF base-colour factors (linear) shown in evaluation renders.
 */
public final class Srgb {

    private Srgb() {
    }

    /**
     * Encodes in double precision, so synthetic labels written before this class existed come out
     * bit for bit the same.
     *
     * @param linear a linear-light value, 0..1
     * @return its sRGB-encoded value, 0..1
     */
    public static float fromLinear(float linear) {
        double l = linear;
        return (float) (l <= 0.0031308 ? 12.92 * l : 1.055 * Math.pow(l, 1 / 2.4) - 0.055);
    }

    /**
     * @param srgb an sRGB-encoded value, 0..1
     * @return its linear-light value, 0..1
     */
    public static float toLinear(float srgb) {
        double c = srgb;
        return (float) (c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4));
    }
}
