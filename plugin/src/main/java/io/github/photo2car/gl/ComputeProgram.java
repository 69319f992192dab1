package io.github.photo2car.gl;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import static org.lwjgl.opengl.GL43C.GL_ALL_BARRIER_BITS;
import static org.lwjgl.opengl.GL43C.GL_COMPILE_STATUS;
import static org.lwjgl.opengl.GL43C.GL_COMPUTE_SHADER;
import static org.lwjgl.opengl.GL43C.GL_FALSE;
import static org.lwjgl.opengl.GL43C.GL_LINK_STATUS;
import static org.lwjgl.opengl.GL43C.glAttachShader;
import static org.lwjgl.opengl.GL43C.glCompileShader;
import static org.lwjgl.opengl.GL43C.glCreateProgram;
import static org.lwjgl.opengl.GL43C.glCreateShader;
import static org.lwjgl.opengl.GL43C.glDeleteProgram;
import static org.lwjgl.opengl.GL43C.glDeleteShader;
import static org.lwjgl.opengl.GL43C.glDispatchCompute;
import static org.lwjgl.opengl.GL43C.glGetProgramInfoLog;
import static org.lwjgl.opengl.GL43C.glGetProgrami;
import static org.lwjgl.opengl.GL43C.glGetShaderInfoLog;
import static org.lwjgl.opengl.GL43C.glGetShaderi;
import static org.lwjgl.opengl.GL43C.glGetUniformLocation;
import static org.lwjgl.opengl.GL43C.glLinkProgram;
import static org.lwjgl.opengl.GL43C.glMemoryBarrier;
import static org.lwjgl.opengl.GL43C.glShaderSource;
import static org.lwjgl.opengl.GL43C.glUniform1f;
import static org.lwjgl.opengl.GL43C.glUniform1i;
import static org.lwjgl.opengl.GL43C.glUniform2i;
import static org.lwjgl.opengl.GL43C.glUseProgram;

/**
 * A linked GLSL 4.3 compute program. Sources live in the repository's {@code shaders/} folder and
 * ship in the plugin jar under {@value #SHADER_ROOT}; they are loaded by their path below that root,
 * e.g. {@code "gl/selftest.comp"}.
 *
 * <p>Every method must run on the thread that owns the GL context (jME's render thread, see
 * {@link GlExecutor}). Not thread-safe. {@link #close()} deletes the GL program.
 */
public final class ComputeProgram implements AutoCloseable {

    /** Class-path folder that holds the shaders of the repository's {@code shaders/} folder. */
    public static final String SHADER_ROOT = "photo2car/shaders/";

    private final String name;
    private final Map<String, Integer> uniformLocations = new HashMap<>();
    private int program;

    private ComputeProgram(String name, int program) {
        this.name = name;
        this.program = program;
    }

    /**
     * Loads a compute shader from the class path, compiles and links it.
     *
     * @param shaderPath path below {@value #SHADER_ROOT}, e.g. "gl/selftest.comp" (not null)
     * @param defines    preprocessor defines inserted after the {@code #version} line as
     *                   {@code #define KEY VALUE} (not null, may be empty, not modified)
     * @return a new program, owned by the caller
     * @throws ShaderException if the resource is missing or does not compile or link; the message
     *                         carries the driver's log
     */
    public static ComputeProgram load(String shaderPath, Map<String, String> defines) {
        Objects.requireNonNull(shaderPath, "shaderPath");
        Objects.requireNonNull(defines, "defines");
        String source;
        try (InputStream in = ComputeProgram.class.getClassLoader().getResourceAsStream(SHADER_ROOT + shaderPath)) {
            if (in == null) {
                throw new ShaderException(shaderPath, "load", "no class-path resource " + SHADER_ROOT + shaderPath);
            }
            source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ShaderException(shaderPath, "load", e.toString());
        }
        return compile(shaderPath, withDefines(source, defines));
    }

    /**
     * Compiles and links a compute shader from source text.
     *
     * @param name   a name for messages (not null)
     * @param source complete GLSL source starting with a {@code #version} line (not null)
     * @return a new program, owned by the caller
     * @throws ShaderException if it does not compile or link; the message carries the driver's log
     */
    public static ComputeProgram compile(String name, String source) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        int shader = glCreateShader(GL_COMPUTE_SHADER);
        if (shader == 0) {
            throw new ShaderException(name, "compile", "glCreateShader(GL_COMPUTE_SHADER) returned 0: "
                    + "the context has no compute shader support (needs OpenGL 4.3)");
        }
        try {
            glShaderSource(shader, source);
            glCompileShader(shader);
            if (glGetShaderi(shader, GL_COMPILE_STATUS) == GL_FALSE) {
                throw new ShaderException(name, "compile", glGetShaderInfoLog(shader));
            }
            int program = glCreateProgram();
            glAttachShader(program, shader);
            glLinkProgram(program);
            if (glGetProgrami(program, GL_LINK_STATUS) == GL_FALSE) {
                String log = glGetProgramInfoLog(program);
                glDeleteProgram(program);
                throw new ShaderException(name, "link", log);
            }
            return new ComputeProgram(name, program);
        } finally {
            glDeleteShader(shader); // the program keeps what it needs
        }
    }

    /** Inserts {@code #define}s after the mandatory first {@code #version} line. */
    static String withDefines(String source, Map<String, String> defines) {
        if (defines.isEmpty()) {
            return source;
        }
        int versionAt = source.indexOf("#version");
        int lineEnd = versionAt < 0 ? -1 : source.indexOf('\n', versionAt);
        StringBuilder block = new StringBuilder();
        defines.forEach((k, v) -> block.append("#define ").append(k).append(' ').append(v).append('\n'));
        if (lineEnd < 0) {
            return block + source;
        }
        // a #line directive keeps the driver's line numbers equal to the file's
        long linesBefore = source.substring(0, lineEnd + 1).chars().filter(c -> c == '\n').count();
        return source.substring(0, lineEnd + 1) + block + "#line " + (linesBefore + 1) + '\n'
                + source.substring(lineEnd + 1);
    }

    /** Makes this program current. */
    public void use() {
        glUseProgram(checkOpen());
    }

    /**
     * Sets an int uniform of this program (makes it current). Unknown names are ignored, as GL does
     * for uniforms the compiler optimised away.
     *
     * @param uniform the uniform's name in the GLSL source
     * @param value   the value
     */
    public void setInt(String uniform, int value) {
        use();
        glUniform1i(location(uniform), value);
    }

    /**
     * Sets an ivec2 uniform (makes the program current).
     *
     * @param uniform the uniform's name
     * @param x       first component
     * @param y       second component
     */
    public void setInt2(String uniform, int x, int y) {
        use();
        glUniform2i(location(uniform), x, y);
    }

    /**
     * Sets a float uniform (makes the program current).
     *
     * @param uniform the uniform's name
     * @param value   the value
     */
    public void setFloat(String uniform, float value) {
        use();
        glUniform1f(location(uniform), value);
    }

    private int location(String uniform) {
        return uniformLocations.computeIfAbsent(uniform, u -> glGetUniformLocation(program, u));
    }

    /**
     * Runs the program over a grid of work groups and waits for its writes to be visible to later
     * GL commands (buffer reads, draws). Does not block the CPU until completion; reading a buffer
     * back does that.
     *
     * @param groupsX work groups along x (≥ 1)
     * @param groupsY work groups along y (≥ 1)
     * @param groupsZ work groups along z (≥ 1)
     */
    public void dispatch(int groupsX, int groupsY, int groupsZ) {
        if (groupsX < 1 || groupsY < 1 || groupsZ < 1) {
            throw new IllegalArgumentException("work group counts must be ≥ 1, got " + groupsX + "×" + groupsY
                    + "×" + groupsZ);
        }
        use();
        glDispatchCompute(groupsX, groupsY, groupsZ);
        glMemoryBarrier(GL_ALL_BARRIER_BITS);
    }

    /** @return the shader's name as given to {@link #load} or {@link #compile} */
    public String name() {
        return name;
    }

    private int checkOpen() {
        if (program == 0) {
            throw new IllegalStateException("compute program " + name + " was closed");
        }
        return program;
    }

    /** Deletes the GL program; further use throws. Idempotent. */
    @Override
    public void close() {
        if (program != 0) {
            glUseProgram(0);
            glDeleteProgram(program);
            program = 0;
        }
    }
}
