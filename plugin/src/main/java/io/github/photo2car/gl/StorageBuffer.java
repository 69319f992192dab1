package io.github.photo2car.gl;

import java.util.Objects;

import static org.lwjgl.opengl.GL43C.GL_DYNAMIC_COPY;
import static org.lwjgl.opengl.GL43C.GL_SHADER_STORAGE_BUFFER;
import static org.lwjgl.opengl.GL43C.glBindBuffer;
import static org.lwjgl.opengl.GL43C.glBindBufferBase;
import static org.lwjgl.opengl.GL43C.glBufferData;
import static org.lwjgl.opengl.GL43C.glBufferSubData;
import static org.lwjgl.opengl.GL43C.glDeleteBuffers;
import static org.lwjgl.opengl.GL43C.glGenBuffers;
import static org.lwjgl.opengl.GL43C.glGetBufferSubData;

/**
 * A shader storage buffer (SSBO) of 32-bit words, the way data moves between Java arrays and
 * compute shaders. Sizes are in 4-byte elements. Must be used on the GL thread; not thread-safe.
 */
public final class StorageBuffer implements AutoCloseable {

    private int buffer;
    private final int elements;

    /**
     * Allocates an uninitialised buffer.
     *
     * @param elements size in 32-bit elements (≥ 1)
     */
    public StorageBuffer(int elements) {
        if (elements < 1) {
            throw new IllegalArgumentException("buffer size must be ≥ 1 element, got " + elements);
        }
        this.elements = elements;
        buffer = glGenBuffers();
        glBindBuffer(GL_SHADER_STORAGE_BUFFER, buffer);
        glBufferData(GL_SHADER_STORAGE_BUFFER, (long) elements * Integer.BYTES, GL_DYNAMIC_COPY);
        glBindBuffer(GL_SHADER_STORAGE_BUFFER, 0);
    }

    /**
     * Allocates a buffer holding a copy of {@code data}.
     *
     * @param data the floats to upload (not null, not empty, not modified)
     * @return a new buffer owned by the caller
     */
    public static StorageBuffer of(float[] data) {
        StorageBuffer b = new StorageBuffer(Objects.requireNonNull(data, "data").length);
        b.upload(data);
        return b;
    }

    /**
     * Allocates a buffer holding a copy of {@code data}.
     *
     * @param data the ints to upload (not null, not empty, not modified)
     * @return a new buffer owned by the caller
     */
    public static StorageBuffer of(int[] data) {
        StorageBuffer b = new StorageBuffer(Objects.requireNonNull(data, "data").length);
        b.upload(data);
        return b;
    }

    /** @param data floats written from element 0 (length ≤ size, not modified) */
    public void upload(float[] data) {
        checkLength(data.length);
        glBindBuffer(GL_SHADER_STORAGE_BUFFER, id());
        glBufferSubData(GL_SHADER_STORAGE_BUFFER, 0, data);
        glBindBuffer(GL_SHADER_STORAGE_BUFFER, 0);
    }

    /** @param data ints written from element 0 (length ≤ size, not modified) */
    public void upload(int[] data) {
        checkLength(data.length);
        glBindBuffer(GL_SHADER_STORAGE_BUFFER, id());
        glBufferSubData(GL_SHADER_STORAGE_BUFFER, 0, data);
        glBindBuffer(GL_SHADER_STORAGE_BUFFER, 0);
    }

    /**
     * Copies the first {@code out.length} elements back into {@code out}; waits for the GPU.
     *
     * @param out destination (length ≤ size; modified)
     * @return {@code out}
     */
    public float[] download(float[] out) {
        checkLength(out.length);
        glBindBuffer(GL_SHADER_STORAGE_BUFFER, id());
        glGetBufferSubData(GL_SHADER_STORAGE_BUFFER, 0, out);
        glBindBuffer(GL_SHADER_STORAGE_BUFFER, 0);
        return out;
    }

    /**
     * Copies the first {@code out.length} elements back into {@code out}; waits for the GPU.
     *
     * @param out destination (length ≤ size; modified)
     * @return {@code out}
     */
    public int[] download(int[] out) {
        checkLength(out.length);
        glBindBuffer(GL_SHADER_STORAGE_BUFFER, id());
        glGetBufferSubData(GL_SHADER_STORAGE_BUFFER, 0, out);
        glBindBuffer(GL_SHADER_STORAGE_BUFFER, 0);
        return out;
    }

    /**
     * Binds this buffer to an indexed SSBO binding point ({@code layout(std430, binding = N)}).
     *
     * @param binding the binding index (≥ 0)
     */
    public void bind(int binding) {
        glBindBufferBase(GL_SHADER_STORAGE_BUFFER, binding, id());
    }

    /** @return the size in 32-bit elements */
    public int elements() {
        return elements;
    }

    private void checkLength(int length) {
        if (length > elements) {
            throw new IllegalArgumentException("array of " + length + " elements does not fit a buffer of "
                    + elements);
        }
    }

    private int id() {
        if (buffer == 0) {
            throw new IllegalStateException("storage buffer was closed");
        }
        return buffer;
    }

    /** Deletes the GL buffer. Idempotent. */
    @Override
    public void close() {
        if (buffer != 0) {
            glDeleteBuffers(buffer);
            buffer = 0;
        }
    }
}
