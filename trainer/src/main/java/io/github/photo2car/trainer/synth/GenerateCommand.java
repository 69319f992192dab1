package io.github.photo2car.trainer.synth;

import io.github.photo2car.headless.HeadlessSession;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * {@code ./photo2car generate}: writes a synthetic data set, benchmarks the generator, or draws the
 * contact sheet and histograms of a data set.
 *
 * <pre>
 * generate --out DIR [--cars N] [--views K] [--size S | --size WxH] [--seed S] [--shard-cars N]
 *          [--environments N] [--env-size N] [--backdrops DIR]
 * generate --bench [--bench-seconds S]
 * generate --report DIR --docs DIR
 * generate --verify DIR
 * </pre>
 */
public final class GenerateCommand {

    private GenerateCommand() {
    }

    /**
     * @param args command-line arguments (see the class comment; not modified)
     * @throws IOException if files cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        Path out = null;
        Path report = null;
        Path verify = null;
        Path backdrops = null;
        Path docs = null;
        boolean bench = false;
        int cars = 1000;
        int views = 8;
        int width = 128;
        int height = 128;
        long seed = 1;
        int shardCars = 64;
        int environments = 8;
        int envSize = 256;
        double benchSeconds = 40;
        float residual = 0;
        float shortened = 0;
        float toy = 0;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--help") || a.equals("-h")) {
                System.out.println(usage());
                return;
            }
            if (a.equals("--bench")) {
                bench = true;
                continue;
            }
            if (i + 1 >= args.length) {
                fail("missing value after " + a);
            }
            String v = args[++i];
            try {
                switch (a) {
                    case "--out" -> out = Path.of(v);
                    case "--cars" -> cars = Integer.parseInt(v);
                    case "--views" -> views = Integer.parseInt(v);
                    case "--size" -> {
                        String[] wh = v.toLowerCase(Locale.ROOT).split("x");
                        width = Integer.parseInt(wh[0]);
                        height = wh.length > 1 ? Integer.parseInt(wh[1]) : width;
                    }
                    case "--seed" -> seed = Long.parseLong(v);
                    case "--shard-cars" -> shardCars = Integer.parseInt(v);
                    case "--environments" -> environments = Integer.parseInt(v);
                    case "--env-size" -> envSize = Integer.parseInt(v);
                    case "--bench-seconds" -> benchSeconds = Double.parseDouble(v);
                    case "--report" -> report = Path.of(v);
                    case "--docs" -> docs = Path.of(v);
                    case "--verify" -> verify = Path.of(v);
                    case "--backdrops" -> backdrops = Path.of(v);
                    case "--residual" -> residual = Float.parseFloat(v);
                    case "--shortened" -> shortened = Float.parseFloat(v);
                    case "--toy" -> toy = Float.parseFloat(v);
                    default -> fail("unknown option " + a);
                }
            } catch (NumberFormatException e) {
                fail("not a number after " + a + ": " + v);
            }
        }
        if (bench) {
            bench(benchSeconds, views, environments, envSize);
            return;
        }
        if (verify != null) {
            verify(SyntheticDataset.open(verify));
            return;
        }
        if (report != null) {
            if (docs == null) {
                fail("--report needs --docs DIR");
            }
            SyntheticReport.write(SyntheticDataset.open(report), docs, seed);
            System.out.println("generate: contact sheet and histograms written to " + docs);
            return;
        }
        if (out == null) {
            fail("--out DIR is required");
        }
        SyntheticGenerator.Config config;
        try {
            config = new SyntheticGenerator.Config(width, height, cars, views, shardCars, seed, environments, envSize,
                    backdrops == null ? Backdrops.none() : Backdrops.scan(backdrops), residual, shortened, toy);
        } catch (IllegalArgumentException e) {
            fail(e.getMessage());
            return;
        }
        SyntheticGenerator.Result r = SyntheticGenerator.generate(config, out, System.err);
        System.out.printf(Locale.ROOT, "generate: %d samples in %d new shards (%d kept) at %dx%d, %.1f s start-up +"
                + " %.1f s, %.1f img/s -> %s%n", r.samplesWritten(), r.shardsWritten(), r.shardsKept(), width, height,
                r.startSeconds(), r.seconds(), r.samplesPerSecond(), out);
    }

    /** Runs the generator at 128x128 and 256x256 for a fixed time each into a temporary folder. */
    private static void bench(double seconds, int views, int environments, int envSize) throws IOException {
        Path tmp = Files.createTempDirectory("photo2car-bench");
        try (HeadlessSession session = SyntheticGenerator.startSession()) {
            System.out.println("generate --bench: " + session.glInfo().renderer() + ", "
                    + Runtime.getRuntime().availableProcessors() + " cores, " + views + " views per car");
            for (int size : new int[] {128, 256}) {
                // warm-up run (shaders, textures, JIT), then a timed run sized from the warm-up's rate
                SyntheticGenerator.Config warm = new SyntheticGenerator.Config(size, size, 4, views, 4, 99,
                        environments, envSize);
                SyntheticGenerator.Result w = SyntheticGenerator.generate(session, warm, tmp.resolve("warm" + size), null);
                int cars = Math.max(4, (int) Math.round(w.samplesPerSecond() * seconds / views));
                SyntheticGenerator.Config config = new SyntheticGenerator.Config(size, size, cars, views, 16, 1,
                        environments, envSize);
                SyntheticGenerator.Result r = SyntheticGenerator.generate(session, config, tmp.resolve("run" + size),
                        null);
                System.out.printf(Locale.ROOT, "generate --bench: %dx%d: %d labelled images in %.1f s = %.1f images/s"
                        + " after %.1f s of start-up"
                        + " (per image: render thread %.1f ms of which car swaps %.1f ms; writer thread %.1f ms"
                        + " encoding, %.1f ms waiting)%n",
                        size, size, r.samplesWritten(), r.seconds(), r.samplesPerSecond(), r.startSeconds(),
                        1000 * r.renderSeconds() / r.samplesWritten(), 1000 * r.carSeconds() / r.samplesWritten(),
                        1000 * r.encodeSeconds() / r.samplesWritten(), 1000 * r.waitSeconds() / r.samplesWritten());
            }
        } finally {
            try (Stream<Path> walk = Files.walk(tmp)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Checks every sample's labels against the rasterizer and prints the worst figures. */
    private static void verify(SyntheticDataset data) {
        LabelCheck check = new LabelCheck(Math.max(1, Runtime.getRuntime().availableProcessors()));
        long n = 0;
        long below = 0;
        double worstIou = 1;
        double sumIou = 0;
        double worstParts = 1;
        double worstWheel = 0;
        for (SyntheticSample s : data) {
            LabelCheck.Result r = check.check(s);
            n++;
            sumIou += r.maskIou();
            below += r.maskIou() < 0.99 ? 1 : 0;
            worstIou = Math.min(worstIou, r.maskIou());
            worstParts = Math.min(worstParts, r.partAgreement());
            worstWheel = Math.max(worstWheel, r.wheelErrorPx());
        }
        System.out.printf(Locale.ROOT, "generate --verify: %d samples; mask IoU against the rasterizer: mean %.5f, lowest %.5f,"
                + " %d below 0.99; part agreement lowest %.4f; wheel centres within %.4f px%n",
                n, sumIou / Math.max(n, 1), worstIou, below, worstParts, worstWheel);
    }

    private static String usage() {
        return """
                usage: generate --out DIR [--cars N] [--views K] [--size S|WxH] [--seed S] [--shard-cars N]
                                [--environments N] [--env-size N] [--backdrops DIR] [--residual METRES]
                                [--shortened SHARE] [--toy SHARE]
                       generate --bench [--bench-seconds S]
                       generate --report DIR --docs DIR [--seed S]
                       generate --verify DIR
                --residual A: every car's body leaves the template by A metres per unit of 16 smooth symmetric
                  modes with weights uniform in -1..1 (ResidualModes; the labels record the weights).
                --shortened P: a fraction P (0..1) of the cars is made shorter, lengths times 0.6..1 with width,
                  height and wheels kept: city-car, kei-car and toy-car proportions (CarParams.shortened).
                --toy P: a fraction P (0..1) of the cars gets a toy's proportions by an amount uniform in 0..1: up to
                  0.6 times the length, 1.2 times the height, twice the ground clearance, 1.15 times the wheel
                  radius (CarParams.toy), so the car's ends show how short it is.""";
    }

    private static void fail(String message) {
        System.err.println("generate: " + message);
        System.err.println(usage());
        System.exit(2);
    }
}
