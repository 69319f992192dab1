package io.github.photo2car.trainer.cli;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import io.github.photo2car.neural.CarSegmenter;
import io.github.photo2car.neural.SegmentClass;
import io.github.photo2car.neural.Segmentation;
import io.github.photo2car.trainer.nn.ModelCard;
import io.github.photo2car.trainer.nn.SegmentationData;
import io.github.photo2car.trainer.nn.SegmentationMetrics;
import io.github.photo2car.trainer.nn.SegmenterTrainer;
import io.github.photo2car.trainer.nn.SyntheticSegmentationData;

/**
 * {@code ./photo2car train segmenter --data DIR --out DIR [options]}: trains the car segmenter on a
 * synthetic data set, validates on its last samples (never trained on), exports the SavedModel
 * with its model card, and measures the exported model through DJL on real photos with masks
 * ({@code --eval-photos DIR}, repeatable). {@code --smoke} runs a few steps for CI.
 */
public final class TrainCommand {

    private TrainCommand() {
    }

    /**
     * @param args see {@link #usage()} (not modified)
     * @throws Exception if training or export fails
     */
    public static void main(String[] args) throws Exception {
        if (args.length == 0 || !args[0].equals("segmenter")) {
            fail(args.length == 0 ? "which network? (segmenter)" : "unknown network '" + args[0]
                    + "' (segmenter; the inverse-graphics network trains from its test harness for now)");
        }
        List<Path> data = new ArrayList<>();
        Path out = null;
        Path checkpoint = null;
        boolean resume = false;
        boolean smoke = false;
        int epochs = 12;
        int batch = 16;
        int limit = Integer.MAX_VALUE;
        float rate = 2e-3f;
        long seed = 1;
        double validationFraction = 0.1;
        List<Path> evalPhotos = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--resume" -> resume = true;
                case "--smoke" -> smoke = true;
                case "-h", "--help" -> {
                    System.out.println(usage());
                    return;
                }
                default -> {
                    if (i + 1 >= args.length) {
                        fail(a + " needs a value");
                    }
                    String v = args[++i];
                    switch (a) {
                        case "--data" -> data.add(Paths.get(v));
                        case "--out" -> out = Paths.get(v);
                        case "--checkpoint" -> checkpoint = Paths.get(v);
                        case "--epochs" -> epochs = Integer.parseInt(v);
                        case "--batch" -> batch = Integer.parseInt(v);
                        case "--limit" -> limit = Integer.parseInt(v);
                        case "--lr" -> rate = Float.parseFloat(v);
                        case "--seed" -> seed = Long.parseLong(v);
                        case "--validation" -> validationFraction = Double.parseDouble(v);
                        case "--eval-photos" -> evalPhotos.add(Paths.get(v));
                        default -> fail("unknown option " + a);
                    }
                }
            }
        }
        if (data.isEmpty() || out == null) {
            fail("--data and --out are required");
        }
        SyntheticSegmentationData all = SyntheticSegmentationData.load(data, smoke ? 24 : limit);
        int validation = Math.max(1, (int) Math.round(all.count() * validationFraction));
        SegmentationData train = all.range(0, all.count() - validation);
        SegmentationData held = all.range(all.count() - validation, all.count());
        SegmenterTrainer.Options options = new SegmenterTrainer.Options(batch, smoke ? 1 : epochs, smoke ? 3 : 0,
                rate, smoke ? 1 : 200, seed, checkpoint, resume);
        System.err.printf(Locale.ROOT, "segmenter: %d training and %d validation images of %d px from %s%n",
                train.count(), held.count(), all.size(), data);
        try (SegmenterTrainer trainer = new SegmenterTrainer(options, train, held)) {
            SegmenterTrainer.EpochReport last = trainer.run();
            double seconds = last.seconds();
            SegmentationMetrics m = trainer.evaluate(held);
            trainer.export(out);
            ModelCard card = new ModelCard("segmenter", "Per-pixel car parts (" + String.join(", ",
                    classNames()) + ") of a photo letterboxed to " + all.size() + " x " + all.size()
                    + " pixels; a U-Net trained on photo2car's procedural synthetic cars. Input 'image' [N, S, S, 3]"
                    + " RGB in [0, 1]; output 'probabilities' [N, S, S, " + SegmentClass.COUNT + "].");
            card.put("Reproduce", "command", "./photo2car train segmenter " + String.join(" ",
                    List.of(args).subList(1, args.length)))
                    .put("Reproduce", "date", LocalDate.now().toString())
                    .put("Data", "synthetic sets", data.stream().map(d -> d.getFileName().toString())
                            .reduce((a, b) -> a + ", " + b).orElse(""))
                    .put("Data", "training images", train.count())
                    .put("Data", "validation images (held out, last of the set)", held.count())
                    .put("Training", "epochs", last.epoch())
                    .put("Training", "steps", last.step())
                    .put("Training", "batch", batch)
                    .put("Training", "peak learning rate", rate)
                    .put("Training", "seed", seed)
                    .put("Training", "parameters", trainer.parameterCount())
                    .put("Training", "wall time (s, 2 shared cores)", Math.round(seconds))
                    .put("Synthetic validation", "car-mask IoU", m.maskIou())
                    .put("Synthetic validation", "mean IoU (all classes)", m.meanIou())
                    .put("Synthetic validation", "pixel accuracy", m.accuracy());
            for (SegmentClass c : SegmentClass.values()) {
                card.put("Synthetic validation", "IoU " + c.name().toLowerCase(Locale.ROOT), m.iou(c));
            }
            if (!evalPhotos.isEmpty()) {
                try (CarSegmenter segmenter = CarSegmenter.load(out, all.size())) {
                    for (Path dir : evalPhotos) {
                        double[] r = realPhotos(segmenter, dir);
                        card.put("Real photos (through DJL)", dir.getFileName() + ": photos", (int) r[1])
                                .put("Real photos (through DJL)", dir.getFileName() + ": mean mask IoU", r[0])
                                .put("Real photos (through DJL)", dir.getFileName() + ": median ms per photo", r[2]);
                    }
                }
            }
            card.write(out);
            System.err.printf(Locale.ROOT, "exported %s: validation mask IoU %.4f, mIoU %.4f%n", out, m.maskIou(),
                    m.meanIou());
        }
    }

    /** Mean mask IoU over the photos of dir that have a NAME_mask.png; returns {iou, count, median ms}. */
    static double[] realPhotos(CarSegmenter segmenter, Path dir) throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> {
                String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                return (n.endsWith(".jpg") || n.endsWith(".png")) && !n.endsWith("_mask.png");
            }).sorted().toList();
        }
        double sum = 0;
        int n = 0;
        List<Double> ms = new ArrayList<>();
        for (Path f : files) {
            String name = f.getFileName().toString();
            Path mask = f.resolveSibling(name.substring(0, name.lastIndexOf('.')) + "_mask.png");
            if (!Files.exists(mask)) {
                continue;
            }
            BufferedImage img = ImageIO.read(f.toFile());
            BufferedImage m = ImageIO.read(mask.toFile());
            int w = img.getWidth();
            int h = img.getHeight();
            int[] px = img.getRGB(0, 0, w, h, null, 0, w);
            float[] rgb = new float[3 * w * h];
            for (int p = 0; p < w * h; p++) {
                rgb[3 * p] = ((px[p] >> 16) & 0xff) / 255f;
                rgb[3 * p + 1] = ((px[p] >> 8) & 0xff) / 255f;
                rgb[3 * p + 2] = (px[p] & 0xff) / 255f;
            }
            long t0 = System.nanoTime();
            Segmentation seg = segmenter.segment(w, h, rgb);
            ms.add((System.nanoTime() - t0) / 1e6);
            float[] car = seg.carProbability(w, h);
            int[] mp = m.getRGB(0, 0, w, h, null, 0, w);
            long both = 0;
            long either = 0;
            for (int p = 0; p < w * h; p++) {
                boolean a = car[p] > 0.5f;
                boolean b = ((mp[p] >> 8) & 0xff) > 127;
                both += a && b ? 1 : 0;
                either += a || b ? 1 : 0;
            }
            sum += either == 0 ? 1 : both / (double) either;
            n++;
        }
        double median = ms.isEmpty() ? Double.NaN : ms.stream().sorted().toList().get(ms.size() / 2);
        return new double[] {n == 0 ? Double.NaN : sum / n, n, median};
    }

    private static List<String> classNames() {
        List<String> names = new ArrayList<>();
        for (SegmentClass c : SegmentClass.values()) {
            names.add(c.name().toLowerCase(Locale.ROOT));
        }
        return names;
    }

    private static void fail(String message) {
        System.err.println("train: " + message);
        System.err.println(usage());
        System.exit(2);
    }

    static String usage() {
        return """
                Usage: ./photo2car train segmenter --data DIR [--data DIR]... --out DIR [--epochs N] [--batch N] [--lr X] [--seed S]
                                                   [--limit N] [--validation F] [--checkpoint FILE] [--resume]
                                                   [--eval-photos DIR]... [--smoke]""";
    }
}
