package io.github.photo2car.photo;

import javax.imageio.stream.ImageInputStream;
import java.io.IOException;

/**
 * The few facts the decoder wants from a JPEG's marker segments before the image data: the EXIF
 * orientation (APP1) and the number of colour components (SOFn: 4 means CMYK or YCCK). Reads segment headers only, skipping their bodies, up to the
 * start of scan; a malformed segment ends the scan with what was found so far (the image reader
 * reports real damage).
 *
 * @param orientation EXIF orientation 1…8 (1 when absent or invalid): how the stored pixels must be
 *                    turned to be seen upright
 * @param components  colour components in the frame header, 0 if none was found
 * @param frameMarker the SOFn marker (0xC0 baseline, 0xC2 progressive, ...), 0 if none was found
 * @param scanStart   stream position of the first start-of-scan marker, or -1 if none was found
 */
record JpegHeader(int orientation, int components, int frameMarker, long scanStart) {

    /** What a non-JPEG gets: upright, nothing known. */
    static final JpegHeader NONE = new JpegHeader(1, 0, 0, -1);

    /**
     * @return whether the frame is Huffman-coded (SOF0–3, SOF5–7): then every 8×8 block of every
     *         component costs at least two bits (a DC code and an end-of-block or run code)
     */
    boolean huffman() {
        return frameMarker >= 0xC0 && frameMarker <= 0xC7 && frameMarker != 0xC4;
    }

    private static final int MAX_SEGMENTS = 512;
    private static final int TAG_ORIENTATION = 0x0112;
    private static final int TYPE_SHORT = 3;

    /**
     * Scans from the start of the stream; leaves the stream at an unspecified position.
     *
     * @param in a stream positioned anywhere
     * @return the header facts
     */
    static JpegHeader scan(ImageInputStream in) {
        int orientation = 1;
        int components = 0;
        int frameMarker = 0;
        long scanStart = -1;
        try {
            in.seek(2); // after SOI
            for (int segment = 0; segment < MAX_SEGMENTS; segment++) {
                int marker = nextMarker(in);
                if (marker == 0xDA) {
                    scanStart = in.getStreamPosition() - 2;
                    break;
                }
                if (marker < 0 || marker == 0xD9) { // end of data, end of image
                    break;
                }
                if (marker == 0x01 || marker >= 0xD0 && marker <= 0xD7) {
                    continue; // markers without a length
                }
                int length = in.readUnsignedShort();
                if (length < 2) {
                    break;
                }
                long bodyStart = in.getStreamPosition();
                if (marker == 0xE1 && orientation == 1) {
                    orientation = exifOrientation(in, length - 2);
                } else if (isStartOfFrame(marker) && length >= 8) {
                    frameMarker = marker;
                    in.skipBytes(5); // precision, height, width
                    components = in.readUnsignedByte();
                }
                in.seek(bodyStart + length - 2);
            }
        } catch (IOException e) {
            // a cut-off or malformed header: keep what was found; the reader reports the damage
        }
        return new JpegHeader(orientation, components, frameMarker, scanStart);
    }

    private static int nextMarker(ImageInputStream in) throws IOException {
        int b = in.read();
        while (b != -1 && b != 0xFF) {
            b = in.read(); // tolerate stray bytes between segments as decoders do
        }
        while (b == 0xFF) {
            b = in.read(); // fill bytes
        }
        return b;
    }

    private static boolean isStartOfFrame(int marker) {
        return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    }

    /** Orientation tag of IFD0 in an APP1 body, or 1. */
    private static int exifOrientation(ImageInputStream in, int bodyLength) throws IOException {
        if (bodyLength < 14) {
            return 1;
        }
        byte[] body = new byte[bodyLength];
        in.readFully(body);
        if (!(body[0] == 'E' && body[1] == 'x' && body[2] == 'i' && body[3] == 'f' && body[4] == 0 && body[5] == 0)) {
            return 1;
        }
        int tiff = 6;
        boolean little = body[tiff] == 'I' && body[tiff + 1] == 'I';
        boolean big = body[tiff] == 'M' && body[tiff + 1] == 'M';
        if (!little && !big || u16(body, tiff + 2, little) != 42) {
            return 1;
        }
        long ifd = u32(body, tiff + 4, little);
        if (ifd < 8 || tiff + ifd + 2 > body.length) {
            return 1;
        }
        int entries = u16(body, (int) (tiff + ifd), little);
        for (int i = 0; i < entries; i++) {
            int entry = (int) (tiff + ifd + 2 + 12L * i);
            if (entry + 12 > body.length) {
                return 1;
            }
            if (u16(body, entry, little) == TAG_ORIENTATION && u16(body, entry + 2, little) == TYPE_SHORT) {
                int value = u16(body, entry + 8, little);
                return value >= 1 && value <= 8 ? value : 1;
            }
        }
        return 1;
    }

    private static int u16(byte[] b, int at, boolean little) {
        int b0 = b[at] & 0xFF;
        int b1 = b[at + 1] & 0xFF;
        return little ? b1 << 8 | b0 : b0 << 8 | b1;
    }

    private static long u32(byte[] b, int at, boolean little) {
        long hi = u16(b, little ? at + 2 : at, little);
        long lo = u16(b, little ? at : at + 2, little);
        return hi << 16 | lo;
    }
}
