package io.github.photo2car.trainer.eval;

import io.github.photo2car.pipeline.CarBuild;
import io.github.photo2car.pipeline.MaskGrid;
import io.github.photo2car.pipeline.PreviewRenderer;
import io.github.photo2car.raster.MaskIou;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Locale;

/**
 * Contact sheets of a photo's conversion that hold no pixel of the photo, so they can be
 * published when the photos may not be: (1) the segmenter's car mask against the reference mask,
 * (2) the built car's outline (body and wheels) through the fitted camera against the reference
 * mask, (3–5) the car in clay from three other sides (turned 90, 180 and 270 degrees). In the two
 * mask panels, grey is where both agree, orange where only the segmenter or the car covers, blue
 * where only the reference does. Without a reference mask (a photo with no NAME_mask.png) the
 * segmenter's own mask is the reference, so the first panel is plain and the second shows how
 * well the car matches the mask it was built from.
 */
final class OutlineSheet {

    private static final int BACKGROUND = 0x202428;
    private static final int AGREE = 0xc8c8c8;
    private static final int ONLY_OURS = 0xf08c28;
    private static final int ONLY_REFERENCE = 0x3c78dc;

    private OutlineSheet() {
    }

    /**
     * @param preview   the renderer (not null)
     * @param build     the conversion's result (not null)
     * @param reference the reference car mask [rh*rw] in [0, 1], row 0 at the top, or null to use
     *                  the segmenter's mask (not modified)
     * @param rw        reference width in pixels
     * @param rh        reference height in pixels
     * @param height    the sheet's height in pixels (&gt; 0)
     * @return a new image, 2 photo-shaped panels and 3 square ones wide
     */
    static BufferedImage draw(PreviewRenderer preview, CarBuild build, float[] reference, int rw, int rh, int height) {
        int h = height;
        int w = Math.max(1, Math.round(h * build.photoAspect()));
        float[] segmented = build.carMask().resampled(w, h);
        boolean given = reference != null;
        float[] truth = given ? new MaskGrid(rw, rh, reference).resampled(w, h) : segmented;
        float[] car = preview.silhouette(build.car(), build.camera(), w, h);
        BufferedImage sheet = new BufferedImage(2 * w + 3 * h, h, BufferedImage.TYPE_INT_RGB);
        sheet.setRGB(0, 0, w, h, overlap(segmented, truth), 0, w);
        sheet.setRGB(w, 0, w, h, overlap(car, truth), 0, w);
        Graphics2D g = sheet.createGraphics();
        float[] turns = PreviewRenderer.sheetTurnsDeg();
        for (int k = 0; k < turns.length; k++) {
            g.drawImage(preview.render(build.car(), null, PreviewRenderer.turnedView(build, turns[k]), h, h, null),
                    2 * w + k * h, 0, null);
        }
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, Math.max(10, h / 18)));
        int line = g.getFontMetrics().getHeight();
        g.setColor(Color.WHITE);
        g.drawString(given ? String.format(Locale.ROOT, "segmented vs mask  IoU %.3f", MaskIou.hard(segmented, truth))
                : "segmented (no reference mask)", 6, line);
        g.drawString(String.format(Locale.ROOT, "car vs %s  IoU %.3f", given ? "mask" : "segmented",
                MaskIou.hard(car, truth)), w + 6, line);
        g.setColor(Color.DARK_GRAY);
        for (int k = 0; k < turns.length; k++) {
            g.drawString(String.format(Locale.ROOT, "+%.0f°", turns[k]), 2 * w + k * h + 6, line);
        }
        g.dispose();
        return sheet;
    }

    /** Packed RGB of two masks compared pixel by pixel (both cut at one half). */
    private static int[] overlap(float[] ours, float[] reference) {
        int[] rgb = new int[ours.length];
        for (int p = 0; p < rgb.length; p++) {
            boolean a = ours[p] >= 0.5f;
            boolean b = reference[p] >= 0.5f;
            rgb[p] = a && b ? AGREE : a ? ONLY_OURS : b ? ONLY_REFERENCE : BACKGROUND;
        }
        return rgb;
    }
}
