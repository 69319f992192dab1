package io.github.photo2car.neural;

import java.io.IOException;
import java.io.OutputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/**
 * A small stand-in for the 630 MB natives jar: the same resource layout and file names with a few
 * hundred KiB of deterministic bytes, so that extraction tests run in milliseconds.
 */
final class FakeNatives {

    static final String VERSION = "9.9.9-test";

    private FakeNatives() {
    }

    /**
     * Returns the fake files keyed by their path relative to the natives resource folder.
     *
     * @param seed varies the contents (and, through the first file, the sizes)
     */
    static Map<String, byte[]> files(int seed) {
        Random random = new Random(seed);
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("libjnitensorflow.so", bytes(random, 4096 + seed));
        files.put("libtensorflow_cc.so.2", bytes(random, 300_000));
        files.put("libtensorflow_framework.so.2", bytes(random, 50_000));
        files.put("LICENSE", "fake license\n".getBytes(StandardCharsets.UTF_8));
        files.put("THIRD_PARTY_TF_JNI_LICENSES/example.txt",
                "third party\n".getBytes(StandardCharsets.UTF_8));
        return files;
    }

    private static byte[] bytes(Random random, int size) {
        byte[] data = new byte[size];
        random.nextBytes(data);
        return data;
    }

    /** Writes a jar holding the given files under the natives resource folder and Maven metadata. */
    static Path writeJar(Path jar, Map<String, byte[]> files) throws IOException {
        Files.createDirectories(jar.getParent());
        try (OutputStream out = Files.newOutputStream(jar);
                JarOutputStream jarOut = new JarOutputStream(out)) {
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                jarOut.putNextEntry(new JarEntry(NativePlatform.LINUX_X86_64.resourceDir() + file.getKey()));
                jarOut.write(file.getValue());
                jarOut.closeEntry();
            }
            jarOut.putNextEntry(new JarEntry(
                    "META-INF/maven/org.tensorflow/tensorflow-core-native/pom.properties"));
            jarOut.write(("version=" + VERSION + "\n").getBytes(StandardCharsets.UTF_8));
            jarOut.closeEntry();
        }
        return jar;
    }

    /** Writes the same layout as an exploded classpath directory. */
    static Path writeDirectory(Path root, Map<String, byte[]> files) throws IOException {
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            Path path = root.resolve(NativePlatform.LINUX_X86_64.resourceDir() + file.getKey());
            Files.createDirectories(path.getParent());
            Files.write(path, file.getValue());
        }
        Path pom = root.resolve("META-INF/maven/org.tensorflow/tensorflow-core-native/pom.properties");
        Files.createDirectories(pom.getParent());
        Files.writeString(pom, "version=" + VERSION + "\n");
        return root;
    }

    /** A class loader that sees only the given jar or directory (no parent, so not the real jar). */
    static URLClassLoader loaderFor(Path jarOrDirectory) throws MalformedURLException {
        return new URLClassLoader(new URL[] {jarOrDirectory.toUri().toURL()}, null);
    }
}
