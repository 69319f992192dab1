package io.github.photo2car.raster;

import java.util.Locale;
import java.util.function.Function;

import io.github.photo2car.gl.GlInfo;

/**
 * Chooses a {@link RasterBackend} for this machine: the GLSL compute backend on a hardware GPU
 * with GL 4.3 compute, the Java backend on a software renderer (Mesa llvmpipe and friends, where
 * tiled Java is the faster path) or without a GL context. The system property
 * {@value #PROPERTY} overrides the choice: "java", "glsl" or "auto" (the default).
 *
 * <p>The GPU backend, {@link GlslRasterBackend}, needs a running jME application, so it plugs
 * in through {@link #registerGpuFactory} (call {@link GlslRasterBackend#register} once the
 * application runs). Until one is registered, and whenever the context has no compute shaders,
 * every choice resolves to Java; {@link #choose} still reports what would have been preferred,
 * so callers and logs can tell. Thread-safe.
 */
public final class RasterBackends {

    /** The system property that overrides the automatic choice. */
    public static final String PROPERTY = "photo2car.raster.backend";

    /** Which kind of backend to use. */
    public enum Kind {
        /** {@link JavaRasterBackend}. */
        JAVA,
        /** The GLSL 4.3 compute backend. */
        GLSL
    }

    private static volatile Function<GlInfo, RasterBackend> gpuFactory;
    private static volatile JavaRasterBackend java;

    private RasterBackends() {
    }

    /**
     * The preferred kind for a GL context, honouring {@value #PROPERTY}.
     *
     * @param gl the context's capabilities, or null when there is no GL context
     * @return GLSL on a hardware GPU with compute (or when forced), else JAVA
     * @throws IllegalArgumentException if the property holds an unknown value
     */
    public static Kind choose(GlInfo gl) {
        String forced = System.getProperty(PROPERTY, "auto").trim().toLowerCase(Locale.ROOT);
        switch (forced) {
            case "java":
                return Kind.JAVA;
            case "glsl":
                return Kind.GLSL;
            case "auto":
            case "":
                return gl != null && gl.compute() && !gl.isSoftwareRenderer() ? Kind.GLSL : Kind.JAVA;
            default:
                throw new IllegalArgumentException(PROPERTY + " must be java, glsl or auto, got '" + forced + "'");
        }
    }

    /**
     * The backend to use for a GL context: the registered GPU backend when {@link #choose}
     * prefers GLSL and a GL context with compute shaders exists (forcing "glsl" cannot make a
     * context without compute run shaders), otherwise the shared Java backend.
     *
     * @param gl the context's capabilities, or null when there is no GL context
     * @return a backend, never null
     */
    public static RasterBackend select(GlInfo gl) {
        Function<GlInfo, RasterBackend> factory = gpuFactory;
        if (choose(gl) == Kind.GLSL && gl != null && gl.compute() && factory != null) {
            return factory.apply(gl);
        }
        return javaBackend();
    }

    /**
     * @return the shared Java backend (one pool for the whole process)
     */
    public static JavaRasterBackend javaBackend() {
        JavaRasterBackend j = java;
        if (j == null) {
            synchronized (RasterBackends.class) {
                if (java == null) {
                    java = new JavaRasterBackend();
                }
                j = java;
            }
        }
        return j;
    }

    /**
     * Registers how to build the GPU backend for a GL context (see
     * {@link GlslRasterBackend#register}); null unregisters it. The factory is asked on every
     * {@link #select}, so it should hand out one shared instance.
     *
     * @param factory builds a backend bound to the given context, or null
     */
    public static void registerGpuFactory(Function<GlInfo, RasterBackend> factory) {
        gpuFactory = factory;
    }
}
