package io.github.photo2car.photo;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * What the first bytes of a file say it is. Only formats recognised here reach an image reader:
 * readers without a signature of their own (WBMP) would otherwise accept random bytes.
 */
enum ImageSignature {
    JPEG("a JPEG image", "jpeg", true),
    PNG("a PNG image", "png", true),
    GIF("a GIF image", "gif", true),
    BMP("a BMP image", "bmp", true),
    WEBP("a WebP image", "webp", true),
    TIFF("a TIFF image", "tiff", true),
    HEIF("a HEIC/HEIF photo (the iPhone's default format)", null, true),
    AVIF("an AVIF image", null, true),
    JPEG2000("a JPEG 2000 image", null, true),
    PSD("a Photoshop document", null, true),
    SVG("an SVG drawing (vector graphics, not a photo)", null, true),
    PDF("a PDF document", null, false),
    HTML("a web page (HTML), perhaps saved instead of the picture", null, false),
    ZIP("a ZIP archive", null, false),
    TEXT("text", null, false),
    UNKNOWN("unrecognised data", null, false);

    /** How many leading bytes {@link #of} looks at. */
    static final int HEAD = 4096;

    private final String description;
    private final String formatName;
    private final boolean image;

    ImageSignature(String description, String formatName, boolean image) {
        this.description = description;
        this.formatName = formatName;
        this.image = image;
    }

    /** @return what the data looks like, for messages ("a PNG image", "text") */
    String description() {
        return description;
    }

    /** @return the ImageIO format name to find a reader by, or null when no reader is shipped */
    String formatName() {
        return formatName;
    }

    /** @return whether the data is some kind of image (decodable or not) */
    boolean isImage() {
        return image;
    }

    /**
     * @param head the first bytes of the data (not modified)
     * @param n    how many of them are valid (≥ 1)
     * @return the signature
     */
    static ImageSignature of(byte[] head, int n) {
        if (startsWith(head, n, 0, 0xFF, 0xD8, 0xFF)) {
            return JPEG;
        }
        if (startsWith(head, n, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return PNG;
        }
        if (startsWith(head, n, 0, 'G', 'I', 'F', '8')) {
            return GIF;
        }
        if (startsWith(head, n, 0, 'B', 'M') && n >= 14) {
            return BMP;
        }
        if (startsWith(head, n, 0, 'R', 'I', 'F', 'F') && startsWith(head, n, 8, 'W', 'E', 'B', 'P')) {
            return WEBP;
        }
        if (startsWith(head, n, 0, 'I', 'I', 0x2A, 0x00) || startsWith(head, n, 0, 'M', 'M', 0x00, 0x2A)) {
            return TIFF;
        }
        if (startsWith(head, n, 4, 'f', 't', 'y', 'p')) {
            String brand = ascii(head, n, 8, 4);
            if (brand.startsWith("avi")) {
                return AVIF;
            }
            if (brand.startsWith("hei") || brand.startsWith("hev") || brand.equals("mif1") || brand.equals("msf1")) {
                return HEIF;
            }
        }
        if (startsWith(head, n, 0, 0x00, 0x00, 0x00, 0x0C, 'j', 'P', ' ', ' ') || startsWith(head, n, 0, 0xFF, 0x4F, 0xFF, 0x51)) {
            return JPEG2000;
        }
        if (startsWith(head, n, 0, '8', 'B', 'P', 'S')) {
            return PSD;
        }
        if (startsWith(head, n, 0, '%', 'P', 'D', 'F')) {
            return PDF;
        }
        if (startsWith(head, n, 0, 'P', 'K', 0x03, 0x04)) {
            return ZIP;
        }
        if (looksLikeText(head, n)) {
            String text = new String(head, 0, n, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
            if (text.contains("<svg")) {
                return SVG;
            }
            if (text.contains("<html") || text.contains("<!doctype html")) {
                return HTML;
            }
            return TEXT;
        }
        return UNKNOWN;
    }

    /** Mostly printable characters, valid UTF-8 (ASCII included) and no NUL bytes: text, whatever the file is named. */
    private static boolean looksLikeText(byte[] head, int n) {
        int printable = 0;
        for (int i = 0; i < n; i++) {
            int b = head[i] & 0xFF;
            if (b == 0) {
                return false;
            }
            if (b >= 0x20 && b != 0x7F || b == '\n' || b == '\r' || b == '\t' || b == '\f') {
                printable++; // bytes from 0x80 up count: they are the letters of UTF-8 text
            }
        }
        if (printable < 0.95 * n) {
            return false;
        }
        // not the end of input: a character cut in two by the head's end is not an error
        CoderResult result = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(head, 0, n), CharBuffer.allocate(n), false);
        return !result.isError();
    }

    private static boolean startsWith(byte[] head, int n, int offset, int... expected) {
        if (offset + expected.length > n) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if ((head[offset + i] & 0xFF) != expected[i]) {
                return false;
            }
        }
        return true;
    }

    private static String ascii(byte[] head, int n, int offset, int count) {
        if (offset + count > n) {
            return "";
        }
        return new String(head, offset, count, StandardCharsets.US_ASCII);
    }
}
