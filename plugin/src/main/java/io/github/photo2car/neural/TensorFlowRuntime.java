package io.github.photo2car.neural;

import io.github.photo2car.util.CacheDirectory;

import ai.djl.engine.Engine;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TensorFlow runtime behind photo2car's neural models, made ready with no build step on the
 * game developer's side: the natives jar on the classpath is extracted once into a per-user cache
 * and DJL's TensorFlow engine is loaded from there, offline.
 *
 * <p>Cache layout under the base folder ({@link #cacheBase()}):
 * {@code tensorflow-native/<natives version>-<fingerprint>/} holds the libraries,
 * {@code djl/} and {@code javacpp/} take whatever DJL and JavaCPP would otherwise write to the
 * user's home.
 */
public final class TensorFlowRuntime {

    /** System property that overrides the cache base folder. */
    public static final String CACHE_DIR_PROPERTY = CacheDirectory.PROPERTY;
    /** Environment variable that overrides the cache base folder (the property wins). */
    public static final String CACHE_DIR_ENV = CacheDirectory.ENV;
    /** The DJL engine name. */
    public static final String ENGINE_NAME = "TensorFlow";

    private static final Logger logger = LoggerFactory.getLogger(TensorFlowRuntime.class);
    private static final Object LOCK = new Object();
    private static volatile Engine engine;
    private static volatile Path libraryDirectory;

    private TensorFlowRuntime() {
    }

    /**
     * Returns DJL's TensorFlow engine, preparing it on first use: checks the platform, extracts
     * the natives (about 630 MB, some seconds; later calls and later runs reuse them), points DJL
     * at them and loads the engine (about a second). Idempotent and thread-safe; concurrent first
     * callers wait for one another, and other processes extracting the same natives are waited
     * for too.
     *
     * <p>Side effects on first use: writes under {@link #cacheBase()}; sets the system properties
     * {@code TENSORFLOW_LIBRARY_PATH} (to {@link #libraryDirectory()}) and {@code ai.djl.offline}
     * (to true), and, unless already set, {@code DJL_CACHE_DIR} ({@code <base>/djl}),
     * {@code org.bytedeco.javacpp.cachedir} ({@code <base>/javacpp}) and
     * {@code org.bytedeco.javacpp.pathsFirst} (true, so JavaCPP loads the extracted libraries
     * instead of copying them out of the jar a second time). Must run before anything else in
     * the JVM loads DJL's TensorFlow engine, or these settings come too late.
     *
     * @return the loaded engine (not null)
     * @throws NativeRuntimeException if the platform is not linux-x86_64, the natives jar is not
     *     on the classpath, the cache cannot be written, or the engine fails to load
     */
    public static Engine engine() {
        Engine result = engine;
        if (result != null) {
            return result;
        }
        synchronized (LOCK) {
            if (engine == null) {
                Path directory = prepareLibraries(TensorFlowRuntime.class.getClassLoader());
                engine = loadEngine(directory);
            }
            return engine;
        }
    }

    /**
     * Returns the directory holding the extracted TensorFlow libraries, extracting them if needed
     * (see {@link #engine()}), without loading the engine. Idempotent and thread-safe. Side
     * effects as for {@link #engine()}, except that no engine is loaded.
     *
     * @return an absolute path, {@code <base>/tensorflow-native/<version>-<fingerprint>}
     * @throws NativeRuntimeException as for {@link #engine()}, engine loading aside
     */
    public static Path libraryDirectory() {
        Path result = libraryDirectory;
        if (result != null) {
            return result;
        }
        synchronized (LOCK) {
            return prepareLibraries(TensorFlowRuntime.class.getClassLoader());
        }
    }

    /**
     * Returns the base folder of photo2car's cache ({@link CacheDirectory}): the system property
     * {@value #CACHE_DIR_PROPERTY} if set, else the environment variable {@value #CACHE_DIR_ENV}
     * if set, else {@code ${user.home}/.cache/photo2car}. Creates nothing. Thread-safe.
     *
     * @return an absolute path (not null)
     * @throws NativeRuntimeException if the configured value is not a valid path
     */
    public static Path cacheBase() {
        try {
            return CacheDirectory.base();
        } catch (IllegalArgumentException e) {
            throw new NativeRuntimeException(e.getMessage(), e);
        }
    }

    /**
     * Checks the platform, extracts the natives and sets the loading properties. Caller holds
     * LOCK.
     */
    private static Path prepareLibraries(ClassLoader loader) {
        if (libraryDirectory != null) {
            return libraryDirectory;
        }
        NativePlatform platform = NativePlatform.current();
        Path base = cacheBase();
        NativeBundle bundle = NativeBundle.locate(loader, platform);
        NativeExtractor.Result result =
                NativeExtractor.extract(bundle, base.resolve("tensorflow-native"));
        Path directory = result.directory();

        String fromEnvironment = System.getenv("TENSORFLOW_LIBRARY_PATH");
        if (fromEnvironment != null) {
            // DJL reads the environment before the system property, so the user's choice wins
            logger.warn("The environment variable TENSORFLOW_LIBRARY_PATH={} overrides photo2car's "
                    + "TensorFlow natives in {}", fromEnvironment, directory);
        }
        System.setProperty("TENSORFLOW_LIBRARY_PATH", directory.toString());
        System.setProperty("ai.djl.offline", "true");
        setIfUnset("DJL_CACHE_DIR", base.resolve("djl").toString());
        setIfUnset("org.bytedeco.javacpp.cachedir", base.resolve("javacpp").toString());
        setIfUnset("org.bytedeco.javacpp.pathsFirst", "true");
        libraryDirectory = directory;
        return directory;
    }

    private static void setIfUnset(String key, String value) {
        if (System.getProperty(key) == null && System.getenv(key) == null) {
            System.setProperty(key, value);
        }
    }

    private static Engine loadEngine(Path directory) {
        long start = System.nanoTime();
        Engine loaded;
        try {
            loaded = Engine.getEngine(ENGINE_NAME);
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            throw new NativeRuntimeException("DJL's TensorFlow engine failed to load from " + directory
                    + ". Make sure ai.djl.tensorflow:tensorflow-engine is on the classpath and that "
                    + "nothing loaded DJL's TensorFlow engine before photo2car did; if the files are "
                    + "damaged, delete " + directory + " and start again.", e);
        }
        logger.info("Loaded DJL engine {} (TensorFlow {}) in {} ms from {}",
                loaded.getEngineName(), loaded.getVersion(),
                (System.nanoTime() - start) / 1_000_000, directory);
        return loaded;
    }
}
