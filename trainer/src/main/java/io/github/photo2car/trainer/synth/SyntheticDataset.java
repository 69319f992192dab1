package io.github.photo2car.trainer.synth;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * Reads a synthetic data set written by {@link SyntheticGenerator}: streams its samples shard by
 * shard, and verifies every shard against the manifest (size, SHA-256, tar structure, sample
 * count, and that each sample has all four files) before handing out any of its samples. A shard
 * that fails throws {@link CorruptShardException}, never returns partial data.
 */
public final class SyntheticDataset implements Iterable<SyntheticSample> {

    /** File suffixes of one sample, in the order they are stored. */
    static final String[] SUFFIXES = {".jpg", ".mask.png", ".parts.png", ".json"};

    private final Path dir;
    private final DatasetManifest manifest;

    private SyntheticDataset(Path dir, DatasetManifest manifest) {
        this.dir = dir;
        this.manifest = manifest;
    }

    /**
     * Opens a data set folder (reads the manifest only).
     *
     * @param dir the folder holding manifest.json and the shards (not null)
     * @return the data set
     * @throws IOException if the manifest is missing or unreadable
     */
    public static SyntheticDataset open(Path dir) throws IOException {
        Objects.requireNonNull(dir, "dir");
        return new SyntheticDataset(dir, DatasetManifest.read(dir));
    }

    /** @return the manifest */
    public DatasetManifest manifest() {
        return manifest;
    }

    /** @return the number of samples the manifest lists */
    public long size() {
        return manifest.sampleCount();
    }

    /**
     * Reads and verifies one shard completely.
     *
     * @param shard a shard of this data set's manifest (not null)
     * @return its samples in order
     * @throws CorruptShardException if the shard is missing, truncated, altered or malformed
     */
    public List<SyntheticSample> readShard(DatasetManifest.Shard shard) {
        return readShard(dir, shard);
    }

    /**
     * Reads and verifies one shard file against its manifest entry.
     *
     * @param dir   the data-set folder (not null)
     * @param shard the manifest entry (not null)
     * @return its samples in order
     * @throws CorruptShardException if the shard is missing, truncated, altered or malformed
     */
    static List<SyntheticSample> readShard(Path dir, DatasetManifest.Shard shard) {
        Path file = dir.resolve(shard.file());
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new CorruptShardException(file + ": shard listed in the manifest is missing");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        if (bytes.length != shard.bytes()) {
            throw new CorruptShardException(file + ": " + bytes.length + " bytes, manifest says " + shard.bytes()
                    + (bytes.length < shard.bytes() ? " (truncated)" : ""));
        }
        String sha = DatasetManifest.sha256(bytes);
        if (!sha.equals(shard.sha256())) {
            throw new CorruptShardException(file + ": SHA-256 " + sha + " does not match the manifest's "
                    + shard.sha256() + " (corrupted)");
        }
        List<TarShard.Entry> entries = TarShard.parse(bytes, file.toString());
        if (entries.size() != SUFFIXES.length * shard.samples()) {
            throw new CorruptShardException(file + ": " + entries.size() + " files, expected "
                    + SUFFIXES.length * shard.samples());
        }
        List<SyntheticSample> samples = new ArrayList<>(shard.samples());
        for (int s = 0; s < shard.samples(); s++) {
            String key = SyntheticGenerator.key(shard.firstSample() + s);
            byte[][] parts = new byte[SUFFIXES.length][];
            for (int k = 0; k < SUFFIXES.length; k++) {
                TarShard.Entry e = entries.get(SUFFIXES.length * s + k);
                if (!e.name().equals(key + SUFFIXES[k])) {
                    throw new CorruptShardException(file + ": expected " + key + SUFFIXES[k] + ", found " + e.name());
                }
                parts[k] = e.data();
            }
            JsonObject labels;
            try {
                labels = JsonParser.parseString(new String(parts[3], StandardCharsets.UTF_8)).getAsJsonObject();
            } catch (RuntimeException e) {
                throw new CorruptShardException(file + ": label record of sample " + key + " is not JSON");
            }
            samples.add(new SyntheticSample(key, parts[0], parts[1], parts[2], labels));
        }
        return samples;
    }

    /**
     * Streams all samples in order, one verified shard in memory at a time.
     *
     * @return an iterator whose next() throws {@link CorruptShardException} when it reaches a bad shard
     */
    @Override
    public Iterator<SyntheticSample> iterator() {
        return new Iterator<>() {
            private int shardIndex;
            private Iterator<SyntheticSample> current = List.<SyntheticSample>of().iterator();

            @Override
            public boolean hasNext() {
                while (!current.hasNext() && shardIndex < manifest.shards().size()) {
                    current = readShard(manifest.shards().get(shardIndex++)).iterator();
                }
                return current.hasNext();
            }

            @Override
            public SyntheticSample next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.next();
            }
        };
    }
}
