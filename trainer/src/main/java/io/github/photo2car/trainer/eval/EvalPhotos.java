package io.github.photo2car.trainer.eval;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import io.github.photo2car.bake.PhotoImage;
import io.github.photo2car.neural.CarSegmenter;
import io.github.photo2car.neural.InstalledModels;
import io.github.photo2car.neural.InverseGraphics;
import io.github.photo2car.pipeline.CarBuild;
import io.github.photo2car.pipeline.ConversionException;
import io.github.photo2car.pipeline.ConversionListener;
import io.github.photo2car.pipeline.ConversionOptions;
import io.github.photo2car.pipeline.PhotoToCarPipeline;
import io.github.photo2car.pipeline.PreviewRenderer;
import io.github.photo2car.pipeline.Stage;
import io.github.photo2car.raster.OrbitCamera;
import io.github.photo2car.raster.MaskIou;
import io.github.photo2car.raster.RasterBackend;
import io.github.photo2car.raster.RasterBackends;
import io.github.photo2car.trainer.cli.ProgressBar;

/**
 * {@code ./photo2car eval --photos DIR --json FILE [--turntable DEG] [--pictures DIR] [--outlines DIR]
 * [--pair-offset K]}: converts every photo of a folder (NAME.jpg or .png, with an optional
 * NAME_mask.png) and scores the result against the masks: {@code mean_reproj_iou} (the fitted car
 * re-rendered through the fitted camera against the mask), for turntables
 * {@code mean_novel_view_iou} (the car fitted on photo i, turned by the declared step, against
 * the mask of photo i+1) and {@code mean_other_views_iou} (turned to every other photo of the
 * turntable), {@code median_seconds}, failures, and a per-photo list. With {@code --pair-offset K}
 * each car is built from photo i and photo i+K together (several photos of one car), the other
 * views leave both out, and {@code single_photo} holds the same scores for photo i alone. Without a segmenter model the pipeline uses the given masks
 * ({@code mask_source: "given"}), which then measures fitting, not segmentation, and
 * {@code mean_mask_iou} is null; so are both means when no photo has a mask (then the run still
 * times the conversions and writes the sheets). The cars are scored as the game shows them, body and wheels
 * ({@link PreviewRenderer#silhouette}): the masks include the tyres. {@code --pictures} writes a
 * contact sheet per photo: the photo, the car drawn over it from the fitted camera, and three
 * other views. {@code --outlines} writes sheets that hold no pixel of the photo
 * ({@link OutlineSheet}: masks compared, the car's outline against the mask, clay views) and
 * {@code all.png}, for publishing results on photos that may not be published. Photos with part
 * labels ({@code NAME_parts.png}, the Car Parts categories) are also scored part by part
 * ({@link PartScore}: wheels, lamps, glass, wheel centres, which way the car faces) with their
 * means at the top of the JSON, and every photo records the fitted {@code body_type} (nearest
 * preset) and {@code length_m}; with {@code --outlines} each such photo also gets a part sheet
 * ({@link PartSheet}: labelled parts, ours, our outline over theirs; no pixel of the photo).
 */
public final class EvalPhotos {

    /** Scores are computed on masks no larger than this (longer side, pixels). */
    private static final int SCORE_SIZE = 512;
    private static final int SHEET_HEIGHT = 240;

    private EvalPhotos() {
    }

    /**
     * @param args see the class comment (not modified)
     * @throws IOException if the folder or the output cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        Path photos = null;
        Path json = null;
        Path pictures = null;
        Path outlines = null;
        double turntable = Double.NaN;
        int fitIterations = ConversionOptions.defaults().fitIterations();
        boolean givenMasks = false;
        boolean noInverse = false;
        boolean facingCheck = true;
        boolean azimuthSweep = true;
        float fovY = ConversionOptions.defaults().assumedFovYDeg();
        Path inverseDir = null;
        int pairOffset = 0;
        int cropSize = ConversionOptions.defaults().cropSize();
        int extraIterations = ConversionOptions.defaults().extraPhotoIterations();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("-h") || a.equals("--help")) {
                System.out.println(usage());
                return;
            }
            if (a.equals("--given-masks")) {
                givenMasks = true;
                continue;
            }
            if (a.equals("--no-inverse")) {
                noInverse = true;
                continue;
            }
            if (a.equals("--no-azimuth-sweep")) {
                azimuthSweep = false;
                continue;
            }
            if (a.equals("--no-facing-check")) {
                facingCheck = false;
                continue;
            }
            if (i + 1 >= args.length) {
                fail(a + " needs a value");
            }
            String value = args[++i];
            switch (a) {
                case "--photos" -> photos = Paths.get(value);
                case "--json" -> json = Paths.get(value);
                case "--pictures" -> pictures = Paths.get(value);
                case "--outlines" -> outlines = Paths.get(value);
                case "--turntable" -> turntable = Double.parseDouble(value);
                case "--fit-iterations" -> fitIterations = Integer.parseInt(value);
                case "--inverse" -> inverseDir = Paths.get(value);
                case "--pair-offset" -> pairOffset = Integer.parseInt(value);
                case "--crop-size" -> cropSize = Integer.parseInt(value);
                case "--fov" -> fovY = Float.parseFloat(value);
                case "--extra-photo-iterations" -> extraIterations = Integer.parseInt(value);
                default -> fail("unknown option " + a);
            }
        }
        if (photos == null || json == null) {
            fail("--photos and --json are required");
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(photos)) {
            files = list.filter(EvalPhotos::isPhoto).sorted().toList();
        }
        if (files.isEmpty()) {
            fail("no photos (.jpg, .jpeg, .png other than *_mask.png) in " + photos);
        }
        if (pairOffset < 0 || (pairOffset > 0 && pairOffset % files.size() == 0)) {
            fail("--pair-offset must name another photo: 1.." + (files.size() - 1));
        }
        if (pictures != null) {
            Files.createDirectories(pictures);
        }
        if (outlines != null) {
            Files.createDirectories(outlines);
        }
        List<BufferedImage> outlineSheets = new ArrayList<>();
        RasterBackend backend = RasterBackends.javaBackend();
        CarSegmenter segmenter = givenMasks ? null : InstalledModels.segmenter().orElse(null);
        InverseGraphics inverse = noInverse ? null : inverseDir != null
                ? InverseGraphics.load(inverseDir, InstalledModels.INVERSE_SIZE)
                : InstalledModels.inverse().orElse(null);
        PhotoToCarPipeline pipeline = new PhotoToCarPipeline(backend, segmenter, inverse,
                ConversionOptions.defaults().withFitIterations(fitIterations).withTextureSize(512)
                        .withCropSize(cropSize).withExtraPhotoIterations(extraIterations).withFacingCheck(facingCheck)
                        .withAzimuthSweep(azimuthSweep).withAssumedFovYDeg(fovY));
        PreviewRenderer preview = new PreviewRenderer(backend);
        ProgressBar bar = new ProgressBar(System.err, "eval", files.size());
        List<JsonObject> perPhoto = new ArrayList<>();
        List<CarBuild> builds = new ArrayList<>();
        List<CarBuild> singles = new ArrayList<>();
        List<float[]> masks = new ArrayList<>();
        List<int[]> maskSizes = new ArrayList<>();
        int failures = 0;
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            JsonObject o = new JsonObject();
            o.addProperty("photo", file.getFileName().toString());
            CarBuild build = null;
            CarBuild single = null;
            float[] scoreMask = null;
            int[] size = null;
            try {
                BufferedImage img = ImageIO.read(file.toFile());
                if (img == null) {
                    throw new IOException("not an image");
                }
                Path maskFile = maskOf(file);
                float[] mask = Files.exists(maskFile) ? readMask(maskFile, img.getWidth(), img.getHeight()) : null;
                PhotoImage photo = toPhoto(img, mask);
                List<PhotoImage> input = new ArrayList<>();
                input.add(segmenter != null ? photo.withMask(null) : photo);
                if (pairOffset > 0) {
                    Path partner = files.get((i + pairOffset) % files.size());
                    o.addProperty("paired_with", partner.getFileName().toString());
                    input.add(readInput(partner, segmenter != null));
                }
                long t0 = System.nanoTime();
                build = pipeline.convert(input, ConversionListener.NONE, null);
                double seconds = (System.nanoTime() - t0) / 1e9;
                o.addProperty("seconds", round(seconds));
                o.addProperty("fit_iou", round(build.fitIou()));
                JsonObject stages = new JsonObject();
                build.stageMillis().forEach((stage, ms) -> stages.addProperty(stage.name().toLowerCase(Locale.ROOT), ms));
                o.add("stage_ms", stages);
                o.addProperty("azimuth_deg", round(build.camera().azimuthDeg()));
                o.addProperty("elevation_deg", round(build.camera().elevationDeg()));
                o.add("params", TemplateEvalReport.paramsJson(build.car().params()));
                o.addProperty("body_type", PartScore.nearestBodyType(build.car().params()).name().toLowerCase(Locale.ROOT));
                o.addProperty("length_m", round(build.car().params().length()));
                JsonArray w = new JsonArray();
                build.warnings().forEach(w::add);
                o.add("warnings", w);
                if (mask != null) {
                    PhotoImage small = photo.shrunkTo(SCORE_SIZE * SCORE_SIZE * img.getHeight() / Math.max(1, img.getWidth()));
                    size = new int[] {small.width(), small.height()};
                    scoreMask = small.maskOrNull();
                    o.addProperty("reproj_iou", round(MaskIou.hard(preview.silhouette(build.car(), build.camera(), size[0], size[1]), scoreMask)));
                    if (segmenter != null) {
                        // the mask the pipeline built the car from (segmenter, closer look, largest car)
                        o.addProperty("mask_iou", round(MaskIou.hard(build.carMask().resampled(size[0], size[1]), scoreMask)));
                    }
                }
                Path partsFile = labelOf(file, "_parts.png");
                if (Files.exists(partsFile)) {
                    int[] labels = PartScore.readLabels(partsFile, img.getWidth(), img.getHeight());
                    JsonObject parts = PartScore.score(build, preview, labels, img.getWidth(), img.getHeight(),
                            SCORE_SIZE);
                    o.add("parts", parts);
                    if (outlines != null) {
                        ImageIO.write(PartSheet.draw(preview, build, labels, img.getWidth(), img.getHeight(), parts,
                                SHEET_HEIGHT), "png", labelOf(outlines.resolve(file.getFileName()), "_parts_sheet.png")
                                .toFile());
                    }
                }
                if (pairOffset > 0) {
                    // the same photo alone, scored the same way: what the second photo changed
                    long t1 = System.nanoTime();
                    single = pipeline.convert(input.get(0), ConversionListener.NONE, null);
                    o.addProperty("single_seconds", round((System.nanoTime() - t1) / 1e9));
                    if (scoreMask != null) {
                        o.addProperty("single_reproj_iou", round(MaskIou.hard(preview.silhouette(single.car(),
                                single.camera(), size[0], size[1]), scoreMask)));
                    }
                }
                if (pictures != null) {
                    ImageIO.write(preview.sheet(img, build, SHEET_HEIGHT), "png", sheetFile(pictures, file).toFile());
                }
                if (outlines != null) {
                    BufferedImage sheet = size == null ? OutlineSheet.draw(preview, build, null, 0, 0, SHEET_HEIGHT)
                            : OutlineSheet.draw(preview, build, scoreMask, size[0], size[1], SHEET_HEIGHT);
                    ImageIO.write(sheet, "png", sheetFile(outlines, file).toFile());
                    outlineSheets.add(sheet);
                }
            } catch (ConversionException | IOException | RuntimeException e) {
                failures++;
                o.addProperty("error", e.getMessage());
            }
            perPhoto.add(o);
            builds.add(build);
            singles.add(single);
            masks.add(scoreMask);
            maskSizes.add(size);
            bar.update(i + 1, file.getFileName().toString());
        }
        JsonObject root = new JsonObject();
        root.addProperty("date", LocalDate.now().toString());
        root.addProperty("photos_dir", photos.getFileName().toString());
        root.addProperty("mask_source", segmenter != null ? "segmenter" : "given");
        root.addProperty("estimator", inverse == null ? "pose search" : inverseDir != null
                ? "inverse-graphics network " + inverseDir.getFileName() : "inverse-graphics network (shipped)");
        root.addProperty("fit_iterations", fitIterations);
        root.addProperty("facing_check", facingCheck);
        root.addProperty("azimuth_sweep", azimuthSweep);
        root.addProperty("assumed_fov_y_deg", fovY);
        if (pairOffset > 0) {
            root.addProperty("pair_offset", pairOffset);
            root.addProperty("extra_photo_iterations", extraIterations);
        }
        root.addProperty("count", files.size());
        root.addProperty("failures", failures);
        // null where nothing was scored: no segmenter, or no photo came with a mask
        addScore(root, "mean_mask_iou", mean(perPhoto, "mask_iou"));
        addScore(root, "mean_reproj_iou", mean(perPhoto, "reproj_iou"));
        addPartScores(root, perPhoto);
        if (!Double.isNaN(turntable)) {
            root.addProperty("turntable_step_deg", turntable);
            addNovelViews(root, perPhoto, "", preview, builds, masks, maskSizes, turntable, pairOffset);
        }
        if (pairOffset > 0) {
            JsonObject alone = new JsonObject();
            addScore(alone, "mean_reproj_iou", mean(perPhoto, "single_reproj_iou"));
            if (!Double.isNaN(turntable)) {
                addNovelViews(alone, perPhoto, "single_", preview, singles, masks, maskSizes, turntable, pairOffset);
            }
            double[] t = perPhoto.stream().filter(o -> o.has("single_seconds"))
                    .mapToDouble(o -> o.get("single_seconds").getAsDouble()).sorted().toArray();
            alone.addProperty("median_seconds", t.length == 0 ? Double.NaN : round(t[t.length / 2]));
            root.add("single_photo", alone);
        }
        double[] seconds = perPhoto.stream().filter(o -> o.has("seconds")).mapToDouble(o -> o.get("seconds").getAsDouble())
                .sorted().toArray();
        root.addProperty("median_seconds", seconds.length == 0 ? Double.NaN : round(seconds[seconds.length / 2]));
        JsonObject stageMedians = new JsonObject();
        for (Stage stage : Stage.values()) {
            String key = stage.name().toLowerCase(Locale.ROOT);
            long[] ms = perPhoto.stream().filter(o -> o.has("stage_ms") && o.getAsJsonObject("stage_ms").has(key))
                    .mapToLong(o -> o.getAsJsonObject("stage_ms").get(key).getAsLong()).sorted().toArray();
            if (ms.length > 0) {
                stageMedians.addProperty(key, ms[ms.length / 2]);
            }
        }
        root.add("median_stage_ms", stageMedians);
        JsonArray list = new JsonArray();
        perPhoto.forEach(list::add);
        root.add("photos", list);
        if (outlines != null && !outlineSheets.isEmpty()) {
            ImageIO.write(ContactSheets.stack(outlineSheets), "png", outlines.resolve("all.png").toFile());
        }
        Path parent = json.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (Writer w = Files.newBufferedWriter(json, StandardCharsets.UTF_8)) {
            new GsonBuilder().setPrettyPrinting().serializeNulls().serializeSpecialFloatingPointValues().create().toJson(root, w);
        }
        System.out.printf(Locale.ROOT, "%n%d photos, %d failures, mean reprojected IoU %s%s, median %.1f s; wrote %s%n",
                files.size(), failures, root.get("mean_reproj_iou").isJsonNull() ? "n/a (no masks)"
                        : String.format(Locale.ROOT, "%.3f", root.get("mean_reproj_iou").getAsDouble()),
                root.has("mean_novel_view_iou") ? String.format(Locale.ROOT, ", mean novel-view IoU %.3f",
                        root.get("mean_novel_view_iou").getAsDouble()) : "",
                root.get("median_seconds").getAsDouble(), json);
    }

    /**
     * Novel views on a turntable: the car fitted on photo i, seen from photo i's camera turned by
     * the step, against photo i+1's mask ({@code mean_novel_view_iou}), and turned by (j - i) steps
     * against every photo j the car was not built from ({@code mean_other_views_iou}: the whole
     * turntable, so it sees the shape from every side). The step's sign is the declared turning
     * direction (positive: the camera's azimuth grows, counter-clockwise seen from above). Also
     * scores the estimated cameras' relative azimuths: for every pair i &lt; j, whether
     * az(j) &minus; az(i) is within 20 degrees of (j &minus; i) step.
     */
    private static void addNovelViews(JsonObject root, List<JsonObject> perPhoto, String prefix, PreviewRenderer preview, List<CarBuild> builds, List<float[]> masks,
                                      List<int[]> sizes, double step, int pairOffset) {
        double sum = 0;
        int n = 0;
        double otherSum = 0;
        int otherCount = 0;
        int photos = builds.size();
        for (int i = 0; i < photos; i++) {
            CarBuild b = builds.get(i);
            if (b == null) {
                continue;
            }
            double mine = 0;
            int mineCount = 0;
            for (int j = 0; j < photos; j++) {
                if (j == i || (pairOffset > 0 && j == (i + pairOffset) % photos) || masks.get(j) == null) {
                    continue;
                }
                int[] size = sizes.get(j);
                double iou = MaskIou.hard(preview.silhouette(b.car(), turned(b.camera(), (j - i) * step), size[0],
                        size[1]), masks.get(j));
                otherSum += iou;
                otherCount++;
                mine += iou;
                mineCount++;
                if (j == i + 1) {
                    sum += iou;
                    n++;
                }
            }
            if (mineCount > 0) {
                perPhoto.get(i).addProperty(prefix + "other_views_iou", round(mine / mineCount));
            }
        }
        root.addProperty("mean_other_views_iou", otherCount == 0 ? Double.NaN : round(otherSum / otherCount));
        int pairs = 0;
        int within = 0;
        int consecutive = 0;
        int consecutiveWithin = 0;
        for (int i = 0; i < builds.size(); i++) {
            for (int j = i + 1; j < builds.size(); j++) {
                if (builds.get(i) == null || builds.get(j) == null) {
                    continue;
                }
                double seen = builds.get(j).camera().azimuthDeg() - builds.get(i).camera().azimuthDeg();
                boolean ok = Math.abs(wrap(seen - (j - i) * step)) <= 20;
                pairs++;
                within += ok ? 1 : 0;
                if (j == i + 1) {
                    consecutive++;
                    consecutiveWithin += ok ? 1 : 0;
                }
            }
        }
        root.addProperty("mean_novel_view_iou", n == 0 ? Double.NaN : round(sum / n));
        root.addProperty("pairs_within_20_deg", pairs == 0 ? Double.NaN : round(within / (double) pairs));
        root.addProperty("consecutive_pairs_within_20_deg", consecutive == 0 ? Double.NaN
                : round(consecutiveWithin / (double) consecutive));
    }

    /** The camera turned about the car's vertical axis by deg degrees of azimuth. */
    private static OrbitCamera turned(OrbitCamera c, double deg) {
        return new OrbitCamera((float) (c.azimuthDeg() + deg), c.elevationDeg(), c.distance(), c.fovYDeg(),
                c.principalX(), c.principalY(), c.rollDeg(), c.targetX(), c.targetY(), c.targetZ(), c.near(), c.far());
    }

    /** DIR/NAME_sheet.png for the photo NAME.jpg. */
    private static Path sheetFile(Path dir, Path photo) {
        String name = photo.getFileName().toString();
        return dir.resolve(name.substring(0, name.lastIndexOf('.')) + "_sheet.png");
    }

    /** A further photo of the car, with its mask unless the segmenter is to find the car. */
    private static PhotoImage readInput(Path file, boolean segment) throws IOException {
        BufferedImage img = ImageIO.read(file.toFile());
        if (img == null) {
            throw new IOException(file.getFileName() + " is not an image");
        }
        Path maskFile = maskOf(file);
        float[] mask = !segment && Files.exists(maskFile) ? readMask(maskFile, img.getWidth(), img.getHeight()) : null;
        return toPhoto(img, mask);
    }

    private static PhotoImage toPhoto(BufferedImage img, float[] mask) {
        int w = img.getWidth();
        int h = img.getHeight();
        return PhotoImage.fromArgb(w, h, img.getRGB(0, 0, w, h, null, 0, w), mask);
    }

    private static float[] readMask(Path file, int w, int h) throws IOException {
        BufferedImage m = ImageIO.read(file.toFile());
        if (m == null || m.getWidth() != w || m.getHeight() != h) {
            throw new IOException(file.getFileName() + " is not a mask of the photo's size");
        }
        int[] px = m.getRGB(0, 0, w, h, null, 0, w);
        float[] out = new float[w * h];
        for (int p = 0; p < out.length; p++) {
            out[p] = ((px[p] >> 8) & 0xff) > 127 ? 1f : 0f;
        }
        return out;
    }

    private static Path maskOf(Path photo) {
        return labelOf(photo, "_mask.png");
    }

    /** NAME_suffix beside NAME.jpg. */
    private static Path labelOf(Path photo, String suffix) {
        String name = photo.getFileName().toString();
        return photo.resolveSibling(name.substring(0, name.lastIndexOf('.')) + suffix);
    }

    /**
     * The part scores' means over the photos that have part labels ({@link PartScore}); nothing
     * where no photo has them.
     */
    private static void addPartScores(JsonObject root, List<JsonObject> perPhoto) {
        List<JsonObject> scored = perPhoto.stream().filter(o -> o.has("parts")).map(o -> o.getAsJsonObject("parts"))
                .toList();
        if (scored.isEmpty()) {
            return;
        }
        root.addProperty("part_labelled_photos", scored.size());
        addScore(root, "mean_wheel_iou", mean(scored, "wheel_iou"));
        addScore(root, "mean_front_lamp_iou", mean(scored, "front_lamp_iou"));
        addScore(root, "mean_rear_lamp_iou", mean(scored, "rear_lamp_iou"));
        addScore(root, "mean_glass_iou", mean(scored, "glass_iou"));
        double[] errors = scored.stream().flatMap(o -> java.util.stream.StreamSupport.stream(
                o.getAsJsonArray("wheel_centre_errors").spliterator(), false))
                .mapToDouble(e -> e.getAsDouble()).sorted().toArray();
        root.addProperty("wheel_regions_scored", errors.length);
        addScore(root, "median_wheel_centre_error", errors.length == 0 ? Double.NaN : errors[errors.length / 2]);
        addScore(root, "wheel_centre_error_p75", errors.length == 0 ? Double.NaN : errors[(3 * errors.length) / 4]);
        long judged = scored.stream().filter(o -> !o.get("faces_right_way").isJsonNull()).count();
        long right = scored.stream().filter(o -> !o.get("faces_right_way").isJsonNull()
                && o.get("faces_right_way").getAsBoolean()).count();
        root.addProperty("direction_judged_photos", judged);
        long flipped = scored.stream().filter(o -> o.has("turned_faces_right_way")
                && !o.get("faces_right_way").getAsBoolean() && o.get("turned_faces_right_way").getAsBoolean()).count();
        root.addProperty("wrong_way_cured_by_turning_end_for_end", flipped);
        addScore(root, "direction_accuracy", judged == 0 ? Double.NaN : right / (double) judged);
        double[] lengths = perPhoto.stream().filter(o -> o.has("parts") && o.has("length_m"))
                .mapToDouble(o -> o.get("length_m").getAsDouble()).sorted().toArray();
        addScore(root, "median_length_m", lengths.length == 0 ? Double.NaN : lengths[lengths.length / 2]);
        JsonObject types = new JsonObject();
        perPhoto.stream().filter(o -> o.has("parts") && o.has("body_type"))
                .map(o -> o.get("body_type").getAsString()).sorted()
                .forEach(t -> types.addProperty(t, types.has(t) ? types.get(t).getAsInt() + 1 : 1));
        root.add("body_types", types);
    }

    /**
     * @param p a file (not null)
     * @return whether it is an eval photo: .jpg, .jpeg or .png, and not a NAME_mask.png or NAME_parts.png
     */
    public static boolean isPhoto(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return (n.endsWith(".jpg") || n.endsWith(".jpeg") || n.endsWith(".png")) && !n.endsWith("_mask.png")
                && !n.endsWith("_parts.png");
    }

    private static double mean(List<JsonObject> list, String key) {
        return list.stream().filter(o -> o.has(key)).mapToDouble(o -> o.get(key).getAsDouble()).average()
                .orElse(Double.NaN);
    }

    private static double wrap(double deg) {
        return ((deg % 360) + 540) % 360 - 180;
    }

    /** Rounds to 4 decimals; NaN stays NaN. */
    private static double round(double v) {
        return Double.isNaN(v) ? v : Math.round(v * 10000) / 10000.0;
    }

    /** A mean score, rounded, or JSON null when it is NaN (nothing scored). */
    private static void addScore(JsonObject root, String key, double value) {
        if (Double.isNaN(value)) {
            root.add(key, com.google.gson.JsonNull.INSTANCE);
        } else {
            root.addProperty(key, round(value));
        }
    }

    private static void fail(String message) {
        System.err.println("eval: " + message);
        System.err.println(usage());
        System.exit(2);
    }

    static String usage() {
        return """
                Usage: ./photo2car eval --photos DIR --json FILE [--turntable DEG] [--pictures DIR] [--outlines DIR] [--fit-iterations N] [--given-masks]
                                 [--inverse DIR | --no-inverse] [--pair-offset K] [--extra-photo-iterations N] [--crop-size S]
                                 [--no-facing-check] [--no-azimuth-sweep] [--fov DEG]
                Converts every photo in DIR (NAME.jpg/.png with optional NAME_mask.png and NAME_parts.png) and scores
                the cars: against the masks (reprojected IoU), and where part labels are given, where the car puts
                its wheels, lamps and glass and which way it faces (mean_wheel_iou, mean_front_lamp_iou,
                mean_rear_lamp_iou, mean_glass_iou, median_wheel_centre_error, direction_accuracy).
                --turntable DEG: consecutive photos (sorted by name) were taken DEG apart, positive when the camera's
                  azimuth grows (counter-clockwise seen from above: from the car's front towards its left side).
                The shipped inverse-graphics network starts the fit unless --no-inverse (pose search) or --inverse DIR.
                --pair-offset K: builds each photo's car from it and the photo K places further on (wrapping), to
                  measure what a second photo of the car adds; novel views leave both photos out.
                --no-facing-check: keep the estimated pose even where the photo's lamps say the car faces the other way.
                --no-azimuth-sweep: keep the estimated azimuth even where the car's outline fits another one better.
                --fov DEG: the photos' assumed vertical field of view (default: the conversion's default).
                --pictures DIR: a contact sheet per photo (photo | car over it | three other views), for looking at.
                --outlines DIR: sheets without the photo's pixels (masks compared | car outline vs mask | clay views)
                  and all.png, for publishing; with part labels also NAME_parts_sheet.png (labelled parts | ours |
                  our outline over the labels).""";
    }
}
