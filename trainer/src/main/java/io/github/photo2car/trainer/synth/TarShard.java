package io.github.photo2car.trainer.synth;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The shard container: an uncompressed POSIX ustar archive, the layout WebDataset-style readers
 * stream (files of one sample share a key, e.g. {@code 00000012.jpg}, {@code 00000012.json}).
 * Entries are written with fixed metadata (mode 0644, uid/gid 0, mtime 0), so the same entries
 * always give the same bytes. Reading checks every header checksum, every size and the two
 * zero blocks at the end; anything else is reported as a {@link CorruptShardException}.
 */
public final class TarShard {

    private static final int BLOCK = 512;
    /** Longest entry name this writer accepts (ustar name field, no prefix). */
    public static final int MAX_NAME = 99;

    private TarShard() {
    }

    /** One file of a shard. */
    public record Entry(String name, byte[] data) {
        /**
         * @throws IllegalArgumentException on a null or too long name or null data
         */
        public Entry {
            if (name == null || name.isEmpty() || name.getBytes(StandardCharsets.US_ASCII).length > MAX_NAME) {
                throw new IllegalArgumentException("entry name must be 1.." + MAX_NAME + " ASCII characters, got " + name);
            }
            if (data == null) {
                throw new IllegalArgumentException("data must not be null");
            }
        }
    }

    /**
     * Appends one entry (header, data, zero padding to a block) to an archive being built.
     *
     * @param out   the archive so far (modified)
     * @param entry what to add (not null; its data is copied)
     */
    public static void append(ByteArrayOutputStream out, Entry entry) {
        byte[] header = new byte[BLOCK];
        byte[] name = entry.name().getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(name, 0, header, 0, name.length);
        octal(header, 100, 8, 0644);
        octal(header, 108, 8, 0);
        octal(header, 116, 8, 0);
        octal(header, 124, 12, entry.data().length);
        octal(header, 136, 12, 0);
        header[156] = '0';
        byte[] magic = "ustar\0".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(magic, 0, header, 257, magic.length);
        header[263] = '0';
        header[264] = '0';
        for (int i = 148; i < 156; i++) {
            header[i] = ' ';
        }
        octal(header, 148, 7, checksum(header));
        out.write(header, 0, BLOCK);
        out.write(entry.data(), 0, entry.data().length);
        int pad = (BLOCK - entry.data().length % BLOCK) % BLOCK;
        out.write(new byte[pad], 0, pad);
    }

    /**
     * Ends an archive: two zero blocks.
     *
     * @param out the archive (modified)
     */
    public static void finish(ByteArrayOutputStream out) {
        out.write(new byte[2 * BLOCK], 0, 2 * BLOCK);
    }

    /**
     * Parses a whole archive.
     *
     * @param bytes the archive (not modified)
     * @param what  how to name the archive in error messages
     * @return the entries in archive order
     * @throws CorruptShardException on a bad header checksum, a size running past the end, a
     *                               missing end marker or trailing garbage
     */
    public static List<Entry> parse(byte[] bytes, String what) {
        List<Entry> entries = new ArrayList<>();
        int pos = 0;
        while (true) {
            if (pos + BLOCK > bytes.length) {
                throw new CorruptShardException(what + ": truncated at byte " + pos + " (no end-of-archive marker)");
            }
            if (isZero(bytes, pos)) {
                if (pos + 2 * BLOCK > bytes.length || !isZero(bytes, pos + BLOCK)) {
                    throw new CorruptShardException(what + ": truncated end-of-archive marker at byte " + pos);
                }
                for (int i = pos + 2 * BLOCK; i < bytes.length; i++) {
                    if (bytes[i] != 0) {
                        throw new CorruptShardException(what + ": unexpected data after the end-of-archive marker");
                    }
                }
                return entries;
            }
            byte[] header = java.util.Arrays.copyOfRange(bytes, pos, pos + BLOCK);
            long stored = parseOctal(header, 148, 8, what);
            for (int i = 148; i < 156; i++) {
                header[i] = ' ';
            }
            if (stored != checksum(header)) {
                throw new CorruptShardException(what + ": header checksum mismatch at byte " + pos);
            }
            int nameEnd = 0;
            while (nameEnd < 100 && header[nameEnd] != 0) {
                nameEnd++;
            }
            String name = new String(header, 0, nameEnd, StandardCharsets.US_ASCII);
            long size = parseOctal(header, 124, 12, what);
            long dataEnd = pos + BLOCK + size;
            if (dataEnd > bytes.length) {
                throw new CorruptShardException(what + ": entry " + name + " needs " + size
                        + " bytes but the file ends first (truncated)");
            }
            entries.add(new Entry(name, java.util.Arrays.copyOfRange(bytes, pos + BLOCK, (int) dataEnd)));
            pos = (int) (pos + BLOCK + (size + BLOCK - 1) / BLOCK * BLOCK);
        }
    }

    private static boolean isZero(byte[] b, int from) {
        for (int i = from; i < from + BLOCK; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static long checksum(byte[] header) {
        long sum = 0;
        for (byte b : header) {
            sum += b & 0xFF;
        }
        return sum;
    }

    private static void octal(byte[] header, int offset, int length, long value) {
        String s = Long.toOctalString(value);
        int digits = length - 1;
        if (s.length() > digits) {
            throw new IllegalArgumentException("value " + value + " does not fit a " + length + "-byte tar field");
        }
        for (int i = 0; i < digits; i++) {
            int si = i - (digits - s.length());
            header[offset + i] = (byte) (si < 0 ? '0' : s.charAt(si));
        }
        header[offset + digits] = 0;
    }

    private static long parseOctal(byte[] header, int offset, int length, String what) {
        long v = 0;
        boolean any = false;
        for (int i = offset; i < offset + length; i++) {
            int c = header[i];
            if (c == 0 || c == ' ') {
                if (any) {
                    break;
                }
                continue;
            }
            if (c < '0' || c > '7') {
                throw new CorruptShardException(what + ": malformed number in a tar header");
            }
            v = 8 * v + (c - '0');
            any = true;
        }
        return v;
    }
}
