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

import io.github.photo2car.bake.PhotoImage;
import io.github.photo2car.neural.CarSegmenter;
import io.github.photo2car.pipeline.CarCrop;
import io.github.photo2car.raster.MaskIou;
import io.github.photo2car.template.CarParams;
import io.github.photo2car.template.CarTemplate;
import com.google.gson.JsonObject;

import io.github.photo2car.trainer.nn.InverseData;
import io.github.photo2car.trainer.synth.DatasetManifest;
import io.github.photo2car.trainer.nn.InverseNet;
import io.github.photo2car.trainer.nn.InverseTrainer;
import io.github.photo2car.trainer.nn.ShapeBasis;
import io.github.photo2car.trainer.nn.SyntheticInverseData;
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
        if (args.length == 0 || !(args[0].equals("segmenter") || args[0].equals("inverse"))) {
            fail(args.length == 0 ? "which network? (segmenter or inverse)" : "unknown network '" + args[0]
                    + "' (segmenter or inverse)");
        }
        Args a = Args.parse(args);
        if (a == null) {
            System.out.println(usage());
            return;
        }
        if (args[0].equals("inverse")) {
            inverse(a, args);
        } else {
            segmenter(a, args);
        }
    }

    /** The options of both networks, parsed; null from {@link #parse} means help was asked for. */
    private static final class Args {
        final List<Path> data = new ArrayList<>();
        final List<Path> evalPhotos = new ArrayList<>();
        Path validationData;
        Path testData;
        Path out;
        Path checkpoint;
        boolean resume;
        boolean smoke;
        boolean mirror = true;
        int epochs = 12;
        int batch = 16;
        int size = 64;
        int limit = Integer.MAX_VALUE;
        float rate = 2e-3f;
        float silhouette = 1f;
        float parts = 0.1f;
        float residual = 100f;
        Path initialWeights;
        List<String> trainOnly;
        InverseTrainer.ParamLoss paramLoss = InverseTrainer.ParamLoss.CROSS_ENTROPY;
        float sigma = 1.5f;
        long seed = 1;
        double validationFraction = 0.1;

        static Args parse(String[] args) {
            Args a = new Args();
            for (int i = 1; i < args.length; i++) {
                String key = args[i];
                switch (key) {
                    case "--resume" -> a.resume = true;
                    case "--smoke" -> a.smoke = true;
                    case "--no-mirror" -> a.mirror = false;
                    case "-h", "--help" -> {
                        return null;
                    }
                    default -> {
                        if (i + 1 >= args.length) {
                            fail(key + " needs a value");
                        }
                        String v = args[++i];
                        switch (key) {
                            case "--data" -> a.data.add(Paths.get(v));
                            case "--validation-data" -> a.validationData = Paths.get(v);
                            case "--test-data" -> a.testData = Paths.get(v);
                            case "--out" -> a.out = Paths.get(v);
                            case "--checkpoint" -> a.checkpoint = Paths.get(v);
                            case "--epochs" -> a.epochs = Integer.parseInt(v);
                            case "--batch" -> a.batch = Integer.parseInt(v);
                            case "--size" -> a.size = Integer.parseInt(v);
                            case "--limit" -> a.limit = Integer.parseInt(v);
                            case "--lr" -> a.rate = Float.parseFloat(v);
                            case "--silhouette" -> a.silhouette = Float.parseFloat(v);
                            case "--part-weight" -> a.parts = Float.parseFloat(v);
                            case "--residual-weight" -> a.residual = Float.parseFloat(v);
                            case "--init-from" -> a.initialWeights = Paths.get(v);
                            case "--train-only" -> a.trainOnly = List.of(v.split(","));
                            case "--param-loss" -> {
                                switch (v) {
                                    case "l1" -> a.paramLoss = InverseTrainer.ParamLoss.L1;
                                    case "cross-entropy" -> a.paramLoss = InverseTrainer.ParamLoss.CROSS_ENTROPY;
                                    default -> fail("--param-loss must be l1 or cross-entropy, got " + v);
                                }
                            }
                            case "--sigma" -> a.sigma = Float.parseFloat(v);
                            case "--seed" -> a.seed = Long.parseLong(v);
                            case "--validation" -> a.validationFraction = Double.parseDouble(v);
                            case "--eval-photos" -> a.evalPhotos.add(Paths.get(v));
                            default -> fail("unknown option " + key);
                        }
                    }
                }
            }
            if (a.data.isEmpty() || a.out == null) {
                fail("--data and --out are required");
            }
            return a;
        }

        String command(String[] args) {
            return "./photo2car train " + String.join(" ", args);
        }

        String dataNames() {
            return data.stream().map(d -> d.getFileName().toString()).reduce((x, y) -> x + ", " + y).orElse("");
        }

        /** The generator commands that made the data sets, read from their manifests. */
        String madeBy() throws IOException {
            List<Path> all = new ArrayList<>(data);
            if (validationData != null) {
                all.add(validationData);
            }
            if (testData != null) {
                all.add(testData);
            }
            List<String> commands = new ArrayList<>();
            for (Path d : all) {
                JsonObject c = DatasetManifest.read(d).config();
                int w = c.get("width").getAsInt();
                int h = c.get("height").getAsInt();
                commands.add("`./photo2car generate --out " + d + " --cars " + c.get("cars").getAsInt() + " --views "
                        + c.get("viewsPerCar").getAsInt() + " --size " + (w == h ? w + "" : w + "x" + h) + " --seed "
                        + c.get("seed").getAsLong()
                        + (c.has("residualAmplitude") ? " --residual " + c.get("residualAmplitude").getAsString() : "")
                        + (c.has("shortenedShare") ? " --shortened " + c.get("shortenedShare").getAsString() : "")
                        + (c.has("toyShare") ? " --toy " + c.get("toyShare").getAsString() : "")
                        + "`");
            }
            return String.join(", ", commands);
        }
    }

    /** Trains, validates, exports and describes the inverse-graphics network. */
    private static void inverse(Args a, String[] args) throws Exception {
        SyntheticInverseData train;
        InverseData held;
        int carLimit = a.smoke ? 6 : a.limit;
        if (a.validationData != null) {
            train = SyntheticInverseData.load(a.data, a.size, carLimit, a.mirror);
            held = SyntheticInverseData.load(List.of(a.validationData), a.size, a.smoke ? 4 : Integer.MAX_VALUE, false);
        } else {
            SyntheticInverseData all = SyntheticInverseData.load(a.data, a.size, carLimit, false);
            int n = Math.max(1, (int) Math.round(all.cars() * a.validationFraction));
            held = all.range(all.cars() - n, all.cars(), false);
            train = all.range(0, all.cars() - n, a.mirror);
        }
        System.err.printf(Locale.ROOT, "inverse: %d training cars (%s) x %d views and %d validation cars of %d px%n",
                train.cars(), a.mirror ? "half of them mirrored" : "no mirroring", train.views(), held.cars(), a.size);
        ShapeBasis basis = ShapeBasis.fit(a.smoke ? 48 : 256, a.seed);
        InverseTrainer.Options options = new InverseTrainer.Options(a.batch, a.smoke ? 1 : a.epochs,
                a.smoke ? 3 : 0, a.rate, a.smoke ? 1 : 200, a.seed, a.silhouette, a.parts, a.residual, a.sigma,
                a.checkpoint, a.resume, a.initialWeights, a.trainOnly, a.paramLoss);
        try (InverseTrainer trainer = new InverseTrainer(options, basis, train, held)) {
            InverseTrainer.Report last = trainer.run();
            trainer.export(a.out);
            ModelCard card = new ModelCard("inverse", "Camera, shape parameters and paint of the car in a "
                    + a.size + " x " + a.size + " crop (RGB and car mask, cut around the mask's box with "
                    + Math.round(100 * CarCrop.MARGIN) + " % margin as the pipeline does); GANverse3D-style encoder"
                    + " trained on photo2car's synthetic cars with the differentiable rasterizer in the loop."
                    + " Input 'crop' [N, S, S, 4]; outputs 'pose' [N, 3] (sin, cos of azimuth, raw elevation),"
                    + " 'placement' [N, 3], 'params' [N, " + CarParams.vectorSize() + "], 'paint' [N, 3]"
                    + (trainer.residualHeadSilent()
                            ? " (no residual: the residual head was not trained, see InverseTrainer.export)."
                            : ", 'residual_code' [N, " + InverseNet.RESIDUAL_CODE + "] and 'residual' [N, "
                            + 3 * CarTemplate.SHAPE_VERTICES + "] (the code decoded to a displacement per template"
                            + " shape vertex, metres)."));
            card.put("Reproduce", "command", a.command(args))
                    .put("Reproduce", "date", LocalDate.now().toString())
                    .put("Data", "synthetic sets", a.dataNames())
                    .put("Data", "made by", a.madeBy())
                    .put("Data", "training cars (views each)", train.cars() + " (" + train.views() + ")"
                            + (a.mirror ? ", half of them mirror images" : ""))
                    .put("Data", "validation cars", held.cars() + (a.validationData != null
                            ? " from " + a.validationData.getFileName() + " (a seed never trained on)"
                            : " (held out, last of the set)"))
                    .put("Training", "epochs", last.epoch())
                    .put("Training", "steps", last.step())
                    .put("Training", "batch (cars; two views each)", a.batch)
                    .put("Training", "peak learning rate", a.rate)
                    .put("Training", "silhouette weight (rasterizer in the loop)", a.silhouette)
                    .put("Training", "part-map weight (rasterizer in the loop, per view)", a.parts)
                    .put("Training", "parameter loss", a.paramLoss == InverseTrainer.ParamLoss.L1
                            ? "mean absolute error of the sigmoid's output" : "cross-entropy against the sigmoid")
                    .put("Training", "residual weight (mean square per vertex, per m^2)", a.residual)
                    .put("Training", "started from", a.initialWeights == null ? "random weights"
                            : "the weights in " + a.initialWeights + " (heads it lacks start fresh)")
                    .put("Training", "variables trained", a.trainOnly == null ? "all"
                            : "those named " + String.join("*, ", a.trainOnly) + "* (the rest as started)")
                    .put("Training", "seed", a.seed)
                    .put("Training", "shape basis rms error (m)", basis.rmsError())
                    .put("Training", "wall time (s, 2 shared cores)", Math.round(last.seconds()))
                    .put("Synthetic validation (first view of each car)", "azimuth median error (deg)",
                            last.azimuthMedian())
                    .put("Synthetic validation (first view of each car)", "front/back confusions (> 135 deg)",
                            last.frontBackRate())
                    .put("Synthetic validation (first view of each car)", "elevation mean error (deg)",
                            last.elevationMean())
                    .put("Synthetic validation (first view of each car)", "params mean L1 (normalised)",
                            last.paramsL1())
                    .put("Synthetic validation (first view of each car)",
                            "params stuck at a limit (share of outputs < 0.01 or > 0.99 whose truth is within "
                                    + "0.05..0.95)",
                            last.paramsSaturated())
                    .put("Synthetic validation (first view of each car)", "paint mean L1 (sRGB)", last.paintL1())
                    .put("Synthetic validation (first view of each car)",
                            "reprojected silhouette IoU, no test-time fitting (whole picture, its own resolution)",
                            last.reprojectionIou())
                    .put("Synthetic validation (first view of each car)",
                            "the same with distance and principal point from the mask's box (BoxPlacement)",
                            last.boxPlacedIou())
                    .put("Synthetic validation (first view of each car)",
                            "the same without the predicted residual",
                            last.boxPlacedNoResidualIou())
                    .put("Synthetic validation (first view of each car)",
                            "the same for the true car and camera (the template's ceiling)",
                            last.reprojectionCeiling())
                    .put("Synthetic validation (first view of each car)",
                            "part agreement: labelled car pixels showing their class on the box-placed car",
                            last.partAgreement())
                    .put("Synthetic validation (first view of each car)",
                            "predicted residual, rms per vertex (m)", last.residualRms())
                    .put("Synthetic validation (first view of each car)",
                            "predicted minus true residual, rms per vertex (m)", last.residualErrorRms());
            card.write(a.out);
            System.err.printf(Locale.ROOT, "exported %s: azimuth median %.1f deg, reprojected IoU %.3f%n", a.out,
                    last.azimuthMedian(), last.reprojectionIou());
        }
    }

    /** Trains, validates, exports and describes the segmenter. */
    private static void segmenter(Args a, String[] args) throws Exception {
        List<Path> data = a.data;
        Path out = a.out;
        Path checkpoint = a.checkpoint;
        boolean resume = a.resume;
        boolean smoke = a.smoke;
        int epochs = a.epochs;
        int batch = a.batch;
        int limit = a.limit;
        float rate = a.rate;
        long seed = a.seed;
        double validationFraction = a.validationFraction;
        List<Path> evalPhotos = a.evalPhotos;
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
            card.put("Reproduce", "command", a.command(args))
                    .put("Reproduce", "date", LocalDate.now().toString())
                    .put("Data", "synthetic sets", a.dataNames())
                    .put("Data", "made by", a.madeBy())
                    .put("Data", "training images", train.count())
                    .put("Data", "validation images (held out, last of the set)", held.count())
                    .put("Training", "epochs", last.epoch())
                    .put("Training", "steps", last.step())
                    .put("Training", "batch", batch)
                    .put("Training", "peak learning rate", rate)
                    .put("Training", "seed", seed)
                    .put("Training", "parameters", trainer.parameterCount())
                    .put("Training", "wall time (s, 2 shared cores)", Math.round(seconds))
                    .put("Training", "pixel classes", "car first: car where P(background) <= 0.5, then its most"
                            + " probable part (the pipeline's car mask)");
            putMetrics(card, "Synthetic validation", m);
            if (a.testData != null) {
                SegmentationData test = SyntheticSegmentationData.load(List.of(a.testData), smoke ? 8 : Integer.MAX_VALUE);
                putMetrics(card, "Synthetic test: " + a.testData.getFileName() + ", " + test.count()
                        + " images of a seed never trained on", trainer.evaluate(test));
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

    private static void putMetrics(ModelCard card, String section, SegmentationMetrics m) {
        card.put(section, "car-mask IoU", m.maskIou())
                .put(section, "mean IoU (all classes)", m.meanIou())
                .put(section, "pixel accuracy", m.accuracy());
        for (SegmentClass c : SegmentClass.values()) {
            card.put(section, "IoU " + c.name().toLowerCase(Locale.ROOT), m.iou(c));
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
            float[] rgb = PhotoImage.fromArgb(w, h, img.getRGB(0, 0, w, h, null, 0, w), null).rgb();
            long t0 = System.nanoTime();
            Segmentation seg = segmenter.segment(w, h, rgb);
            ms.add((System.nanoTime() - t0) / 1e6);
            float[] car = seg.carProbability(w, h);
            int[] mp = m.getRGB(0, 0, w, h, null, 0, w);
            float[] truth = new float[w * h];
            for (int p = 0; p < truth.length; p++) {
                truth[p] = ((mp[p] >> 8) & 0xff) > 127 ? 1 : 0;
            }
            sum += MaskIou.hard(car, truth);
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
                                                   [--test-data DIR] [--eval-photos DIR]... [--smoke]
                       ./photo2car train inverse --data DIR [--data DIR]... --out DIR [--validation-data DIR] [--size S]
                                                 [--epochs N] [--batch N] [--lr X] [--seed S] [--silhouette W] [--sigma PX2]
                                                 [--part-weight W] [--residual-weight W] [--init-from CHECKPOINT]
                                                 [--train-only PREFIX[,PREFIX]...] [--param-loss l1|cross-entropy]
                                                 [--limit CARS] [--validation F] [--no-mirror] [--checkpoint FILE] [--resume]
                                                 [--smoke]
                  inverse: --size is the crop side (multiple of 32, default 64); --validation-data a data set of another
                  seed (else the last F of the cars are held out); cars are also used mirrored unless --no-mirror;
                  --part-weight weighs the rasterized part-map terms (default 0.1), --residual-weight the residual's
                  mean square per vertex (default 100 per m^2); --init-from starts from an earlier run's weights where
                  names and shapes match (new heads start fresh); --train-only trains only the variables whose
                  names start with a prefix (e.g. code,residual: the residual head over a trained trunk);
                  --param-loss the supervised term on the shape parameters (default cross-entropy, which keeps a
                  gradient on outputs the sigmoid has saturated; l1 is what the networks before session 11 used).
                  segmenter: the last F of the images validate each epoch; --test-data, a data set of another seed,
                  is scored once at the end.""";
    }
}
