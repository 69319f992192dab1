package io.github.photo2car.export;

import java.io.IOException;

/**
 * A car file could not be turned into a rig: it is missing or unreadable, is not a glTF binary or
 * j3o file, lacks photo2car's rig data, or holds rig data or nodes that do not fit together. The
 * message says which, and names the file.
 */
public final class CarImportException extends IOException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what is wrong, naming the file
     * @param cause   the underlying error, or null
     */
    public CarImportException(String message, Throwable cause) {
        super(message, cause);
    }
}
