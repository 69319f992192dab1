package io.github.photo2car.trainer.eval;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;

import com.google.gson.JsonObject;

import io.github.photo2car.pipeline.CarBuild;
import io.github.photo2car.pipeline.PartPixels;
import io.github.photo2car.pipeline.PreviewRenderer;
import io.github.photo2car.raster.OrbitCamera;
import io.github.photo2car.template.BodyType;
import io.github.photo2car.template.CarMesh;
import io.github.photo2car.template.CarPart;
import io.github.photo2car.template.CarParams;
import io.github.photo2car.template.WheelAnchor;

/**
 * Scores where a built car puts its wheels, lamps and glass against a photo's part labels
 * ({@code NAME_parts.png}: 8-bit, the pixel value is the part's category id, 0 unlabelled; the
 * categories of the DSMLR Car Parts data set, Pasupa et al., Complex &amp; Intelligent Systems
 * 2021). The car is rendered as the game shows it (body and four wheels) through its fitted
 * camera in the photo's frame.
 *
 * <p>Per photo: {@code wheel_iou} (our tyres and rims against id 19; only where the labels show a
 * wheel), {@code front_lamp_iou} (our head lamps and front blinkers against ids 11 and 13),
 * {@code rear_lamp_iou} (tail, reverse and rear blinker lamps against ids 5 and 7),
 * {@code glass_iou} (our windscreen and rear window, the glass facing along the car, against ids
 * 3 and 9; our side windows are left out since the labels put them inside the doors) — each
 * skipped where neither side has the part —, {@code wheel_centre_errors} (each labelled wheel
 * region of at least {@value #MIN_WHEEL_REGION} pixels: its centroid to the nearest projected
 * wheel centre, as a fraction of the photo's diagonal) and {@code faces_right_way}: of the
 * labelled front parts (front lamps, front bumper, hood, windscreen) that the car covers, most
 * lie on its front half (car-frame z &gt; 0), and of the rear parts (rear lamps, rear bumper,
 * trunk, tailgate, rear window) most on its rear half; null where the labels show neither end;
 * {@code turned_faces_right_way}: the same for the car turned end for end where it stands (the
 * camera's azimuth + 180°), which tells a flip of the ends from other errors.
 * Left and right are taken together throughout (the data set does not say which side "left" is).
 */
final class PartScore {

    /** Label ids of the data set. */
    static final int BACK_BUMPER = 2;
    static final int BACK_GLASS = 3;
    static final int BACK_LEFT_LIGHT = 5;
    static final int BACK_RIGHT_LIGHT = 7;
    static final int FRONT_BUMPER = 8;
    static final int FRONT_GLASS = 9;
    static final int FRONT_LEFT_LIGHT = 11;
    static final int FRONT_RIGHT_LIGHT = 13;
    static final int HOOD = 14;
    static final int TAILGATE = 17;
    static final int TRUNK = 18;
    static final int WHEEL = 19;

    /** Smallest labelled wheel region whose centre is scored, pixels at the label's resolution. */
    static final int MIN_WHEEL_REGION = 50;

    private PartScore() {
    }

    /** Our parts, as the scores group them. */
    enum Ours { NONE, WHEEL, FRONT_LAMP, REAR_LAMP, END_GLASS, OTHER }

    /**
     * Reads a part label image.
     *
     * @param file   the NAME_parts.png (8-bit grey or palette)
     * @param width  the photo's width, pixels
     * @param height the photo's height, pixels
     * @return [height*width] category ids
     * @throws IOException if it cannot be read or is not the photo's size
     */
    static int[] readLabels(Path file, int width, int height) throws IOException {
        BufferedImage img = ImageIO.read(file.toFile());
        if (img == null || img.getWidth() != width || img.getHeight() != height) {
            throw new IOException(file.getFileName() + " is not a part label image of the photo's size");
        }
        Raster r = img.getRaster();
        int[] out = new int[width * height];
        r.getSamples(0, 0, width, height, 0, out);
        return out;
    }

    /**
     * Nearest-neighbour resampling of a label image.
     *
     * @param labels [h*w] ids (not modified)
     * @return [th*tw] ids
     */
    static int[] resampled(int[] labels, int w, int h, int tw, int th) {
        int[] out = new int[tw * th];
        for (int y = 0; y < th; y++) {
            int sy = Math.min(h - 1, (int) ((y + 0.5) * h / th));
            for (int x = 0; x < tw; x++) {
                out[y * tw + x] = labels[sy * w + Math.min(w - 1, (int) ((x + 0.5) * w / tw))];
            }
        }
        return out;
    }

    /**
     * Our part at each pixel.
     *
     * @param car    the built car (not modified)
     * @param pixels what the camera sees of it
     * @return [h*w] our parts
     */
    static Ours[] ours(CarMesh car, PartPixels pixels) {
        CarPart[] parts = car.triangleParts();
        Ours[] perTriangle = new Ours[parts.length];
        float[] pos = car.shapePositions();
        int[] tris = car.triangles();
        for (int t = 0; t < parts.length; t++) {
            perTriangle[t] = switch (parts[t]) {
                case HEADLIGHT_L, HEADLIGHT_R, BLINKER_FRONT_L, BLINKER_FRONT_R -> Ours.FRONT_LAMP;
                case TAILLIGHT_L, TAILLIGHT_R, REVERSE_L, REVERSE_R, BLINKER_REAR_L, BLINKER_REAR_R -> Ours.REAR_LAMP;
                case WINDOW -> facesAlongTheCar(pos, tris, t) ? Ours.END_GLASS : Ours.OTHER;
                default -> Ours.OTHER;
            };
        }
        Ours[] out = new Ours[pixels.triangle().length];
        for (int p = 0; p < out.length; p++) {
            int t = pixels.triangle()[p];
            out[p] = t == PartPixels.NONE ? Ours.NONE : t == PartPixels.WHEEL ? Ours.WHEEL : perTriangle[t];
        }
        return out;
    }

    /** Whether a triangle's normal points more along the car (z) than across it (x). */
    private static boolean facesAlongTheCar(float[] pos, int[] tris, int t) {
        int a = 3 * tris[3 * t];
        int b = 3 * tris[3 * t + 1];
        int c = 3 * tris[3 * t + 2];
        double ux = pos[b] - pos[a];
        double uy = pos[b + 1] - pos[a + 1];
        double uz = pos[b + 2] - pos[a + 2];
        double vx = pos[c] - pos[a];
        double vy = pos[c + 1] - pos[a + 1];
        double vz = pos[c + 2] - pos[a + 2];
        double nx = uy * vz - uz * vy;
        double nz = ux * vy - uy * vx;
        return Math.abs(nz) >= Math.abs(nx);
    }

    /**
     * Scores one built car against its photo's labels.
     *
     * @param build   the conversion's result (its first camera is the photo's)
     * @param preview renders the car
     * @param labels  [h*w] category ids at the photo's own size (not modified)
     * @param w       label width (the photo's), pixels
     * @param h       label height, pixels
     * @param maxSide the longest side the scores are computed at, pixels
     * @return the per-photo scores (see the class comment); absent keys where skipped
     */
    static JsonObject score(CarBuild build, PreviewRenderer preview, int[] labels, int w, int h, int maxSide) {
        double scale = Math.min(1.0, maxSide / (double) Math.max(w, h));
        int sw = Math.max(1, (int) Math.round(w * scale));
        int sh = Math.max(1, (int) Math.round(h * scale));
        int[] small = sw == w && sh == h ? labels : resampled(labels, w, h, sw, sh);
        PartPixels pixels = preview.parts(build.car(), build.camera(), sw, sh);
        Ours[] ours = ours(build.car(), pixels);
        JsonObject o = new JsonObject();
        boolean labelledWheel = false;
        for (int id : small) {
            labelledWheel |= id == WHEEL;
        }
        if (labelledWheel) {
            o.addProperty("wheel_iou", iou(ours, Ours.WHEEL, small, WHEEL, WHEEL));
        }
        addIfAny(o, "front_lamp_iou", ours, Ours.FRONT_LAMP, small, FRONT_LEFT_LIGHT, FRONT_RIGHT_LIGHT);
        addIfAny(o, "rear_lamp_iou", ours, Ours.REAR_LAMP, small, BACK_LEFT_LIGHT, BACK_RIGHT_LIGHT);
        addIfAny(o, "glass_iou", ours, Ours.END_GLASS, small, FRONT_GLASS, BACK_GLASS);
        com.google.gson.JsonArray errors = new com.google.gson.JsonArray();
        for (double e : wheelCentreErrors(build, labels, w, h)) {
            errors.add(Math.round(e * 10000) / 10000.0);
        }
        o.add("wheel_centre_errors", errors);
        Boolean right = facesRightWay(pixels, small);
        if (right == null) {
            o.add("faces_right_way", com.google.gson.JsonNull.INSTANCE);
        } else {
            o.addProperty("faces_right_way", right);
            // the same car turned end for end in place: whether the error is that flip
            OrbitCamera c = build.camera();
            OrbitCamera turned = new OrbitCamera(c.azimuthDeg() + 180, c.elevationDeg(), c.distance(), c.fovYDeg(),
                    c.principalX(), c.principalY(), c.rollDeg(), c.targetX(), c.targetY(), c.targetZ(), c.near(),
                    c.far());
            o.addProperty("turned_faces_right_way", facesRightWay(preview.parts(build.car(), turned, sw, sh), small));
        }
        return o;
    }

    private static void addIfAny(JsonObject o, String key, Ours[] ours, Ours part, int[] labels, int idA, int idB) {
        boolean any = false;
        for (int p = 0; p < ours.length && !any; p++) {
            any = ours[p] == part || labels[p] == idA || labels[p] == idB;
        }
        if (any) {
            o.addProperty(key, iou(ours, part, labels, idA, idB));
        }
    }

    /** IoU of our part against the union of two label ids. */
    static double iou(Ours[] ours, Ours part, int[] labels, int idA, int idB) {
        long both = 0;
        long either = 0;
        for (int p = 0; p < ours.length; p++) {
            boolean a = ours[p] == part;
            boolean b = labels[p] == idA || labels[p] == idB;
            both += a && b ? 1 : 0;
            either += a || b ? 1 : 0;
        }
        return either == 0 ? Double.NaN : Math.round(10000.0 * both / either) / 10000.0;
    }

    /**
     * Which way the car faces against the labels: true when the labelled front parts it covers lie
     * mostly on its front half and the rear parts mostly on its rear half; false otherwise; null
     * where the labels show neither end.
     */
    static Boolean facesRightWay(PartPixels pixels, int[] labels) {
        long front = 0;
        long frontOnFront = 0;
        long rear = 0;
        long rearOnRear = 0;
        boolean endsLabelled = false;
        for (int p = 0; p < labels.length; p++) {
            int id = labels[p];
            boolean isFront = id == FRONT_LEFT_LIGHT || id == FRONT_RIGHT_LIGHT || id == FRONT_BUMPER || id == HOOD
                    || id == FRONT_GLASS;
            boolean isRear = id == BACK_LEFT_LIGHT || id == BACK_RIGHT_LIGHT || id == BACK_BUMPER || id == TRUNK
                    || id == TAILGATE || id == BACK_GLASS;
            endsLabelled |= isFront || isRear;
            float z = pixels.carZ()[p];
            if (Float.isNaN(z)) {
                continue;
            }
            if (isFront) {
                front++;
                frontOnFront += z > 0 ? 1 : 0;
            } else if (isRear) {
                rear++;
                rearOnRear += z < 0 ? 1 : 0;
            }
        }
        if (!endsLabelled) {
            return null;
        }
        if (front + rear == 0) {
            return false; // the car misses every labelled end: it cannot face them
        }
        return (front == 0 || 2 * frontOnFront > front) && (rear == 0 || 2 * rearOnRear > rear);
    }

    /**
     * Each labelled wheel region of at least {@link #MIN_WHEEL_REGION} pixels (4-connected): its
     * centroid's distance to the nearest projected wheel centre, over the photo's diagonal.
     */
    static List<Double> wheelCentreErrors(CarBuild build, int[] labels, int w, int h) {
        List<double[]> centres = new ArrayList<>();
        OrbitCamera cam = build.camera();
        for (WheelAnchor a : build.car().wheels()) {
            float[] clip = cam.project(new float[] {a.centerX(), a.centerY(), a.centerZ()}, w / (float) h);
            if (clip[3] > 1e-6f) {
                centres.add(new double[] {(clip[0] / clip[3] + 1) * 0.5 * w, (1 - clip[1] / clip[3]) * 0.5 * h});
            }
        }
        List<Double> errors = new ArrayList<>();
        double diagonal = Math.hypot(w, h);
        boolean[] seen = new boolean[w * h];
        int[] stack = new int[w * h];
        for (int start = 0; start < w * h; start++) {
            if (seen[start] || labels[start] != WHEEL) {
                continue;
            }
            int top = 0;
            stack[top++] = start;
            seen[start] = true;
            long n = 0;
            double sx = 0;
            double sy = 0;
            while (top > 0) {
                int p = stack[--top];
                int x = p % w;
                int y = p / w;
                n++;
                sx += x + 0.5;
                sy += y + 0.5;
                int[] next = {x > 0 ? p - 1 : -1, x < w - 1 ? p + 1 : -1, y > 0 ? p - w : -1, y < h - 1 ? p + w : -1};
                for (int q : next) {
                    if (q >= 0 && !seen[q] && labels[q] == WHEEL) {
                        seen[q] = true;
                        stack[top++] = q;
                    }
                }
            }
            if (n < MIN_WHEEL_REGION) {
                continue;
            }
            double cx = sx / n;
            double cy = sy / n;
            double best = Double.POSITIVE_INFINITY;
            for (double[] c : centres) {
                best = Math.min(best, Math.hypot(c[0] - cx, c[1] - cy));
            }
            errors.add(Double.isInfinite(best) ? 1.0 : best / diagonal);
        }
        return errors;
    }

    /**
     * The body-type preset nearest to a car, in the network's vector (each parameter scaled to its range): a name for what
     * the fit built (the template has no body-type switch of its own).
     *
     * @param params the fitted car
     * @return the nearest preset's type
     */
    static BodyType nearestBodyType(CarParams params) {
        BodyType best = null;
        double bestDistance = Double.POSITIVE_INFINITY;
        float[] v = params.toVector();
        for (BodyType type : BodyType.values()) {
            float[] p = CarParams.preset(type).toVector();
            double d = 0;
            for (int i = 0; i < v.length; i++) {
                d += (v[i] - p[i]) * (double) (v[i] - p[i]); // both already scaled to [0, 1]
            }
            if (d < bestDistance) {
                bestDistance = d;
                best = type;
            }
        }
        return best;
    }
}
