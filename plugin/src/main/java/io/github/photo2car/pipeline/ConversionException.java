package io.github.photo2car.pipeline;

/**
 * A photo could not be turned into a car. The reason says why in a way a program can act on;
 * the message says it in words a player can read. Nothing in the scene was changed.
 */
public final class ConversionException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why a conversion failed. */
    public enum Reason {
        /** No car mask: the photo has no alpha, none was given, and no segmenter is installed. */
        NO_MASK_SOURCE,
        /** The segmenter (or the given mask) shows no car, or one too small to build. */
        NO_CAR,
        /** The conversion was cancelled. */
        CANCELLED,
        /** Something inside the pipeline failed unexpectedly (a bug; see the cause). */
        INTERNAL
    }

    private final Reason reason;

    /**
     * @param reason  why
     * @param message what a player should read
     * @param cause   the underlying exception, or null
     */
    public ConversionException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /** @return why the conversion failed */
    public Reason reason() {
        return reason;
    }
}
