package io.github.photo2car.trainer.bench;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Locale;

import javax.imageio.ImageIO;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;

import io.github.photo2car.bake.PhotoImage;
import io.github.photo2car.neural.CarSegmenter;
import io.github.photo2car.neural.InstalledModels;
import io.github.photo2car.neural.InverseGraphics;
import io.github.photo2car.neural.Segmentation;
import io.github.photo2car.neural.TensorFlowRuntime;
import io.github.photo2car.pipeline.CarCrop;

/**
 * {@code ./photo2car bench-models [--runs N] [--json FILE]}: how fast the two shipped networks
 * load and answer through DJL, in one fresh JVM: the TensorFlow engine, then each model's
 * load and warm-up, then N runs of what the pipeline asks of them for one photo (the whole photo
 * letterboxed, a closer window around the car, and the inverse network on its crop), reported as
 * medians. The photo is the bundled sample (640 x 480).
 */
public final class ModelBenchmark {

    private ModelBenchmark() {
    }

    /**
     * @param args see the class comment (not modified)
     * @throws IOException if the models or the sample cannot be read, or the JSON not written
     */
    public static void main(String[] args) throws IOException {
        int runs = 30;
        Path json = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--json" -> json = Paths.get(args[++i]);
                default -> {
                    System.err.println("Usage: ./photo2car bench-models [--runs N] [--json FILE]");
                    System.exit(2);
                }
            }
        }
        BufferedImage img;
        try (InputStream in = ModelBenchmark.class.getClassLoader()
                .getResourceAsStream("photo2car/assets/samples/sample-car.png")) {
            if (in == null) {
                throw new IOException("the sample photo is missing from the class path");
            }
            img = ImageIO.read(in);
        }
        int w = img.getWidth();
        int h = img.getHeight();
        float[] rgb = PhotoImage.fromArgb(w, h, img.getRGB(0, 0, w, h, null, 0, w), null).rgb();
        long t0 = System.nanoTime();
        TensorFlowRuntime.engine();
        long t1 = System.nanoTime();
        try (CarSegmenter segmenter = InstalledModels.segmenter().orElseThrow(() -> new IOException("no segmenter"));
             InverseGraphics inverse = InstalledModels.inverse().orElseThrow(() -> new IOException("no inverse"))) {
            long t2 = System.nanoTime();
            double[] ms = new double[runs];
            for (int r = 0; r < runs; r++) {
                long a = System.nanoTime();
                Segmentation whole = segmenter.segment(w, h, rgb);
                float[] car = whole.carProbability(w, h);
                int[] box = box(car, w, h);
                double side = 1.3 * Math.max(box[2] - box[0] + 1, box[3] - box[1] + 1);
                float[] closer = segmenter.segmentWindow(w, h, rgb, 0.5 * (box[0] + box[2] + 1) - side / 2,
                        0.5 * (box[1] + box[3] + 1) - side / 2, side).carProbability(w, h);
                CarCrop crop = CarCrop.cut(w, h, rgb, closer, w, h, box(closer, w, h), InstalledModels.INVERSE_SIZE,
                        CarCrop.MARGIN);
                inverse.estimate(crop.pixels());
                ms[r] = (System.nanoTime() - a) / 1e6;
            }
            Arrays.sort(ms);
            JsonObject o = new JsonObject();
            o.addProperty("date", LocalDate.now().toString());
            o.addProperty("cores", Runtime.getRuntime().availableProcessors());
            o.addProperty("photo", w + "x" + h + " bundled sample");
            o.addProperty("engine_load_ms", Math.round((t1 - t0) / 1e6));
            o.addProperty("both_models_load_and_warm_up_ms", Math.round((t2 - t1) / 1e6));
            o.addProperty("runs", runs);
            o.addProperty("median_ms_per_photo", Math.round(ms[runs / 2] * 10) / 10.0);
            o.addProperty("max_ms_per_photo", Math.round(ms[runs - 1] * 10) / 10.0);
            o.addProperty("includes", "segment whole photo + closer window + inverse network on its crop,"
                    + " with the probability read-backs and the crop at photo resolution");
            String text = new GsonBuilder().setPrettyPrinting().create().toJson(o);
            System.out.println(text);
            if (json != null) {
                Files.writeString(json, text + "\n");
            }
            System.err.printf(Locale.ROOT, "engine %d ms, both models %d ms, median %.1f ms per photo%n",
                    Math.round((t1 - t0) / 1e6), Math.round((t2 - t1) / 1e6), ms[runs / 2]);
        }
    }

    /** Bounding box {minX, minY, maxX, maxY} of probabilities above 0.5 (the whole image if none). */
    private static int[] box(float[] p, int w, int h) {
        int[] b = {w, h, -1, -1};
        for (int i = 0; i < p.length; i++) {
            if (p[i] > 0.5f) {
                b[0] = Math.min(b[0], i % w);
                b[1] = Math.min(b[1], i / w);
                b[2] = Math.max(b[2], i % w);
                b[3] = Math.max(b[3], i / w);
            }
        }
        return b[2] < 0 ? new int[] {0, 0, w - 1, h - 1} : b;
    }
}
