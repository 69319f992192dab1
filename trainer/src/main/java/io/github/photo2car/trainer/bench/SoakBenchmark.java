package io.github.photo2car.trainer.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.jme3.app.state.AbstractAppState;
import com.jme3.renderer.RenderManager;
import com.jme3.renderer.Statistics;
import com.jme3.renderer.ViewPort;
import com.jme3.scene.control.AbstractControl;

import io.github.photo2car.app.ConversionHandle;
import io.github.photo2car.app.PhotoToCarAppState;
import io.github.photo2car.drive.DriverInput;
import io.github.photo2car.headless.HeadlessSession;
import io.github.photo2car.photo.PhotoException;
import io.github.photo2car.photo.PhotoSource;
import io.github.photo2car.pipeline.ConversionException;
import io.github.photo2car.rig.CarRig;
import io.github.photo2car.trainer.cli.ProgressBar;
import io.github.photo2car.trainer.eval.EvalPhotos;

/**
 * {@code ./photo2car soak --photos DIR --conversions N [--json FILE] [--plot PNG] [--drive SECONDS] [--every K]}:
 * many conversions inside one running game (offscreen, 60 fps cap): convert, drive the car at
 * full throttle for a few seconds, remove it, again; every fourth conversion is a bad input (empty,
 * text, a photo cut in half, random bytes), which must fail with a typed error. Every K
 * conversions (default 50) it records the heap after a full collection, the process's resident
 * memory (TensorFlow, Bullet and direct buffers included), the GL objects alive by jME's own count
 * (textures, shaders, frame buffers), the cars in the scene and the worst frame since the last
 * record. The JSON holds the records and {@code conversions}, {@code failures} (unexpected ones),
 * {@code heap_growth_mb} and {@code rss_growth_mb} (from the record at conversion 100, or the
 * first, to the last), {@code gl_objects_growth} and {@code worst_frame_ms}; {@code --plot} draws heap
 * and resident memory over the conversions ({@link SoakPlot}).
 */
public final class SoakBenchmark {

    private static final String USAGE = "Usage: ./photo2car soak --photos DIR --conversions N [--json FILE]"
            + " [--plot PNG] [--drive SECONDS] [--every K]";

    private SoakBenchmark() {
    }

    /** Frame start times, for the worst frame between two records; render thread writes. */
    private static final class Frames extends AbstractAppState {
        private volatile long last;
        private volatile double worst;

        @Override
        public void update(float tpf) {
            long now = System.nanoTime();
            if (last != 0) {
                worst = Math.max(worst, (now - last) / 1e6);
            }
            last = now;
        }

        /** @return the worst frame since the last call, ms, and starts over */
        double takeWorst() {
            double w = worst;
            worst = 0;
            return w;
        }
    }

    /**
     * @param args see the class comment (not modified)
     * @throws Exception if the photos cannot be listed, the game does not start or the JSON cannot
     *                   be written
     */
    public static void main(String[] args) throws Exception {
        Path photos = null;
        Path json = null;
        Path plot = null;
        int conversions = 0;
        float drive = 2f;
        int every = 50;
        for (int i = 0; i < args.length; i++) {
            if (i + 1 >= args.length) {
                fail(args[i] + " needs a value");
            }
            switch (args[i]) {
                case "--photos" -> photos = Paths.get(args[++i]);
                case "--json" -> json = Paths.get(args[++i]);
                case "--plot" -> plot = Paths.get(args[++i]);
                case "--conversions" -> conversions = Integer.parseInt(args[++i]);
                case "--drive" -> drive = Float.parseFloat(args[++i]);
                case "--every" -> every = Integer.parseInt(args[++i]);
                default -> fail("unknown option " + args[i]);
            }
        }
        if (photos == null || !Files.isDirectory(photos) || conversions < 1 || every < 1 || !(drive >= 0)) {
            fail("--photos DIR and --conversions N (>= 1) are required");
        }
        List<Path> good;
        try (Stream<Path> s = Files.list(photos)) {
            good = s.filter(EvalPhotos::isPhoto).sorted().toList();
        }
        if (good.isEmpty()) {
            throw new IOException("no photos (.jpg, .jpeg, .png) in " + photos);
        }
        byte[] whole = Files.readAllBytes(good.get(0));
        List<PhotoSource> bad = List.of(PhotoSource.fromBytes(new byte[0], "empty.jpg"),
                PhotoSource.fromBytes("not a photo".getBytes(StandardCharsets.UTF_8), "text.jpg"),
                PhotoSource.fromBytes(Arrays.copyOf(whole, whole.length / 2), "half.jpg"),
                PhotoSource.fromBytes(randomBytes(20_000), "noise.png"));

        Frames frames = new Frames();
        PhotoToCarAppState state = new PhotoToCarAppState();
        HeadlessSession session = HeadlessSession.start(BenchGame.create(frames, state), 640, 360,
                Duration.ofSeconds(120));
        JsonArray records = new JsonArray();
        List<String> unexpected = new ArrayList<>();
        int expectedFailures = 0;
        double worstFrame = 0;
        ProgressBar bar = new ProgressBar(System.err, "soak", conversions);
        try {
            session.onRenderThread(() -> {
                session.app().getContext().getSettings().setFrameRate(60);
                return null;
            });
            state.ready().get(300, TimeUnit.SECONDS);
            records.add(record(session, state, frames, 0));
            for (int i = 1; i <= conversions; i++) {
                boolean expectBad = i % 4 == 0;
                PhotoSource source = expectBad ? bad.get((i / 4) % bad.size())
                        : PhotoSource.fromFile(good.get(i % good.size()));
                ConversionHandle handle = state.convert(source);
                try {
                    CarRig rig = handle.result().get(300, TimeUnit.SECONDS);
                    if (expectBad) {
                        unexpected.add(i + " " + source.name() + ": converted, expected a typed error");
                    }
                    driveFor(session, rig, drive);
                    session.onRenderThread(() -> state.remove(rig));
                } catch (ExecutionException e) {
                    boolean typed = e.getCause() instanceof PhotoException || e.getCause() instanceof ConversionException;
                    if (expectBad && typed) {
                        expectedFailures++;
                    } else {
                        unexpected.add(i + " " + source.name() + ": " + e.getCause());
                    }
                }
                if (i % every == 0 || i == conversions) {
                    JsonObject r = record(session, state, frames, i);
                    worstFrame = Math.max(worstFrame, r.get("worst_frame_ms").getAsDouble());
                    records.add(r);
                    System.out.printf(Locale.ROOT, "%n%s%n", r);
                }
                bar.update(i, source.name());
            }
        } finally {
            session.close();
        }

        JsonObject out = new JsonObject();
        out.addProperty("date", LocalDate.now().toString());
        out.addProperty("photos_dir", photos.getFileName().toString());
        out.addProperty("cores", Runtime.getRuntime().availableProcessors());
        out.addProperty("jvm_options", String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()
                .stream().filter(a -> a.startsWith("-XX") || a.startsWith("-Xm")).toList()));
        out.addProperty("drive_seconds", drive);
        out.addProperty("conversions", conversions);
        out.addProperty("expected_failures", expectedFailures);
        out.addProperty("failures", unexpected.size());
        JsonArray list = new JsonArray();
        unexpected.forEach(list::add);
        out.add("unexpected", list);
        JsonObject from = records.size() > 1 ? records.get(1).getAsJsonObject() : records.get(0).getAsJsonObject();
        for (int k = 1; k < records.size(); k++) {
            if (records.get(k).getAsJsonObject().get("conversion").getAsInt() <= 100) {
                from = records.get(k).getAsJsonObject();
            }
        }
        JsonObject last = records.get(records.size() - 1).getAsJsonObject();
        out.addProperty("growth_from_conversion", from.get("conversion").getAsInt());
        out.addProperty("heap_growth_mb", round(last.get("heap_mb").getAsDouble() - from.get("heap_mb").getAsDouble()));
        out.addProperty("rss_growth_mb", round(last.get("rss_mb").getAsDouble() - from.get("rss_mb").getAsDouble()));
        out.addProperty("gl_objects_growth", last.get("gl_objects").getAsInt()
                - records.get(0).getAsJsonObject().get("gl_objects").getAsInt());
        out.addProperty("worst_frame_ms", round(worstFrame));
        out.add("records", records);
        String text = new GsonBuilder().setPrettyPrinting().serializeNulls().create().toJson(out);
        System.out.printf(Locale.ROOT, "%d conversions, %d unexpected failures, %d bad inputs refused; heap %+.1f MB, "
                        + "RSS %+.1f MB since conversion %d; GL objects %+d; worst frame %.1f ms%n", conversions,
                unexpected.size(), expectedFailures, out.get("heap_growth_mb").getAsDouble(),
                out.get("rss_growth_mb").getAsDouble(), out.get("growth_from_conversion").getAsInt(),
                out.get("gl_objects_growth").getAsInt(), worstFrame);
        if (json != null) {
            if (json.toAbsolutePath().getParent() != null) {
                Files.createDirectories(json.toAbsolutePath().getParent());
            }
            Files.writeString(json, text + System.lineSeparator());
        }
        if (plot != null) {
            SoakPlot.write(records, plot);
        }
        System.exit(unexpected.isEmpty() ? 0 : 1);
    }

    /** Drives the car at full throttle for the given time, then lets go. */
    private static void driveFor(HeadlessSession session, CarRig rig, float seconds) throws Exception {
        if (seconds <= 0) {
            return;
        }
        DriverInput input = new DriverInput();
        input.throttle = 1f;
        AbstractControl driver = new AbstractControl() {
            @Override
            protected void controlUpdate(float tpf) {
                rig.driver().update(input, tpf);
            }

            @Override
            protected void controlRender(RenderManager rm, ViewPort vp) {
                // nothing to draw
            }
        };
        session.onRenderThread(() -> {
            rig.root().addControl(driver);
            return null;
        });
        Thread.sleep(Math.round(seconds * 1000));
        session.onRenderThread(() -> rig.root().removeControl(driver));
    }

    /** Memory, GL objects and cars now, after two full collections. */
    private static JsonObject record(HeadlessSession session, PhotoToCarAppState state, Frames frames, int conversion)
            throws Exception {
        System.gc();
        System.gc();
        // a few frames so that the renderer deletes what the collections released
        Thread.sleep(300);
        JsonObject r = new JsonObject();
        r.addProperty("conversion", conversion);
        Runtime rt = Runtime.getRuntime();
        r.addProperty("heap_mb", round((rt.totalMemory() - rt.freeMemory()) / 1e6));
        r.addProperty("rss_mb", round(residentMegabytes()));
        int[] gl = session.onRenderThread(() -> glObjects(session.app().getRenderer().getStatistics()));
        r.addProperty("textures", gl[0]);
        r.addProperty("shaders", gl[1]);
        r.addProperty("frame_buffers", gl[2]);
        r.addProperty("gl_objects", gl[0] + gl[1] + gl[2]);
        r.addProperty("cars_in_scene", session.onRenderThread(() -> state.cars().size()));
        r.addProperty("worst_frame_ms", round(frames.takeWorst()));
        return r;
    }

    /** Textures, shaders and frame buffers alive by jME's count ("(M)": made and not deleted). */
    private static int[] glObjects(Statistics stats) {
        String[] labels = stats.getLabels();
        int[] data = new int[labels.length];
        stats.getData(data);
        int[] out = new int[3];
        for (int k = 0; k < labels.length; k++) {
            switch (labels[k]) {
                case "Textures (M)" -> out[0] = data[k];
                case "Shaders (M)" -> out[1] = data[k];
                case "FrameBuffers (M)" -> out[2] = data[k];
                default -> { }
            }
        }
        return out;
    }

    /** The process's resident set, MB, from /proc (NaN where there is none). */
    private static double residentMegabytes() {
        try {
            for (String line : Files.readAllLines(Paths.get("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1e3;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        new java.util.Random(7).nextBytes(b);
        return b;
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    private static void fail(String message) {
        System.err.println("soak: " + message);
        System.err.println(USAGE);
        System.exit(2);
    }
}
