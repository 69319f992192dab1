package io.github.photo2car.trainer.synth;

import io.github.photo2car.raster.OrbitCamera;

/**
 * Everything that varies per picture of a car: camera, lighting, ground, occluder and the
 * photographic effects. Drawn by {@link ScenePlanner} from a seed per (car, view). Immutable.
 *
 * @param sample       global sample index
 * @param view         index of this view among the car's views
 * @param camera       the camera, in the car frame (the car stands at the origin)
 * @param focalMm      35 mm-equivalent focal length the field of view came from
 * @param fill         fraction of the frame the car's projected extent was sized to
 * @param environment  index into the generator's environments
 * @param envRotationDeg rotation of the environment about +Y
 * @param exposure     linear exposure multiplier
 * @param ground       ground material
 * @param groundShift  texture offset of the ground in metres {x, z}
 * @param backgroundBlur mip level of the background (lens defocus), 0 = sharp
 * @param occluder     occluder in front of the car, or null
 * @param noiseSigma   standard deviation of sensor noise in 8-bit levels
 * @param blurRadius   0 = none, 1 = a 3x3 blur (camera shake, soft focus)
 * @param jpegQuality  JPEG quality, 0..1
 * @param backdrop     index of the backdrop photo shown instead of sky and ground, or -1
 * @param backdropCrop the part of the photo shown {u0, v0, width, height}, texture space
 */
public record ViewSpec(long sample, int view, OrbitCamera camera, float focalMm, float fill, int environment,
                       float envRotationDeg, float exposure, SynthTextures.Ground ground, float[] groundShift,
                       float backgroundBlur, Occluder occluder, float noiseSigma, int blurRadius, float jpegQuality,
                       int backdrop, float[] backdropCrop) {

    /**
     * Something between the camera and the car.
     *
     * @param kind    what it is
     * @param x       ground position x (m, car frame)
     * @param z       ground position z (m, car frame)
     * @param heading rotation about +Y (radians; for a car)
     * @param radius  pole radius (m; poles)
     * @param height  pole height (m; poles)
     * @param color   linear RGB of the pole or the other car's paint
     * @param car     the other car's geometry (cars), or null
     */
    public record Occluder(Kind kind, float x, float z, float heading, float radius, float height, float[] color,
                           CarGeometry car) {
        /** Kinds of occluders. */
        public enum Kind { POLE, CAR }
    }
}
