package io.github.photo2car.trainer.bench;

import java.io.IOException;
import java.io.Writer;
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
import java.util.Random;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import io.github.photo2car.headless.BareApplication;
import io.github.photo2car.headless.HeadlessSession;
import io.github.photo2car.raster.AntialiasGradients;
import io.github.photo2car.raster.GlslRasterBackend;
import io.github.photo2car.raster.EdgeTopology;
import io.github.photo2car.raster.InterpolateGradients;
import io.github.photo2car.raster.JavaRasterBackend;
import io.github.photo2car.raster.NaiveRasterBackend;
import io.github.photo2car.raster.OrbitCamera;
import io.github.photo2car.raster.RasterBackend;
import io.github.photo2car.raster.RasterOutput;

/**
 * {@code ./photo2car bench-raster}: times one forward + backward pass of the differentiable
 * rasterizer as a fitting step uses it (rasterize, interpolate 3 channels, antialias, soft
 * silhouette; then their backward passes down to clip positions) at several image sizes and
 * triangle counts, for each backend, in one run, and reports medians. A harness, not a test: the
 * numbers depend on the machine and its load, so compare backends by ratios within one run.
 *
 * <p>Every repetition moves the camera by a hundredth of a degree, so no backend can answer from
 * a cache of the previous repetition; within one repetition a backend may reuse its forward work
 * in the backward, as it would in a fitting loop.
 */
public final class RasterBenchmark {

    /** One timed configuration. */
    record Row(String backend, int size, int triangles, int repeats, double forwardMs, double backwardMs,
               double totalMs, double coverage) {
    }

    /** Untimed runs of a mid-sized configuration before a fast backend's first timing. */
    private static final int WARMUP_RUNS = 60;

    private RasterBenchmark() {
    }

    /**
     * @param args command-line arguments, see {@link #usage()} (not modified)
     * @throws IOException if the JSON or Markdown file cannot be written
     */
    public static void main(String[] args) throws IOException {
        Path json = null;
        Path markdown = null;
        int repeats = 15;
        int slowRepeats = 3;
        int[] sizes = {128, 256, 512};
        int[] triangleGoals = {1000, 5000, 20000};
        List<String> backends = List.of("java", "glsl", "naive");
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("-h") || a.equals("--help")) {
                System.out.println(usage());
                return;
            }
            if (i + 1 >= args.length) {
                fail(a + " needs a value");
            }
            String value = args[++i];
            switch (a) {
                case "--json" -> json = Paths.get(value);
                case "--markdown" -> markdown = Paths.get(value);
                case "--repeats" -> repeats = positive(a, value);
                case "--slow-repeats" -> slowRepeats = positive(a, value);
                case "--sizes" -> sizes = intList(a, value);
                case "--triangles" -> triangleGoals = intList(a, value);
                case "--backends" -> backends = List.of(value.toLowerCase(Locale.ROOT).split(","));
                default -> fail("unknown option " + a);
            }
        }
        if (json == null) {
            fail("--json is required");
        }
        List<Row> rows = new ArrayList<>();
        System.out.printf(Locale.ROOT, "%s, %d cores, %s %s%n", cpuName(), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name"), System.getProperty("java.version"));
        HeadlessSession session = null;
        try {
            for (String name : backends) {
                RasterBackend backend;
                switch (name.trim()) {
                    case "java" -> backend = new JavaRasterBackend();
                    case "naive" -> backend = new NaiveRasterBackend();
                    case "glsl" -> {
                        if (session == null) {
                            session = HeadlessSession.start(new BareApplication(), 64, 64, Duration.ofSeconds(60));
                            System.out.println("GL: " + session.glInfo());
                        }
                        backend = GlslRasterBackend.create(session.app());
                    }
                    default -> throw fail("unknown backend " + name + " (java, glsl, naive)");
                }
                timeBackend(backend, session, triangleGoals, sizes, repeats, slowRepeats, rows);
                if (backend instanceof AutoCloseable closeable) {
                    closeQuietly(closeable);
                }
            }
        } finally {
            if (session != null) {
                session.close();
            }
        }
        write(json, rows);
        if (markdown != null) {
            Files.writeString(markdown, table(rows), StandardCharsets.UTF_8);
        }
        System.out.println("wrote " + json + (markdown != null ? " and " + markdown : ""));
    }

    /**
     * Times one backend over every configuration. The GLSL backend runs on the render thread
     * (as a fitting loop that owns the GL context would), the others on this thread.
     */
    private static void timeBackend(RasterBackend backend, HeadlessSession session, int[] triangleGoals, int[] sizes,
                                    int repeats, int slowRepeats, List<Row> rows) {
        boolean onRenderThread = backend instanceof GlslRasterBackend;
        // the naive reference, and GLSL on a software renderer, take seconds per run
        boolean slow = backend instanceof NaiveRasterBackend
                || (onRenderThread && session.glInfo().isSoftwareRenderer());
        int reps = slow ? slowRepeats : repeats;
        int warmups = slow ? 1 : Math.max(3, reps / 3);
        Executor exec = task -> run(onRenderThread, session, task);
        if (!slow) {
            // let the JIT (and the driver's shader compiler) finish before anything is timed
            time(backend, BenchMesh.withAbout(5000), 256, WARMUP_RUNS, 0, exec);
        }
        for (int goal : triangleGoals) {
            BenchMesh mesh = BenchMesh.withAbout(goal);
            for (int size : sizes) {
                Row row = time(backend, mesh, size, reps, warmups, exec);
                rows.add(row);
                System.out.printf(Locale.ROOT, "%-6s %4dx%-4d %6d triangles: forward %8.2f ms, backward %8.2f ms,"
                                + " total %8.2f ms (median of %d; coverage %.0f%%)%n",
                        row.backend(), size, size, row.triangles(), row.forwardMs(), row.backwardMs(),
                        row.totalMs(), row.repeats(), 100 * row.coverage());
            }
        }
    }

    /** Where one timed repetition runs. */
    @FunctionalInterface
    interface Executor {
        /** Runs the task and returns its result. */
        double[] run(java.util.concurrent.Callable<double[]> task);
    }

    private static double[] run(boolean onRenderThread, HeadlessSession session,
                                java.util.concurrent.Callable<double[]> task) {
        try {
            return onRenderThread ? session.onRenderThread(task) : task.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            System.err.println("bench-raster: closing a backend failed: " + e.getMessage());
        }
    }

    /** Times forward and backward passes of one configuration; medians in milliseconds. */
    static Row time(RasterBackend backend, BenchMesh mesh, int size, int repeats, int warmups, Executor exec) {
        int[] tris = mesh.triangles();
        EdgeTopology topology = EdgeTopology.of(tris);
        float[][] attributes = {mesh.positions()};
        int pixels = size * size;
        Random rnd = new Random(7);
        float[][] gradImage = {new float[3 * pixels]};
        float[][] gradSoft = {new float[pixels]};
        for (int p = 0; p < pixels; p++) {
            gradSoft[0][p] = (float) rnd.nextGaussian();
            for (int c = 0; c < 3; c++) {
                gradImage[0][3 * p + c] = (float) rnd.nextGaussian();
            }
        }
        double[] forward = new double[repeats];
        double[] backward = new double[repeats];
        double coverage = 0;
        for (int r = -warmups; r < repeats; r++) {
            OrbitCamera camera = OrbitCamera.lookingAt(35 + 0.01f * (r + warmups), 15, 7.5f, 40, 0, 0.7f, 0);
            float[][] positions = {camera.project(mesh.positions(), 1f)};
            double[] t = exec.run(() -> {
                long t0 = System.nanoTime();
                RasterOutput raster = backend.rasterize(positions, tris, size, size);
                float[][] image = backend.interpolate(raster, tris, attributes, 3);
                backend.antialias(image, 3, raster, positions, tris, topology);
                backend.softSilhouette(positions, tris, size, size, 2f);
                long t1 = System.nanoTime();
                AntialiasGradients aa = backend.antialiasBackward(image, 3, raster, positions, tris, topology,
                        gradImage);
                InterpolateGradients ig = backend.interpolateBackward(raster, tris, attributes, 3, aa.colors());
                backend.rasterizeBackward(raster, positions, tris, ig.barycentrics());
                backend.softSilhouetteBackward(positions, tris, size, size, 2f, gradSoft);
                long t2 = System.nanoTime();
                int covered = 0;
                for (int id : raster.triangleIds(0)) {
                    covered += id >= 0 ? 1 : 0;
                }
                return new double[] {(t1 - t0) / 1e6, (t2 - t1) / 1e6, covered / (double) pixels};
            });
            if (r >= 0) {
                forward[r] = t[0];
                backward[r] = t[1];
                coverage = t[2];
            }
        }
        double[] total = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            total[r] = forward[r] + backward[r];
        }
        return new Row(backend.name(), size, mesh.triangleCount(), repeats, median(forward), median(backward),
                median(total), coverage);
    }

    /** A Markdown table: one row per size and triangle count, one column per backend. */
    static String table(List<Row> rows) {
        List<String> names = rows.stream().map(Row::backend).distinct().toList();
        StringBuilder sb = new StringBuilder();
        sb.append("| size | triangles |");
        for (String n : names) {
            sb.append(' ').append(n).append(" fwd + bwd (ms) |");
        }
        if (names.contains("java") && names.contains("naive")) {
            sb.append(" java speed-up over naive |");
        }
        sb.append('\n').append("|---|---|");
        sb.append("---|".repeat(names.size() + (names.contains("java") && names.contains("naive") ? 1 : 0)));
        sb.append('\n');
        rows.stream().filter(r -> r.backend().equals(names.get(0))).forEach(first -> {
            sb.append(String.format(Locale.ROOT, "| %d² | %,d |", first.size(), first.triangles()));
            Row java = null;
            Row naive = null;
            for (String n : names) {
                Row r = find(rows, n, first.size(), first.triangles());
                sb.append(r == null ? " — |" : String.format(Locale.ROOT, " %,.1f (%,.1f + %,.1f) |", r.totalMs(),
                        r.forwardMs(), r.backwardMs()));
                java = n.equals("java") ? r : java;
                naive = n.equals("naive") ? r : naive;
            }
            if (names.contains("java") && names.contains("naive")) {
                sb.append(java != null && naive != null
                        ? String.format(Locale.ROOT, " %,.0f× |", naive.totalMs() / java.totalMs()) : " — |");
            }
            sb.append('\n');
        });
        return sb.toString();
    }

    private static Row find(List<Row> rows, String backend, int size, int triangles) {
        for (Row r : rows) {
            if (r.backend().equals(backend) && r.size() == size && r.triangles() == triangles) {
                return r;
            }
        }
        return null;
    }

    private static void write(Path json, List<Row> rows) throws IOException {
        JsonObject root = new JsonObject();
        root.addProperty("date", LocalDate.now().toString());
        root.addProperty("cpu", cpuName());
        root.addProperty("cores", Runtime.getRuntime().availableProcessors());
        root.addProperty("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        root.addProperty("pipeline", "forward: rasterize + interpolate(3) + antialias + softSilhouette(sigma 2);"
                + " backward: antialias + interpolate + rasterize + softSilhouette, to clip positions");
        JsonArray results = new JsonArray();
        for (Row r : rows) {
            JsonObject o = new JsonObject();
            o.addProperty("backend", r.backend());
            o.addProperty("size", r.size());
            o.addProperty("triangles", r.triangles());
            o.addProperty("repeats", r.repeats());
            o.addProperty("forward_ms", round(r.forwardMs()));
            o.addProperty("backward_ms", round(r.backwardMs()));
            o.addProperty("median_ms", round(r.totalMs()));
            o.addProperty("coverage", round(r.coverage()));
            results.add(o);
        }
        root.add("results", results);
        Path parent = json.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (Writer w = Files.newBufferedWriter(json, StandardCharsets.UTF_8)) {
            new GsonBuilder().setPrettyPrinting().create().toJson(root, w);
        }
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : 0.5 * (s[s.length / 2 - 1] + s[s.length / 2]);
    }

    /** The CPU model from /proc/cpuinfo where there is one, else the OS architecture. */
    static String cpuName() {
        try {
            for (String line : Files.readAllLines(Paths.get("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: fall through
        }
        return System.getProperty("os.arch");
    }

    private static int positive(String option, String value) {
        int v;
        try {
            v = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw fail(option + " needs a whole number, got '" + value + "'");
        }
        if (v < 1) {
            fail(option + " must be >= 1, got " + v);
        }
        return v;
    }

    private static int[] intList(String option, String value) {
        String[] parts = value.split(",");
        int[] out = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = positive(option, parts[i].trim());
        }
        return out;
    }

    private static IllegalStateException fail(String message) {
        System.err.println("bench-raster: " + message);
        System.err.println(usage());
        System.exit(2);
        return new IllegalStateException(message);
    }

    static String usage() {
        return """
                Usage: ./photo2car bench-raster --json FILE [--markdown FILE] [--repeats N] [--slow-repeats N]
                                                [--sizes 128,256,512] [--triangles 1000,5000,20000]
                                                [--backends java,glsl,naive]
                Times forward + backward (rasterize, interpolate, antialias, soft silhouette) per backend and
                writes medians as JSON (and a Markdown table). The GLSL backend needs a display or
                Xvfb (under xvfb-run -a) or OSMesa.""";
    }
}
