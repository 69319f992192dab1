package io.github.photo2car.trainer.synth;

import com.jme3.math.FastMath;
import com.jme3.texture.Image;
import com.jme3.texture.Texture;
import com.jme3.texture.TextureCubeMap;
import com.jme3.texture.image.ColorSpace;
import com.jme3.util.BufferUtils;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Random;

/**
 * A procedural lighting environment for synthetic photos: an HDR radiance function over directions
 * (sky gradient, sun disc, clouds, an optional skyline of street blocks and trees, the ground
 * below the horizon, or a studio with soft boxes), the matching analytic sun, and a cube map of
 * it for the shaders. World frame: +Y up; radiance is linear RGB, about 1 for a bright sky.
 */
public final class SkyEnvironment {

    /** Kinds of environments. */
    public enum Kind { SUNNY, OVERCAST, DUSK, STUDIO }

    private final Kind kind;
    private final boolean street;
    private final float[] sunDirection;
    private final float[] sunColor;
    private final float[] zenith;
    private final float[] horizon;
    private final float[] groundColor;
    private final float cloudCover;
    private final ValueNoise noise;
    private final float[] skyline;
    private final float[] blockShade;
    private final boolean[] trees;
    private final long seed;

    private SkyEnvironment(Kind kind, boolean street, long seed) {
        this.kind = kind;
        this.street = street;
        this.seed = seed;
        Random r = new Random(seed);
        noise = new ValueNoise(seed);
        double elevation;
        switch (kind) {
            case SUNNY -> {
                elevation = Math.toRadians(22 + 45 * r.nextDouble());
                sunColor = scale(new float[] {1.0f, 0.95f, 0.86f}, 2.6f + 0.8f * r.nextFloat());
                zenith = new float[] {0.10f, 0.22f, 0.62f};
                horizon = new float[] {0.55f, 0.68f, 0.86f};
                cloudCover = 0.15f + 0.35f * r.nextFloat();
            }
            case OVERCAST -> {
                elevation = Math.toRadians(35 + 35 * r.nextDouble());
                sunColor = scale(new float[] {0.9f, 0.92f, 0.95f}, 0.25f + 0.25f * r.nextFloat());
                zenith = new float[] {0.95f, 0.97f, 1.0f};
                horizon = new float[] {0.72f, 0.74f, 0.78f};
                cloudCover = 1f;
            }
            case DUSK -> {
                elevation = Math.toRadians(1 + 9 * r.nextDouble());
                sunColor = scale(new float[] {1.0f, 0.55f, 0.28f}, 1.2f + 0.8f * r.nextFloat());
                zenith = new float[] {0.10f, 0.13f, 0.30f};
                horizon = new float[] {0.85f, 0.55f, 0.38f};
                cloudCover = 0.1f + 0.4f * r.nextFloat();
            }
            default -> {
                elevation = Math.toRadians(55 + 25 * r.nextDouble());
                sunColor = scale(new float[] {1f, 1f, 1f}, 1.3f + 0.5f * r.nextFloat());
                float wall = 0.08f + 0.25f * r.nextFloat();
                zenith = new float[] {wall, wall, wall * 1.02f};
                horizon = new float[] {wall * 0.8f, wall * 0.8f, wall * 0.82f};
                cloudCover = 0f;
            }
        }
        double azimuth = 2 * Math.PI * r.nextDouble();
        sunDirection = new float[] {(float) (Math.cos(elevation) * Math.sin(azimuth)), (float) Math.sin(elevation),
            (float) (Math.cos(elevation) * Math.cos(azimuth))};
        groundColor = kind == Kind.STUDIO ? new float[] {0.35f, 0.35f, 0.36f} : new float[] {0.09f, 0.09f, 0.09f};
        // the skyline: per degree of azimuth, the elevation (radians) of the building tops
        skyline = new float[360];
        blockShade = new float[360];
        trees = new boolean[360];
        if (street) {
            int a = 0;
            while (a < 360) {
                int width = 4 + r.nextInt(14);
                boolean tree = r.nextDouble() < 0.25;
                float height = tree ? (float) Math.toRadians(4 + 6 * r.nextDouble())
                        : (float) Math.toRadians(r.nextDouble() < 0.15 ? 0.5 : 3 + 22 * r.nextDouble() * r.nextDouble());
                float shade = 0.25f + 0.6f * r.nextFloat();
                for (int i = a; i < Math.min(360, a + width); i++) {
                    skyline[i] = height;
                    blockShade[i] = shade;
                    trees[i] = tree;
                }
                a += width;
            }
        }
    }

    /**
     * Draws an environment.
     *
     * @param kind   the kind (not null)
     * @param street true for a skyline of buildings and trees around the horizon
     * @param seed   the seed; equal arguments give equal environments
     * @return a new environment
     */
    public static SkyEnvironment create(Kind kind, boolean street, long seed) {
        if (kind == null) {
            throw new IllegalArgumentException("kind must not be null");
        }
        return new SkyEnvironment(kind, street && kind != Kind.STUDIO, seed);
    }

    /** @return the kind */
    public Kind kind() {
        return kind;
    }

    /** @return true if the horizon has street blocks */
    public boolean street() {
        return street;
    }

    /** @return a new array: unit direction toward the sun, world frame */
    public float[] sunDirection() {
        return sunDirection.clone();
    }

    /** @return a new array: sun irradiance on a surface facing it, linear RGB */
    public float[] sunColor() {
        return sunColor.clone();
    }

    /** @return a short name such as "sunny-street" */
    public String name() {
        return kind.name().toLowerCase(java.util.Locale.ROOT) + (street ? "-street" : "");
    }

    /**
     * Radiance arriving from a direction.
     *
     * @param dx    direction x (need not be unit)
     * @param dy    direction y
     * @param dz    direction z
     * @param store where to write linear RGB (length &ge; 3, modified)
     */
    public void radiance(double dx, double dy, double dz, float[] store) {
        double len = Math.sqrt(dx * dx + dy * dy + dz * dz);
        dx /= len;
        dy /= len;
        dz /= len;
        if (kind == Kind.STUDIO) {
            studio(dx, dy, dz, store);
            return;
        }
        double up = Math.max(dy, 0);
        double t = Math.pow(1 - up, 3);
        for (int c = 0; c < 3; c++) {
            store[c] = (float) (zenith[c] + (horizon[c] - zenith[c]) * t);
        }
        double cosSun = dx * sunDirection[0] + dy * sunDirection[1] + dz * sunDirection[2];
        if (kind != Kind.OVERCAST) {
            // sun glow and disc
            double glow = Math.pow(Math.max(cosSun, 0), 24) * (kind == Kind.DUSK ? 0.9 : 0.35);
            double disc = cosSun > Math.cos(Math.toRadians(0.8)) ? 30 : 0;
            for (int c = 0; c < 3; c++) {
                store[c] += (float) ((glow + disc) * sunColor[c] / 2.5);
            }
        }
        if (dy > 0 && cloudCover > 0) {
            // clouds on a flat layer above: project the direction onto it
            double s = 1 / (dy + 0.08);
            double n = noise.fbm(dx * s * 1.6, 3.1, dz * s * 1.6, 5);
            double cover = smooth(1 - cloudCover - 0.08, 1 - cloudCover + 0.22, n);
            float bright = kind == Kind.DUSK ? 0.55f : (kind == Kind.OVERCAST ? 0.62f : 0.95f);
            float lit = (float) (0.8 + 0.3 * Math.max(cosSun, 0));
            for (int c = 0; c < 3; c++) {
                float cloud = bright * lit * (kind == Kind.DUSK ? horizon[c] * 1.3f : 1f);
                store[c] = (float) (store[c] + (cloud - store[c]) * cover * (0.6 + 0.4 * (1 - t)));
            }
        }
        if (street) {
            double az = Math.toDegrees(Math.atan2(dx, dz));
            int i = (int) Math.floor((az + 360) % 360);
            double el = Math.asin(Math.max(-1, Math.min(1, dy)));
            if (el >= -0.02 && el < skyline[i]) {
                building(i, az, el, dx, dz, store);
                return;
            }
        }
        if (dy < 0) {
            double fade = smooth(0, -0.06, dy);
            double sunUp = Math.max(sunDirection[1], 0);
            for (int c = 0; c < 3; c++) {
                float ground = (float) (groundColor[c] * (sunColor[c] * sunUp + 0.8 * zenith[c] + 0.4 * horizon[c]));
                store[c] = (float) (store[c] + (ground - store[c]) * fade);
            }
        }
    }

    private void building(int i, double az, double el, double dx, double dz, float[] store) {
        double shade = blockShade[i];
        double ambient = 0.55 * (0.4 * zenith[0] + 0.6 * horizon[0] + 0.4 * zenith[2] + 0.6 * horizon[2]) / 2 + 0.05;
        // facades facing the sun are brighter
        double facing = Math.max(0, -(dx * sunDirection[0] + dz * sunDirection[2]));
        double light = ambient + 0.35 * facing * Math.max(sunDirection[1], 0.05) * (sunColor[0] + sunColor[1]) / 2;
        if (trees[i]) {
            double n = noise.fbm(az * 0.4, el * 40, 5.5, 4);
            double leaf = 0.35 + 0.65 * n;
            store[0] = (float) (0.05 * leaf * light * 4);
            store[1] = (float) (0.09 * leaf * light * 4);
            store[2] = (float) (0.04 * leaf * light * 4);
            return;
        }
        double base = shade * light;
        float[] tint = {1.0f, 0.93f, 0.85f};
        long colour = (long) (noise.cell(i / 3, 11) * 3);
        if (colour == 1) {
            tint = new float[] {0.85f, 0.9f, 1.0f};
        } else if (colour == 2) {
            tint = new float[] {1.0f, 0.8f, 0.7f};
        }
        // window grid: rows every ~1 degree, columns every ~0.8 degree of azimuth
        double row = el * 57.3 / 0.9;
        double col = az / 0.7;
        boolean window = (row - Math.floor(row)) > 0.35 && (col - Math.floor(col)) > 0.3 && el > 0.012;
        for (int c = 0; c < 3; c++) {
            store[c] = (float) (base * tint[c]);
        }
        if (window) {
            boolean lit = kind == Kind.DUSK && noise.cell((long) Math.floor(row), (long) Math.floor(col)) < 0.35;
            for (int c = 0; c < 3; c++) {
                store[c] = lit ? new float[] {1.2f, 0.9f, 0.55f}[c] : (float) (store[c] * 0.45 + 0.25 * horizon[c] * 0.5);
            }
        }
    }

    private void studio(double dx, double dy, double dz, float[] store) {
        double t = smooth(-0.1, 0.9, dy);
        for (int c = 0; c < 3; c++) {
            store[c] = (float) (horizon[c] + (zenith[c] - horizon[c]) * t);
        }
        // two long soft boxes above the car and one big one to the side
        double box = 0;
        if (dy > 0.5 && Math.abs(dx / dy) < 0.25 && Math.abs(dz / dy) < 0.9) {
            box = 6;
        }
        double side = dx * sunDirection[2] - dz * sunDirection[0];
        if (dy > 0.05 && dy < 0.6 && Math.abs(side) < 0.3 && dx * sunDirection[0] + dz * sunDirection[2] > 0) {
            box = Math.max(box, 4);
        }
        for (int c = 0; c < 3; c++) {
            store[c] += (float) box;
        }
        if (dy < 0) {
            double fade = smooth(0, -0.04, dy);
            for (int c = 0; c < 3; c++) {
                float floor = groundColor[c] * 0.6f;
                store[c] = (float) (store[c] + (floor - store[c]) * fade);
            }
        }
    }

    /**
     * Renders the environment into a cube map with half-float texels; its mip levels are made by
     * the GL (trilinear filtering), giving the blurred levels the shaders use for rough surfaces.
     *
     * @param size face size in pixels (power of two, 16..1024)
     * @return a new cube map
     */
    public TextureCubeMap toCubeMap(int size) {
        if (size < 16 || size > 1024 || Integer.bitCount(size) != 1) {
            throw new IllegalArgumentException("size must be a power of two within 16..1024, got " + size);
        }
        ArrayList<ByteBuffer> faces = new ArrayList<>(6);
        float[] rgb = new float[3];
        for (int face = 0; face < 6; face++) {
            ByteBuffer buf = BufferUtils.createByteBuffer(size * size * 3 * 2);
            for (int j = 0; j < size; j++) {
                double tc = 2 * (j + 0.5) / size - 1;
                for (int i = 0; i < size; i++) {
                    double sc = 2 * (i + 0.5) / size - 1;
                    // OpenGL's cube-map face conventions
                    switch (face) {
                        case 0 -> radiance(1, -tc, -sc, rgb);
                        case 1 -> radiance(-1, -tc, sc, rgb);
                        case 2 -> radiance(sc, 1, tc, rgb);
                        case 3 -> radiance(sc, -1, -tc, rgb);
                        case 4 -> radiance(sc, -tc, 1, rgb);
                        default -> radiance(-sc, -tc, -1, rgb);
                    }
                    for (int c = 0; c < 3; c++) {
                        buf.putShort(FastMath.convertFloatToHalf(rgb[c]));
                    }
                }
            }
            buf.flip();
            faces.add(buf);
        }
        Image image = new Image(Image.Format.RGB16F, size, size, 0, faces, null, ColorSpace.Linear);
        TextureCubeMap map = new TextureCubeMap(image);
        map.setMinFilter(Texture.MinFilter.Trilinear);
        map.setMagFilter(Texture.MagFilter.Bilinear);
        map.setWrap(Texture.WrapMode.EdgeClamp);
        return map;
    }

    /** @return the seed this environment was drawn from */
    public long seed() {
        return seed;
    }

    private static float[] scale(float[] v, float s) {
        return new float[] {v[0] * s, v[1] * s, v[2] * s};
    }

    private static double smooth(double e0, double e1, double x) {
        double t = Math.max(0, Math.min(1, (x - e0) / (e1 - e0)));
        return t * t * (3 - 2 * t);
    }
}
