package io.github.photo2car.neural;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Extraction, reuse and repair of the natives, on a small fake natives jar. */
class NativeExtractorTest {

    @TempDir
    Path temp;

    private Map<String, byte[]> files;
    private NativeBundle bundle;
    private Path root;

    @BeforeEach
    void setUp() throws IOException {
        files = FakeNatives.files(1);
        Path jar = FakeNatives.writeJar(temp.resolve("natives.jar"), files);
        try (URLClassLoader loader = FakeNatives.loaderFor(jar)) {
            bundle = NativeBundle.locate(loader, NativePlatform.LINUX_X86_64);
        }
        root = temp.resolve("cache/tensorflow-native");
    }

    private void assertExtractedContents(Path directory) throws IOException {
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            assertArrayEquals(file.getValue(), Files.readAllBytes(directory.resolve(file.getKey())),
                    file.getKey());
        }
        assertTrue(NativeExtractor.isComplete(bundle, directory));
    }

    @Test
    void listsTheJarsFilesVersionAndSizes() {
        assertEquals(FakeNatives.VERSION, bundle.version());
        assertEquals(files.size(), bundle.entries().size());
        long total = files.values().stream().mapToLong(b -> b.length).sum();
        assertEquals(total, bundle.totalBytes());
        assertTrue(bundle.fingerprint().matches("[0-9a-f]{12}"), bundle.fingerprint());
    }

    @Test
    void extractsOnceThenReuses() throws IOException {
        NativeExtractor.Result first = NativeExtractor.extract(bundle, root);
        assertTrue(first.extracted());
        assertEquals(root.resolve(FakeNatives.VERSION + "-" + bundle.fingerprint()).toAbsolutePath(),
                first.directory());
        assertExtractedContents(first.directory());

        NativeExtractor.Result second = NativeExtractor.extract(bundle, root);
        assertFalse(second.extracted());
        assertEquals(first.directory(), second.directory());
    }

    @Test
    void deletedCacheIsExtractedAgain() throws IOException {
        Path directory = NativeExtractor.extract(bundle, root).directory();
        deleteTree(temp.resolve("cache"));
        assertFalse(Files.exists(directory));

        NativeExtractor.Result again = NativeExtractor.extract(bundle, root);
        assertTrue(again.extracted());
        assertExtractedContents(again.directory());
    }

    @Test
    void leftoverTempDirectoryOfAnInterruptedRunIsRemoved() throws IOException {
        Path target = NativeExtractor.targetDirectory(bundle, root);
        Path leftover = root.resolve(target.getFileName() + ".tmp-12345");
        Files.createDirectories(leftover);
        Files.write(leftover.resolve("libtensorflow_cc.so.2"), new byte[1000]);

        NativeExtractor.Result result = NativeExtractor.extract(bundle, root);
        assertTrue(result.extracted());
        assertFalse(Files.exists(leftover));
        assertExtractedContents(result.directory());
    }

    @Test
    void partialFilesWithoutMarkerAreReplaced() throws IOException {
        Path target = NativeExtractor.targetDirectory(bundle, root);
        Files.createDirectories(target);
        Files.write(target.resolve("libjnitensorflow.so"), new byte[10]);

        NativeExtractor.Result result = NativeExtractor.extract(bundle, root);
        assertTrue(result.extracted());
        assertExtractedContents(result.directory());
    }

    @Test
    void wrongMarkerIsRepaired() throws IOException {
        Path directory = NativeExtractor.extract(bundle, root).directory();
        Files.writeString(directory.resolve(NativeExtractor.MARKER), "something else\n");
        assertFalse(NativeExtractor.isComplete(bundle, directory));

        NativeExtractor.Result result = NativeExtractor.extract(bundle, root);
        assertTrue(result.extracted());
        assertExtractedContents(result.directory());
    }

    @Test
    void missingMarkerIsRepaired() throws IOException {
        Path directory = NativeExtractor.extract(bundle, root).directory();
        Files.delete(directory.resolve(NativeExtractor.MARKER));

        NativeExtractor.Result result = NativeExtractor.extract(bundle, root);
        assertTrue(result.extracted());
        assertExtractedContents(result.directory());
    }

    @Test
    void truncatedFileIsRepaired() throws IOException {
        Path directory = NativeExtractor.extract(bundle, root).directory();
        try (FileChannel channel = FileChannel.open(directory.resolve("libtensorflow_cc.so.2"),
                StandardOpenOption.WRITE)) {
            channel.truncate(1234);
        }
        assertFalse(NativeExtractor.isComplete(bundle, directory));

        NativeExtractor.Result result = NativeExtractor.extract(bundle, root);
        assertTrue(result.extracted());
        assertExtractedContents(result.directory());
    }

    @Test
    void missingFileIsRepaired() throws IOException {
        Path directory = NativeExtractor.extract(bundle, root).directory();
        Files.delete(directory.resolve("THIRD_PARTY_TF_JNI_LICENSES/example.txt"));

        NativeExtractor.Result result = NativeExtractor.extract(bundle, root);
        assertTrue(result.extracted());
        assertExtractedContents(result.directory());
    }

    @Test
    void explodedDirectoryOnTheClasspathIsExtracted() throws IOException {
        Path classes = FakeNatives.writeDirectory(temp.resolve("classes"), files);
        NativeBundle exploded;
        try (URLClassLoader loader = FakeNatives.loaderFor(classes)) {
            exploded = NativeBundle.locate(loader, NativePlatform.LINUX_X86_64);
        }
        assertEquals(FakeNatives.VERSION, exploded.version());
        NativeExtractor.Result result = NativeExtractor.extract(exploded, root);
        assertTrue(result.extracted());
        assertExtractedContents(result.directory());
    }

    @Test
    void differentNativesGetDifferentDirectories() throws IOException {
        Path otherJar = FakeNatives.writeJar(temp.resolve("other.jar"), FakeNatives.files(2));
        NativeBundle other;
        try (URLClassLoader loader = FakeNatives.loaderFor(otherJar)) {
            other = NativeBundle.locate(loader, NativePlatform.LINUX_X86_64);
        }
        assertNotEquals(bundle.fingerprint(), other.fingerprint());
        assertNotEquals(NativeExtractor.extract(bundle, root).directory(),
                NativeExtractor.extract(other, root).directory());
    }

    @Test
    void concurrentThreadsExtractExactlyOnce() throws Exception {
        int threads = 4;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<NativeExtractor.Result>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return NativeExtractor.extract(bundle, root);
                }));
            }
            start.countDown();
            int extractions = 0;
            for (Future<NativeExtractor.Result> future : futures) {
                NativeExtractor.Result result = future.get(60, TimeUnit.SECONDS);
                extractions += result.extracted() ? 1 : 0;
                assertExtractedContents(result.directory());
            }
            assertEquals(1, extractions);
        } finally {
            pool.shutdownNow();
        }
    }

    private static void deleteTree(Path path) throws IOException {
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : (Iterable<Path>) walk.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
