package io.github.photo2car.trainer.synth;

import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Shard container, manifest and reader without GL: round trips and every kind of damage. */
class ShardStorageTest {

    @TempDir
    Path dir;

    @Test
    void tarRoundTripsAndIsDeterministic() {
        byte[] a = archive();
        byte[] b = archive();
        assertArrayEquals(a, b);
        List<TarShard.Entry> entries = TarShard.parse(a, "test");
        assertEquals(4, entries.size());
        assertEquals("00000000.json", entries.get(3).name());
        assertEquals("{}", new String(entries.get(3).data(), StandardCharsets.UTF_8));
    }

    @Test
    void truncatedOrAlteredArchivesAreReported() {
        byte[] a = archive();
        for (int cut : new int[] {a.length - 1, a.length - 512, a.length - 1024 - 1, 700, 100}) {
            CorruptShardException e = assertThrows(CorruptShardException.class,
                    () -> TarShard.parse(Arrays.copyOf(a, cut), "cut"), "cut at " + cut);
            assertTrue(e.getMessage().contains("truncated") || e.getMessage().contains("checksum"), e.getMessage());
        }
        byte[] header = a.clone();
        header[10] ^= 1; // inside the first entry's name
        assertThrows(CorruptShardException.class, () -> TarShard.parse(header, "altered"));
    }

    @Test
    void readerVerifiesShardsAgainstTheManifest() throws Exception {
        byte[] shard = archive();
        Files.write(dir.resolve("shard-00000.tar"), shard);
        DatasetManifest.Shard entry = new DatasetManifest.Shard("shard-00000.tar", 0, 1, shard.length,
                DatasetManifest.sha256(shard));
        new DatasetManifest(new JsonObject(), List.of(entry)).write(dir);
        SyntheticDataset data = SyntheticDataset.open(dir);
        assertEquals(1, data.size());
        assertEquals(1, data.readShard(entry).size());

        Files.write(dir.resolve("shard-00000.tar"), Arrays.copyOf(shard, shard.length - 100));
        CorruptShardException truncated = assertThrows(CorruptShardException.class, () -> data.readShard(entry));
        assertTrue(truncated.getMessage().contains("truncated"), truncated.getMessage());

        byte[] flipped = shard.clone();
        flipped[600] ^= 0x10;
        Files.write(dir.resolve("shard-00000.tar"), flipped);
        CorruptShardException corrupt = assertThrows(CorruptShardException.class, () -> data.readShard(entry));
        assertTrue(corrupt.getMessage().contains("SHA-256"), corrupt.getMessage());

        Files.delete(dir.resolve("shard-00000.tar"));
        CorruptShardException missing = assertThrows(CorruptShardException.class, () -> data.iterator().hasNext());
        assertTrue(missing.getMessage().contains("missing"), missing.getMessage());
    }

    @Test
    void pngEncoderRoundTrips() throws Exception {
        byte[] gray = new byte[37 * 21];
        for (int i = 0; i < gray.length; i++) {
            gray[i] = (byte) (i * 7);
        }
        byte[] png = new PngEncoder().encodeGray(gray, 37, 21);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(BufferedImage.TYPE_BYTE_GRAY, image.getType());
        assertArrayEquals(gray, ((DataBufferByte) image.getRaster().getDataBuffer()).getData());
    }

    private static byte[] archive() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] png = new PngEncoder().encodeGray(new byte[16 * 16], 16, 16);
        TarShard.append(out, new TarShard.Entry("00000000.jpg", new byte[700]));
        TarShard.append(out, new TarShard.Entry("00000000.mask.png", png));
        TarShard.append(out, new TarShard.Entry("00000000.parts.png", png));
        TarShard.append(out, new TarShard.Entry("00000000.json", "{}".getBytes(StandardCharsets.UTF_8)));
        TarShard.finish(out);
        return out.toByteArray();
    }
}
