package io.github.photo2car.neural;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import io.github.photo2car.util.CacheDirectory;

/**
 * The networks that ship inside the plugin jar, under {@code photo2car/assets/models/<name>/}
 * (a TensorFlow SavedModel: saved_model.pb and variables/). TensorFlow loads SavedModels from
 * folders, so on first use the files are copied into the photo2car cache, into a folder named
 * by their SHA-256 (a new model never reuses an old copy; an interrupted copy is never used).
 * Thread-safe.
 */
public final class InstalledModels {

    /** The segmenter's name and input size. */
    public static final String SEGMENTER = "segmenter";
    /** Input side of the shipped segmenter, pixels. */
    public static final int SEGMENTER_SIZE = 128;
    /** The inverse-graphics network's name. */
    public static final String INVERSE = "inverse";
    /** Crop side of the shipped inverse-graphics network, pixels. */
    public static final int INVERSE_SIZE = 64;

    private static final String ROOT = "photo2car/assets/models/";
    private static final String[] FILES = {"saved_model.pb", "variables/variables.index",
        "variables/variables.data-00000-of-00001"};

    private InstalledModels() {
    }

    /**
     * @param name a model name, e.g. {@link #SEGMENTER}
     * @return whether the jar (class path) holds that model
     */
    public static boolean isInstalled(String name) {
        return InstalledModels.class.getClassLoader().getResource(ROOT + name + "/saved_model.pb") != null;
    }

    /**
     * Loads the shipped segmenter, if there is one.
     *
     * @return the segmenter, warmed up, or empty when none ships
     * @throws IOException if it ships but cannot be unpacked or loaded
     */
    public static Optional<CarSegmenter> segmenter() throws IOException {
        if (!isInstalled(SEGMENTER)) {
            return Optional.empty();
        }
        return Optional.of(CarSegmenter.load(unpack(SEGMENTER), SEGMENTER_SIZE));
    }

    /**
     * Loads the shipped inverse-graphics network, if there is one.
     *
     * @return the network, warmed up, or empty when none ships
     * @throws IOException if it ships but cannot be unpacked or loaded
     */
    public static Optional<InverseGraphics> inverse() throws IOException {
        if (!isInstalled(INVERSE)) {
            return Optional.empty();
        }
        return Optional.of(InverseGraphics.load(unpack(INVERSE), INVERSE_SIZE));
    }

    /**
     * Copies a shipped model into the cache (once) and returns its folder.
     *
     * @param name the model name
     * @return the SavedModel folder
     * @throws IOException if the model is missing or cannot be copied
     */
    public static synchronized Path unpack(String name) throws IOException {
        List<byte[]> contents = new ArrayList<>();
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        for (String file : FILES) {
            try (InputStream in = InstalledModels.class.getClassLoader().getResourceAsStream(ROOT + name + "/" + file)) {
                if (in == null) {
                    throw new IOException("the model " + name + " is incomplete: " + file + " is missing from the jar");
                }
                byte[] bytes = in.readAllBytes();
                sha.update(bytes);
                contents.add(bytes);
            }
        }
        String digest = HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        Path dir = CacheDirectory.resolve("models").resolve(name + "-" + digest);
        if (Files.isRegularFile(dir.resolve("complete"))) {
            return dir;
        }
        Files.createDirectories(dir.getParent());
        Path tmp = Files.createTempDirectory(dir.getParent(), name + "-");
        for (int i = 0; i < FILES.length; i++) {
            Path target = tmp.resolve(FILES[i]);
            Files.createDirectories(target.getParent());
            Files.write(target, contents.get(i));
        }
        Files.writeString(tmp.resolve("complete"), digest);
        try {
            Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException raced) {
            // another process unpacked the same model meanwhile: use its copy
            if (!Files.isRegularFile(dir.resolve("complete"))) {
                throw raced;
            }
        }
        return dir;
    }
}
