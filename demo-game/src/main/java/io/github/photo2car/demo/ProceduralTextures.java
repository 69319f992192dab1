package io.github.photo2car.demo;

import com.jme3.math.ColorRGBA;
import com.jme3.math.FastMath;
import com.jme3.texture.Image;
import com.jme3.texture.Texture;
import com.jme3.texture.Texture2D;
import com.jme3.texture.image.ColorSpace;
import com.jme3.util.BufferUtils;

import java.nio.ByteBuffer;
import java.util.Random;

/**
 * Textures the demo world paints in code, so the game needs no image files: a sky panorama and an
 * asphalt ground with lane markings. Deterministic for a given seed.
 */
final class ProceduralTextures {

    private ProceduralTextures() {
    }

    /**
     * An equirectangular sky: zenith blue fading to a hazy horizon, a warm sun glow, a dark ground
     * half.
     *
     * @param width    panorama width in pixels (height is half of it)
     * @param sunDir   unit vector towards the sun, world frame (+Y up; not modified)
     * @param night    true for a night sky (dark blue, no sun glow, a few stars)
     * @return a new texture for {@code SkyFactory.createSky(..., EnvMapType.EquirectMap)}
     */
    static Texture2D sky(int width, com.jme3.math.Vector3f sunDir, boolean night) {
        int height = width / 2;
        ByteBuffer data = BufferUtils.createByteBuffer(width * height * 3);
        ColorRGBA zenith = night ? new ColorRGBA(0.01f, 0.015f, 0.05f, 1) : new ColorRGBA(0.22f, 0.42f, 0.78f, 1);
        ColorRGBA horizon = night ? new ColorRGBA(0.05f, 0.06f, 0.12f, 1) : new ColorRGBA(0.78f, 0.85f, 0.93f, 1);
        ColorRGBA below = night ? new ColorRGBA(0.02f, 0.02f, 0.03f, 1) : new ColorRGBA(0.35f, 0.37f, 0.36f, 1);
        Random stars = new Random(7);
        ColorRGBA c = new ColorRGBA();
        for (int y = 0; y < height; y++) {
            // jME's equirect lookup puts image row 0 (the first bytes) at the bottom (-Y)
            float lat = FastMath.PI * (y + 0.5f) / height - FastMath.HALF_PI;
            float sinLat = FastMath.sin(lat);
            for (int x = 0; x < width; x++) {
                float lon = FastMath.TWO_PI * (x + 0.5f) / width;
                float cosLat = FastMath.cos(lat);
                float dx = cosLat * FastMath.cos(lon);
                float dz = cosLat * FastMath.sin(lon);
                if (sinLat >= 0) {
                    float t = FastMath.pow(1f - sinLat, 3f);
                    c.interpolateLocal(zenith, horizon, t);
                    if (!night) {
                        float toSun = Math.max(0f, dx * sunDir.x + sinLat * sunDir.y + dz * sunDir.z);
                        float glow = FastMath.pow(toSun, 64f) * 0.6f + FastMath.pow(toSun, 2048f) * 2f;
                        c.r = Math.min(1f, c.r + glow);
                        c.g = Math.min(1f, c.g + glow * 0.92f);
                        c.b = Math.min(1f, c.b + glow * 0.75f);
                    } else if (stars.nextFloat() < 0.0015f * sinLat) {
                        c.set(0.9f, 0.9f, 1f, 1f);
                    }
                } else {
                    c.interpolateLocal(horizon, below, Math.min(1f, -sinLat * 6f));
                }
                putRgb(data, c);
            }
        }
        data.flip();
        Image image = new Image(Image.Format.RGB8, width, height, data, ColorSpace.sRGB);
        return new Texture2D(image);
    }

    /**
     * A tileable asphalt patch: grey noise with darker grains and fine cracks-like speckle.
     *
     * @param size edge length in pixels (power of two)
     * @param seed noise seed
     * @return a new repeating texture
     */
    static Texture2D asphalt(int size, long seed) {
        Random random = new Random(seed);
        ByteBuffer data = BufferUtils.createByteBuffer(size * size * 3);
        float[] coarse = tileableNoise(size, 16, random);
        ColorRGBA c = new ColorRGBA();
        for (int i = 0; i < size * size; i++) {
            float v = 0.30f + 0.06f * coarse[i] + 0.08f * (random.nextFloat() - 0.5f);
            if (random.nextFloat() < 0.02f) {
                v += 0.12f; // light aggregate stones
            }
            c.set(v, v * 0.99f, v * 0.97f, 1f);
            putRgb(data, c);
        }
        data.flip();
        return repeating(new Image(Image.Format.RGB8, size, size, data, ColorSpace.sRGB));
    }

    /**
     * Grass: green noise, tileable.
     *
     * @param size edge length in pixels (power of two)
     * @param seed noise seed
     * @return a new repeating texture
     */
    static Texture2D grass(int size, long seed) {
        Random random = new Random(seed);
        ByteBuffer data = BufferUtils.createByteBuffer(size * size * 3);
        float[] coarse = tileableNoise(size, 8, random);
        ColorRGBA c = new ColorRGBA();
        for (int i = 0; i < size * size; i++) {
            float n = 0.5f * coarse[i] + 0.25f * (random.nextFloat() - 0.5f);
            c.set(0.20f + 0.06f * n, 0.36f + 0.10f * n, 0.12f + 0.04f * n, 1f);
            putRgb(data, c);
        }
        data.flip();
        return repeating(new Image(Image.Format.RGB8, size, size, data, ColorSpace.sRGB));
    }

    /** Bilinearly interpolated value noise on a periodic lattice, values in about [-1, 1]. */
    private static float[] tileableNoise(int size, int cells, Random random) {
        float[] lattice = new float[cells * cells];
        for (int i = 0; i < lattice.length; i++) {
            lattice[i] = random.nextFloat() * 2f - 1f;
        }
        float[] out = new float[size * size];
        float scale = (float) cells / size;
        for (int y = 0; y < size; y++) {
            float fy = y * scale;
            int y0 = (int) fy;
            float ty = fy - y0;
            for (int x = 0; x < size; x++) {
                float fx = x * scale;
                int x0 = (int) fx;
                float tx = fx - x0;
                float a = lattice[(y0 % cells) * cells + x0 % cells];
                float b = lattice[(y0 % cells) * cells + (x0 + 1) % cells];
                float cc = lattice[((y0 + 1) % cells) * cells + x0 % cells];
                float d = lattice[((y0 + 1) % cells) * cells + (x0 + 1) % cells];
                float sx = tx * tx * (3 - 2 * tx);
                float sy = ty * ty * (3 - 2 * ty);
                out[y * size + x] = FastMath.interpolateLinear(sy, FastMath.interpolateLinear(sx, a, b),
                        FastMath.interpolateLinear(sx, cc, d));
            }
        }
        return out;
    }

    private static Texture2D repeating(Image image) {
        Texture2D t = new Texture2D(image);
        t.setWrap(Texture.WrapMode.Repeat);
        t.setMinFilter(Texture.MinFilter.Trilinear);
        t.setAnisotropicFilter(4);
        return t;
    }

    private static void putRgb(ByteBuffer data, ColorRGBA c) {
        data.put((byte) (FastMath.clamp(c.r, 0, 1) * 255f + 0.5f));
        data.put((byte) (FastMath.clamp(c.g, 0, 1) * 255f + 0.5f));
        data.put((byte) (FastMath.clamp(c.b, 0, 1) * 255f + 0.5f));
    }
}
