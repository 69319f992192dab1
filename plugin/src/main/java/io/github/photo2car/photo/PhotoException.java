package io.github.photo2car.photo;

import java.util.Objects;

/**
 * A photo could not be used. Checked on purpose: a player picks the file, so bad input is an
 * expected outcome the caller must handle (show {@link #getMessage()} in the HUD or the CLI and
 * keep the scene as it is), not a programming error.
 *
 * <p>{@link #getMessage()} is one sentence a player can read and act on, naming the photo; the
 * decoder's own technical message, when there was one, is in {@link #getCause()}.
 */
public final class PhotoException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why a photo was refused. */
    public enum Reason {
        /** The file or byte array holds no bytes. */
        EMPTY,
        /** The content is something else: text, a web page, a document, an archive, unknown bytes. */
        NOT_AN_IMAGE,
        /** An image in a format no installed reader decodes (HEIC, AVIF, SVG, PSD, ...). */
        UNSUPPORTED_FORMAT,
        /** The image is damaged: its structure is invalid though the data is all there. */
        CORRUPT,
        /** The data ends before the image does (an interrupted download or copy). */
        TRUNCATED,
        /** Smaller than the decoder's minimum side. */
        TOO_SMALL,
        /** Declares absurd dimensions, or there was not enough memory to decode it. */
        TOO_LARGE,
        /** Every pixel has the same colour, or every pixel is transparent: nothing to see. */
        BLANK,
        /** No such file. */
        NOT_FOUND,
        /** The path names a folder or a device, not a regular file. */
        NOT_A_FILE,
        /** Reading failed for another reason (permissions, disk error). */
        IO_ERROR,
        /** An in-game photo could not be taken (the view port did not render, GL read-back failed). */
        CAPTURE_FAILED,
        /** The decoding thread was interrupted. */
        CANCELLED
    }

    private final Reason reason;
    private final String sourceName;

    /**
     * @param reason     why the photo was refused (not null)
     * @param sourceName the photo's name as {@link PhotoSource#name()} gives it (not null)
     * @param message    one player-readable sentence (not null)
     * @param cause      the underlying exception, or null
     */
    public PhotoException(Reason reason, String sourceName, String message, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.sourceName = Objects.requireNonNull(sourceName, "sourceName");
    }

    /** @return why the photo was refused */
    public Reason reason() {
        return reason;
    }

    /** @return the name of the photo that was refused */
    public String sourceName() {
        return sourceName;
    }
}
