package io.github.photo2car.photo;

import javax.imageio.stream.ImageInputStream;
import java.io.IOException;

/**
 * Whether encoded data reaches its format's own end: the JPEG end-of-image marker after the
 * scan, the PNG IEND chunk, the GIF trailer, the length a BMP or WebP header declares. Readers
 * read up to the last byte of complete files as well as cut ones, and some complain about
 * harmless things, so "ran out of data" and "complained" do not by themselves mean truncated.
 */
final class EndMarker {

    private static final int PNG_TAIL = 4096;
    private static final int GIF_TAIL = 16;

    private EndMarker() {
    }

    /**
     * Looks at the data's end; leaves the stream at an unspecified position.
     *
     * @param signature what the data is
     * @param jpeg      the JPEG header facts (scan start) when it is a JPEG
     * @param in        the data
     * @return false when the format's end is provably missing; true when present or the format has none to check
     * @throws IOException if reading fails
     */
    static boolean present(ImageSignature signature, JpegHeader jpeg, ImageInputStream in) throws IOException {
        long length = in.length();
        return switch (signature) {
            case JPEG -> jpegEnd(in, jpeg.scanStart(), length);
            case PNG -> findBackwards(in, length, PNG_TAIL, new byte[] {'I', 'E', 'N', 'D'});
            case GIF -> findBackwards(in, length, GIF_TAIL, new byte[] {0x3B});
            case BMP -> declaredLength(in, 2, 0) <= length;
            case WEBP -> declaredLength(in, 4, 8) <= length;
            default -> true;
        };
    }

    /**
     * In entropy-coded data 0xFF is always followed by 0x00 or a restart marker, so an FF D9 after
     * the first scan starts is the end of image (trailing data after it is allowed).
     */
    private static boolean jpegEnd(ImageInputStream in, long scanStart, long length) throws IOException {
        if (scanStart < 0) {
            return false;
        }
        return findBackwards(in, length, length - scanStart, new byte[] {(byte) 0xFF, (byte) 0xD9});
    }

    /** Searches the last {@code span} bytes for {@code pattern}, from the end backwards in blocks. */
    private static boolean findBackwards(ImageInputStream in, long length, long span, byte[] pattern) throws IOException {
        long from = Math.max(0, length - span);
        byte[] block = new byte[64 * 1024];
        long end = length;
        while (end > from) {
            long start = Math.max(from, end - block.length);
            int n = (int) (end - start);
            in.seek(start);
            in.readFully(block, 0, n);
            for (int i = n - pattern.length; i >= 0; i--) {
                if (matches(block, i, pattern)) {
                    return true;
                }
            }
            if (start == from) {
                return false;
            }
            end = start + pattern.length - 1; // overlap so a pattern across blocks is found
        }
        return false;
    }

    private static boolean matches(byte[] block, int at, byte[] pattern) {
        for (int j = 0; j < pattern.length; j++) {
            if (block[at + j] != pattern[j]) {
                return false;
            }
        }
        return true;
    }

    /** A little-endian 32-bit size at {@code offset}, plus {@code extra}. */
    private static long declaredLength(ImageInputStream in, int offset, int extra) throws IOException {
        if (in.length() < offset + 4) {
            return Long.MAX_VALUE;
        }
        in.seek(offset);
        byte[] b = new byte[4];
        in.readFully(b);
        long size = (b[0] & 0xFFL) | (b[1] & 0xFFL) << 8 | (b[2] & 0xFFL) << 16 | (b[3] & 0xFFL) << 24;
        return size + extra;
    }
}
