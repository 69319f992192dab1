package io.github.photo2car.trainer.synth;

import com.google.gson.JsonObject;
import io.github.photo2car.template.BodyType;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Pictures that show what a synthetic data set contains: a contact sheet of 64 random samples
 * ({@code sheet.png}, with a mask/part-label companion {@code sheet-labels.png}) and histograms of
 * camera azimuth, elevation, body type and paint family ({@code histograms.png}).
 */
public final class SyntheticReport {

    private static final int GRID = 8;

    private SyntheticReport() {
    }

    /**
     * @param dataset the data set (all shards are read and verified)
     * @param dir     output folder, created if missing (not null)
     * @param seed    seed of the random choice of samples
     * @throws IOException if a picture cannot be written
     */
    public static void write(SyntheticDataset dataset, Path dir, long seed) throws IOException {
        Files.createDirectories(dir);
        List<SyntheticSample> all = new ArrayList<>();
        for (SyntheticSample s : dataset) {
            all.add(s);
        }
        if (all.isEmpty()) {
            throw new IllegalArgumentException("the data set is empty");
        }
        List<SyntheticSample> picked = new ArrayList<>(all);
        Collections.shuffle(picked, new Random(seed));
        picked = picked.subList(0, Math.min(GRID * GRID, picked.size()));
        int w = picked.get(0).labels().get("width").getAsInt();
        int h = picked.get(0).labels().get("height").getAsInt();
        BufferedImage sheet = new BufferedImage(GRID * w, GRID * h, BufferedImage.TYPE_INT_RGB);
        BufferedImage labels = new BufferedImage(GRID * w, GRID * h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sheet.createGraphics();
        for (int i = 0; i < picked.size(); i++) {
            SyntheticSample s = picked.get(i);
            int x0 = (i % GRID) * w;
            int y0 = (i / GRID) * h;
            g.drawImage(s.rgb(), x0, y0, null);
            byte[] parts = s.parts();
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    labels.setRGB(x0 + x, y0 + y, labelColor(parts[y * w + x] & 0xFF));
                }
            }
        }
        g.dispose();
        ImageIO.write(sheet, "png", dir.resolve("sheet.png").toFile());
        ImageIO.write(labels, "png", dir.resolve("sheet-labels.png").toFile());

        int[] azimuth = new int[36];
        int[] elevation = new int[9];
        int[] body = new int[BodyType.values().length];
        String[] paints = CarAppearance.paintNames();
        int[] paint = new int[paints.length];
        for (SyntheticSample s : all) {
            JsonObject l = s.labels();
            JsonObject cam = l.getAsJsonObject("camera");
            azimuth[Math.min(35, (int) (cam.get("azimuthDeg").getAsFloat() / 10))]++;
            elevation[Math.max(0, Math.min(8, (int) ((cam.get("elevationDeg").getAsFloat() + 5) / 5)))]++;
            body[BodyType.valueOf(l.get("bodyType").getAsString()).ordinal()]++;
            String name = l.getAsJsonObject("paint").get("name").getAsString();
            for (int i = 0; i < paints.length; i++) {
                if (paints[i].equals(name)) {
                    paint[i]++;
                }
            }
        }
        String[] azLabels = new String[36];
        for (int i = 0; i < 36; i++) {
            azLabels[i] = i % 6 == 0 ? String.valueOf(10 * i) : "";
        }
        String[] elLabels = new String[9];
        for (int i = 0; i < 9; i++) {
            elLabels[i] = String.valueOf(-5 + 5 * i);
        }
        String[] bodyLabels = new String[body.length];
        for (BodyType t : BodyType.values()) {
            bodyLabels[t.ordinal()] = t.name().toLowerCase(Locale.ROOT);
        }
        BufferedImage hist = new BufferedImage(1200, 760, BufferedImage.TYPE_INT_RGB);
        Graphics2D hg = hist.createGraphics();
        hg.setColor(Color.WHITE);
        hg.fillRect(0, 0, hist.getWidth(), hist.getHeight());
        hg.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        histogram(hg, 0, 0, "camera azimuth (degrees, 10-degree bins), " + all.size() + " samples", azimuth, azLabels);
        histogram(hg, 600, 0, "camera elevation (degrees, 5-degree bins)", elevation, elLabels);
        histogram(hg, 0, 380, "body type", body, bodyLabels);
        histogram(hg, 600, 380, "paint family", paint, paints);
        hg.dispose();
        ImageIO.write(hist, "png", dir.resolve("histograms.png").toFile());
    }

    private static void histogram(Graphics2D g, int x0, int y0, String title, int[] counts, String[] labels) {
        int w = 600;
        int h = 380;
        int left = x0 + 40;
        int bottom = y0 + h - 60;
        int top = y0 + 40;
        int max = 1;
        for (int c : counts) {
            max = Math.max(max, c);
        }
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(title, x0 + 20, y0 + 24);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        double bar = (double) (w - 70) / counts.length;
        for (int i = 0; i < counts.length; i++) {
            int bh = (int) Math.round((double) counts[i] / max * (bottom - top));
            int bx = (int) (left + i * bar);
            g.setColor(new Color(70, 110, 170));
            g.fillRect(bx + 1, bottom - bh, Math.max(1, (int) bar - 2), bh);
            g.setColor(Color.BLACK);
            if (!labels[i].isEmpty()) {
                g.rotate(Math.PI / 4, bx + 2, bottom + 12);
                g.drawString(labels[i], bx + 2, bottom + 12);
                g.rotate(-Math.PI / 4, bx + 2, bottom + 12);
            }
        }
        g.drawLine(left, bottom, x0 + w - 30, bottom);
        g.drawString("max " + max, x0 + w - 110, y0 + 24);
    }

    /** A distinct colour per label id (background black). */
    private static int labelColor(int id) {
        if (id == LabelIds.BACKGROUND) {
            return 0;
        }
        if (id == LabelIds.OCCLUDER) {
            return 0xFFFFFF;
        }
        float hue = (id * 0.618034f) % 1f;
        return Color.HSBtoRGB(hue, 0.75f, 0.95f) & 0xFFFFFF;
    }
}
