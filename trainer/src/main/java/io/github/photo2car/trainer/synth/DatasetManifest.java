package io.github.photo2car.trainer.synth;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * {@code manifest.json} of a synthetic data set: the generator configuration (everything the bytes
 * depend on) and, per finished shard, its file name, first sample index, sample count, size and
 * SHA-256. The generator rewrites it atomically after each shard, so a killed run leaves a
 * manifest that lists exactly the shards that were completed.
 */
public final class DatasetManifest {

    /** Name of the manifest file inside a data-set folder. */
    public static final String FILE_NAME = "manifest.json";
    /** Format tag written into every manifest. */
    public static final String FORMAT = "photo2car-synthetic/1";

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    private final JsonObject config;
    private final List<Shard> shards;

    /** One finished shard. */
    public record Shard(String file, long firstSample, int samples, long bytes, String sha256) {
        /** @throws IllegalArgumentException on a null or empty file or hash, or negative counts */
        public Shard {
            if (file == null || file.isEmpty() || sha256 == null || sha256.length() != 64) {
                throw new IllegalArgumentException("shard needs a file name and a 64-hex-digit SHA-256");
            }
            if (firstSample < 0 || samples <= 0 || bytes <= 0) {
                throw new IllegalArgumentException("bad shard counts for " + file);
            }
        }
    }

    /**
     * @param config the generator configuration (not null; copied)
     * @param shards finished shards (not null; copied)
     */
    public DatasetManifest(JsonObject config, List<Shard> shards) {
        this.config = Objects.requireNonNull(config, "config").deepCopy();
        this.shards = List.copyOf(Objects.requireNonNull(shards, "shards"));
    }

    /** @return a copy of the generator configuration */
    public JsonObject config() {
        return config.deepCopy();
    }

    /** @return the finished shards in sample order (unmodifiable) */
    public List<Shard> shards() {
        return shards;
    }

    /** @return the number of samples in all listed shards */
    public long sampleCount() {
        long n = 0;
        for (Shard s : shards) {
            n += s.samples();
        }
        return n;
    }

    /**
     * Reads a manifest.
     *
     * @param dir the data-set folder (not null)
     * @return the manifest
     * @throws IOException if it cannot be read
     * @throws CorruptShardException if it is not a valid manifest
     */
    public static DatasetManifest read(Path dir) throws IOException {
        Path file = dir.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            throw new IOException("no " + FILE_NAME + " in " + dir + ": not a synthetic data set (or not started)");
        }
        try {
            JsonObject root = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();
            if (!FORMAT.equals(root.get("format").getAsString())) {
                throw new CorruptShardException(file + ": unknown format " + root.get("format"));
            }
            List<Shard> list = new ArrayList<>();
            for (JsonElement e : root.getAsJsonArray("shards")) {
                JsonObject o = e.getAsJsonObject();
                list.add(new Shard(o.get("file").getAsString(), o.get("firstSample").getAsLong(),
                        o.get("samples").getAsInt(), o.get("bytes").getAsLong(), o.get("sha256").getAsString()));
            }
            return new DatasetManifest(root.getAsJsonObject("config"), list);
        } catch (RuntimeException e) {
            if (e instanceof CorruptShardException c) {
                throw c;
            }
            throw new CorruptShardException(file + " is not a valid manifest: " + e.getMessage());
        }
    }

    /**
     * Writes the manifest atomically (temporary file, then rename).
     *
     * @param dir the data-set folder (not null, must exist)
     * @throws IOException if it cannot be written
     */
    public void write(Path dir) throws IOException {
        JsonObject root = new JsonObject();
        root.addProperty("format", FORMAT);
        root.add("config", config.deepCopy());
        root.addProperty("samples", sampleCount());
        JsonArray array = new JsonArray();
        for (Shard s : shards) {
            JsonObject o = new JsonObject();
            o.addProperty("file", s.file());
            o.addProperty("firstSample", s.firstSample());
            o.addProperty("samples", s.samples());
            o.addProperty("bytes", s.bytes());
            o.addProperty("sha256", s.sha256());
            array.add(o);
        }
        root.add("shards", array);
        Path tmp = dir.resolve(FILE_NAME + ".tmp");
        Files.writeString(tmp, GSON.toJson(root) + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, dir.resolve(FILE_NAME), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * @param bytes data (not modified)
     * @return lower-case hexadecimal SHA-256 of the data
     */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** @return a new list of this manifest's shards, for building an updated manifest */
    List<Shard> mutableShards() {
        return new ArrayList<>(shards);
    }

    /** @return an empty unmodifiable list */
    static List<Shard> none() {
        return Collections.emptyList();
    }
}
