package io.github.photo2car.trainer.eval;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Locale;

import com.google.gson.JsonObject;

import io.github.photo2car.pipeline.CarBuild;
import io.github.photo2car.pipeline.PartPixels;
import io.github.photo2car.pipeline.PreviewRenderer;

/**
 * A sheet that compares a photo's part labels with the built car's parts and holds no pixel of
 * the photo, so it can be published when the photo may not be: (1) the labelled parts, (2) the
 * car's parts through its fitted camera, in the same colours, (3) the car's outline over the
 * labelled parts. Colours: wheels dark blue, front lamps yellow, rear lamps red, windscreen and
 * rear window light blue, other front parts (bumper, hood) orange, other rear parts (bumper,
 * trunk, tailgate) purple, everything else labelled grey; our car's front half is drawn lighter
 * than its rear half, so which way it faces shows.
 */
final class PartSheet {

    private static final int BACKGROUND = 0x202428;
    private static final int WHEEL = 0x2040a0;
    private static final int FRONT_LAMP = 0xf0d020;
    private static final int REAR_LAMP = 0xe02020;
    private static final int GLASS = 0x80c0f0;
    private static final int FRONT = 0xf08c28;
    private static final int REAR = 0x9050c0;
    private static final int OTHER = 0x909090;
    private static final int OUR_FRONT_HALF = 0xb4b4b4;
    private static final int OUR_REAR_HALF = 0x707070;
    private static final int OUTLINE = 0xffffff;

    private PartSheet() {
    }

    /**
     * @param preview the renderer (not null)
     * @param build   the conversion's result (not null)
     * @param labels  [lh*lw] the photo's category ids (not modified)
     * @param lw      label width, pixels
     * @param lh      label height, pixels
     * @param scores  the photo's part scores ({@link PartScore#score}), printed on the sheet
     * @param height  the sheet's height in pixels (&gt; 0)
     * @return a new image, 3 photo-shaped panels wide
     */
    static BufferedImage draw(PreviewRenderer preview, CarBuild build, int[] labels, int lw, int lh,
                              JsonObject scores, int height) {
        int h = height;
        int w = Math.max(1, Math.round(h * lw / (float) lh));
        int[] small = PartScore.resampled(labels, lw, lh, w, h);
        PartPixels pixels = preview.parts(build.car(), build.camera(), w, h);
        PartScore.Ours[] ours = PartScore.ours(build.car(), pixels);
        int[] theirs = new int[w * h];
        int[] mine = new int[w * h];
        int[] both = new int[w * h];
        for (int p = 0; p < w * h; p++) {
            theirs[p] = labelColour(small[p]);
            mine[p] = ourColour(ours[p], pixels.carZ()[p]);
            both[p] = theirs[p];
        }
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                boolean in = ours[y * w + x] != PartScore.Ours.NONE;
                boolean edge = in && (x == 0 || y == 0 || x == w - 1 || y == h - 1
                        || ours[y * w + x - 1] == PartScore.Ours.NONE || ours[y * w + x + 1] == PartScore.Ours.NONE
                        || ours[(y - 1) * w + x] == PartScore.Ours.NONE || ours[(y + 1) * w + x] == PartScore.Ours.NONE);
                if (edge) {
                    both[y * w + x] = OUTLINE;
                }
            }
        }
        BufferedImage sheet = new BufferedImage(3 * w, h, BufferedImage.TYPE_INT_RGB);
        sheet.setRGB(0, 0, w, h, theirs, 0, w);
        sheet.setRGB(w, 0, w, h, mine, 0, w);
        sheet.setRGB(2 * w, 0, w, h, both, 0, w);
        Graphics2D g = sheet.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, Math.max(10, h / 18)));
        int line = g.getFontMetrics().getHeight();
        g.setColor(Color.WHITE);
        g.drawString("labelled parts", 6, line);
        g.drawString(String.format(Locale.ROOT, "our car (az %.0f°)", build.camera().azimuthDeg()), w + 6, line);
        g.drawString(String.format(Locale.ROOT, "wheel %s lamps %s/%s", score(scores, "wheel_iou"),
                score(scores, "front_lamp_iou"), score(scores, "rear_lamp_iou")), 2 * w + 6, line);
        g.drawString(!scores.has("faces_right_way") || scores.get("faces_right_way").isJsonNull() ? "no ends labelled"
                : scores.get("faces_right_way").getAsBoolean() ? "faces the right way" : "faces the WRONG way",
                2 * w + 6, 2 * line);
        g.dispose();
        return sheet;
    }

    private static String score(JsonObject o, String key) {
        return o.has(key) ? String.format(Locale.ROOT, "%.2f", o.get(key).getAsDouble()) : "-";
    }

    /** The colour of a label id (the categories of {@link PartScore}). */
    private static int labelColour(int id) {
        return switch (id) {
            case 0 -> BACKGROUND;
            case PartScore.WHEEL -> WHEEL;
            case PartScore.FRONT_LEFT_LIGHT, PartScore.FRONT_RIGHT_LIGHT -> FRONT_LAMP;
            case PartScore.BACK_LEFT_LIGHT, PartScore.BACK_RIGHT_LIGHT -> REAR_LAMP;
            case PartScore.FRONT_GLASS, PartScore.BACK_GLASS -> GLASS;
            case PartScore.FRONT_BUMPER, PartScore.HOOD -> FRONT;
            case PartScore.BACK_BUMPER, PartScore.TRUNK, PartScore.TAILGATE -> REAR;
            default -> OTHER;
        };
    }

    /** The colour of our part; body panels lighter on the car's front half. */
    private static int ourColour(PartScore.Ours part, float carZ) {
        return switch (part) {
            case NONE -> BACKGROUND;
            case WHEEL -> WHEEL;
            case FRONT_LAMP -> FRONT_LAMP;
            case REAR_LAMP -> REAR_LAMP;
            case END_GLASS -> GLASS;
            case OTHER -> carZ > 0 ? OUR_FRONT_HALF : OUR_REAR_HALF;
        };
    }
}
