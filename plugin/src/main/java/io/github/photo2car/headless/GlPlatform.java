package io.github.photo2car.headless;

import com.jme3.system.AppSettings;
import org.lwjgl.glfw.GLFW;

import java.util.Locale;

/**
 * How a jME window gets an OpenGL context on a machine that may have no screen: through an X server
 * (a real one or Xvfb) when {@code DISPLAY} is set, otherwise through GLFW's null platform with Mesa's
 * OSMesa doing the rendering in memory. Override with system property {@value #PROPERTY}
 * ({@code x11} or {@code osmesa}).
 */
public enum GlPlatform {
    /** An X server (Xvfb or real): an OpenGL 4.5 core context from Mesa or the GPU driver. */
    X11(AppSettings.LWJGL_OPENGL45),
    /**
     * No X at all: GLFW's null platform plus OSMesa. Needs jME's OpenGL2 renderer, because jME asks
     * core renderers for a forward-compatible context, which OSMesa refuses; the context still is
     * a 4.5 compatibility profile with compute shaders.
     */
    OSMESA(AppSettings.LWJGL_OPENGL2);

    /** System property that forces a platform. */
    public static final String PROPERTY = "photo2car.gl.platform";

    private final String renderer;

    GlPlatform(String renderer) {
        this.renderer = renderer;
    }

    /**
     * Picks the platform: the {@value #PROPERTY} override if set, else X11 when the {@code DISPLAY}
     * environment variable is set, else OSMesa.
     *
     * @return the platform to use, never null
     * @throws IllegalArgumentException if the override names no platform
     */
    public static GlPlatform detect() {
        String forced = System.getProperty(PROPERTY);
        if (forced != null && !forced.isBlank()) {
            try {
                return valueOf(forced.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(PROPERTY + " must be x11 or osmesa, got '" + forced + "'", e);
            }
        }
        String display = System.getenv("DISPLAY");
        return display == null || display.isBlank() ? OSMESA : X11;
    }

    /** @return the jME renderer name (an {@code AppSettings.LWJGL_*} constant) that works here */
    public String jmeRenderer() {
        return renderer;
    }

    /**
     * Prepares GLFW and LWJGL for this platform. Must run before the application starts (before GLFW
     * initialises); harmless for X11.
     */
    public void configureBeforeStart() {
        if (this == OSMESA) {
            GLFW.glfwInitHint(GLFW.GLFW_PLATFORM, GLFW.GLFW_PLATFORM_NULL);
            // GL entry points must come from libOSMesa, not libGL
            org.lwjgl.system.Configuration.OPENGL_CONTEXT_API.set("OSMesa");
        }
    }
}
