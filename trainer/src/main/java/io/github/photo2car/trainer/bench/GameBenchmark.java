package io.github.photo2car.trainer.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.jme3.app.SimpleApplication;
import com.jme3.app.state.AbstractAppState;

import io.github.photo2car.app.ConversionHandle;
import io.github.photo2car.app.PhotoToCarAppState;
import io.github.photo2car.headless.HeadlessSession;
import io.github.photo2car.photo.PhotoSource;
import io.github.photo2car.pipeline.Stage;
import io.github.photo2car.rig.CarRig;
import io.github.photo2car.trainer.eval.EvalPhotos;

/**
 * {@code ./photo2car bench-game --photos DIR [--json FILE] [--fps N] [--size WxH] [--no-warm-up]}: photo to
 * drivable car inside a running game, the way a player meets it. A small scene (ground, sun,
 * physics) renders offscreen at a frame cap like a game with vsync while
 * {@link PhotoToCarAppState} with the shipped networks converts every photo of DIR in turn.
 * Reported per photo: seconds from {@code convert} to the car standing in the scene, the stages'
 * shares of that (each stage from its first progress report to the next stage's), and the longest
 * frame from the call until the car's first three frames are drawn. Each car is removed before the
 * next photo, so every conversion meets the same scene. The medians include the first
 * conversion, which is also reported alone; it starts once the state reports itself
 * {@link PhotoToCarAppState#ready() ready} (networks loaded, warm-up conversion done; how long
 * that took after the game's first frame is reported too). {@code --no-warm-up} turns the
 * state's warm-up conversion off.
 *
 * <p>On a machine without a GPU the frames are drawn by a software renderer on the same cores as
 * the conversion; the JSON records the renderer so the figures are read with that in mind, and the
 * JVM's collector options, which decide most long frames (the launcher runs games with a 15 ms
 * pause target).
 */
public final class GameBenchmark {

    /** Frames after the insertion that still count as the conversion's: the first draws of the car. */
    private static final int AFTER_INSERTION = 3;
    private static final String USAGE = "Usage: ./photo2car bench-game --photos DIR [--json FILE] [--fps N] [--size WxH] [--no-warm-up]";

    private GameBenchmark() {
    }

    /**
     * Start time and render-thread CPU time of every frame's update, nanoseconds; grows by
     * doubling, render thread only.
     */
    private static final class FrameClock extends AbstractAppState {
        private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        private long[] starts = new long[1 << 12];
        private long[] cpu = new long[1 << 12];
        private volatile int count;

        @Override
        public void update(float tpf) {
            if (count == starts.length) {
                starts = Arrays.copyOf(starts, 2 * starts.length);
                cpu = Arrays.copyOf(cpu, 2 * cpu.length);
            }
            starts[count] = System.nanoTime();
            cpu[count] = threads.getCurrentThreadCpuTime();
            count++;
        }

        /**
         * Most CPU time the render thread itself spent between consecutive frame starts in
         * [from, to), ms: the work a conversion puts on it (uploads, first draws), without the
         * waits for a CPU that stretch wall-clock frames on a shared machine; render thread.
         */
        double busiestCpuMillis(int from, int to) {
            double busiest = 0;
            for (int i = Math.max(1, from); i < Math.min(to, count); i++) {
                busiest = Math.max(busiest, (cpu[i] - cpu[i - 1]) / 1e6);
            }
            return busiest;
        }

        /** Longest interval between consecutive frame starts in [from, to), ms; render thread. */
        double worstMillis(int from, int to) {
            double worst = 0;
            for (int i = Math.max(1, from); i < Math.min(to, count); i++) {
                worst = Math.max(worst, (starts[i] - starts[i - 1]) / 1e6);
            }
            return worst;
        }

        int frames() {
            return count;
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
        int fps = 60;
        boolean warmUp = true;
        int width = 640;
        int height = 360;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--photos" -> photos = Paths.get(args[++i]);
                case "--json" -> json = Paths.get(args[++i]);
                case "--fps" -> fps = Integer.parseInt(args[++i]);
                case "--no-warm-up" -> warmUp = false;
                case "--size" -> {
                    String[] wh = args[++i].toLowerCase(Locale.ROOT).split("x");
                    width = Integer.parseInt(wh[0]);
                    height = Integer.parseInt(wh[1]);
                }
                default -> usage();
            }
        }
        if (photos == null || !Files.isDirectory(photos)) {
            usage();
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(photos)) {
            files = s.filter(EvalPhotos::isPhoto).sorted().toList();
        }
        if (files.isEmpty()) {
            throw new IOException("no photos (.jpg, .jpeg, .png) in " + photos);
        }

        FrameClock clock = new FrameClock();
        PhotoToCarAppState state = new PhotoToCarAppState();
        state.setWarmUpConversion(warmUp);
        SimpleApplication app = BenchGame.create(clock, state);
        System.out.printf(Locale.ROOT, "starting the game (%dx%d, %s)…%n", width, height,
                fps > 0 ? fps + " fps cap" : "no frame cap");
        HeadlessSession session = HeadlessSession.start(app, width, height, Duration.ofSeconds(120));
        JsonArray perPhoto = new JsonArray();
        List<Double> seconds = new ArrayList<>();
        List<Double> worstFrames = new ArrayList<>();
        List<Double> busiestFrames = new ArrayList<>();
        Map<Stage, List<Double>> stageMillis = new EnumMap<>(Stage.class);
        int failures = 0;
        String renderer;
        double idleWorst;
        double readySeconds;
        try {
            final int cap = fps;
            session.onRenderThread(() -> {
                app.getContext().getSettings().setFrameRate(cap > 0 ? cap : -1);
                return null;
            });
            renderer = session.glInfo().toString();
            // the state loads the networks and warms up on its worker when it starts; let it finish
            // so the first conversion is not charged with it, then take the machine's own hitches
            long readyFrom = System.nanoTime();
            state.ready().get(300, TimeUnit.SECONDS);
            readySeconds = (System.nanoTime() - readyFrom) / 1e9;
            int idleFrom = clock.frames();
            Thread.sleep(2000);
            idleWorst = session.onRenderThread(() -> clock.worstMillis(idleFrom, clock.frames()));
            for (Path file : files) {
                JsonObject row = new JsonObject();
                row.addProperty("photo", file.getFileName().toString());
                long[] firstReport = new long[Stage.values().length];
                Arrays.fill(firstReport, -1);
                int first = clock.frames();
                long t0 = System.nanoTime();
                ConversionHandle handle = state.convert(PhotoSource.fromFile(file));
                handle.addListener((stage, fraction, message) -> {
                    synchronized (firstReport) {
                        if (firstReport[stage.ordinal()] < 0) {
                            firstReport[stage.ordinal()] = System.nanoTime();
                        }
                    }
                });
                int[] insertedAt = {-1};
                long[] insertedNanos = {-1};
                // wait on the stage that records the insertion, not on the result itself: get()
                // on the result can return before a dependent action has run
                java.util.concurrent.CompletableFuture<CarRig> recorded = handle.result().whenComplete((c, e) -> {
                    insertedNanos[0] = System.nanoTime();
                    insertedAt[0] = clock.frames(); // completes on the render thread
                });
                CarRig car;
                try {
                    car = recorded.get(300, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException e) {
                    failures++;
                    row.addProperty("error", String.valueOf(e.getCause().getMessage()));
                    perPhoto.add(row);
                    System.out.printf(Locale.ROOT, "%s: failed: %s%n", file.getFileName(), e.getCause().getMessage());
                    continue;
                }
                while (clock.frames() < insertedAt[0] + AFTER_INSERTION) {
                    Thread.sleep(5);
                }
                double s = (insertedNanos[0] - t0) / 1e9;
                double worst = session.onRenderThread(() -> clock.worstMillis(first, insertedAt[0] + AFTER_INSERTION));
                double busiest = session.onRenderThread(
                        () -> clock.busiestCpuMillis(first, insertedAt[0] + AFTER_INSERTION));
                session.onRenderThread(() -> state.remove(car));
                JsonObject stages = new JsonObject();
                long[] marks = Arrays.copyOf(firstReport, firstReport.length + 1);
                marks[marks.length - 1] = insertedNanos[0];
                for (Stage stage : Stage.values()) {
                    long from = marks[stage.ordinal()];
                    long to = -1;
                    for (int k = stage.ordinal() + 1; k < marks.length && to < 0; k++) {
                        to = marks[k];
                    }
                    if (from >= 0 && to >= from) {
                        double ms = (to - from) / 1e6;
                        stages.addProperty(stage.name().toLowerCase(Locale.ROOT), Math.round(ms));
                        stageMillis.computeIfAbsent(stage, k -> new ArrayList<>()).add(ms);
                    }
                }
                row.addProperty("seconds", round(s, 3));
                row.add("stage_ms", stages);
                row.addProperty("worst_frame_ms", round(worst, 1));
                row.addProperty("render_thread_busiest_frame_cpu_ms", round(busiest, 1));
                perPhoto.add(row);
                seconds.add(s);
                worstFrames.add(worst);
                busiestFrames.add(busiest);
                System.out.printf(Locale.ROOT, "%s: %.2f s to the car in the scene, stages %s, worst frame %.1f ms"
                        + " (render thread's own work %.1f ms)%n", file.getFileName(), s, stages, worst, busiest);
            }
        } finally {
            session.close();
        }

        JsonObject out = new JsonObject();
        out.addProperty("date", LocalDate.now().toString());
        out.addProperty("photos_dir", photos.getFileName().toString());
        out.addProperty("renderer", renderer);
        out.addProperty("cores", Runtime.getRuntime().availableProcessors());
        // the collector's pause target decides most long frames (the launcher sets one)
        out.addProperty("jvm_options", String.join(" ", java.lang.management.ManagementFactory.getRuntimeMXBean()
                .getInputArguments().stream().filter(a -> a.startsWith("-XX") || a.startsWith("-Xm")).toList()));
        out.addProperty("frame_cap_fps", fps);
        out.addProperty("warm_up_conversion", warmUp);
        out.addProperty("size", width + "x" + height);
        out.addProperty("count", files.size());
        out.addProperty("failures", failures);
        out.addProperty("ready_after_start_seconds", round(readySeconds, 2));
        out.addProperty("median_seconds", round(median(seconds), 3));
        out.addProperty("first_seconds", seconds.isEmpty() ? null : round(seconds.get(0), 3));
        JsonObject stageMedians = new JsonObject();
        stageMillis.forEach((stage, ms) -> stageMedians.addProperty(stage.name().toLowerCase(Locale.ROOT),
                Math.round(median(ms))));
        out.add("median_stage_ms", stageMedians);
        out.addProperty("worst_frame_ms", round(worstFrames.stream().mapToDouble(d -> d).max().orElse(Double.NaN), 1));
        out.addProperty("median_worst_frame_ms", round(median(worstFrames), 1));
        out.addProperty("render_thread_busiest_frame_cpu_ms",
                round(busiestFrames.stream().mapToDouble(d -> d).max().orElse(Double.NaN), 1));
        out.addProperty("idle_worst_frame_ms", round(idleWorst, 1));
        out.add("photos", perPhoto);
        String text = new GsonBuilder().setPrettyPrinting().serializeNulls().serializeSpecialFloatingPointValues().create().toJson(out);
        System.out.printf(Locale.ROOT, "%d photos, %d failed: median %.2f s (first %.2f s), stages %s; worst frame %.1f ms"
                        + " (without a conversion %.1f ms); renderer %s%n", files.size(), failures, median(seconds),
                seconds.isEmpty() ? Double.NaN : seconds.get(0), stageMedians, out.get("worst_frame_ms").getAsDouble(),
                idleWorst, renderer);
        if (json != null) {
            if (json.toAbsolutePath().getParent() != null) {
                Files.createDirectories(json.toAbsolutePath().getParent());
            }
            Files.writeString(json, text + System.lineSeparator());
        }
        System.exit(failures == 0 ? 0 : 1);
    }

    private static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double[] v = values.stream().mapToDouble(d -> d).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : 0.5 * (v[v.length / 2 - 1] + v[v.length / 2]);
    }

    private static double round(double v, int digits) {
        if (!Double.isFinite(v)) {
            return v;
        }
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }

    private static void usage() {
        System.err.println(USAGE);
        System.exit(2);
    }
}
