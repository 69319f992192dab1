package io.github.photo2car.trainer.synth;

import java.util.Random;

/**
 * How one synthetic car looks apart from its shape: paint, roof, glass, trim, wheels, plates and
 * lamp lenses. Colours are linear RGB in [0, 1]. Immutable.
 *
 * @param paintName  name of the paint family ("white", "black", "silver", ...)
 * @param paint      body colour, linear RGB {r, g, b}
 * @param finish     paint finish
 * @param roof       roof and pillar colour for a two-tone car, or null for one colour
 * @param glassTint  window darkness, 0 (light, clear) .. 1 (limo tint)
 * @param spokes     rim spokes, 3..12
 * @param rimRatio   rim radius / tyre radius, 0.55..0.76
 * @param rimColor   rim colour, linear RGB
 * @param rimMetal   true for a metallic rim (alloy, chrome), false for painted steel or black
 * @param chromeGrille true for a chrome grille, false for black plastic
 * @param blackBumpers true for unpainted black plastic bumpers (crossover cladding)
 * @param plateStyle index into the plate textures, 0..{@link #PLATE_STYLES}-1
 * @param lensStyle  lamp lenses: 0 clear, 1 smoked, 2 amber indicators
 */
public record CarAppearance(String paintName, float[] paint, Finish finish, float[] roof, float glassTint,
                            int spokes, float rimRatio, float[] rimColor, boolean rimMetal, boolean chromeGrille,
                            boolean blackBumpers, int plateStyle, int lensStyle) {

    /** Number of licence-plate designs. */
    public static final int PLATE_STYLES = 6;

    /** Paint finishes: how the shader sets roughness, metal flake and clear coat. */
    public enum Finish { SOLID, METALLIC, PEARL, MATTE }

    /**
     * Paint families with their share of cars on the road (roughly the global mix reported by paint
     * makers' annual colour-popularity surveys: white, black, grey and silver dominate) and a base
     * colour in linear RGB.
     */
    private static final Object[][] PALETTE = {
        {"white", 0.25, new float[] {0.80f, 0.80f, 0.78f}},
        {"black", 0.19, new float[] {0.012f, 0.012f, 0.014f}},
        {"grey", 0.16, new float[] {0.16f, 0.17f, 0.18f}},
        {"silver", 0.10, new float[] {0.50f, 0.52f, 0.54f}},
        {"blue", 0.09, new float[] {0.03f, 0.08f, 0.30f}},
        {"red", 0.08, new float[] {0.45f, 0.02f, 0.02f}},
        {"brown", 0.03, new float[] {0.12f, 0.06f, 0.03f}},
        {"green", 0.03, new float[] {0.03f, 0.12f, 0.05f}},
        {"beige", 0.03, new float[] {0.50f, 0.42f, 0.30f}},
        {"yellow", 0.02, new float[] {0.75f, 0.50f, 0.02f}},
        {"orange", 0.01, new float[] {0.70f, 0.18f, 0.01f}},
        {"purple", 0.01, new float[] {0.12f, 0.03f, 0.18f}},
    };

    /**
     * @return the names of the paint families, in palette order
     */
    public static String[] paintNames() {
        String[] names = new String[PALETTE.length];
        for (int i = 0; i < PALETTE.length; i++) {
            names[i] = (String) PALETTE[i][0];
        }
        return names;
    }

    /**
     * Draws an appearance.
     *
     * @param random the source of randomness (its state advances; not null)
     * @return a new appearance
     */
    public static CarAppearance random(Random random) {
        double u = random.nextDouble();
        int family = PALETTE.length - 1;
        double acc = 0;
        for (int i = 0; i < PALETTE.length; i++) {
            acc += (double) PALETTE[i][1];
            if (u < acc) {
                family = i;
                break;
            }
        }
        String name = (String) PALETTE[family][0];
        float[] base = ((float[]) PALETTE[family][2]).clone();
        // shade and hue jitter inside the family: multiplicative brightness, small channel shifts
        float brightness = (float) Math.exp(0.25 * random.nextGaussian());
        for (int c = 0; c < 3; c++) {
            base[c] = clamp(base[c] * brightness * (float) Math.exp(0.08 * random.nextGaussian()), 0.004f, 0.9f);
        }
        double f = random.nextDouble();
        boolean achromatic = name.equals("white") || name.equals("black");
        Finish finish = f < (achromatic ? 0.55 : 0.35) ? Finish.SOLID
                : f < 0.88 ? Finish.METALLIC : f < 0.97 ? Finish.PEARL : Finish.MATTE;
        float[] roof = null;
        if (random.nextDouble() < 0.10) {
            roof = name.equals("black") ? new float[] {0.75f, 0.75f, 0.73f} : new float[] {0.012f, 0.012f, 0.014f};
        }
        float tint = clamp((float) (0.35 + 0.3 * random.nextGaussian()), 0f, 1f);
        int spokes = 3 + random.nextInt(10);
        float rimRatio = 0.55f + 0.21f * random.nextFloat();
        double r = random.nextDouble();
        boolean rimMetal = r < 0.8;
        float[] rimColor = r < 0.55 ? new float[] {0.60f, 0.61f, 0.63f}
                : r < 0.7 ? new float[] {0.22f, 0.23f, 0.24f}
                : r < 0.8 ? new float[] {0.85f, 0.85f, 0.86f}
                : r < 0.95 ? new float[] {0.02f, 0.02f, 0.022f} : new float[] {0.35f, 0.35f, 0.36f};
        boolean chrome = random.nextDouble() < 0.3;
        boolean blackBumpers = random.nextDouble() < 0.15;
        int plate = random.nextInt(PLATE_STYLES);
        int lens = random.nextInt(3);
        return new CarAppearance(name, base, finish, roof, tint, spokes, rimRatio, rimColor, rimMetal, chrome,
                blackBumpers, plate, lens);
    }

    private static float clamp(float x, float lo, float hi) {
        return x < lo ? lo : (x > hi ? hi : x);
    }
}
