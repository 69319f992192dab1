package io.github.photo2car.trainer.synth;

import io.github.photo2car.raster.OrbitCamera;
import io.github.photo2car.template.BodyType;
import io.github.photo2car.template.CarParams;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Draws the content of the data set: per car instance its body type, shape, appearance and
 * geometry, per view the camera, lighting, ground, occluder and photographic effects. Every draw
 * comes from a generator seeded by (data-set seed, car index) or (data-set seed, car index, view),
 * so any sample can be re-planned alone, in any order, on any thread, with the same result.
 *
 * <p>Camera: azimuth uniform over 0..360 degrees, elevation -5..40 degrees (more low views than
 * high), focal length 24..85 mm (35 mm equivalent, log-uniform) turned into a vertical field of
 * view over a 24 mm frame height, roll N(0, 1.5 degrees) within +-5, distance solved so the car's
 * projected extent fills a uniform 30..95 % of the frame, then a principal-point offset that moves
 * the car inside the frame without cutting it (see docs/SYNTHETIC.md).
 */
public final class ScenePlanner {

    /** Body-type mix, in {@link BodyType} order (SUVs and crossovers lead, as on roads today). */
    private static final double[] BODY_MIX = {0.22, 0.16, 0.09, 0.07, 0.27, 0.10, 0.09};
    private static final float NEAR = 0.05f;
    /**
     * Least length factor of a shortened car: a saloon at this factor is about 3 m long (height /
     * length near 0.5, a kei car's), where the arches' room stops it anyway.
     */
    static final float SHORTEST = 0.6f;
    private static final float FAR = 200f;

    private final long seed;
    private final int views;
    private final int width;
    private final int height;
    private final int environments;
    private final int backdrops;
    private final float residualAmplitude;
    private final float shortenedShare;
    private final float toyShare;

    /**
     * @param seed         the data set's seed
     * @param views        views per car (&ge; 1)
     * @param width        image width in pixels
     * @param height       image height in pixels
     * @param environments number of environments to choose from (&ge; 1)
     * @param backdrops    number of backdrop photos (&ge; 0); with some, 35 % of views show one
     */
    public ScenePlanner(long seed, int views, int width, int height, int environments, int backdrops) {
        this(seed, views, width, height, environments, backdrops, 0f, 0f, 0f);
    }

    /**
     * @param seed              the data set's seed
     * @param views             views per car (&ge; 1)
     * @param width             image width in pixels
     * @param height            image height in pixels
     * @param environments      number of environments to choose from (&ge; 1)
     * @param backdrops         number of backdrop photos (&ge; 0); with some, 35 % of views show one
     * @param residualAmplitude metres per unit weight of a {@link ResidualModes} residual on every
     *                          car (weights uniform in -1..1), or 0 for template bodies
     * @param shortenedShare    fraction of the cars made shorter ({@link CarParams#shortened}, a
     *                          length factor uniform in {@value #SHORTEST}..1), 0..1
     * @param toyShare          fraction of the cars given a toy's proportions ({@link CarParams#toy}, an
     *                          amount uniform in 0..1; after any shortening), 0..1
     */
    public ScenePlanner(long seed, int views, int width, int height, int environments, int backdrops,
                        float residualAmplitude, float shortenedShare, float toyShare) {
        this.shortenedShare = share("shortenedShare", shortenedShare);
        this.toyShare = share("toyShare", toyShare);
        if (views < 1 || width < 16 || height < 16 || environments < 1) {
            throw new IllegalArgumentException("need views >= 1, size >= 16, environments >= 1");
        }
        if (!(residualAmplitude >= 0 && residualAmplitude <= 0.2f)) {
            throw new IllegalArgumentException("residualAmplitude must be within 0..0.2 m, got " + residualAmplitude);
        }
        this.residualAmplitude = residualAmplitude;
        this.seed = seed;
        this.views = views;
        this.width = width;
        this.height = height;
        this.environments = environments;
        this.backdrops = Math.max(0, backdrops);
    }

    /**
     * Checks a fraction of the cars.
     *
     * @param name  the fraction's name, for the message
     * @param share the fraction
     * @return share
     * @throws IllegalArgumentException if share is not within 0..1
     */
    static float share(String name, float share) {
        if (!(share >= 0 && share <= 1)) {
            throw new IllegalArgumentException(name + " must be within 0..1, got " + share);
        }
        return share;
    }

    /**
     * Plans one car and its views.
     *
     * @param carIndex global car index (&ge; 0)
     * @return the job
     */
    public CarJob plan(long carIndex) {
        Random r = new Random(mix(seed, carIndex, -1));
        BodyType type = pickBodyType(r);
        CarParams params = CarParams.random(type, r);
        if (shortenedShare > 0) {
            // a stream of its own, so the rest of the car (paint, views) is the same as without
            Random rs = new Random(mix(seed, carIndex, -3));
            if (rs.nextFloat() < shortenedShare) {
                params = params.shortened(SHORTEST + (1f - SHORTEST) * rs.nextFloat());
            }
        }
        if (toyShare > 0) {
            Random rt = new Random(mix(seed, carIndex, -4));
            if (rt.nextFloat() < toyShare) {
                params = params.toy(rt.nextFloat());
            }
        }
        CarAppearance appearance = CarAppearance.random(r);
        long plateSeed = r.nextLong();
        float[] code = null;
        float[] residual = null;
        if (residualAmplitude > 0) {
            // a stream of its own, so the rest of the car is the same as without a residual
            Random rr = new Random(mix(seed, carIndex, -2));
            code = new float[ResidualModes.MODES];
            for (int k = 0; k < code.length; k++) {
                code[k] = 2 * rr.nextFloat() - 1;
            }
            residual = ResidualModes.residual(params, code, residualAmplitude);
        }
        CarGeometry geometry = CarGeometry.build(params, appearance, residual);
        float[] points = framingPoints(geometry);
        List<ViewSpec> list = new ArrayList<>(views);
        for (int v = 0; v < views; v++) {
            list.add(view(carIndex * views + v, v, new Random(mix(seed, carIndex, v)), params, points));
        }
        return new CarJob(carIndex, type, params, appearance, geometry, plateSeed, List.copyOf(list), code,
                residualAmplitude);
    }

    private static BodyType pickBodyType(Random r) {
        double u = r.nextDouble();
        double acc = 0;
        for (int i = 0; i < BODY_MIX.length; i++) {
            acc += BODY_MIX[i];
            if (u < acc) {
                return BodyType.values()[i];
            }
        }
        return BodyType.SEDAN;
    }

    /** Points whose projection measures how much of the frame the car fills: body and wheel rims. */
    private static float[] framingPoints(CarGeometry g) {
        float[] soup = g.soup().positions();
        int stride = 5;
        float[] out = new float[3 * ((soup.length / 3 + stride - 1) / stride)];
        int k = 0;
        for (int v = 0; v < soup.length / 3; v += stride) {
            out[k++] = soup[3 * v];
            out[k++] = soup[3 * v + 1];
            out[k++] = soup[3 * v + 2];
        }
        return java.util.Arrays.copyOf(out, k);
    }

    private ViewSpec view(long sample, int view, Random r, CarParams params, float[] points) {
        float aspect = (float) width / height;
        float azimuth = 360f * r.nextFloat();
        float elevation = -5f + 45f * (float) Math.pow(r.nextDouble(), 1.6);
        float focal = (float) (24 * Math.exp(Math.log(85.0 / 24) * r.nextDouble()));
        float fovY = (float) Math.toDegrees(2 * Math.atan(12.0 / focal));
        if (aspect < 1) {
            // portrait: the 24 mm side is the width
            fovY = (float) Math.toDegrees(2 * Math.atan(Math.tan(Math.toRadians(fovY) / 2) / aspect));
        }
        float roll = (float) Math.max(-5, Math.min(5, 1.5 * r.nextGaussian()));
        float fill = 0.30f + 0.65f * r.nextFloat();
        float tx = (float) (0.1 * r.nextGaussian());
        float ty = params.height() * (0.45f + 0.1f * r.nextFloat());
        float tz = (float) (0.15 * r.nextGaussian());
        float distance = params.length() / (float) Math.tan(Math.toRadians(fovY) / 2) / 2 / fill;
        OrbitCamera cam = null;
        float[] box = null;
        for (int it = 0; it < 6; it++) {
            distance = Math.max(distance, 0.6f * params.length() + 1.0f);
            float el = elevation;
            // keep the camera above the ground
            double camY = ty + distance * Math.sin(Math.toRadians(el));
            if (camY < 0.15) {
                el = (float) Math.toDegrees(Math.asin((0.15 - ty) / distance));
            }
            cam = new OrbitCamera(azimuth, el, distance, fovY, 0, 0, roll, tx, ty, tz, NEAR, FAR);
            box = ndcBox(cam, points, aspect);
            float extent = Math.max(box[2] - box[0], box[3] - box[1]) / 2f;
            distance *= extent / fill;
        }
        cam = new OrbitCamera(cam.azimuthDeg(), cam.elevationDeg(), distance, fovY, 0, 0, roll, tx, ty, tz, NEAR, FAR);
        box = ndcBox(cam, points, aspect);
        // principal-point offset: move the car anywhere that keeps it inside the frame
        float px = shift(r, -1f - box[0], 1f - box[2]);
        float py = shift(r, -1f - box[1], 1f - box[3]);
        cam = new OrbitCamera(cam.azimuthDeg(), cam.elevationDeg(), distance, fovY, px, py, roll, tx, ty, tz, NEAR, FAR);
        float extent = Math.max(box[2] - box[0], box[3] - box[1]) / 2f;

        int env = r.nextInt(environments);
        float envRotation = 360f * r.nextFloat();
        float exposure = (float) Math.pow(2, 0.45 * r.nextGaussian());
        SynthTextures.Ground ground = SynthTextures.Ground.values()[r.nextDouble() < 0.5 ? 0
                : 1 + r.nextInt(SynthTextures.Ground.values().length - 1)];
        float[] groundShift = {40f * r.nextFloat(), 40f * r.nextFloat()};
        float backgroundBlur = (float) (focal / 85.0 * 1.8 * r.nextDouble());
        ViewSpec.Occluder occluder = occluder(r, cam, params, sample);
        float noise = (float) (r.nextDouble() < 0.7 ? 4 * r.nextDouble() * r.nextDouble() : 0);
        int blur = r.nextDouble() < 0.12 ? 1 : 0;
        float quality = 0.6f + 0.35f * r.nextFloat();
        int backdrop = -1;
        float[] crop = {0f, 0f, 1f, 1f};
        if (backdrops > 0 && r.nextDouble() < 0.35) {
            // a random crop of half to all of the photo (aspect of the photo is not kept exactly)
            backdrop = r.nextInt(backdrops);
            float size = 0.5f + 0.5f * r.nextFloat();
            crop = new float[] {(1 - size) * r.nextFloat(), (1 - size) * r.nextFloat(), size, size};
        }
        return new ViewSpec(sample, view, cam, focal, extent, env, envRotation, exposure, ground, groundShift,
                backgroundBlur, occluder, noise, blur, quality, backdrop, crop);
    }

    private static float shift(Random r, float lo, float hi) {
        if (hi <= lo) {
            return 0.5f * (lo + hi);
        }
        // stay a little inside the frame and favour central placements
        float margin = 0.02f * (hi - lo);
        float t = (float) ((r.nextDouble() + r.nextDouble()) / 2);
        return lo + margin + (hi - lo - 2 * margin) * t;
    }

    /** {minX, minY, maxX, maxY} of the points in NDC; the planner keeps the car in front of the eye. */
    static float[] ndcBox(OrbitCamera cam, float[] points, float aspect) {
        return java.util.Objects.requireNonNull(cam.ndcBox(points, aspect), "a car point behind the camera");
    }

    private ViewSpec.Occluder occluder(Random r, OrbitCamera cam, CarParams params, long sample) {
        double u = r.nextDouble();
        if (u > 0.16) {
            return null;
        }
        float[] eye = cam.eye();
        double f = 0.3 + 0.35 * r.nextDouble();
        double px = cam.targetX() + (eye[0] - cam.targetX()) * (1 - f);
        double pz = cam.targetZ() + (eye[2] - cam.targetZ()) * (1 - f);
        // sideways along the camera's right axis, by up to the half-width of the view there
        double az = Math.toRadians(cam.azimuthDeg());
        double rightX = Math.cos(az);
        double rightZ = -Math.sin(az);
        double depth = cam.distance() * f;
        double halfView = depth * Math.tan(Math.toRadians(cam.fovYDeg()) / 2) * width / height;
        float halfLength = params.length() / 2;
        float halfWidth = params.width() / 2;
        if (u < 0.10) {
            double side = (2 * r.nextDouble() - 1) * 0.8 * halfView;
            float x = (float) (px + rightX * side);
            float z = (float) (pz + rightZ * side);
            float radius = 0.04f + 0.07f * r.nextFloat();
            if (Math.abs(x) < halfWidth + radius + 0.3f && Math.abs(z) < halfLength + radius + 0.3f) {
                return null;
            }
            float g = 0.05f + 0.35f * r.nextFloat();
            float[] color = r.nextBoolean() ? new float[] {g, g, g * 1.05f} : new float[] {0.03f, 0.09f, 0.05f};
            return new ViewSpec.Occluder(ViewSpec.Occluder.Kind.POLE, x, z, 0f, radius, 2.5f + 2f * r.nextFloat(),
                    color, null);
        }
        double side = (r.nextBoolean() ? 1 : -1) * (0.7 + 0.5 * r.nextDouble()) * halfView;
        float x = (float) (px + rightX * side);
        float z = (float) (pz + rightZ * side);
        CarParams other = CarParams.random(r);
        CarAppearance look = CarAppearance.random(r);
        float otherRadius = other.length() / 2 + 0.2f;
        float mainRadius = (float) Math.hypot(halfLength, halfWidth);
        double toEye = Math.hypot(x - eye[0], z - eye[2]);
        if (Math.hypot(x, z) < otherRadius + mainRadius || toEye < otherRadius + 0.5) {
            return null;
        }
        float heading = (float) (r.nextBoolean() ? 0 : Math.PI) + (float) (0.15 * r.nextGaussian());
        return new ViewSpec.Occluder(ViewSpec.Occluder.Kind.CAR, x, z, heading, 0f, 0f, look.paint(),
                CarGeometry.build(other, look));
    }

    /**
     * Mixes a seed with indices into a well-spread 64-bit seed (SplitMix64 finaliser).
     *
     * @param seed the base seed
     * @param a    first index
     * @param b    second index
     * @return the mixed seed
     */
    static long mix(long seed, long a, long b) {
        long h = seed;
        for (long x : new long[] {a, b}) {
            h += 0x9E3779B97F4A7C15L + x;
            h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L;
            h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
            h ^= h >>> 31;
        }
        return h;
    }
}
