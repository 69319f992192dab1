package io.github.photo2car.gl;

import java.util.Locale;

import static org.lwjgl.opengl.GL43C.GL_MAX_COMPUTE_SHARED_MEMORY_SIZE;
import static org.lwjgl.opengl.GL43C.GL_MAX_COMPUTE_WORK_GROUP_INVOCATIONS;
import static org.lwjgl.opengl.GL43C.GL_RENDERER;
import static org.lwjgl.opengl.GL43C.GL_SHADING_LANGUAGE_VERSION;
import static org.lwjgl.opengl.GL43C.GL_VENDOR;
import static org.lwjgl.opengl.GL43C.GL_VERSION;
import static org.lwjgl.opengl.GL43C.glGetInteger;
import static org.lwjgl.opengl.GL43C.glGetString;

/**
 * What the current OpenGL context can do, as far as photo2car cares: version strings, whether
 * GLSL 4.3 compute shaders are available, and whether the "GPU" is really a CPU rasterizer
 * (Mesa llvmpipe/softpipe/swrast), in which case the Java backends are the faster choice.
 *
 * @param version       the GL_VERSION string, e.g. "4.5 (Core Profile) Mesa 22.3.6"
 * @param renderer      the GL_RENDERER string, e.g. "llvmpipe (LLVM 15.0.6, 256 bits)"
 * @param vendor        the GL_VENDOR string
 * @param glslVersion   the GL_SHADING_LANGUAGE_VERSION string
 * @param major         the context's major version
 * @param minor         the context's minor version
 * @param compute       true if compute shaders (GL 4.3 or ARB_compute_shader) are usable
 * @param maxWorkGroupInvocations GL_MAX_COMPUTE_WORK_GROUP_INVOCATIONS (0 without compute)
 * @param maxSharedMemoryBytes    GL_MAX_COMPUTE_SHARED_MEMORY_SIZE in bytes (0 without compute)
 */
public record GlInfo(String version, String renderer, String vendor, String glslVersion, int major, int minor,
                     boolean compute, int maxWorkGroupInvocations, int maxSharedMemoryBytes) {

    /**
     * Reads the capabilities of the GL context that is current on the calling thread (on jME, the
     * render thread). Does not change GL state.
     *
     * @return a new record, never null
     * @throws IllegalStateException if no GL context is current on this thread
     */
    public static GlInfo probeCurrentContext() {
        org.lwjgl.opengl.GLCapabilities caps;
        try {
            caps = org.lwjgl.opengl.GL.getCapabilities();
        } catch (IllegalStateException e) {
            throw new IllegalStateException("No OpenGL context is current on thread "
                    + Thread.currentThread().getName() + "; GL calls must run on the jME render thread", e);
        }
        boolean compute = caps.OpenGL43 || caps.GL_ARB_compute_shader;
        int major = caps.OpenGL46 ? 4 : caps.OpenGL30 ? (caps.OpenGL40 ? 4 : 3) : 2;
        int minor = caps.OpenGL46 ? 6 : caps.OpenGL45 ? 5 : caps.OpenGL44 ? 4 : caps.OpenGL43 ? 3
                : caps.OpenGL42 ? 2 : caps.OpenGL41 ? 1 : caps.OpenGL40 ? 0
                : caps.OpenGL33 ? 3 : caps.OpenGL32 ? 2 : caps.OpenGL31 ? 1 : 0;
        return new GlInfo(glGetString(GL_VERSION), glGetString(GL_RENDERER), glGetString(GL_VENDOR),
                glGetString(GL_SHADING_LANGUAGE_VERSION), major, minor, compute,
                compute ? glGetInteger(GL_MAX_COMPUTE_WORK_GROUP_INVOCATIONS) : 0,
                compute ? glGetInteger(GL_MAX_COMPUTE_SHARED_MEMORY_SIZE) : 0);
    }

    /**
     * Tells whether the renderer is a CPU implementation (Mesa llvmpipe, softpipe, swrast, or
     * Microsoft's GDI generic renderer). On those, GL compute runs on the same cores as Java and is
     * usually slower than photo2car's tiled Java code.
     *
     * @return true for a software renderer
     */
    public boolean isSoftwareRenderer() {
        return isSoftwareRendererName(renderer);
    }

    /**
     * Classifies a GL_RENDERER string.
     *
     * @param rendererName the GL_RENDERER string (may be null, which counts as software: unknown)
     * @return true if the name denotes a CPU rasterizer
     */
    public static boolean isSoftwareRendererName(String rendererName) {
        if (rendererName == null) {
            return true;
        }
        String r = rendererName.toLowerCase(Locale.ROOT);
        return r.contains("llvmpipe") || r.contains("softpipe") || r.contains("swrast")
                || r.contains("software rasterizer") || r.contains("gdi generic") || r.contains("swiftshader");
    }

    /** @return a one-line human-readable summary, e.g. for logs and the demo HUD */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "OpenGL %d.%d (%s) on %s [%s]%s", major, minor, version, renderer,
                isSoftwareRenderer() ? "software" : "hardware",
                compute ? ", compute: " + maxWorkGroupInvocations + " invocations/group, "
                        + maxSharedMemoryBytes / 1024 + " KiB shared" : ", no compute");
    }
}
