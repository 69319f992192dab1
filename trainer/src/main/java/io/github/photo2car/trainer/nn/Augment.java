package io.github.photo2car.trainer.nn;

import java.util.SplittableRandom;

/**
 * Photometric and geometric augmentation of a square training image and its label map, so a
 * network trained on rendered cars copes with real photos: mirror, zoom with letterbox bars
 * (photos of any shape are letterboxed to a square), a studio backdrop, exposure, contrast, white balance,
 * saturation, blur, sensor noise, an occluding block, and lettering and shapes in the background. Deterministic for a given random
 * generator. Works in place on caller-owned arrays.
 */
public final class Augment {

    /** Grey of the letterbox bars, as the runtime letterboxes photos. */
    public static final float PAD = 0.5f;

    private final int size;
    private final float[] tmpRgb;
    private final byte[] tmpLabels;

    /** @param size S, the image side */
    public Augment(int size) {
        this.size = size;
        this.tmpRgb = new float[size * size * 3];
        this.tmpLabels = new byte[size * size];
    }

    /**
     * Augments one sample in place.
     *
     * @param rgb    [S*S*3] in [0, 1] (modified)
     * @param labels [S*S] class ordinals (modified)
     * @param rnd    the randomness (advanced)
     */
    public void apply(float[] rgb, byte[] labels, SplittableRandom rnd) {
        if (rnd.nextBoolean()) {
            mirror(rgb, labels);
        }
        if (rnd.nextDouble() < 0.35) {
            studio(rgb, labels, rnd);
        }
        if (rnd.nextDouble() < 0.5) {
            zoom(rgb, labels, 0.7 + 0.5 * rnd.nextDouble(), rnd.nextDouble() < 0.5 ? 0.6 + 0.4 * rnd.nextDouble() : 1.0,
                    rnd);
        }
        colour(rgb, 3, rnd);
        if (rnd.nextDouble() < 0.3) {
            blur(rgb);
        }
        if (rnd.nextDouble() < 0.25) {
            occlude(rgb, labels, rnd);
        }
        if (rnd.nextDouble() < 0.5) {
            clutter(rgb, labels, rnd);
        }
    }

    /**
     * Replaces the background by a studio: a plain wall meeting a floor at a horizon, often with
     * a band where they meet, and a wall of nearly the car's own colour half the time. Dealers
     * photograph cars like that (a silver car before a grey wall is the hard case: outline and
     * horizon run together), and the rendered outdoor scenes never show it. Labels are
     * unchanged: only background pixels are repainted.
     */
    private void studio(float[] rgb, byte[] labels, SplittableRandom rnd) {
        double[] car = new double[3];
        int n = 0;
        for (int p = 0; p < size * size; p++) {
            if (labels[p] != 0) {
                for (int c = 0; c < 3; c++) {
                    car[c] += rgb[3 * p + c];
                }
                n++;
            }
        }
        double[] wall = new double[3];
        double grey = 0.55 + 0.4 * rnd.nextDouble();
        boolean camouflage = n > 0 && rnd.nextBoolean();
        for (int c = 0; c < 3; c++) {
            wall[c] = camouflage ? car[c] / n * (0.9 + 0.2 * rnd.nextDouble()) : grey * (1 + 0.04 * rnd.nextGaussian());
        }
        double floor = 0.4 + 0.45 * rnd.nextDouble();
        double horizon = size * (0.15 + 0.55 * rnd.nextDouble());
        double band = rnd.nextDouble() < 0.6 ? size * (0.02 + 0.08 * rnd.nextDouble()) : 0;
        double bandShade = 0.6 + 0.5 * rnd.nextDouble();
        double wallFall = 0.3 * rnd.nextGaussian();
        for (int y = 0; y < size; y++) {
            double t = y / (double) size;
            for (int x = 0; x < size; x++) {
                int p = y * size + x;
                if (labels[p] != 0) {
                    continue;
                }
                for (int c = 0; c < 3; c++) {
                    double v;
                    if (y < horizon - band) {
                        v = wall[c] * (1 + wallFall * (t - 0.3));
                    } else if (y < horizon) {
                        v = wall[c] * bandShade;
                    } else {
                        v = floor * (0.85 + 0.3 * (y - horizon) / Math.max(1, size - horizon));
                    }
                    rgb[3 * p + c] = (float) Math.max(0, Math.min(1, v + 0.01 * rnd.nextGaussian()));
                }
            }
        }
    }

    /**
     * Exposure, contrast, white balance, saturation and sensor noise, as cameras vary.
     *
     * @param pixels   pixels of {@code channels} values each, RGB in [0, 1] first (RGB modified,
     *                 further channels such as a mask left alone)
     * @param channels values per pixel (&ge; 3)
     * @param rnd      the randomness (advanced)
     */
    public static void colour(float[] pixels, int channels, SplittableRandom rnd) {
        if (channels < 3 || pixels.length % channels != 0) {
            throw new IllegalArgumentException("need RGB pixels of " + channels + " values");
        }
        double exposure = Math.exp(0.35 * rnd.nextGaussian());
        double contrast = 0.75 + 0.5 * rnd.nextDouble();
        double saturation = rnd.nextDouble() < 0.1 ? 0 : 0.6 + 0.7 * rnd.nextDouble();
        double[] balance = {1 + 0.08 * rnd.nextGaussian(), 1 + 0.05 * rnd.nextGaussian(), 1 + 0.08 * rnd.nextGaussian()};
        double noise = rnd.nextDouble() < 0.5 ? 0.03 * rnd.nextDouble() : 0;
        for (int at = 0; at < pixels.length; at += channels) {
            double grey = 0.299 * pixels[at] + 0.587 * pixels[at + 1] + 0.114 * pixels[at + 2];
            for (int c = 0; c < 3; c++) {
                double v = grey + saturation * (pixels[at + c] - grey);
                v = (v * exposure * balance[c] - 0.5) * contrast + 0.5;
                if (noise > 0) {
                    v += noise * rnd.nextGaussian();
                }
                pixels[at + c] = (float) Math.max(0, Math.min(1, v));
            }
        }
    }

    /**
     * Paints lettering, signs, stripes and blobs into the background only (labels stay
     * background): real photos have logos, text and street furniture behind cars, which the
     * rendered scenes lack, and an untaught network takes them for car.
     */
    private void clutter(float[] rgb, byte[] labels, SplittableRandom rnd) {
        java.awt.image.BufferedImage layer = new java.awt.image.BufferedImage(size, size,
                java.awt.image.BufferedImage.TYPE_INT_ARGB);
        java.awt.Graphics2D g = layer.createGraphics();
        g.setRenderingHint(java.awt.RenderingHints.KEY_ANTIALIASING, java.awt.RenderingHints.VALUE_ANTIALIAS_ON);
        int items = 1 + rnd.nextInt(4);
        for (int i = 0; i < items; i++) {
            int grey = rnd.nextInt(256);
            java.awt.Color c = rnd.nextDouble() < 0.6 ? new java.awt.Color(grey, grey, grey)
                    : new java.awt.Color(rnd.nextInt(256), rnd.nextInt(256), rnd.nextInt(256));
            g.setColor(c);
            int x = rnd.nextInt(size);
            int y = rnd.nextInt(size);
            switch (rnd.nextInt(4)) {
                case 0 -> {
                    StringBuilder word = new StringBuilder();
                    for (int k = 2 + rnd.nextInt(7); k > 0; k--) {
                        word.append((char) ('A' + rnd.nextInt(26)));
                    }
                    g.setFont(new java.awt.Font(rnd.nextBoolean() ? java.awt.Font.SANS_SERIF : java.awt.Font.SERIF,
                            rnd.nextBoolean() ? java.awt.Font.BOLD : java.awt.Font.PLAIN, size / 10 + rnd.nextInt(size / 4)));
                    g.drawString(word.toString(), x - size / 2, y);
                }
                case 1 -> g.fillRect(x - size / 4, y, rnd.nextInt(size / 2) + 4, rnd.nextInt(size / 3) + 4);
                case 2 -> {
                    g.setStroke(new java.awt.BasicStroke(1 + rnd.nextInt(6)));
                    g.drawLine(x, y, rnd.nextInt(size), rnd.nextInt(size));
                }
                default -> g.fillOval(x - size / 8, y - size / 8, rnd.nextInt(size / 3) + 4, rnd.nextInt(size / 3) + 4);
            }
        }
        g.dispose();
        int[] px = layer.getRGB(0, 0, size, size, null, 0, size);
        for (int p = 0; p < px.length; p++) {
            int a = px[p] >>> 24;
            if (a == 0 || labels[p] != 0) {
                continue;
            }
            float alpha = a / 255f;
            for (int c = 0; c < 3; c++) {
                float v = ((px[p] >> (16 - 8 * c)) & 0xff) / 255f;
                rgb[3 * p + c] = rgb[3 * p + c] * (1 - alpha) + v * alpha;
            }
        }
    }

    private void mirror(float[] rgb, byte[] labels) {
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size / 2; x++) {
                int a = y * size + x;
                int b = y * size + size - 1 - x;
                byte l = labels[a];
                labels[a] = labels[b];
                labels[b] = l;
                for (int c = 0; c < 3; c++) {
                    float v = rgb[3 * a + c];
                    rgb[3 * a + c] = rgb[3 * b + c];
                    rgb[3 * b + c] = v;
                }
            }
        }
    }

    /**
     * Scales the content by zoom about a random centre and squeezes it vertically by squash (a
     * wide photo letterboxed into a square), nearest-neighbour for labels, bilinear for colour;
     * uncovered areas become letterbox grey and background.
     */
    private void zoom(float[] rgb, byte[] labels, double zoom, double squash, SplittableRandom rnd) {
        double sy = zoom * squash;
        double ox = (rnd.nextDouble() - 0.5) * size * Math.abs(1 - zoom);
        double oy = (rnd.nextDouble() - 0.5) * size * Math.abs(1 - sy);
        double half = size / 2.0;
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                double u = (x + 0.5 - half - ox) / zoom + half;
                double v = (y + 0.5 - half - oy) / sy + half;
                int p = y * size + x;
                boolean bar = squash < 1 && Math.abs(y + 0.5 - half) > half * squash;
                if (bar || u < 0 || v < 0 || u >= size || v >= size) {
                    tmpLabels[p] = 0;
                    tmpRgb[3 * p] = PAD;
                    tmpRgb[3 * p + 1] = PAD;
                    tmpRgb[3 * p + 2] = PAD;
                    continue;
                }
                tmpLabels[p] = labels[(int) v * size + (int) u];
                bilinear(rgb, u - 0.5, v - 0.5, tmpRgb, 3 * p);
            }
        }
        System.arraycopy(tmpRgb, 0, rgb, 0, rgb.length);
        System.arraycopy(tmpLabels, 0, labels, 0, labels.length);
    }

    private void bilinear(float[] rgb, double fx, double fy, float[] out, int at) {
        int x0 = (int) Math.floor(fx);
        int y0 = (int) Math.floor(fy);
        double tx = fx - x0;
        double ty = fy - y0;
        for (int c = 0; c < 3; c++) {
            double top = (1 - tx) * texel(rgb, x0, y0, c) + tx * texel(rgb, x0 + 1, y0, c);
            double bottom = (1 - tx) * texel(rgb, x0, y0 + 1, c) + tx * texel(rgb, x0 + 1, y0 + 1, c);
            out[at + c] = (float) ((1 - ty) * top + ty * bottom);
        }
    }

    private float texel(float[] rgb, int x, int y, int c) {
        int cx = Math.max(0, Math.min(size - 1, x));
        int cy = Math.max(0, Math.min(size - 1, y));
        return rgb[3 * (cy * size + cx) + c];
    }

    private void blur(float[] rgb) {
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                for (int c = 0; c < 3; c++) {
                    float s = 0;
                    for (int dy = -1; dy <= 1; dy++) {
                        for (int dx = -1; dx <= 1; dx++) {
                            s += texel(rgb, x + dx, y + dy, c) * (dx == 0 && dy == 0 ? 4 : dx == 0 || dy == 0 ? 2 : 1);
                        }
                    }
                    tmpRgb[3 * (y * size + x) + c] = s / 16;
                }
            }
        }
        System.arraycopy(tmpRgb, 0, rgb, 0, rgb.length);
    }

    /** A solid block in front of the car (a pole, a pedestrian, another car's corner). */
    private void occlude(float[] rgb, byte[] labels, SplittableRandom rnd) {
        int w = (int) (size * (0.05 + 0.2 * rnd.nextDouble()));
        int h = (int) (size * (0.1 + 0.5 * rnd.nextDouble()));
        int x0 = rnd.nextInt(size - w);
        int y0 = rnd.nextInt(size - h);
        float r = (float) rnd.nextDouble();
        float g = (float) rnd.nextDouble();
        float b = (float) rnd.nextDouble();
        for (int y = y0; y < y0 + h; y++) {
            for (int x = x0; x < x0 + w; x++) {
                int p = y * size + x;
                labels[p] = 0;
                rgb[3 * p] = r;
                rgb[3 * p + 1] = g;
                rgb[3 * p + 2] = b;
            }
        }
    }
}
