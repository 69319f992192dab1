package io.github.photo2car.neural;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The TensorFlow native files as they sit on the classpath: inside the natives jar
 * (org.tensorflow:tensorflow-core-native, classified by {@link NativePlatform}) or in an exploded copy of it (an
 * IDE's or a build's output folder). Knows the files' names and sizes without reading their
 * contents, and opens them for copying. Immutable and thread-safe.
 */
final class NativeBundle {

    private static final String POM_PROPERTIES =
            "META-INF/maven/org.tensorflow/tensorflow-core-native/pom.properties";

    /**
     * One file of the bundle.
     *
     * @param name the path relative to the platform's {@link NativePlatform#resourceDir()}, '/'-separated
     * @param size the size in bytes
     * @param crc the CRC-32 stored in the jar, or -1 where unknown (exploded directory)
     */
    record Entry(String name, long size, long crc) {
    }

    /** Opens the bundle's files one at a time; must be closed. */
    interface Reader extends AutoCloseable {
        /**
         * Opens one file for reading.
         *
         * @param entry an entry of this bundle (not null)
         * @return a new stream the caller must close
         * @throws IOException if the file cannot be read
         */
        InputStream open(Entry entry) throws IOException;

        @Override
        void close() throws IOException;
    }

    private final NativePlatform platform;
    private final URL jarUrl;
    private final Path directory;
    private final String origin;
    private final String version;
    private final List<Entry> entries;

    private NativeBundle(NativePlatform platform, URL jarUrl, Path directory, String origin, String version,
            List<Entry> entries) {
        this.platform = platform;
        this.jarUrl = jarUrl;
        this.directory = directory;
        this.origin = origin;
        this.version = version;
        this.entries = entries;
    }

    /**
     * Finds the natives through a class loader, as a jar or an exploded directory, and lists them.
     * Reads the jar's central directory (cheap); reads no library contents. Thread-safe.
     *
     * @param loader   the class loader to search (not null)
     * @param platform the platform whose natives to find (not null)
     * @return the bundle (not null)
     * @throws NativeRuntimeException if the natives are not on the loader's classpath or are
     *     incomplete or unreadable
     */
    static NativeBundle locate(ClassLoader loader, NativePlatform platform) {
        Objects.requireNonNull(loader, "loader");
        Objects.requireNonNull(platform, "platform");
        String resourceDir = platform.resourceDir();
        URL probe = loader.getResource(resourceDir + platform.probeFile());
        if (probe == null) {
            throw new NativeRuntimeException("The TensorFlow natives jar is not on the classpath ("
                    + "no resource " + resourceDir + platform.probeFile() + "). Add the dependency "
                    + "org.tensorflow:tensorflow-core-native:1.0.0-rc.1 with classifier "
                    + platform.classifier() + " (the photo2car plugin declares it on this platform; "
                    + "check that your build does not exclude it or strip its classifier).");
        }
        NativeBundle bundle;
        try {
            switch (probe.getProtocol()) {
                case "jar":
                    bundle = fromJar(probe, platform);
                    break;
                case "file":
                    bundle = fromDirectory(Paths.get(probe.toURI()).getParent(), platform);
                    break;
                default:
                    throw new NativeRuntimeException("The TensorFlow natives were found at " + probe
                            + ", but photo2car can only extract them from a jar or a directory. "
                            + "Put org.tensorflow:tensorflow-core-native:" + platform.classifier()
                            + " on the classpath as a plain jar.");
            }
        } catch (IOException | URISyntaxException | UncheckedIOException e) {
            throw new NativeRuntimeException("Cannot read the TensorFlow natives at " + probe
                    + "; the jar may be corrupt. Delete it from the local Maven/Gradle cache and "
                    + "rebuild so it is downloaded again.", e);
        }
        for (String required : platform.requiredFiles()) {
            if (bundle.entries.stream().noneMatch(e -> e.name().equals(required))) {
                throw new NativeRuntimeException("The TensorFlow natives at " + bundle.origin
                        + " lack " + required + ". Use the unmodified jar "
                        + "org.tensorflow:tensorflow-core-native:1.0.0-rc.1:" + platform.classifier()
                        + ".");
            }
        }
        return bundle;
    }

    private static NativeBundle fromJar(URL probe, NativePlatform platform) throws IOException {
        String resourceDir = platform.resourceDir();
        JarURLConnection connection = (JarURLConnection) probe.openConnection();
        // our own handle, closed below; a cached one would be shared with (and closed by) others
        connection.setUseCaches(false);
        URL jarUrl = connection.getJarFileURL();
        try (JarFile jar = connection.getJarFile()) {
            List<Entry> entries = new ArrayList<>();
            Enumeration<JarEntry> all = jar.entries();
            while (all.hasMoreElements()) {
                JarEntry entry = all.nextElement();
                String name = entry.getName();
                if (!entry.isDirectory() && name.startsWith(resourceDir)
                        && name.length() > resourceDir.length()) {
                    if (entry.getSize() < 0) {
                        throw new IOException("jar entry " + name + " has no recorded size");
                    }
                    entries.add(new Entry(name.substring(resourceDir.length()), entry.getSize(),
                            entry.getCrc()));
                }
            }
            String version = "unknown";
            JarEntry pom = jar.getJarEntry(POM_PROPERTIES);
            if (pom != null) {
                try (InputStream in = jar.getInputStream(pom)) {
                    version = readVersion(in);
                }
            }
            return new NativeBundle(platform, jarUrl, null, jarUrl.toString(), version, sorted(entries));
        }
    }

    private static NativeBundle fromDirectory(Path directory, NativePlatform platform) throws IOException {
        List<Entry> entries = new ArrayList<>();
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                String name = directory.relativize(file).toString().replace('\\', '/');
                entries.add(new Entry(name, Files.size(file), -1L));
            }
        }
        // the exploded classpath root lies above each folder of the resource folder
        Path root = directory;
        for (int i = platform.resourceDir().split("/").length; i > 0 && root != null; i--) {
            root = root.getParent();
        }
        if (root == null) {
            return new NativeBundle(platform, null, directory, directory.toString(), "unknown",
                    sorted(entries));
        }
        Path pom = root.resolve(POM_PROPERTIES);
        String version = "unknown";
        if (Files.isRegularFile(pom)) {
            try (InputStream in = Files.newInputStream(pom)) {
                version = readVersion(in);
            }
        }
        return new NativeBundle(platform, null, directory, directory.toString(), version, sorted(entries));
    }

    private static String readVersion(InputStream in) throws IOException {
        Properties properties = new Properties();
        properties.load(in);
        String version = properties.getProperty("version", "unknown").trim();
        // the version becomes part of a directory name: keep it to safe characters
        return version.isEmpty() ? "unknown" : version.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private static List<Entry> sorted(List<Entry> entries) {
        entries.sort(Comparator.comparing(Entry::name));
        return Collections.unmodifiableList(entries);
    }

    /**
     * Describes where the natives were found, for messages.
     *
     * @return the jar's URL or the directory's path (not null)
     */
    String origin() {
        return origin;
    }

    /**
     * Returns the natives' version from the jar's Maven metadata.
     *
     * @return for example "1.0.0-rc.1", or "unknown" (not null)
     */
    String version() {
        return version;
    }

    /**
     * Lists the files, sorted by name.
     *
     * @return an unmodifiable list (not null, not empty)
     */
    List<Entry> entries() {
        return entries;
    }

    /**
     * Sums the sizes of all files.
     *
     * @return the total in bytes
     */
    long totalBytes() {
        return entries.stream().mapToLong(Entry::size).sum();
    }

    /**
     * Returns a short hash of the files' names, sizes and (where known) CRCs, so that different
     * builds of the same version never share a cache directory.
     *
     * @return 12 lowercase hex digits (not null)
     */
    String fingerprint() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Entry entry : entries) {
                String line = entry.name() + '\0' + entry.size() + '\0' + entry.crc() + '\n';
                digest.update(line.getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(digest.digest()).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JRE provides SHA-256", e);
        }
    }

    /**
     * Opens the bundle for reading its files. The caller must close the reader.
     *
     * @return a new reader (not null)
     * @throws IOException if the jar cannot be opened
     */
    Reader openReader() throws IOException {
        if (directory != null) {
            return new Reader() {
                @Override
                public InputStream open(Entry entry) throws IOException {
                    return Files.newInputStream(directory.resolve(entry.name()));
                }

                @Override
                public void close() {
                    // nothing held open between files
                }
            };
        }
        URLConnection connection = new URL("jar:" + jarUrl + "!/").openConnection();
        connection.setUseCaches(false);
        JarFile jar = ((JarURLConnection) connection).getJarFile();
        return new Reader() {
            @Override
            public InputStream open(Entry entry) throws IOException {
                JarEntry jarEntry = jar.getJarEntry(platform.resourceDir() + entry.name());
                if (jarEntry == null) {
                    throw new IOException("entry vanished from " + jarUrl + ": " + entry.name());
                }
                return jar.getInputStream(jarEntry);
            }

            @Override
            public void close() throws IOException {
                jar.close();
            }
        };
    }
}
