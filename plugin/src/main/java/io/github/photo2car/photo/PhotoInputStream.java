package io.github.photo2car.photo;

import javax.imageio.stream.ImageInputStreamImpl;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;

/**
 * The stream every image reader gets: random access over a byte array or a file, and a record of
 * whether the reader ever asked for bytes beyond the end. A reader that failed, or complained,
 * after running out of data was given a truncated image; one that failed with data left was given
 * a damaged one. Nothing is cached beyond one read buffer for files.
 */
final class PhotoInputStream extends ImageInputStreamImpl {

    private static final int FILE_BUFFER = 64 * 1024;

    private final byte[] bytes;
    private final RandomAccessFile file;
    private final long length;
    private final byte[] buffer;
    private long bufferStart;
    private int bufferLength;
    private volatile boolean hitEnd;

    private PhotoInputStream(byte[] bytes, RandomAccessFile file, long length) {
        this.bytes = bytes;
        this.file = file;
        this.length = length;
        this.buffer = file == null ? null : new byte[FILE_BUFFER];
    }

    /**
     * @param bytes the data (not copied, not modified)
     * @return a stream over it
     */
    static PhotoInputStream of(byte[] bytes) {
        return new PhotoInputStream(bytes, null, bytes.length);
    }

    /**
     * @param file a regular file
     * @return a stream over it; close it to close the file
     * @throws IOException if the file cannot be opened
     */
    static PhotoInputStream open(Path file) throws IOException {
        RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r");
        try {
            return new PhotoInputStream(null, raf, raf.length());
        } catch (RuntimeException e) {
            raf.close();
            throw e;
        }
    }

    /** @return whether a read asked for data at or beyond the end */
    boolean hitEnd() {
        return hitEnd;
    }

    @Override
    public long length() {
        return length;
    }

    @Override
    public int read() throws IOException {
        checkClosed();
        bitOffset = 0;
        if (streamPos >= length) {
            hitEnd = true;
            return -1;
        }
        int value;
        if (bytes != null) {
            value = bytes[(int) streamPos] & 0xFF;
        } else {
            fill(streamPos);
            value = buffer[(int) (streamPos - bufferStart)] & 0xFF;
        }
        streamPos++;
        return value;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        checkClosed();
        if (off < 0 || len < 0 || off + len > b.length || off + len < 0) {
            throw new IndexOutOfBoundsException("off " + off + ", len " + len + ", array " + b.length);
        }
        bitOffset = 0;
        if (len == 0) {
            return 0;
        }
        if (streamPos >= length) {
            hitEnd = true;
            return -1;
        }
        int n = (int) Math.min(len, length - streamPos);
        if (bytes != null) {
            System.arraycopy(bytes, (int) streamPos, b, off, n);
        } else if (n >= FILE_BUFFER) {
            file.seek(streamPos);
            file.readFully(b, off, n);
        } else {
            fill(streamPos);
            n = (int) Math.min(n, bufferStart + bufferLength - streamPos);
            System.arraycopy(buffer, (int) (streamPos - bufferStart), b, off, n);
        }
        streamPos += n;
        return n;
    }

    /** Makes the file buffer hold {@code position}. */
    private void fill(long position) throws IOException {
        if (position >= bufferStart && position < bufferStart + bufferLength) {
            return;
        }
        file.seek(position);
        int n = (int) Math.min(FILE_BUFFER, length - position);
        file.readFully(buffer, 0, n);
        bufferStart = position;
        bufferLength = n;
    }

    @Override
    public void close() throws IOException {
        super.close();
        if (file != null) {
            file.close();
        }
    }
}
