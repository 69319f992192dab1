package io.github.photo2car.pipeline;

/**
 * How a photo is converted. Immutable; start from {@link #defaults()} and change with the
 * {@code with*} methods.
 *
 * @param textureSize     side of the baked body texture in texels (64..4096)
 * @param cropSize        side of the square crop the estimator and the fitter work on (multiple of 32)
 * @param fitIterations   the fitter's iteration budget (0 skips fitting)
 * @param assumedFovYDeg  the photo's vertical field of view when nothing better is known, degrees
 * @param maxPhotoPixels  photos larger than this are shrunk first (the texture needs no more)
 * @param extraPhotoIterations iterations the fit's budget grows by for each photo of the same car
 *                        beyond the first (0 or more; a joint fit has more to reconcile)
 * @param facingCheck     whether the estimated pose is checked against the car turned end for
 *                        end, by where the photo shows front and rear lamps ({@link FacingCheck})
 * @param azimuthSweep    whether the estimated azimuth is checked against the car's outline from
 *                        azimuths all around ({@link AzimuthSweep}), before the facing check
 */
public record ConversionOptions(int textureSize, int cropSize, int fitIterations, float assumedFovYDeg,
                                int maxPhotoPixels, int extraPhotoIterations, boolean facingCheck,
                                boolean azimuthSweep) {

    /** Validates the options. */
    public ConversionOptions {
        if (textureSize < 64 || textureSize > 4096) {
            throw new IllegalArgumentException("textureSize must be 64..4096, got " + textureSize);
        }
        if (cropSize < 32 || cropSize % 32 != 0) {
            throw new IllegalArgumentException("cropSize must be a positive multiple of 32, got " + cropSize);
        }
        if (fitIterations < 0) {
            throw new IllegalArgumentException("fitIterations must be >= 0, got " + fitIterations);
        }
        if (!(assumedFovYDeg > 5 && assumedFovYDeg < 120)) {
            throw new IllegalArgumentException("assumedFovYDeg must be within (5, 120), got " + assumedFovYDeg);
        }
        if (maxPhotoPixels < 64 * 64) {
            throw new IllegalArgumentException("maxPhotoPixels too small: " + maxPhotoPixels);
        }
        if (extraPhotoIterations < 0) {
            throw new IllegalArgumentException("extraPhotoIterations must be >= 0, got " + extraPhotoIterations);
        }
    }

    /**
     * @return 1024-texel texture, 128-pixel crop, 120 fit iterations (from the inverse-graphics
     *         network's start more buys little; docs/RESULTS.md), 45 degrees (a phone's
     *         main camera held landscape), photos shrunk to 2 megapixels, 120 more fit
     *         iterations per further photo of the car (docs/RESULTS.md, "Several photos of one
     *         car": 0, 60 and 120 measured), the azimuth sweep and the facing check on
     */
    public static ConversionOptions defaults() {
        return new ConversionOptions(1024, 128, 120, 45f, 2_000_000, 120, true, true);
    }

    /** @param size texture side @return a copy with it */
    public ConversionOptions withTextureSize(int size) {
        return new ConversionOptions(size, cropSize, fitIterations, assumedFovYDeg, maxPhotoPixels,
                extraPhotoIterations, facingCheck, azimuthSweep);
    }

    /** @param size crop side (multiple of 32) @return a copy with it */
    public ConversionOptions withCropSize(int size) {
        return new ConversionOptions(textureSize, size, fitIterations, assumedFovYDeg, maxPhotoPixels,
                extraPhotoIterations, facingCheck, azimuthSweep);
    }

    /** @param iterations fit budget @return a copy with it */
    public ConversionOptions withFitIterations(int iterations) {
        return new ConversionOptions(textureSize, cropSize, iterations, assumedFovYDeg, maxPhotoPixels,
                extraPhotoIterations, facingCheck, azimuthSweep);
    }

    /** @param iterations fit iterations added per further photo of the car @return a copy with them */
    public ConversionOptions withExtraPhotoIterations(int iterations) {
        return new ConversionOptions(textureSize, cropSize, fitIterations, assumedFovYDeg, maxPhotoPixels, iterations,
                facingCheck, azimuthSweep);
    }

    /** @param check whether to check which way the car faces @return a copy with it */
    public ConversionOptions withFacingCheck(boolean check) {
        return new ConversionOptions(textureSize, cropSize, fitIterations, assumedFovYDeg, maxPhotoPixels,
                extraPhotoIterations, check, azimuthSweep);
    }

    /** @param sweep whether to check the azimuth against the outline @return a copy with it */
    public ConversionOptions withAzimuthSweep(boolean sweep) {
        return new ConversionOptions(textureSize, cropSize, fitIterations, assumedFovYDeg, maxPhotoPixels,
                extraPhotoIterations, facingCheck, sweep);
    }

    /** @param degrees the photo's vertical field of view when nothing better is known @return a copy with it */
    public ConversionOptions withAssumedFovYDeg(float degrees) {
        return new ConversionOptions(textureSize, cropSize, fitIterations, degrees, maxPhotoPixels,
                extraPhotoIterations, facingCheck, azimuthSweep);
    }
}
