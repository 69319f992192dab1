package io.github.photo2car.photo;

import com.jme3.renderer.ViewPort;
import io.github.photo2car.gl.GlExecutor;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a photo comes from: a file, bytes in memory, an image already decoded, or what a jME view
 * port shows (an "in-game photo"). Immutable: bytes and images are copied when the source is made,
 * so the caller may reuse its own; a file is read and a view port captured only when
 * {@link PhotoDecoder} decodes the source.
 */
public final class PhotoSource {

    /** The kind of source. */
    public enum Kind {
        /** A file on disk, read when decoded. */
        FILE,
        /** Encoded bytes (JPEG, PNG, ...) in memory. */
        BYTES,
        /** An already decoded {@link BufferedImage}. */
        IMAGE,
        /** The next frame of a jME view port, captured when decoded. */
        VIEWPORT
    }

    /** The name an in-game photo gets when none is given. */
    public static final String IN_GAME_PHOTO = "in-game photo";

    private final Kind kind;
    private final String name;
    private final Path file;
    private final byte[] bytes;
    private final BufferedImage image;
    private final GlExecutor gl;
    private final ViewPort viewPort;

    private PhotoSource(Kind kind, String name, Path file, byte[] bytes, BufferedImage image, GlExecutor gl,
                        ViewPort viewPort) {
        this.kind = kind;
        this.name = name;
        this.file = file;
        this.bytes = bytes;
        this.image = image;
        this.gl = gl;
        this.viewPort = viewPort;
    }

    /**
     * A photo file. Nothing is read until the source is decoded; a missing file is reported then.
     *
     * @param file the file (not null); its file name is the source's {@link #name()}
     * @return the source
     */
    public static PhotoSource fromFile(Path file) {
        Objects.requireNonNull(file, "file");
        Path fileName = file.getFileName();
        return new PhotoSource(Kind.FILE, fileName == null ? file.toString() : fileName.toString(), file, null, null,
                null, null);
    }

    /**
     * Encoded image bytes, for example a download or a clipboard paste.
     *
     * @param bytes the encoded image (not null; copied, so the caller may reuse the array; may be
     *              empty, which decodes to {@link PhotoException.Reason#EMPTY})
     * @param name  a name for messages, such as the original file name (not null, not blank)
     * @return the source
     */
    public static PhotoSource fromBytes(byte[] bytes, String name) {
        Objects.requireNonNull(bytes, "bytes");
        return new PhotoSource(Kind.BYTES, checkName(name), null, bytes.clone(), null, null, null);
    }

    /**
     * An image already in memory. Its pixels are copied now.
     *
     * @param image the image, any type (not null, not modified)
     * @param name  a name for messages (not null, not blank)
     * @return the source
     */
    public static PhotoSource fromImage(BufferedImage image, String name) {
        Objects.requireNonNull(image, "image");
        String checked = checkName(name);
        BufferedImage copy = new BufferedImage(image.getColorModel(), image.copyData(null),
                image.isAlphaPremultiplied(), null);
        return new PhotoSource(Kind.IMAGE, checked, null, null, copy, null, null);
    }

    /**
     * What a view port shows: when decoded, the next frame it renders is read back on the render
     * thread (see {@link ViewportCapture}), so this works in a running game as well as headless.
     *
     * @param gl       the executor of the application that renders the view port (not null)
     * @param viewPort the view port, usually the application's main one; GUI view ports rendered
     *                 after it are not in the picture (not null)
     * @param name     a name for messages (not null, not blank), e.g. {@link #IN_GAME_PHOTO}
     * @return the source
     */
    public static PhotoSource fromViewport(GlExecutor gl, ViewPort viewPort, String name) {
        Objects.requireNonNull(gl, "gl");
        Objects.requireNonNull(viewPort, "viewPort");
        return new PhotoSource(Kind.VIEWPORT, checkName(name), null, null, null, gl, viewPort);
    }

    private static String checkName(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a photo source needs a name for messages");
        }
        return name;
    }

    /** @return a human-readable name for messages: the file name, or the name given */
    public String name() {
        return name;
    }

    /** @return the kind of source */
    public Kind kind() {
        return kind;
    }

    /** @return the file of a {@link Kind#FILE} source, else null */
    public Path file() {
        return file;
    }

    /** @return the bytes of a {@link Kind#BYTES} source (the array itself: do not modify), else null */
    byte[] bytes() {
        return bytes;
    }

    /** @return the private copy of an {@link Kind#IMAGE} source's image (do not modify), else null */
    BufferedImage image() {
        return image;
    }

    /** @return the executor of a {@link Kind#VIEWPORT} source, else null */
    GlExecutor gl() {
        return gl;
    }

    /** @return the view port of a {@link Kind#VIEWPORT} source, else null */
    ViewPort viewPort() {
        return viewPort;
    }

    @Override
    public String toString() {
        return "PhotoSource[" + kind + " " + name + "]";
    }
}
