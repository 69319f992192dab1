package io.github.photo2car.trainer.eval;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;

/** Putting an evaluation's contact sheets together into one overview picture. */
final class ContactSheets {

    private ContactSheets() {
    }

    /**
     * The sheets one under another at half size, left-aligned.
     *
     * @param sheets the sheets (not null, not modified)
     * @return a new image
     */
    static BufferedImage stack(List<BufferedImage> sheets) {
        int w = sheets.stream().mapToInt(BufferedImage::getWidth).max().orElse(1) / 2;
        int h = sheets.stream().mapToInt(s -> s.getHeight() / 2).sum();
        BufferedImage all = new BufferedImage(Math.max(1, w), Math.max(1, h), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = all.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        int y = 0;
        for (BufferedImage s : sheets) {
            g.drawImage(s, 0, y, s.getWidth() / 2, s.getHeight() / 2, null);
            y += s.getHeight() / 2;
        }
        g.dispose();
        return all;
    }
}
