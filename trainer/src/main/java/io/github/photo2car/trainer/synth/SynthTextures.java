package io.github.photo2car.trainer.synth;

import com.jme3.texture.Image;
import com.jme3.texture.Texture;
import com.jme3.texture.Texture2D;
import com.jme3.texture.image.ColorSpace;
import com.jme3.util.BufferUtils;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.Random;

/**
 * Procedural textures of the synthetic scenes: ground materials (asphalt, concrete, grass, studio
 * floor), licence plates and the soft contact shadow under a car. Colours are stored linear (the
 * shaders tone-map and apply gamma). Made once at start-up from a seed.
 */
public final class SynthTextures {

    /** Ground materials, with the metres one texture tile covers. */
    public enum Ground {
        ASPHALT(3f), CONCRETE(4f), GRASS(2.5f), STUDIO(8f);

        private final float tileMetres;

        Ground(float tileMetres) {
            this.tileMetres = tileMetres;
        }

        /** @return metres covered by one repeat of the texture */
        public float tileMetres() {
            return tileMetres;
        }
    }

    private SynthTextures() {
    }

    /**
     * @param ground which ground (not null)
     * @param size   texture size in pixels (power of two)
     * @param seed   seed of the pattern
     * @return a new repeating, mipmapped texture of linear albedo
     */
    public static Texture2D ground(Ground ground, int size, long seed) {
        ValueNoise noise = new ValueNoise(seed);
        ByteBuffer buf = BufferUtils.createByteBuffer(size * size * 3);
        Random r = new Random(seed);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                double u = (double) x / size;
                double v = (double) y / size;
                // tileable noise: sample on a torus
                double a = 2 * Math.PI * u;
                double b = 2 * Math.PI * v;
                double cx = Math.cos(a) * 2;
                double cy = Math.sin(a) * 2;
                double cz = Math.cos(b) * 2 + Math.sin(b) * 7.3;
                double fine = noise.noise(Math.cos(a) * 60, Math.sin(a) * 60 + Math.cos(b) * 60, Math.sin(b) * 60);
                double coarse = noise.fbm(cx + 10, cy, cz, 4);
                float[] c;
                switch (ground) {
                    case ASPHALT -> {
                        double g = 0.045 + 0.03 * coarse + 0.04 * fine + (r.nextDouble() < 0.04 ? 0.06 : 0);
                        c = new float[] {(float) g, (float) g, (float) (g * 1.04)};
                    }
                    case CONCRETE -> {
                        double g = 0.28 + 0.08 * coarse + 0.05 * fine;
                        // expansion joints every half tile
                        double ju = (u * 2) % 1;
                        double jv = (v * 2) % 1;
                        if (ju < 0.008 || jv < 0.008) {
                            g *= 0.45;
                        }
                        c = new float[] {(float) g, (float) (g * 0.98), (float) (g * 0.94)};
                    }
                    case GRASS -> {
                        double g = 0.5 + 0.5 * coarse;
                        double blade = fine;
                        c = new float[] {(float) (0.04 * g + 0.03 * blade), (float) (0.09 * g + 0.06 * blade),
                            (float) (0.025 * g)};
                    }
                    default -> {
                        double g = 0.30 + 0.02 * coarse;
                        c = new float[] {(float) g, (float) g, (float) (g * 1.01)};
                    }
                }
                for (float ch : c) {
                    buf.put((byte) Math.max(0, Math.min(255, Math.round(ch * 255))));
                }
            }
        }
        buf.flip();
        return texture(buf, size, size, Texture.WrapMode.Repeat);
    }

    /**
     * @param style plate design, 0..{@link CarAppearance#PLATE_STYLES}-1
     * @param seed  seed of the characters
     * @return a new texture of a licence plate (u across, v up), linear colours
     */
    public static Texture2D plate(int style, long seed) {
        int w = 128;
        int h = 32;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        Color background = switch (style) {
            case 1 -> new Color(250, 205, 30);
            case 3 -> new Color(235, 235, 225);
            case 4 -> new Color(20, 20, 20);
            default -> new Color(242, 242, 238);
        };
        Color ink = style == 4 ? new Color(235, 235, 235) : new Color(15, 15, 20);
        g.setColor(background);
        g.fillRect(0, 0, w, h);
        int left = 4;
        if (style == 0 || style == 5) {
            g.setColor(new Color(20, 50, 160));
            g.fillRect(0, 0, 14, h);
            left = 18;
        }
        g.setColor(ink);
        g.drawRect(1, 1, w - 3, h - 3);
        Random r = new Random(seed);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 7; i++) {
            text.append(i == 2 || i == 3 ? (char) ('0' + r.nextInt(10)) : (char) ('A' + r.nextInt(26)));
            if (i == 2) {
                text.append(' ');
            }
        }
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 22));
        g.drawString(text.toString().toUpperCase(Locale.ROOT), left, 24);
        g.dispose();
        ByteBuffer buf = BufferUtils.createByteBuffer(w * h * 3);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = img.getRGB(x, h - 1 - y); // texture rows start at the bottom (v up)
                for (int s = 16; s >= 0; s -= 8) {
                    double c = ((rgb >> s) & 0xFF) / 255.0;
                    buf.put((byte) Math.round(Math.pow(c, 2.2) * 255));
                }
            }
        }
        buf.flip();
        return texture(buf, w, h, Texture.WrapMode.EdgeClamp);
    }

    /**
     * @return a new texture for the contact shadow: a soft dark rounded rectangle, white at the
     *         border (multiplied onto the ground)
     */
    public static Texture2D contactShadow() {
        int n = 64;
        ByteBuffer buf = BufferUtils.createByteBuffer(n * n * 3);
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                double u = Math.abs((x + 0.5) / n * 2 - 1);
                double v = Math.abs((y + 0.5) / n * 2 - 1);
                // rounded-rectangle distance, 0 inside the core, 1 at the texture border
                double du = Math.max(0, (u - 0.55) / 0.45);
                double dv = Math.max(0, (v - 0.45) / 0.55);
                double d = Math.min(1, Math.sqrt(du * du + dv * dv));
                double darkness = 0.8 * Math.pow(1 - d, 2);
                byte b = (byte) Math.round((1 - darkness) * 255);
                buf.put(b).put(b).put(b);
            }
        }
        buf.flip();
        return texture(buf, n, n, Texture.WrapMode.EdgeClamp);
    }

    private static Texture2D texture(ByteBuffer rgb, int w, int h, Texture.WrapMode wrap) {
        Image image = new Image(Image.Format.RGB8, w, h, rgb, ColorSpace.Linear);
        Texture2D t = new Texture2D(image);
        t.setWrap(wrap);
        t.setMinFilter(Texture.MinFilter.Trilinear);
        t.setMagFilter(Texture.MagFilter.Bilinear);
        return t;
    }
}
