package io.github.photo2car.neural;

/**
 * Thrown when the native TensorFlow runtime cannot be made ready: the natives jar is missing from
 * the classpath, the platform has no natives, the cache directory cannot be written, or the engine
 * refuses to load. The message always says what to do about it.
 */
public class NativeRuntimeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with an actionable message.
     *
     * @param message what went wrong and how to fix it (not null)
     */
    public NativeRuntimeException(String message) {
        super(message);
    }

    /**
     * Creates an exception with an actionable message and the underlying cause.
     *
     * @param message what went wrong and how to fix it (not null)
     * @param cause the underlying failure (may be null)
     */
    public NativeRuntimeException(String message, Throwable cause) {
        super(message, cause);
    }
}
