package io.github.photo2car.neural;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;

import org.junit.jupiter.api.Test;

import io.github.photo2car.bake.PhotoImage;
import io.github.photo2car.raster.MaskIou;

/**
 * The segmenter that ships in the jar loads through DJL from the class path and still gives the
 * answers it gave when it was committed: on the bundled sample photo (a render of ours whose
 * alpha channel is the true car mask) the car mask matches and the numbers are unchanged.
 */
class ShippedSegmenterTest {

    @Test
    void shippedSegmenterFindsTheSampleCar() throws Exception {
        assertTrue(InstalledModels.isInstalled(InstalledModels.SEGMENTER), "the segmenter ships in the jar");
        BufferedImage img = SamplePhoto.read();
        int w = img.getWidth();
        int h = img.getHeight();
        int[] argb = img.getRGB(0, 0, w, h, null, 0, w);
        float[] rgb = PhotoImage.fromArgb(w, h, argb, null).rgb();
        long t0 = System.nanoTime();
        try (CarSegmenter segmenter = InstalledModels.segmenter().orElseThrow()) {
            double loadMs = (System.nanoTime() - t0) / 1e6;
            long t1 = System.nanoTime();
            Segmentation seg = segmenter.segment(w, h, rgb);
            double runMs = (System.nanoTime() - t1) / 1e6;
            float[] car = seg.carProbability(w, h);
            // the sample's alpha channel is its true mask
            float[] truth = new float[w * h];
            double sum = 0;
            for (int p = 0; p < w * h; p++) {
                truth[p] = (argb[p] >>> 24) / 255f;
                sum += car[p];
            }
            double iou = MaskIou.hard(car, truth);
            double mean = sum / (w * h);
            System.out.printf("shipped segmenter: load + warm-up %.0f ms, one photo %.0f ms, sample mask IoU %.4f,"
                    + " mean car probability %.5f, car score %.3f%n", loadMs, runMs, iou, mean, seg.carScore());
            assertTrue(iou > 0.85, "sample mask IoU " + iou);
            assertTrue(seg.carScore() > 0.5f, "car score " + seg.carScore());
            assertEquals(MEAN_CAR_PROBABILITY, mean, 1e-3, "the shipped model's output changed");
            // averaging with the mirror makes the answer mirror-symmetric: the mirrored photo's
            // answer is the photo's answer mirrored
            int size = segmenter.size();
            float[] square = new Letterbox(w, h, size).apply(rgb);
            float[] mirrored = new float[square.length];
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    System.arraycopy(square, 3 * (y * size + x), mirrored, 3 * (y * size + size - 1 - x), 3);
                }
            }
            float[] a = segmenter.runWithMirror(square);
            float[] b = segmenter.runWithMirror(mirrored);
            int c = SegmentClass.COUNT;
            double worst = 0;
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    for (int k = 0; k < c; k++) {
                        worst = Math.max(worst, Math.abs(a[(y * size + x) * c + k]
                                - b[(y * size + size - 1 - x) * c + k]));
                    }
                }
            }
            assertTrue(worst < 1e-4, "mirror symmetry broken by " + worst);
            // and it is not the plain answer: the mirror adds information
            float[] plain = segmenter.run(square);
            double differs = 0;
            for (int i = 0; i < plain.length; i++) {
                differs = Math.max(differs, Math.abs(plain[i] - a[i]));
            }
            assertTrue(differs > 1e-3, "the mirrored pass changed nothing");
        }
    }

    /** Mean car probability over the sample photo, recorded when the model was committed. */
    private static final double MEAN_CAR_PROBABILITY = 0.16403;
}
