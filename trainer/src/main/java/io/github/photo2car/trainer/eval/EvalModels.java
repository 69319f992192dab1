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
import java.util.Random;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import io.github.photo2car.bake.PhotoImage;
import io.github.photo2car.neural.InstalledModels;
import io.github.photo2car.neural.InverseGraphics;
import io.github.photo2car.pipeline.CarBuild;
import io.github.photo2car.pipeline.ConversionException;
import io.github.photo2car.pipeline.ConversionListener;
import io.github.photo2car.pipeline.ConversionOptions;
import io.github.photo2car.pipeline.PhotoToCarPipeline;
import io.github.photo2car.raster.OrbitCamera;
import io.github.photo2car.pipeline.PreviewRenderer;
import io.github.photo2car.raster.RasterBackend;
import io.github.photo2car.raster.RasterBackends;
import io.github.photo2car.raster.RasterOutput;
import io.github.photo2car.template.WheelAnchor;
import io.github.photo2car.trainer.cli.ProgressBar;

/**
 * {@code ./photo2car eval-models --models DIR --views N --json FILE}: renders every real car model
 * (.glb) of a folder from N random views (each face in its material's colour with a fixed light's
 * shading, or all grey with {@code --grey}; the exact silhouette as the mask), rebuilds
 * a car from each picture with the photo pipeline, and compares it with the model in 3D:
 * {@code iou3d} (voxels at unit length, 64³, as {@code eval-template}; the fitted residual is not
 * included), {@code wheel_error} (mean wheel-centre distance / model length) and
 * {@code wheelbase_error} (relative), with medians over all pictures. The masks are given to the
 * pipeline, so this measures estimation and fitting, not segmentation. {@code --pictures DIR}
 * writes a contact sheet of each model's first view (the render | the car over it from the fitted
 * camera | the car from three other sides) and all of them stacked at half size ({@code all.png}).
 * {@code --second-view DEG} also builds each car from two pictures, the random view and one
 * turned DEG degrees of azimuth from it, and reports their medians under {@code two_views}: what
 * a second photo of the car adds (with {@code --pictures}, also a sheet of the first view's
 * two-picture car, {@code MODEL_two_views_sheet.png}).
 */
public final class EvalModels {

    private static final int WIDTH = 480;
    private static final int HEIGHT = 320;
    /** Height of the contact sheets of {@code --pictures}, pixels. */
    private static final int SHEET_HEIGHT = 200;

    private EvalModels() {
    }

    /**
     * @param args see the class comment (not modified)
     * @throws IOException if files cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        Path models = null;
        Path json = null;
        Path pictures = null;
        int views = 8;
        long seed = 1;
        float secondView = 0;
        int fitIterations = ConversionOptions.defaults().fitIterations();
        Path inverseDir = null;
        int extraIterations = ConversionOptions.defaults().extraPhotoIterations();
        boolean grey = false;
        for (int i = 0; i < args.length; i += 2) {
            if (args[i].equals("--grey")) {
                grey = true;
                i--;
                continue;
            }
            if (i + 1 >= args.length) {
                fail("missing value after " + args[i]);
            }
            switch (args[i]) {
                case "--models" -> models = Paths.get(args[i + 1]);
                case "--json" -> json = Paths.get(args[i + 1]);
                case "--views" -> views = Integer.parseInt(args[i + 1]);
                case "--pictures" -> pictures = Paths.get(args[i + 1]);
                case "--seed" -> seed = Long.parseLong(args[i + 1]);
                case "--second-view" -> secondView = Float.parseFloat(args[i + 1]);
                case "--fit-iterations" -> fitIterations = Integer.parseInt(args[i + 1]);
                case "--inverse" -> inverseDir = Paths.get(args[i + 1]);
                case "--extra-photo-iterations" -> extraIterations = Integer.parseInt(args[i + 1]);
                default -> fail("unknown option " + args[i]);
            }
        }
        if (models == null || json == null || views < 1) {
            fail("--models and --json are required");
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(models)) {
            files = list.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".glb")).sorted()
                    .toList();
        }
        if (pictures != null) {
            Files.createDirectories(pictures);
        }
        RasterBackend backend = RasterBackends.javaBackend();
        PreviewRenderer preview = new PreviewRenderer(backend);
        InverseGraphics inverse = inverseDir != null ? InverseGraphics.load(inverseDir, InstalledModels.INVERSE_SIZE)
                : InstalledModels.inverse().orElse(null);
        PhotoToCarPipeline pipeline = new PhotoToCarPipeline(backend, null, inverse,
                ConversionOptions.defaults().withTextureSize(128).withFitIterations(fitIterations)
                        .withExtraPhotoIterations(extraIterations));
        Random rnd = new Random(seed);
        ProgressBar bar = new ProgressBar(System.err, "eval-models", (long) files.size() * views);
        JsonArray list = new JsonArray();
        List<Double> ious = new ArrayList<>();
        List<Double> wheels = new ArrayList<>();
        List<Double> bases = new ArrayList<>();
        List<double[]> pairScores = new ArrayList<>();
        List<BufferedImage> sheets = new ArrayList<>();
        int done = 0;
        int failures = 0;
        for (Path file : files) {
            CarModel model = CarModel.load(file);
            TriangleSoup soup = model.all();
            float[] colours = grey ? null : model.colours();
            VoxelGrid truth = UnitLengthGrid.voxelize(soup, UnitLengthGrid.DEFAULT_SIZE);
            for (int v = 0; v < views; v++) {
                float azimuth = 360 * rnd.nextFloat() - 180;
                float elevation = 5 + 25 * rnd.nextFloat();
                JsonObject o = new JsonObject();
                o.addProperty("model", model.name());
                o.addProperty("azimuth_deg", azimuth);
                o.addProperty("elevation_deg", elevation);
                try {
                    PhotoImage photo = render(backend, soup, colours, model, azimuth, elevation);
                    CarBuild build = pipeline.convert(photo, ConversionListener.NONE, null);
                    double[] score = score(build, model, truth);
                    double iou = score[0];
                    double wheel = score[1];
                    double base = score[2];
                    o.addProperty("iou3d", round(iou));
                    o.addProperty("wheel_error", round(wheel));
                    o.addProperty("wheelbase_error", round(base));
                    if (secondView != 0) {
                        // the same car from a second side too, both pictures building one car
                        PhotoImage other = render(backend, soup, colours, model, azimuth + secondView,
                                elevation);
                        CarBuild both = pipeline.convert(List.of(photo, other), ConversionListener.NONE, null);
                        double[] pair = score(both, model, truth);
                        if (pictures != null && v == 0) {
                            ImageIO.write(preview.sheet(image(photo), both, SHEET_HEIGHT), "png",
                                    pictures.resolve(model.name() + "_two_views_sheet.png").toFile());
                        }
                        o.addProperty("two_views_iou3d", round(pair[0]));
                        o.addProperty("two_views_wheel_error", round(pair[1]));
                        o.addProperty("two_views_wheelbase_error", round(pair[2]));
                        pairScores.add(pair);
                    }
                    o.addProperty("fit_iou", round(build.fitIou()));
                    o.addProperty("fitted_azimuth_deg", round(build.camera().azimuthDeg()));
                    o.addProperty("fitted_elevation_deg", round(build.camera().elevationDeg()));
                    o.add("params", TemplateEvalReport.paramsJson(build.car().params()));
                    ious.add(iou);
                    wheels.add(wheel);
                    bases.add(base);
                    if (pictures != null && v == 0) {
                        BufferedImage sheet = preview.sheet(image(photo), build, SHEET_HEIGHT);
                        ImageIO.write(sheet, "png", pictures.resolve(model.name() + "_sheet.png").toFile());
                        sheets.add(sheet);
                    }
                } catch (ConversionException | RuntimeException e) {
                    failures++;
                    o.addProperty("error", e.getMessage());
                }
                list.add(o);
                bar.update(++done, model.name());
            }
        }
        JsonObject root = new JsonObject();
        root.addProperty("date", LocalDate.now().toString());
        root.addProperty("models", files.size());
        root.addProperty("views_per_model", views);
        root.addProperty("seed", seed);
        root.addProperty("fit_iterations", fitIterations);
        root.addProperty("mask_source", "given (the exact silhouette of the rendered model)");
        root.addProperty("shading", grey ? "grey, face shading" : "the model's own colours, face shading");
        root.addProperty("estimator", inverse == null ? "pose search" : inverseDir != null
                ? "inverse-graphics network " + inverseDir.getFileName() : "inverse-graphics network (shipped)");
        root.addProperty("failures", failures);
        root.addProperty("median_iou3d", round(median(ious)));
        root.addProperty("median_wheel_error", round(median(wheels)));
        root.addProperty("median_wheelbase_error", round(median(bases)));
        if (secondView != 0) {
            JsonObject two = new JsonObject();
            two.addProperty("second_view_azimuth_offset_deg", secondView);
            two.addProperty("extra_photo_iterations", extraIterations);
            for (String[] key : new String[][] {{"median_iou3d", "0"}, {"median_wheel_error", "1"},
                    {"median_wheelbase_error", "2"}}) {
                int k = Integer.parseInt(key[1]);
                two.addProperty(key[0], round(median(pairScores.stream().map(a -> a[k]).toList())));
            }
            root.add("two_views", two);
        }
        root.add("pictures", list);
        if (pictures != null && !sheets.isEmpty()) {
            ImageIO.write(ContactSheets.stack(sheets), "png", pictures.resolve("all.png").toFile());
        }
        Path parent = json.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (Writer w = Files.newBufferedWriter(json, StandardCharsets.UTF_8)) {
            new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create().toJson(root, w);
        }
        System.out.printf(Locale.ROOT, "%n%d models x %d views: median IoU3d %.3f, wheel error %.3f, wheelbase error %.3f,"
                        + " %d failures; wrote %s%n", files.size(), views, median(ious), median(wheels), median(bases),
                failures, json);
    }

    private static BufferedImage image(PhotoImage photo) {
        BufferedImage img = new BufferedImage(photo.width(), photo.height(), BufferedImage.TYPE_INT_RGB);
        float[] rgb = photo.rgb();
        for (int p = 0; p < photo.width() * photo.height(); p++) {
            int r = Math.round(255 * Math.max(0, Math.min(1, rgb[3 * p])));
            int g = Math.round(255 * Math.max(0, Math.min(1, rgb[3 * p + 1])));
            int b = Math.round(255 * Math.max(0, Math.min(1, rgb[3 * p + 2])));
            img.setRGB(p % photo.width(), p / photo.width(), (r << 16) | (g << 8) | b);
        }
        return img;
    }

    /**
     * The model with face shading from a camera that frames it, and its exact silhouette: each
     * triangle in its own colour (sRGB, 3 per triangle of soup), or all in grey when colours is null.
     */
    private static PhotoImage render(RasterBackend backend, TriangleSoup soup, float[] colours, CarModel model,
                                     float azimuth, float elevation) {
        float[] xyz = soup.xyz();
        int n = xyz.length / 3;
        int[] tris = new int[n];
        for (int i = 0; i < n; i++) {
            tris[i] = i;
        }
        float length = model.length();
        float[] b = soup.bounds();
        OrbitCamera cam = new OrbitCamera(azimuth, elevation, 1.6f * length, 40, 0, 0, 0, 0.5f * (b[0] + b[3]),
                0.5f * (b[1] + b[4]), 0.5f * (b[2] + b[5]), 0.1f, 500);
        RasterOutput r = backend.rasterize(new float[][] {cam.project(xyz, WIDTH / (float) HEIGHT)}, tris, WIDTH, HEIGHT);
        int[] ids = r.triangleIds(0);
        float[] rgb = new float[3 * WIDTH * HEIGHT];
        float[] mask = new float[WIDTH * HEIGHT];
        for (int p = 0; p < ids.length; p++) {
            if (ids[p] < 0) {
                rgb[3 * p] = 0.55f;
                rgb[3 * p + 1] = 0.6f;
                rgb[3 * p + 2] = 0.55f;
                continue;
            }
            int t = 9 * ids[p];
            double ux = xyz[t + 3] - xyz[t];
            double uy = xyz[t + 4] - xyz[t + 1];
            double uz = xyz[t + 5] - xyz[t + 2];
            double vx = xyz[t + 6] - xyz[t];
            double vy = xyz[t + 7] - xyz[t + 1];
            double vz = xyz[t + 8] - xyz[t + 2];
            double nx = uy * vz - uz * vy;
            double ny = uz * vx - ux * vz;
            double nz = ux * vy - uy * vx;
            double len = Math.sqrt(nx * nx + ny * ny + nz * nz) + 1e-12;
            float shade = (float) (0.35 + 0.6 * Math.abs((0.3 * nx + 0.8 * ny + 0.5 * nz) / len));
            if (colours == null) {
                rgb[3 * p] = 0.7f * shade;
                rgb[3 * p + 1] = 0.72f * shade;
                rgb[3 * p + 2] = 0.75f * shade;
            } else {
                int c = 3 * ids[p];
                rgb[3 * p] = colours[c] * shade;
                rgb[3 * p + 1] = colours[c + 1] * shade;
                rgb[3 * p + 2] = colours[c + 2] * shade;
            }
            mask[p] = 1;
        }
        return new PhotoImage(WIDTH, HEIGHT, rgb, mask);
    }

    /** IoU3d, wheel error and wheelbase error of a built car against the model (see the class comment). */
    private static double[] score(CarBuild build, CarModel model, VoxelGrid truth) {
        double iou = UnitLengthGrid.voxelize(TemplateSolid.of(build.car().params()), UnitLengthGrid.DEFAULT_SIZE)
                .iou(truth);
        // a photo fixes shape, not size: compare wheelbases as fractions of each car's length
        double fitRatio = build.car().params().wheelbase() / build.car().params().length();
        double trueRatio = model.wheelbase() / model.length();
        return new double[] {iou, wheelError(build, model), Math.abs(fitRatio - trueRatio) / trueRatio};
    }

    /**
     * Mean distance between fitted and true wheel centres (FL, FR, RL, RR) with each car scaled
     * to unit length (a photo fixes shape, not size); both frames have their origin on the ground
     * under the middle of the wheelbase.
     */
    private static double wheelError(CarBuild build, CarModel model) {
        float[] truth = model.wheelCentres();
        double fitLength = build.car().params().length();
        double trueLength = model.length();
        double sum = 0;
        List<WheelAnchor> anchors = build.car().wheels();
        for (WheelAnchor a : anchors) {
            int k = a.position().ordinal();
            double dx = a.centerX() / fitLength - truth[3 * k] / trueLength;
            double dy = a.centerY() / fitLength - truth[3 * k + 1] / trueLength;
            double dz = a.centerZ() / fitLength - truth[3 * k + 2] / trueLength;
            sum += Math.sqrt(dx * dx + dy * dy + dz * dz);
        }
        return sum / anchors.size();
    }

    private static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double[] s = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private static double round(double v) {
        return Math.round(v * 10000) / 10000.0;
    }

    private static void fail(String message) {
        System.err.println("eval-models: " + message);
        System.err.println("Usage: ./photo2car eval-models --models DIR --json FILE [--views N] [--seed S] [--second-view DEG] [--fit-iterations N] [--inverse DIR] [--extra-photo-iterations N] [--grey]");
        System.exit(2);
    }
}
