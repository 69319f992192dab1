package io.github.photo2car.trainer.synth;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * A minimal PNG writer for 8-bit greyscale label maps (masks, part ids). Faster than ImageIO for
 * small images and byte-for-byte deterministic for a given input. Not thread-safe: use one per
 * thread; buffers are reused between calls.
 */
public final class PngEncoder {

    private final Deflater deflater = new Deflater(Deflater.BEST_SPEED);
    private final CRC32 crc = new CRC32();
    private byte[] raw = new byte[0];
    private byte[] chunk = new byte[1 << 16];

    /**
     * Encodes a greyscale image.
     *
     * @param gray   pixel values, row-major, row 0 at the top, length width*height (not modified)
     * @param width  width in pixels (&gt; 0)
     * @param height height in pixels (&gt; 0)
     * @return a new array holding the PNG file
     * @throws IllegalArgumentException on a size mismatch
     */
    public byte[] encodeGray(byte[] gray, int width, int height) {
        if (width <= 0 || height <= 0 || gray == null || gray.length != width * height) {
            throw new IllegalArgumentException("need width*height gray bytes, got " + (gray == null ? "null" : gray.length)
                    + " for " + width + "x" + height);
        }
        int rawLength = height * (width + 1);
        if (raw.length < rawLength) {
            raw = new byte[rawLength];
        }
        for (int y = 0; y < height; y++) {
            raw[y * (width + 1)] = 0; // filter: none
            System.arraycopy(gray, y * width, raw, y * (width + 1) + 1, width);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(rawLength / 4 + 128);
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        ByteBuffer ihdr = ByteBuffer.allocate(13);
        ihdr.putInt(width).putInt(height).put((byte) 8).put((byte) 0).put((byte) 0).put((byte) 0).put((byte) 0);
        writeChunk(out, "IHDR", ihdr.array(), 13);
        deflater.reset();
        deflater.setInput(raw, 0, rawLength);
        deflater.finish();
        ByteArrayOutputStream idat = new ByteArrayOutputStream(rawLength / 4 + 64);
        while (!deflater.finished()) {
            int n = deflater.deflate(chunk);
            idat.write(chunk, 0, n);
        }
        byte[] compressed = idat.toByteArray();
        writeChunk(out, "IDAT", compressed, compressed.length);
        writeChunk(out, "IEND", new byte[0], 0);
        return out.toByteArray();
    }

    private void writeChunk(ByteArrayOutputStream out, String type, byte[] data, int length) {
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(ByteBuffer.allocate(4).putInt(length).array());
        out.writeBytes(t);
        out.write(data, 0, length);
        crc.reset();
        crc.update(t);
        crc.update(data, 0, length);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
