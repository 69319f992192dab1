package io.github.photo2car.trainer.synth;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import io.github.photo2car.template.BodyType;
import io.github.photo2car.template.CarParams;
import io.github.photo2car.template.CarTemplate;

/**
 * Smooth, left/right symmetric ways a car's body can leave the parametric template, so that
 * synthetic cars teach the inverse-graphics network's residual head something true: a car of the
 * data set may carry {@code amplitude * sum_k code[k] * mode_k} as its per-shape-vertex residual,
 * and its labels record the code.
 *
 * <p>The modes are chosen outside what the parameters already say (overall length, width and
 * height, hood and roof lines): a body that narrows towards the front or the top (tumblehome), a
 * waist, a crowned or sloping roof and bonnet, a raked front, rounded corners. Each is a low-order
 * polynomial in the vertex's position normalised to the template body's box, u = x / half width
 * (-1..1), v = height above the lowest vertex / body height (0..1), w = z about the box centre /
 * half length (-1..1), so it scales with the car. Sideways modes are odd in x and the others even,
 * so every residual is mirror symmetric; vertical modes vanish at the bottom (v = 0), so the car
 * keeps standing on its wheels. Each mode's largest displacement over the preset sedan is 1 m
 * before the amplitude.
 *
 * <p>Stateless and thread-safe.
 */
public final class ResidualModes {

    /** Number of modes, the length of a code (the network's residual code has as many). */
    public static final int MODES = 16;

    /** Per mode: the axis displaced (0 x, 1 y, 2 z). */
    private static final int[] AXIS = {0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2};
    private static final float[] SCALE = new float[MODES];

    static {
        float[] p = CarTemplate.shapePositions(CarParams.preset(BodyType.SEDAN), null);
        float[] box = box(p);
        for (int k = 0; k < MODES; k++) {
            float max = 0;
            for (int i = 0; i < p.length / 3; i++) {
                max = Math.max(max, Math.abs(mode(k, p, i, box)));
            }
            SCALE[k] = 1f / max;
        }
    }

    private ResidualModes() {
    }

    /**
     * The residual a code stands for on a car.
     *
     * @param params    the car's parameters (not null)
     * @param code      [{@link #MODES}] mode weights, each typically in -1..1 (not modified)
     * @param amplitude metres per unit of a mode's weight (&ge; 0)
     * @return a new residual [3*{@link CarTemplate#SHAPE_VERTICES}], metres, car frame, the layout of
     *         {@link CarTemplate#build(CarParams, float[])}
     * @throws IllegalArgumentException on a null or wrongly sized argument, a non-finite weight or
     *                                  a negative amplitude
     */
    public static float[] residual(CarParams params, float[] code, float amplitude) {
        if (params == null || code == null || code.length != MODES) {
            throw new IllegalArgumentException("need params and a code of " + MODES + " weights");
        }
        if (!(amplitude >= 0) || Float.isInfinite(amplitude)) {
            throw new IllegalArgumentException("amplitude must be finite and >= 0, got " + amplitude);
        }
        for (float c : code) {
            if (!Float.isFinite(c)) {
                throw new IllegalArgumentException("code weights must be finite");
            }
        }
        float[] p = CarTemplate.shapePositions(params, null);
        float[] box = box(p);
        float[] out = new float[p.length];
        for (int i = 0; i < p.length / 3; i++) {
            for (int k = 0; k < MODES; k++) {
                if (code[k] != 0) {
                    out[3 * i + AXIS[k]] += amplitude * code[k] * SCALE[k] * mode(k, p, i, box);
                }
            }
        }
        return out;
    }

    /**
     * The residual a stored sample's car was built with.
     *
     * @param labels a sample's labels (not null, not modified)
     * @return the body's residual [3*SHAPE_VERTICES] metres, or null for a template body
     */
    public static float[] ofLabels(JsonObject labels) {
        if (!labels.has("residualCode")) {
            return null;
        }
        JsonArray a = labels.getAsJsonArray("residualCode");
        float[] code = new float[a.size()];
        for (int i = 0; i < code.length; i++) {
            code[i] = a.get(i).getAsFloat();
        }
        return residual(SampleEncoder.params(labels), code, labels.get("residualAmplitude").getAsFloat());
    }

    /** {min x, max x, min y, max y, min z, max z} of the positions. */
    private static float[] box(float[] p) {
        float[] b = {Float.MAX_VALUE, -Float.MAX_VALUE, Float.MAX_VALUE, -Float.MAX_VALUE, Float.MAX_VALUE,
                -Float.MAX_VALUE};
        for (int i = 0; i < p.length; i++) {
            int a = i % 3;
            b[2 * a] = Math.min(b[2 * a], p[i]);
            b[2 * a + 1] = Math.max(b[2 * a + 1], p[i]);
        }
        return b;
    }

    /** Mode k's unscaled displacement along its axis at vertex i. */
    private static float mode(int k, float[] p, int i, float[] box) {
        float halfWidth = Math.max(Math.abs(box[0]), Math.abs(box[1]));
        float u = p[3 * i] / halfWidth;
        float v = (p[3 * i + 1] - box[2]) / (box[3] - box[2]);
        float w = (2 * p[3 * i + 2] - box[4] - box[5]) / (box[5] - box[4]);
        float uu = u * u;
        return switch (k) {
            // sideways, odd in x
            case 0 -> u * w;                          // narrower at one end
            case 1 -> u * (w * w - 1f / 3);           // waist or barrel along the length
            case 2 -> u * (v - 0.5f);                 // tumblehome
            case 3 -> u * (v - 0.5f) * w;             // tumblehome growing towards one end
            case 4 -> u * (uu - 0.5f);                // flat or rounded flanks
            // vertical, zero at the bottom
            case 5 -> v * w;                          // nose down or up
            case 6 -> v * (w * w - 1f / 3);           // arched or dipped profile
            case 7 -> v * (uu - 1f / 3);              // crowned or flat top
            case 8 -> v * uu * w;                     // crown growing towards one end
            case 9 -> v * v * (w * w * w - 0.6f * w); // S-shaped roof line
            case 10 -> v * (1 - uu) * (1 - w * w);    // raised middle of the car
            // along the length
            case 11 -> w * (v - 0.5f);                // raked ends
            case 12 -> w * (uu - 1f / 3);             // rounded or square corners (plan view)
            case 13 -> w * (v - 0.5f) * (v - 0.5f);   // bulging bumpers
            case 14 -> (w * w - 1f / 3) * (v - 0.5f); // cabin leaning forward or back
            case 15 -> w * w * w - 0.6f * w;          // longer bonnet, shorter boot
            default -> throw new IllegalArgumentException("mode " + k);
        };
    }
}
