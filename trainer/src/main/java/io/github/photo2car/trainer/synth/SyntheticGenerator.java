package io.github.photo2car.trainer.synth;

import com.google.gson.JsonObject;
import com.jme3.app.SimpleApplication;
import io.github.photo2car.headless.HeadlessSession;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Generates a synthetic data set into a folder: plans cars on a worker thread
 * ({@link ScenePlanner}), renders photo and labels with jME offscreen ({@link SynthRenderer}),
 * encodes on the calling thread ({@link SampleEncoder}) and writes tar shards of whole cars with
 * a manifest of SHA-256 checksums ({@link DatasetManifest}).
 *
 * <p>Resumable: shards whose file matches the manifest are kept, every other shard is generated
 * again. Deterministic: a shard's bytes depend only on the configuration (and the machine's GL
 * driver and JDK), never on timing or on which shards were generated before.
 */
public final class SyntheticGenerator {

    /**
     * What to generate.
     *
     * @param width        image width in pixels (16..2048)
     * @param height       image height in pixels (16..2048)
     * @param cars         number of car instances (&ge; 1)
     * @param views        pictures per car (1..64)
     * @param carsPerShard cars in one shard (&ge; 1)
     * @param seed         the seed
     * @param environments number of lighting environments (1..64)
     * @param envSize      cube-map face size of the environments (power of two)
     * @param backdrops    photos that may replace sky and ground (not null; {@link Backdrops#none()} for none)
     * @param residualAmplitude metres per unit weight of each car's {@link ResidualModes} residual
     *                     (0..0.2; 0: template bodies, as before it existed)
     * @param shortenedShare fraction of the cars made shorter ({@link ScenePlanner}: city-car and
     *                     toy-car proportions), 0..1; 0 as before it existed
     * @param toyShare     fraction of the cars given a toy's proportions ({@link ScenePlanner}: shorter,
     *                     taller, higher, bigger wheels), 0..1; 0 as before it existed
     */
    public record Config(int width, int height, int cars, int views, int carsPerShard, long seed, int environments,
                         int envSize, Backdrops backdrops, float residualAmplitude, float shortenedShare,
                         float toyShare) {
        /** @throws IllegalArgumentException on an out-of-range value */
        public Config {
            if (backdrops == null) {
                throw new IllegalArgumentException("backdrops must not be null (use Backdrops.none())");
            }
            if (width < 16 || height < 16 || width > 2048 || height > 2048) {
                throw new IllegalArgumentException("image size must be within 16..2048, got " + width + "x" + height);
            }
            if (cars < 1 || views < 1 || views > 64 || carsPerShard < 1) {
                throw new IllegalArgumentException("need cars >= 1, views 1..64, carsPerShard >= 1");
            }
            if (environments < 1 || environments > 64 || envSize < 16 || Integer.bitCount(envSize) != 1) {
                throw new IllegalArgumentException("need 1..64 environments and a power-of-two envSize >= 16");
            }
            if (!(residualAmplitude >= 0 && residualAmplitude <= 0.2f)) {
                throw new IllegalArgumentException("residualAmplitude must be within 0..0.2 m, got " + residualAmplitude);
            }
            ScenePlanner.share("shortenedShare", shortenedShare);
            ScenePlanner.share("toyShare", toyShare);
        }

        /**
         * A configuration of cars in their road proportions.
         *
         * @param width        image width in pixels
         * @param height       image height in pixels
         * @param cars         number of car instances
         * @param views        pictures per car
         * @param carsPerShard cars in one shard
         * @param seed         the seed
         * @param environments number of lighting environments
         * @param envSize      cube-map face size
         * @param backdrops    photos that may replace sky and ground (not null)
         * @param residualAmplitude metres per unit weight of each car's residual (0..0.2)
         */
        public Config(int width, int height, int cars, int views, int carsPerShard, long seed, int environments,
                      int envSize, Backdrops backdrops, float residualAmplitude) {
            this(width, height, cars, views, carsPerShard, seed, environments, envSize, backdrops, residualAmplitude, 0f,
                    0f);
        }

        /**
         * A configuration of template bodies.
         *
         * @param width        image width in pixels
         * @param height       image height in pixels
         * @param cars         number of car instances
         * @param views        pictures per car
         * @param carsPerShard cars in one shard
         * @param seed         the seed
         * @param environments number of lighting environments
         * @param envSize      cube-map face size
         * @param backdrops    photos that may replace sky and ground (not null)
         */
        public Config(int width, int height, int cars, int views, int carsPerShard, long seed, int environments,
                      int envSize, Backdrops backdrops) {
            this(width, height, cars, views, carsPerShard, seed, environments, envSize, backdrops, 0f);
        }

        /**
         * A configuration without backdrop photos.
         *
         * @param width        image width in pixels
         * @param height       image height in pixels
         * @param cars         number of car instances
         * @param views        pictures per car
         * @param carsPerShard cars in one shard
         * @param seed         the seed
         * @param environments number of lighting environments
         * @param envSize      cube-map face size
         */
        public Config(int width, int height, int cars, int views, int carsPerShard, long seed, int environments,
                      int envSize) {
            this(width, height, cars, views, carsPerShard, seed, environments, envSize, Backdrops.none());
        }

        /** @return the number of shards */
        public int shardCount() {
            return (cars + carsPerShard - 1) / carsPerShard;
        }

        /** @return the configuration as the manifest stores it */
        JsonObject toJson() {
            JsonObject o = new JsonObject();
            o.addProperty("width", width);
            o.addProperty("height", height);
            o.addProperty("cars", cars);
            o.addProperty("viewsPerCar", views);
            o.addProperty("carsPerShard", carsPerShard);
            o.addProperty("seed", seed);
            o.addProperty("environments", environments);
            o.addProperty("envSize", envSize);
            o.addProperty("backdrops", backdrops.size());
            o.addProperty("backdropsSha256", backdrops.fingerprint());
            if (residualAmplitude > 0) {
                // only when set, so manifests of template-body sets stay as they were
                // as written (0.04, not 0.03999999910593033), so a re-run's manifest compares equal
                o.addProperty("residualAmplitude", new java.math.BigDecimal(Float.toString(residualAmplitude)));
            }
            if (shortenedShare > 0) {
                o.addProperty("shortenedShare", new java.math.BigDecimal(Float.toString(shortenedShare)));
            }
            if (toyShare > 0) {
                o.addProperty("toyShare", new java.math.BigDecimal(Float.toString(toyShare)));
            }
            o.addProperty("generator", GENERATOR_VERSION);
            return o;
        }
    }

    /**
     * What a run did.
     *
     * @param samplesWritten samples rendered and written in this run
     * @param shardsWritten  shards written in this run
     * @param shardsKept     shards that already verified and were kept
     * @param startSeconds   time from attaching the renderer to the first picture (environment maps,
     *                       textures, shader compilation)
     * @param seconds        wall time from the first picture to the last one written
     * @param encodeSeconds  time the writing thread spent encoding and writing samples
     * @param waitSeconds    time the writing thread spent waiting for the renderer
     * @param renderSeconds  render-thread time: scene set-up, both passes and read-back
     * @param carSeconds     part of renderSeconds spent building new cars' jME meshes
     */
    public record Result(long samplesWritten, int shardsWritten, int shardsKept, double startSeconds, double seconds,
                         double encodeSeconds,
                         double waitSeconds, double renderSeconds, double carSeconds) {
        /** @return steady-state samples per second: pictures after the first over the time after it */
        public double samplesPerSecond() {
            return seconds > 0 && samplesWritten > 1 ? (samplesWritten - 1) / seconds : 0;
        }
    }

    /** Version of the generator's output; part of the configuration, so a change restarts a folder. */
    static final String GENERATOR_VERSION = "1";

    private SyntheticGenerator() {
    }

    /**
     * @param sample global sample index (&ge; 0)
     * @return its key: 8 or more decimal digits
     */
    public static String key(long sample) {
        return String.format(Locale.ROOT, "%08d", sample);
    }

    /**
     * @param shard shard index
     * @return the shard's file name
     */
    static String shardName(int shard) {
        return String.format(Locale.ROOT, "shard-%05d.tar", shard);
    }

    /**
     * The environments of a data set, drawn from its seed: a fixed rotation of kinds (sunny,
     * overcast, dusk, studio; with and without street blocks), each with its own sun and clouds.
     *
     * @param config the configuration (not null)
     * @return new environments
     */
    static List<SkyEnvironment> environments(Config config) {
        SkyEnvironment.Kind[] kinds = {SkyEnvironment.Kind.SUNNY, SkyEnvironment.Kind.OVERCAST,
            SkyEnvironment.Kind.SUNNY, SkyEnvironment.Kind.DUSK, SkyEnvironment.Kind.OVERCAST,
            SkyEnvironment.Kind.STUDIO, SkyEnvironment.Kind.SUNNY, SkyEnvironment.Kind.DUSK};
        List<SkyEnvironment> list = new ArrayList<>();
        for (int i = 0; i < config.environments(); i++) {
            list.add(SkyEnvironment.create(kinds[i % kinds.length], i % 2 == 0 || i % kinds.length == 3,
                    ScenePlanner.mix(config.seed(), -2, i)));
        }
        return list;
    }

    /**
     * Generates (or completes) a data set, starting its own headless jME session.
     *
     * @param config   what to generate (not null)
     * @param dir      output folder, created if missing (not null)
     * @param progress where to print progress, or null for none
     * @return what was done
     * @throws IOException if files cannot be written, or the folder holds a different data set
     */
    public static Result generate(Config config, Path dir, PrintStream progress) throws IOException {
        List<Integer> todo = prepare(config, dir, progress);
        if (todo.isEmpty()) {
            return new Result(0, 0, config.shardCount(), 0, 0, 0, 0, 0, 0);
        }
        try (HeadlessSession session = startSession()) {
            return generate(session, config, dir, progress);
        }
    }

    /**
     * Starts an offscreen jME application suited to {@link #generate(HeadlessSession, Config, Path, PrintStream)}.
     *
     * @return the session (close it when done)
     */
    public static HeadlessSession startSession() {
        return HeadlessSession.start(new SimpleApplication() {
            @Override
            public void simpleInitApp() {
                flyCam.setEnabled(false);
            }
        }, 32, 32, Duration.ofSeconds(120));
    }

    /**
     * Generates (or completes) a data set in a running session; the renderer is attached for the
     * run and removed afterwards, so one session can serve several runs.
     *
     * @param session  a session from {@link #startSession()} (not null)
     * @param config   what to generate (not null)
     * @param dir      output folder, created if missing (not null)
     * @param progress where to print progress, or null for none
     * @return what was done
     * @throws IOException if files cannot be written, or the folder holds a different data set
     */
    public static Result generate(HeadlessSession session, Config config, Path dir, PrintStream progress)
            throws IOException {
        Objects.requireNonNull(session, "session");
        List<Integer> todo = prepare(config, dir, progress);
        int kept = config.shardCount() - todo.size();
        if (todo.isEmpty()) {
            return new Result(0, 0, kept, 0, 0, 0, 0, 0, 0);
        }
        List<SkyEnvironment> environments = environments(config);
        String[] envNames = environments.stream().map(SkyEnvironment::name).toArray(String[]::new);
        ScenePlanner planner = new ScenePlanner(config.seed(), config.views(), config.width(), config.height(),
                environments.size(), config.backdrops().size(), config.residualAmplitude(),
                config.shortenedShare(), config.toyShare());
        List<com.jme3.texture.Texture2D> backdropTextures = config.backdrops().loadTextures();
        BlockingQueue<CarJob> jobs = new ArrayBlockingQueue<>(3);
        int poolSize = 6;
        BlockingQueue<RenderedFrame> pool = new ArrayBlockingQueue<>(poolSize);
        for (int i = 0; i < poolSize; i++) {
            pool.add(new RenderedFrame(config.width(), config.height()));
        }
        BlockingQueue<RenderedFrame> rendered = new LinkedBlockingQueue<>();
        Thread planning = new Thread(() -> {
            try {
                for (int shard : todo) {
                    long first = (long) shard * config.carsPerShard();
                    long end = Math.min(config.cars(), first + config.carsPerShard());
                    for (long car = first; car < end; car++) {
                        jobs.put(planner.plan(car));
                    }
                }
                jobs.put(SynthRenderer.END);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "synth-planner");
        planning.setDaemon(true);
        SynthRenderer renderer = new SynthRenderer(config.width(), config.height(), environments, config.envSize(),
                config.seed(), backdropTextures, jobs, pool, rendered);
        SampleEncoder encoder = new SampleEncoder(config.width(), config.height(), config.seed(), envNames);
        long total = 0;
        for (int shard : todo) {
            total += samplesIn(config, shard);
        }
        Progress bar = new Progress(progress, total);
        planning.start();
        session.onRenderThread(() -> session.app().getStateManager().attach(renderer));
        long start = System.nanoTime();
        long written = 0;
        long firstFrame = start;
        long waiting = 0;
        long encoding = 0;
        try {
            DatasetManifest manifest = manifestOrEmpty(config, dir);
            for (int shard : todo) {
                int samples = samplesIn(config, shard);
                ByteArrayOutputStream tar = new ByteArrayOutputStream(samples * 16 * 1024);
                for (int s = 0; s < samples; s++) {
                    long t0 = System.nanoTime();
                    RenderedFrame frame = take(rendered, session);
                    long t1 = System.nanoTime();
                    if (written == 0) {
                        firstFrame = t1;
                    }
                    waiting += t1 - t0;
                    long expected = (long) shard * config.carsPerShard() * config.views() + s;
                    if (frame.view.sample() != expected) {
                        throw new IllegalStateException("renderer out of order: got sample " + frame.view.sample()
                                + ", expected " + expected);
                    }
                    byte[][] files = encoder.encode(frame);
                    String key = key(expected);
                    for (int k = 0; k < files.length; k++) {
                        TarShard.append(tar, new TarShard.Entry(key + SyntheticDataset.SUFFIXES[k], files[k]));
                    }
                    frame.job = null;
                    frame.view = null;
                    pool.add(frame);
                    written++;
                    encoding += System.nanoTime() - t1;
                    bar.update(written);
                }
                TarShard.finish(tar);
                manifest = writeShard(dir, manifest, shard, (long) shard * config.carsPerShard() * config.views(),
                        samples, tar.toByteArray());
            }
        } finally {
            planning.interrupt();
            session.onRenderThread(() -> session.app().getStateManager().detach(renderer));
            bar.done();
        }
        double seconds = (System.nanoTime() - firstFrame) / 1e9;
        return new Result(written, todo.size(), kept, (firstFrame - start) / 1e9, seconds, encoding / 1e9,
                waiting / 1e9,
                renderer.renderNanos() / 1e9, renderer.carNanos() / 1e9);
    }

    private static RenderedFrame take(BlockingQueue<RenderedFrame> rendered, HeadlessSession session) {
        try {
            RenderedFrame f = rendered.poll(120, TimeUnit.SECONDS);
            if (f == null) {
                throw new IllegalStateException("the renderer produced no picture for 120 s (frames so far: "
                        + session.frameCount() + ")");
            }
            return f;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the renderer", e);
        }
    }

    private static int samplesIn(Config config, int shard) {
        long first = (long) shard * config.carsPerShard();
        long end = Math.min(config.cars(), first + config.carsPerShard());
        return (int) (end - first) * config.views();
    }

    /** Checks the folder against the configuration and lists the shards still to generate. */
    private static List<Integer> prepare(Config config, Path dir, PrintStream progress) throws IOException {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(dir, "dir");
        Files.createDirectories(dir);
        DatasetManifest manifest = manifestOrEmpty(config, dir);
        List<Integer> todo = new ArrayList<>();
        for (int shard = 0; shard < config.shardCount(); shard++) {
            String name = shardName(shard);
            DatasetManifest.Shard entry = manifest.shards().stream().filter(s -> s.file().equals(name)).findFirst()
                    .orElse(null);
            boolean ok = false;
            if (entry != null) {
                try {
                    SyntheticDataset.readShard(dir, entry);
                    ok = true;
                } catch (CorruptShardException e) {
                    if (progress != null) {
                        progress.println("generate: regenerating " + name + ": " + e.getMessage());
                    }
                }
            }
            if (!ok) {
                todo.add(shard);
            }
        }
        return todo;
    }

    private static DatasetManifest manifestOrEmpty(Config config, Path dir) throws IOException {
        if (!Files.exists(dir.resolve(DatasetManifest.FILE_NAME))) {
            DatasetManifest empty = new DatasetManifest(config.toJson(), DatasetManifest.none());
            empty.write(dir);
            return empty;
        }
        DatasetManifest m = DatasetManifest.read(dir);
        if (!m.config().equals(config.toJson())) {
            throw new IOException(dir + " holds a different data set (" + m.config() + "); use another folder or"
                    + " the same options (" + config.toJson() + ")");
        }
        return m;
    }

    private static DatasetManifest writeShard(Path dir, DatasetManifest manifest, int shard, long firstSample,
                                              int samples, byte[] bytes) throws IOException {
        String name = shardName(shard);
        Path tmp = dir.resolve(name + ".tmp");
        Files.write(tmp, bytes);
        Files.move(tmp, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        List<DatasetManifest.Shard> shards = manifest.mutableShards();
        shards.removeIf(s -> s.file().equals(name));
        shards.add(new DatasetManifest.Shard(name, firstSample, samples, bytes.length, DatasetManifest.sha256(bytes)));
        shards.sort((a, b) -> Long.compare(a.firstSample(), b.firstSample()));
        DatasetManifest updated = new DatasetManifest(manifest.config(), shards);
        updated.write(dir);
        return updated;
    }

    /** A one-line progress bar with rate and time left, redrawn at most twice a second. */
    private static final class Progress {
        private final PrintStream out;
        private final long total;
        private final long start = System.nanoTime();
        private long lastDraw;

        Progress(PrintStream out, long total) {
            this.out = out;
            this.total = total;
        }

        void update(long done) {
            long now = System.nanoTime();
            if (out == null || (now - lastDraw < 500_000_000L && done < total)) {
                return;
            }
            lastDraw = now;
            double seconds = (now - start) / 1e9;
            double rate = done / Math.max(seconds, 1e-9);
            long eta = rate > 0 ? Math.round((total - done) / rate) : 0;
            int width = 30;
            int filled = (int) (width * done / total);
            out.printf(Locale.ROOT, "\rgenerate [%s%s] %d/%d  %.1f img/s  ETA %d:%02d:%02d ", "#".repeat(filled),
                    ".".repeat(width - filled), done, total, rate, eta / 3600, eta / 60 % 60, eta % 60);
            out.flush();
        }

        void done() {
            if (out != null) {
                out.println();
            }
        }
    }
}
