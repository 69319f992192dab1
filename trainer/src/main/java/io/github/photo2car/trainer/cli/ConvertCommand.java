package io.github.photo2car.trainer.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.imageio.ImageIO;

import com.jme3.asset.AssetManager;
import com.jme3.system.JmeSystem;

import io.github.photo2car.bake.PhotoImage;
import io.github.photo2car.export.GlbExporter;
import io.github.photo2car.neural.InstalledModels;
import io.github.photo2car.export.J3oExporter;
import io.github.photo2car.photo.Photo;
import io.github.photo2car.photo.PhotoDecoder;
import io.github.photo2car.photo.PhotoException;
import io.github.photo2car.photo.PhotoSource;
import io.github.photo2car.photo.PhotoWarning;
import io.github.photo2car.pipeline.CarBuild;
import io.github.photo2car.pipeline.ConversionException;
import io.github.photo2car.pipeline.ConversionOptions;
import io.github.photo2car.pipeline.PhotoToCarPipeline;
import io.github.photo2car.pipeline.PreviewRenderer;
import io.github.photo2car.raster.RasterBackends;
import io.github.photo2car.rig.BakedTextures;
import io.github.photo2car.rig.CarRig;
import io.github.photo2car.rig.CarRigBuilder;
import io.github.photo2car.rig.PhysicsNatives;

/**
 * {@code ./photo2car convert PHOTO [PHOTO...] -o car.glb [--j3o car.j3o] [--preview p.png]}, or a
 * folder of photos into a folder ({@code -o DIR}): decode, build, export, and optionally draw a
 * preview (the photo beside the car from three other sides) with the software rasterizer, so it
 * needs no display. Several photos name several views of one car, which becomes one car fitted
 * to all of them. Prints a progress bar, per-car results and a summary; exits 1 when any car
 * failed.
 */
public final class ConvertCommand {

    private static final int PREVIEW_HEIGHT = 320;

    private ConvertCommand() {
    }

    /**
     * @param args see the class comment (not modified)
     * @throws IOException if the output folder cannot be created
     */
    public static void main(String[] args) throws IOException {
        List<Path> inputs = new ArrayList<>();
        Path output = null;
        Path j3o = null;
        Path preview = null;
        int fitIterations = ConversionOptions.defaults().fitIterations();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("-h") || a.equals("--help")) {
                System.out.println(usage());
                return;
            }
            if (!a.startsWith("-")) {
                inputs.add(Paths.get(a));
                continue;
            }
            if (i + 1 >= args.length) {
                fail(a + " needs a value");
            }
            String value = args[++i];
            switch (a) {
                case "-o", "--output" -> output = Paths.get(value);
                case "--j3o" -> j3o = Paths.get(value);
                case "--preview" -> preview = Paths.get(value);
                case "--fit-iterations" -> fitIterations = Integer.parseInt(value);
                default -> fail("unknown option " + a);
            }
        }
        if (inputs.isEmpty() || output == null) {
            fail("a photo (or folder) and -o are required");
        }
        // one car per entry: each photo of a folder alone, or all the photos named together
        List<List<Path>> cars = new ArrayList<>();
        List<String> stems = new ArrayList<>();
        boolean folder = inputs.size() == 1 && Files.isDirectory(inputs.get(0));
        if (folder) {
            BatchFolder.Plan plan = BatchFolder.plan(inputs.get(0));
            for (BatchFolder.Entry e : plan.photos()) {
                cars.add(List.of(e.photo()));
                stems.add(e.stem());
            }
            for (BatchFolder.Skipped s : plan.skipped()) {
                System.out.println(s.path().getFileName() + ": not converted: " + s.reason());
            }
            if (cars.isEmpty()) {
                fail("no photos in " + inputs.get(0) + " (looked for " + String.join(", ",
                        BatchFolder.PHOTO_EXTENSIONS.stream().sorted().toList()) + ")");
            }
            Files.createDirectories(output);
        } else {
            for (Path p : inputs) {
                if (Files.isDirectory(p)) {
                    fail("a folder converts alone; name either one folder or the photos of one car");
                }
            }
            if (inputs.size() > PhotoToCarPipeline.MAX_PHOTOS) {
                fail("at most " + PhotoToCarPipeline.MAX_PHOTOS + " photos of one car");
            }
            cars.add(List.copyOf(inputs));
        }
        PhysicsNatives.ensureLoaded(); // no jME application here to load Bullet for the rig
        AssetManager assets = JmeSystem.newAssetManager(
                Thread.currentThread().getContextClassLoader().getResource("com/jme3/asset/Desktop.cfg"));
        PhotoToCarPipeline pipeline = new PhotoToCarPipeline(RasterBackends.javaBackend(),
                InstalledModels.segmenter().orElse(null), InstalledModels.inverse().orElse(null),
                ConversionOptions.defaults().withFitIterations(fitIterations));
        PhotoDecoder decoder = PhotoDecoder.defaults();
        ProgressBar bar = new ProgressBar(System.err, "convert", cars.size());
        int failed = 0;
        double seconds = 0;
        for (int i = 0; i < cars.size(); i++) {
            List<Path> photos = cars.get(i);
            Path photo = photos.get(0);
            String name = String.join(" + ", photos.stream().map(p -> p.getFileName().toString()).toList());
            String stem = folder ? stems.get(i) : null;
            Path glb = folder ? output.resolve(stem + ".glb") : output;
            Path j3oOut = folder ? output.resolve(stem + ".j3o") : j3o;
            Path previewOut = folder ? output.resolve(stem + "_preview.png") : preview;
            long t0 = System.nanoTime();
            try {
                List<PhotoImage> images = new ArrayList<>();
                Photo first = null;
                for (Path p : photos) {
                    Photo decoded = decoder.decode(PhotoSource.fromFile(p));
                    for (PhotoWarning w : decoded.warnings()) {
                        System.out.println(p.getFileName() + ": " + w.message());
                    }
                    first = first == null ? decoded : first;
                    images.add(new PhotoImage(decoded.width(), decoded.height(), decoded.toRgbFloats(),
                            decoded.copyMask()));
                }
                CarBuild build = pipeline.convert(images, (stage, f, m) -> { }, null);
                CarRig rig = new CarRigBuilder(assets).paintTexture(BakedTextures.toTexture(build.texture()))
                        .build(build.car());
                new GlbExporter().write(rig, glb);
                if (j3oOut != null) {
                    new J3oExporter().write(rig, j3oOut);
                }
                if (previewOut != null) {
                    ImageIO.write(new PreviewRenderer(RasterBackends.javaBackend()).sheet(first.toBufferedImage(), build,
                            PREVIEW_HEIGHT), "png", previewOut.toFile());
                }
                double s = (System.nanoTime() - t0) / 1e9;
                seconds += s;
                System.out.printf(Locale.ROOT, "%s -> %s (%.1f s, fit IoU %.3f)%s%n", name, glb, s,
                        build.fitIou(), build.warnings().isEmpty() ? "" : "; " + String.join("; ", build.warnings()));
            } catch (PhotoException | ConversionException | IOException | RuntimeException e) {
                failed++;
                System.out.println(name + ": FAILED: " + e.getMessage());
            }
            bar.update(i + 1, name);
        }
        System.out.printf(Locale.ROOT, "%d of %d cars converted (%.1f s each on average)%n",
                cars.size() - failed, cars.size(), seconds / Math.max(1, cars.size() - failed));
        if (failed > 0) {
            System.exit(1);
        }
    }

    private static void fail(String message) {
        System.err.println("convert: " + message);
        System.err.println(usage());
        System.exit(2);
    }

    static String usage() {
        return """
                Usage: ./photo2car convert PHOTO [PHOTO...] -o car.glb [--j3o car.j3o] [--preview preview.png]
                       ./photo2car convert FOLDER -o OUTFOLDER
                Builds a drivable car from each photo and exports it (.glb, optionally .j3o and a preview).
                Several photos name several views of ONE car (say front and side): one car is fitted to all.
                A photo's transparency, when it has some, is taken as the car mask; otherwise the shipped
                segmenter finds the car. A folder converts each photo in it into OUTFOLDER/NAME.glb, .j3o and
                NAME_preview.png; photos whose names differ only in extension keep it (ok_jpg.glb, ok_webp.glb),
                and every entry that is not converted is listed with the reason.""";
    }
}
