package io.github.photo2car.gl;

/**
 * A GLSL program failed to load, compile or link. The message names the shader and carries the
 * driver's info log verbatim, so the line numbers in it can be matched against the source.
 */
public class ShaderException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String shaderName;
    private final String infoLog;

    /**
     * @param shaderName the resource name of the shader (for the message)
     * @param stage      what failed: "load", "compile" or "link"
     * @param infoLog    the driver's log, may be empty
     */
    public ShaderException(String shaderName, String stage, String infoLog) {
        super("GLSL " + stage + " failed for " + shaderName + (infoLog == null || infoLog.isBlank() ? ""
                : ":\n" + infoLog.strip()));
        this.shaderName = shaderName;
        this.infoLog = infoLog == null ? "" : infoLog;
    }

    /** @return the resource name of the failing shader */
    public String shaderName() {
        return shaderName;
    }

    /** @return the driver's compile or link log (may be empty, never null) */
    public String infoLog() {
        return infoLog;
    }
}
