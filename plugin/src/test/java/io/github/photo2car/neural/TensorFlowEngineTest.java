package io.github.photo2car.neural;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The real engine through {@link TensorFlowRuntime}, from the cache shared by the test run
 * (surefire's photo2car.cacheDir), so the 630 MB are extracted at most once per build.
 */
class TensorFlowEngineTest {

    @Test
    void loadsTensorFlow2161OfflineAndComputes() {
        Engine engine = TensorFlowRuntime.engine();
        assertEquals("TensorFlow", engine.getEngineName());
        assertEquals("2.16.1", engine.getVersion());
        assertEquals("true", System.getProperty("ai.djl.offline"));
        try (NDManager manager = engine.newBaseManager()) {
            NDArray a = manager.create(new float[] {1f, 2f, 3f, 4f}, new Shape(2, 2));
            assertEquals(List.of(7f, 10f, 15f, 22f), boxed(a.matMul(a).toFloatArray()));
        }
    }

    @Test
    void concurrentCallersGetTheSameEngine() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<Engine>> futures = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                futures.add(pool.submit((Callable<Engine>) TensorFlowRuntime::engine));
            }
            Engine first = futures.get(0).get(5, TimeUnit.MINUTES);
            for (Future<Engine> future : futures) {
                assertSame(first, future.get(5, TimeUnit.MINUTES));
            }
            assertSame(first, TensorFlowRuntime.engine());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void librariesLieInTheConfiguredCacheAndNowhereElse() throws IOException {
        TensorFlowRuntime.engine();
        Path base = TensorFlowRuntime.cacheBase();
        Path directory = TensorFlowRuntime.libraryDirectory();
        assertTrue(directory.startsWith(base.resolve("tensorflow-native")), directory.toString());
        assertTrue(directory.getFileName().toString().startsWith("1.0.0-rc.1-"),
                directory.toString());
        assertEquals(directory.toString(), System.getProperty("TENSORFLOW_LIBRARY_PATH"));
        for (String file : NativePlatform.LINUX_X86_64.requiredFiles()) {
            assertTrue(Files.isRegularFile(directory.resolve(file)), file);
        }
        assertTrue(Files.isRegularFile(directory.resolve(NativeExtractor.MARKER)));
        // pathsFirst=true keeps JavaCPP from copying the 630 MB out of the jar a second time
        Path javacpp = Path.of(System.getProperty("org.bytedeco.javacpp.cachedir"));
        assertTrue(javacpp.startsWith(base), javacpp.toString());
        if (Files.exists(javacpp)) {
            try (Stream<Path> files = Files.walk(javacpp)) {
                long bytes = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length())
                        .sum();
                assertTrue(bytes < 1_000_000, "JavaCPP cached " + bytes + " bytes");
            }
        }
    }

    private static List<Float> boxed(float[] values) {
        List<Float> list = new ArrayList<>();
        for (float v : values) {
            list.add(v);
        }
        return list;
    }
}
