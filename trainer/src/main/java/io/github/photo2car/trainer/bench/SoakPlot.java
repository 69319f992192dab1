package io.github.photo2car.trainer.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import javax.imageio.ImageIO;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * Memory over a soak run: the heap after a full collection and the process's resident memory
 * against the number of conversions, each on its own axis from 0, so that growth shows as a slope.
 */
public final class SoakPlot {

    private static final int WIDTH = 720;
    private static final int HEIGHT = 300;
    private static final int MARGIN = 50;

    private SoakPlot() {
    }

    /**
     * Plots a soak run's JSON afterwards: {@code SoakPlot SOAK.json PLOT.png}.
     *
     * @param args the JSON written by {@code soak --json} and the PNG to write (not modified)
     * @throws IOException if either cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("Usage: SoakPlot SOAK.json PLOT.png");
            System.exit(2);
        }
        JsonObject soak = com.google.gson.JsonParser.parseString(Files.readString(Path.of(args[0]))).getAsJsonObject();
        write(soak.getAsJsonArray("records"), Path.of(args[1]));
    }

    /**
     * @param records the soak's records (each with conversion, heap_mb, rss_mb; not modified)
     * @param file    where to write the PNG
     * @throws IOException if it cannot be written
     */
    static void write(JsonArray records, Path file) throws IOException {
        BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        double maxX = 1;
        double maxHeap = 1;
        double maxRss = 1;
        for (int i = 0; i < records.size(); i++) {
            JsonObject r = records.get(i).getAsJsonObject();
            maxX = Math.max(maxX, r.get("conversion").getAsDouble());
            maxHeap = Math.max(maxHeap, r.get("heap_mb").getAsDouble());
            maxRss = Math.max(maxRss, r.get("rss_mb").getAsDouble());
        }
        g.setColor(Color.GRAY);
        g.drawRect(MARGIN, MARGIN / 2, WIDTH - 2 * MARGIN, HEIGHT - MARGIN - MARGIN / 2);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawString("conversions (0 to " + (int) maxX + ")", WIDTH / 2 - 60, HEIGHT - 12);
        line(g, records, "rss_mb", maxX, 1.2 * maxRss, new Color(200, 60, 40));
        line(g, records, "heap_mb", maxX, 1.2 * maxHeap, new Color(40, 90, 200));
        g.setColor(new Color(200, 60, 40));
        g.drawString(String.format(Locale.ROOT, "resident memory, MB (axis 0 to %.0f)", 1.2 * maxRss), MARGIN + 8,
                MARGIN / 2 + 16);
        g.setColor(new Color(40, 90, 200));
        g.drawString(String.format(Locale.ROOT, "heap after GC, MB (axis 0 to %.0f)", 1.2 * maxHeap), MARGIN + 8,
                MARGIN / 2 + 32);
        g.dispose();
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        ImageIO.write(img, "png", file.toFile());
    }

    private static void line(Graphics2D g, JsonArray records, String key, double maxX, double maxY, Color colour) {
        g.setColor(colour);
        g.setStroke(new BasicStroke(2f));
        int plotW = WIDTH - 2 * MARGIN;
        int plotH = HEIGHT - MARGIN - MARGIN / 2;
        int px = -1;
        int py = -1;
        for (int i = 0; i < records.size(); i++) {
            JsonObject r = records.get(i).getAsJsonObject();
            int x = MARGIN + (int) Math.round(r.get("conversion").getAsDouble() / maxX * plotW);
            int y = MARGIN / 2 + plotH - (int) Math.round(r.get(key).getAsDouble() / maxY * plotH);
            g.fillOval(x - 3, y - 3, 6, 6);
            if (px >= 0) {
                g.drawLine(px, py, x, y);
            }
            px = x;
            py = y;
        }
    }
}
