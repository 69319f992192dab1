package io.github.photo2car.neural;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Two game processes starting at the same moment against an empty cache: one extracts the real
 * 630 MB natives while the other waits on the lock, then both load TensorFlow 2.16.1.
 */
class TwoProcessEngineLoadTest {

    private static final Pattern RESULT =
            Pattern.compile("RESULT engine=TensorFlow version=(\\S+) sum=(\\S+) ms=(\\d+) dir=(.+)");

    @Test
    void twoJvmsOnAnEmptyCacheBothLoadTheEngine() throws Exception {
        // a fresh folder beside surefire's shared cache: this test is about the first extraction
        Path base = Paths.get("target", "two-process-cache-" + System.nanoTime()).toAbsolutePath();
        assertFalse(Files.exists(base));
        try {
            List<Process> processes = new ArrayList<>();
            List<Path> logs = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                Path log = base.resolveSibling(base.getFileName() + "-jvm" + i + ".log");
                logs.add(log);
                processes.add(new ProcessBuilder(
                        Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx1g",
                        "-D" + TensorFlowRuntime.CACHE_DIR_PROPERTY + "=" + base,
                        "-cp", System.getProperty("java.class.path"),
                        EngineLoadMain.class.getName())
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile())
                        .start());
            }
            String dir = null;
            int extractions = 0;
            for (int i = 0; i < 2; i++) {
                Process process = processes.get(i);
                boolean finished = process.waitFor(8, TimeUnit.MINUTES);
                if (!finished) {
                    process.destroyForcibly();
                }
                String output = Files.readString(logs.get(i));
                System.out.println("--- JVM " + i + " ---\n" + output);
                assertTrue(finished, "JVM " + i + " timed out");
                assertEquals(0, process.exitValue(), "JVM " + i + " failed:\n" + output);
                Matcher matcher = RESULT.matcher(output);
                assertTrue(matcher.find(), output);
                assertEquals("2.16.1", matcher.group(1));
                assertEquals("3.0", matcher.group(2));
                if (dir == null) {
                    dir = matcher.group(4).trim();
                } else {
                    assertEquals(dir, matcher.group(4).trim());
                }
                if (output.contains("Extracting TensorFlow natives")) {
                    extractions++;
                }
                Files.delete(logs.get(i));
            }
            assertEquals(1, extractions, "exactly one process extracts; the other waits and reuses");
            assertTrue(Paths.get(dir).startsWith(base), dir);
            assertTrue(Files.isRegularFile(Paths.get(dir, NativeExtractor.MARKER)));
        } finally {
            deleteTree(base);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
