package io.github.photo2car.neural;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies a {@link NativeBundle} into a cache directory once, so that TensorFlow can load the
 * libraries from the file system. Safe against other threads and other processes doing the same
 * (a file lock beside the target) and against earlier runs that died half-way (files go to a temp
 * directory that is renamed into place only when complete, and a marker listing every file's name
 * and size, written last, is checked on every call).
 */
final class NativeExtractor {

    /** Name of the marker file inside a complete extraction. */
    static final String MARKER = ".photo2car-complete";

    private static final String MARKER_HEADER = "photo2car tensorflow natives v1";
    private static final Logger logger = LoggerFactory.getLogger(NativeExtractor.class);
    private static final int BUFFER_BYTES = 1 << 20;
    /** A file lock is held per JVM, so threads of one JVM queue here before taking it. */
    private static final Object JVM_LOCK = new Object();

    /**
     * What {@link #extract} did.
     *
     * @param directory the directory holding the extracted files
     * @param extracted true if this call copied the files, false if it found them complete
     */
    record Result(Path directory, boolean extracted) {
    }

    private NativeExtractor() {
    }

    /**
     * Returns the directory that a bundle extracts to: {@code <root>/<version>-<fingerprint>}.
     * No side effects.
     *
     * @param bundle the natives (not null)
     * @param root the folder holding all extractions, e.g. {@code <cache base>/tensorflow-native}
     *     (not null)
     * @return the target directory (not null)
     */
    static Path targetDirectory(NativeBundle bundle, Path root) {
        Objects.requireNonNull(bundle, "bundle");
        Objects.requireNonNull(root, "root");
        return root.resolve(bundle.version() + "-" + bundle.fingerprint()).toAbsolutePath();
    }

    /**
     * Makes sure the bundle's files lie complete in {@link #targetDirectory}, extracting them if
     * they are absent, incomplete or altered. Blocks while another thread or process extracts the
     * same bundle. Thread-safe and process-safe. Side effects: creates {@code root}, a lock file
     * {@code <target>.lock} beside the target, the target directory; deletes a damaged target and
     * leftover temp directories {@code <target>.tmp-*}.
     *
     * @param bundle the natives to extract (not null)
     * @param root the folder holding all extractions (not null; created if absent)
     * @return the target directory and whether this call extracted (not null)
     * @throws NativeRuntimeException if the cache cannot be written
     */
    static Result extract(NativeBundle bundle, Path root) {
        Path target = targetDirectory(bundle, root);
        Path lockFile = target.resolveSibling(target.getFileName() + ".lock");
        synchronized (JVM_LOCK) {
            try {
                Files.createDirectories(target.getParent());
                try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE)) {
                    // blocks while another process extracts; released when the channel closes
                    FileLock lock = channel.lock();
                    logger.debug("Holding {}", lock);
                    return extractLocked(bundle, target);
                }
            } catch (IOException e) {
                throw new NativeRuntimeException("Cannot extract the TensorFlow natives ("
                        + bundle.totalBytes() / (1024 * 1024) + " MiB) to " + target + ": " + e
                        + ". Free disk space or make the folder writable, or choose another cache "
                        + "folder with -D" + TensorFlowRuntime.CACHE_DIR_PROPERTY + "=<dir> or the "
                        + "environment variable " + TensorFlowRuntime.CACHE_DIR_ENV + ".", e);
            }
        }
    }

    /**
     * Tells whether a directory holds a complete, unaltered extraction of a bundle: its marker
     * lists exactly the bundle's files and every file has its recorded size. Reads only metadata
     * and the small marker. Thread-safe, no side effects.
     *
     * @param bundle the natives (not null)
     * @param directory the directory to check (not null; may not exist)
     * @return true if complete
     */
    static boolean isComplete(NativeBundle bundle, Path directory) {
        Path marker = directory.resolve(MARKER);
        try {
            if (!Files.isRegularFile(marker)
                    || !Files.readString(marker, StandardCharsets.UTF_8).equals(markerText(bundle))) {
                return false;
            }
            for (NativeBundle.Entry entry : bundle.entries()) {
                Path file = directory.resolve(entry.name());
                if (!Files.isRegularFile(file) || Files.size(file) != entry.size()) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            // an unreadable marker or file is as good as a missing one: extract again
            return false;
        }
    }

    private static Result extractLocked(NativeBundle bundle, Path target) throws IOException {
        deleteLeftoverTemps(target);
        if (isComplete(bundle, target)) {
            logger.debug("TensorFlow natives already extracted in {}", target);
            return new Result(target, false);
        }
        if (Files.exists(target)) {
            logger.warn("TensorFlow natives in {} are incomplete or altered (an interrupted "
                    + "extraction?); deleting and extracting again", target);
            deleteTree(target);
        }
        Path temp = Files.createTempDirectory(target.getParent(), target.getFileName() + ".tmp-");
        try {
            copyAll(bundle, temp, target);
            Files.writeString(temp.resolve(MARKER), markerText(bundle), StandardCharsets.UTF_8);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                // same parent folder, so this only happens on exotic file systems; the lock and
                // the marker still keep readers from trusting a half-moved directory
                Files.move(temp, target);
            }
        } finally {
            if (Files.exists(temp)) {
                deleteTree(temp);
            }
        }
        return new Result(target, true);
    }

    private static void copyAll(NativeBundle bundle, Path temp, Path target) throws IOException {
        long total = bundle.totalBytes();
        long start = System.nanoTime();
        logger.info("Extracting TensorFlow natives {} ({} files, {}) from {} to {}",
                bundle.version(), bundle.entries().size(), mebibytes(total), bundle.origin(),
                target);
        long copied = 0;
        int nextPercent = 20;
        byte[] buffer = new byte[BUFFER_BYTES];
        try (NativeBundle.Reader reader = bundle.openReader()) {
            for (NativeBundle.Entry entry : bundle.entries()) {
                Path file = temp.resolve(entry.name());
                Files.createDirectories(file.getParent());
                long written = 0;
                try (InputStream in = reader.open(entry);
                        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW,
                                StandardOpenOption.WRITE)) {
                    OutputStream out = Channels.newOutputStream(channel);
                    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                        out.write(buffer, 0, n);
                        written += n;
                        copied += n;
                        while (total > 0 && copied * 100 / total >= nextPercent && nextPercent < 100) {
                            logger.info("  {}% of TensorFlow natives extracted", nextPercent);
                            nextPercent += 20;
                        }
                    }
                    // the marker written after this must never describe data still in the page cache
                    channel.force(true);
                }
                if (written != entry.size()) {
                    throw new IOException(entry.name() + ": copied " + written + " bytes, expected "
                            + entry.size());
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        logger.info("Extracted TensorFlow natives ({}) in {} s", mebibytes(total),
                String.format(Locale.ROOT, "%.1f", seconds));
    }

    private static String mebibytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
    }

    private static String markerText(NativeBundle bundle) {
        StringBuilder text = new StringBuilder(MARKER_HEADER).append('\n');
        for (NativeBundle.Entry entry : bundle.entries()) {
            text.append(entry.size()).append(' ').append(entry.name()).append('\n');
        }
        return text.toString();
    }

    private static void deleteLeftoverTemps(Path target) throws IOException {
        String prefix = target.getFileName() + ".tmp-";
        try (DirectoryStream<Path> siblings =
                Files.newDirectoryStream(target.getParent(), prefix + "*")) {
            for (Path leftover : siblings) {
                // we hold the lock, so no live process is still writing into it
                logger.info("Deleting leftover of an interrupted extraction: {}", leftover);
                deleteTree(leftover);
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                try {
                    Files.delete(path);
                } catch (NoSuchFileException e) {
                    // already gone: that is what we wanted
                }
            }
        }
    }
}
