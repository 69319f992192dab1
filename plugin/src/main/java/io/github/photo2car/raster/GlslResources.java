package io.github.photo2car.raster;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import io.github.photo2car.gl.ComputeProgram;
import io.github.photo2car.gl.ShaderException;
import io.github.photo2car.gl.StorageBuffer;

import static org.lwjgl.opengl.GL43C.GL_R32UI;
import static org.lwjgl.opengl.GL43C.GL_RED_INTEGER;
import static org.lwjgl.opengl.GL43C.GL_SHADER_STORAGE_BUFFER;
import static org.lwjgl.opengl.GL43C.GL_UNSIGNED_INT;
import static org.lwjgl.opengl.GL43C.glBufferSubData;
import static org.lwjgl.opengl.GL43C.glClearBufferSubData;
import static org.lwjgl.opengl.GL43C.glGetBufferSubData;

/**
 * The GL objects of one {@link GlslRasterBackend}: its compute programs (compiled on first use)
 * and one storage buffer per binding point, kept between calls and grown when a call needs more,
 * so repeated calls of the same size allocate no GL memory. Uploads and read-backs work at element
 * offsets, so per-view Java arrays move without being concatenated first.
 *
 * <p>Every method must run on the GL thread (the jME render thread). Not thread-safe.
 */
final class GlslResources implements AutoCloseable {

    /** Class-path folder of the raster shaders below {@link ComputeProgram#SHADER_ROOT}. */
    private static final String FOLDER = "raster/";
    /** Text shared by all raster shaders, inserted after each one's #version line. */
    private static final String COMMON = "common.glsl";
    /** One grid dimension holds at most this many work groups. */
    private static final int MAX_GROUPS = 65535;

    private final Map<String, ComputeProgram> programs = new HashMap<>();
    private final Map<Integer, StorageBuffer> buffers = new HashMap<>();
    /** What each binding's buffer holds, by identity, when that is known (see {@link #holds}). */
    private final Map<Integer, Object> contents = new HashMap<>();
    private String common;

    /**
     * The program of a raster shader, compiled on first use.
     *
     * @param file     the file name below shaders/raster, e.g. "setup.comp"
     * @param backward true for the variant compiled with {@code #define BACKWARD}
     * @return a program owned by this object
     * @throws ShaderException if the shader does not load, compile or link
     */
    ComputeProgram program(String file, boolean backward) {
        String key = file + (backward ? "#backward" : "");
        ComputeProgram p = programs.get(key);
        if (p == null) {
            if (common == null) {
                common = read(COMMON);
            }
            p = ComputeProgram.compile(FOLDER + file + (backward ? " (BACKWARD)" : ""),
                    assemble(read(file), common, backward));
            programs.put(key, p);
        }
        return p;
    }

    /**
     * Joins a shader with the common text. "#line N S" keeps the driver's messages pointing at
     * the right file: source string 1 is common.glsl, 0 the shader itself.
     */
    static String assemble(String source, String commonText, boolean backward) {
        int versionAt = source.indexOf("#version");
        int lineEnd = versionAt < 0 ? -1 : source.indexOf('\n', versionAt);
        if (lineEnd < 0) {
            throw new IllegalArgumentException("shader source has no #version line");
        }
        long linesBefore = source.substring(0, lineEnd + 1).chars().filter(c -> c == '\n').count();
        return source.substring(0, lineEnd + 1) + (backward ? "#define BACKWARD 1\n" : "")
                + "#line 1 1\n" + commonText + "\n#line " + (linesBefore + 1) + " 0\n"
                + source.substring(lineEnd + 1);
    }

    private static String read(String file) {
        String path = ComputeProgram.SHADER_ROOT + FOLDER + file;
        try (InputStream in = GlslResources.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new ShaderException(FOLDER + file, "load", "no class-path resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ShaderException(FOLDER + file, "load", e.toString());
        }
    }

    /**
     * The buffer of a binding point with room for at least the given number of 32-bit words,
     * bound to that point. Grows to the next power of two when too small (old contents are lost).
     *
     * @param binding  the shader's {@code binding = N}
     * @param elements words needed (0 gives a buffer of one word)
     * @return the bound buffer
     * @throws IllegalArgumentException if more than 2^31 - 1 words are needed
     */
    StorageBuffer buffer(int binding, long elements) {
        if (elements > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a GPU buffer of " + elements + " words is too large;"
                    + " render fewer views or triangles per call");
        }
        int need = (int) Math.max(1, elements);
        StorageBuffer b = buffers.get(binding);
        if (b == null || b.elements() < need) {
            if (b != null) {
                b.close();
            }
            long grown = Long.highestOneBit(need - 1L) << 1;
            b = new StorageBuffer((int) Math.min(Integer.MAX_VALUE, Math.max(need, grown)));
            buffers.put(binding, b);
            contents.remove(binding);
        }
        b.bind(binding);
        return b;
    }

    /**
     * Tells whether the buffer of a binding still holds what {@link #markHolding} recorded, so an
     * upload of the same (immutable or read-only) object can be skipped.
     */
    boolean holds(int binding, Object content) {
        return content != null && contents.get(binding) == content;
    }

    /** Records that a binding's buffer now holds the given object's data (null: unknown). */
    void markHolding(int binding, Object content) {
        contents.put(binding, content);
    }

    /** Writes data at element offset of the (bound) buffer of a binding point. */
    void upload(int binding, long offset, float[] data) {
        if (data.length > 0) {
            buffers.get(binding).bind(binding); // binds the generic target too
            glBufferSubData(GL_SHADER_STORAGE_BUFFER, 4 * offset, data);
        }
    }

    /** Writes data at element offset of the (bound) buffer of a binding point. */
    void upload(int binding, long offset, int[] data) {
        if (data.length > 0) {
            buffers.get(binding).bind(binding);
            glBufferSubData(GL_SHADER_STORAGE_BUFFER, 4 * offset, data);
        }
    }

    /** Reads out.length elements from element offset; waits for the GPU. */
    void download(int binding, long offset, float[] out) {
        if (out.length > 0) {
            buffers.get(binding).bind(binding);
            glGetBufferSubData(GL_SHADER_STORAGE_BUFFER, 4 * offset, out);
        }
    }

    /** Reads out.length elements from element offset; waits for the GPU. */
    void download(int binding, long offset, int[] out) {
        if (out.length > 0) {
            buffers.get(binding).bind(binding);
            glGetBufferSubData(GL_SHADER_STORAGE_BUFFER, 4 * offset, out);
        }
    }

    /** A buffer of at least the given size, its first elements set to zero (gradient targets). */
    void zeroed(int binding, long elements) {
        buffer(binding, elements);
        glClearBufferSubData(GL_SHADER_STORAGE_BUFFER, GL_R32UI, 0, 4 * Math.max(1, elements), GL_RED_INTEGER,
                GL_UNSIGNED_INT, (ByteBuffer) null);
    }

    /** Runs one 16x16 work group per image tile and view (the pixel kernels). */
    static void dispatchPixels(ComputeProgram program, int width, int height, int views) {
        int tile = ClippedView.TILE;
        program.dispatch((width + tile - 1) / tile, (height + tile - 1) / tile, views);
    }

    /**
     * Runs n invocations of a 1D kernel with the given group size as a 2D grid of groups (the
     * shader computes its index with linearInvocation()); nothing when n is 0.
     */
    static void dispatchLinear(ComputeProgram program, long n, int groupSize) {
        if (n <= 0) {
            return;
        }
        long groups = (n + groupSize - 1) / groupSize;
        int gx = (int) Math.min(groups, MAX_GROUPS);
        int gy = (int) ((groups + gx - 1) / gx);
        program.dispatch(gx, gy, 1);
    }

    /** Deletes every program and buffer. Idempotent. */
    @Override
    public void close() {
        programs.values().forEach(ComputeProgram::close);
        programs.clear();
        buffers.values().forEach(StorageBuffer::close);
        buffers.clear();
        contents.clear();
    }
}
