package io.github.photo2car.template;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * Renders the presets (and one random car) to plugin/target/template-presets.png with a tiny
 * software z-buffer rasterizer: flat shading, part colours, 3/4 front and 3/4 rear views. Run as
 * a test (it only checks the file was written) or through {@link #main(String[])}.
 */
class TemplatePreview {

    private static final int TILE_W = 420;
    private static final int TILE_H = 270;

    @Test
    void writesGallery() throws IOException {
        File out = render(new File("target/template-presets.png"));
        assertTrue(out.isFile() && out.length() > 10_000);
    }

    /**
     * Writes the gallery.
     *
     * @param args optional output path
     * @throws IOException if the PNG cannot be written
     */
    public static void main(String[] args) throws IOException {
        render(new File(args.length > 0 ? args[0] : "plugin/target/template-presets.png"));
    }

    static File render(File file) throws IOException {
        List<CarParams> cars = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (BodyType type : BodyType.values()) {
            cars.add(CarParams.preset(type));
            labels.add(type.name());
        }
        cars.add(CarParams.random(7L));
        labels.add("random(7)");
        // a near-square grid; unused tiles stay a neutral grey
        int cols = (int) Math.ceil(Math.sqrt(cars.size()));
        int carRows = (cars.size() + cols - 1) / cols;
        BufferedImage image = new BufferedImage(cols * TILE_W, 2 * carRows * TILE_H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(214, 216, 222));
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        for (int c = 0; c < cars.size(); c++) {
            int col = c % cols;
            int row = 2 * (c / cols);
            for (int view = 0; view < 2; view++) {
                BufferedImage tile = renderCar(cars.get(c), view == 0 ? 35.0 : 215.0, 18.0);
                g.drawImage(tile, col * TILE_W, (row + view) * TILE_H, null);
                g.setColor(Color.DARK_GRAY);
                g.drawString(labels.get(c) + (view == 0 ? "  front 3/4" : "  rear 3/4"),
                        col * TILE_W + 8, (row + view) * TILE_H + 18);
            }
        }
        g.dispose();
        file.getAbsoluteFile().getParentFile().mkdirs();
        ImageIO.write(image, "png", file);
        return file;
    }

    /** Colour per part for the preview. */
    static Map<CarPart, Color> partColors() {
        Map<CarPart, Color> m = new EnumMap<>(CarPart.class);
        m.put(CarPart.PAINT, new Color(190, 40, 40));
        m.put(CarPart.WINDOW, new Color(40, 60, 90));
        m.put(CarPart.GRILLE, new Color(30, 30, 30));
        m.put(CarPart.BUMPER_FRONT, new Color(150, 35, 35));
        m.put(CarPart.BUMPER_REAR, new Color(150, 35, 35));
        m.put(CarPart.UNDERBODY, new Color(45, 45, 45));
        m.put(CarPart.PLATE_FRONT, new Color(235, 235, 235));
        m.put(CarPart.PLATE_REAR, new Color(235, 235, 235));
        for (CarPart p : CarPart.values()) {
            if (p.name().startsWith("HEADLIGHT")) {
                m.put(p, new Color(250, 250, 215));
            } else if (p.name().startsWith("TAILLIGHT")) {
                m.put(p, new Color(220, 0, 0));
            } else if (p.name().startsWith("BLINKER")) {
                m.put(p, new Color(255, 150, 0));
            } else if (p.name().startsWith("REVERSE")) {
                m.put(p, new Color(245, 245, 245));
            }
        }
        return m;
    }

    /** Renders one car from an azimuth (degrees, 0 = front, counter-clockwise from above). */
    static BufferedImage renderCar(CarParams params, double azimuthDeg, double elevationDeg) {
        CarMesh mesh = CarTemplate.build(params);
        Raster r = new Raster(TILE_W, TILE_H, params, azimuthDeg, elevationDeg);
        float[] pos = mesh.shapePositions();
        int[] tri = mesh.triangles();
        CarPart[] parts = mesh.triangleParts();
        Map<CarPart, Color> colors = partColors();
        for (int t = 0; t < parts.length; t++) {
            r.triangle(pos, tri[3 * t], tri[3 * t + 1], tri[3 * t + 2], colors.get(parts[t]), parts[t].isLight());
        }
        WheelMesh wheel = WheelMeshBuilder.build(params);
        for (WheelAnchor anchor : mesh.wheels()) {
            drawWheelPart(r, wheel.tyre(), anchor, new Color(25, 25, 25));
            drawWheelPart(r, wheel.rim(), anchor, new Color(185, 190, 200));
        }
        return r.image;
    }

    private static void drawWheelPart(Raster r, SurfaceMesh m, WheelAnchor a, Color color) {
        float[] p = m.positions();
        boolean left = a.position().isLeft();
        for (int v = 0; v < p.length / 3; v++) {
            // right-hand wheels: turned 180 degrees about Y so the rim faces outward (-X)
            float x = left ? p[3 * v] : -p[3 * v];
            float z = left ? p[3 * v + 2] : -p[3 * v + 2];
            p[3 * v] = x + a.centerX();
            p[3 * v + 1] += a.centerY();
            p[3 * v + 2] = z + a.centerZ();
        }
        int[] tri = m.triangles();
        for (int t = 0; t < tri.length; t += 3) {
            r.triangle(p, tri[t], tri[t + 1], tri[t + 2], color, false);
        }
    }

    /** A minimal perspective z-buffer rasterizer with flat Lambert shading. */
    static final class Raster {
        final BufferedImage image;
        final float[] depth;
        final int w;
        final int h;
        final double[] eye = new double[3];
        final double[] right = new double[3];
        final double[] up = new double[3];
        final double[] fwd = new double[3];
        final double focal;
        final double[] light = {0.35, 0.9, 0.15};

        Raster(int w, int h, CarParams params, double azimuthDeg, double elevationDeg) {
            this.w = w;
            this.h = h;
            image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            depth = new float[w * h];
            Arrays.fill(depth, Float.POSITIVE_INFINITY);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int shade = 235 - (int) (40.0 * y / h);
                    image.setRGB(x, y, new Color(shade, shade, shade + 8 > 255 ? 255 : shade + 8).getRGB());
                }
            }
            double az = Math.toRadians(azimuthDeg);
            double el = Math.toRadians(elevationDeg);
            double dist = 8.5 + 1.1 * params.length();
            double[] target = {0, 0.5 * params.height(), 0};
            eye[0] = target[0] + dist * Math.cos(el) * Math.sin(az);
            eye[1] = target[1] + dist * Math.sin(el);
            eye[2] = target[2] + dist * Math.cos(el) * Math.cos(az);
            for (int i = 0; i < 3; i++) {
                fwd[i] = target[i] - eye[i];
            }
            norm(fwd);
            cross(fwd, new double[] {0, 1, 0}, right);
            norm(right);
            cross(right, fwd, up);
            focal = 0.68 * w / Math.tan(Math.toRadians(17));
            double len = Math.sqrt(light[0] * light[0] + light[1] * light[1] + light[2] * light[2]);
            for (int i = 0; i < 3; i++) {
                light[i] /= len;
            }
        }

        void triangle(float[] p, int a, int b, int c, Color color, boolean emissive) {
            double[][] cam = new double[3][];
            int[] idx = {a, b, c};
            for (int i = 0; i < 3; i++) {
                double dx = p[3 * idx[i]] - eye[0];
                double dy = p[3 * idx[i] + 1] - eye[1];
                double dz = p[3 * idx[i] + 2] - eye[2];
                double zc = dx * fwd[0] + dy * fwd[1] + dz * fwd[2];
                double xc = dx * right[0] + dy * right[1] + dz * right[2];
                double yc = dx * up[0] + dy * up[1] + dz * up[2];
                cam[i] = new double[] {w / 2.0 + focal * xc / zc, h * 0.52 - focal * yc / zc, zc};
            }
            double ux = p[3 * b] - p[3 * a], uy = p[3 * b + 1] - p[3 * a + 1], uz = p[3 * b + 2] - p[3 * a + 2];
            double vx = p[3 * c] - p[3 * a], vy = p[3 * c + 1] - p[3 * a + 1], vz = p[3 * c + 2] - p[3 * a + 2];
            double[] n = {uy * vz - uz * vy, uz * vx - ux * vz, ux * vy - uy * vx};
            double nl = Math.sqrt(n[0] * n[0] + n[1] * n[1] + n[2] * n[2]);
            if (nl < 1e-12) {
                return;
            }
            // back faces are culled: every mesh drawn here is closed and outward-oriented
            double facing = n[0] * (p[3 * a] - eye[0]) + n[1] * (p[3 * a + 1] - eye[1]) + n[2] * (p[3 * a + 2] - eye[2]);
            if (facing >= 0) {
                return;
            }
            double lambert = Math.max(0, (n[0] * light[0] + n[1] * light[1] + n[2] * light[2]) / nl);
            double k = emissive ? 1.0 : 0.4 + 0.6 * lambert;
            int rgb = new Color((int) Math.min(255, color.getRed() * k), (int) Math.min(255, color.getGreen() * k),
                    (int) Math.min(255, color.getBlue() * k)).getRGB();
            int minX = (int) Math.max(0, Math.floor(Math.min(cam[0][0], Math.min(cam[1][0], cam[2][0]))));
            int maxX = (int) Math.min(w - 1, Math.ceil(Math.max(cam[0][0], Math.max(cam[1][0], cam[2][0]))));
            int minY = (int) Math.max(0, Math.floor(Math.min(cam[0][1], Math.min(cam[1][1], cam[2][1]))));
            int maxY = (int) Math.min(h - 1, Math.ceil(Math.max(cam[0][1], Math.max(cam[1][1], cam[2][1]))));
            double area = edge(cam[0], cam[1], cam[2][0], cam[2][1]);
            if (Math.abs(area) < 1e-12) {
                return;
            }
            for (int y = minY; y <= maxY; y++) {
                for (int x = minX; x <= maxX; x++) {
                    double px = x + 0.5;
                    double py = y + 0.5;
                    double w0 = edge(cam[1], cam[2], px, py) / area;
                    double w1 = edge(cam[2], cam[0], px, py) / area;
                    double w2 = 1 - w0 - w1;
                    if (w0 < 0 || w1 < 0 || w2 < 0) {
                        continue;
                    }
                    float z = (float) (w0 * cam[0][2] + w1 * cam[1][2] + w2 * cam[2][2]);
                    int i = y * w + x;
                    if (z < depth[i]) {
                        depth[i] = z;
                        image.setRGB(x, y, rgb);
                    }
                }
            }
        }

        private static double edge(double[] a, double[] b, double px, double py) {
            return (b[0] - a[0]) * (py - a[1]) - (b[1] - a[1]) * (px - a[0]);
        }

        private static void norm(double[] v) {
            double l = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
            for (int i = 0; i < 3; i++) {
                v[i] /= l;
            }
        }

        private static void cross(double[] a, double[] b, double[] out) {
            out[0] = a[1] * b[2] - a[2] * b[1];
            out[1] = a[2] * b[0] - a[0] * b[2];
            out[2] = a[0] * b[1] - a[1] * b[0];
        }
    }
}
