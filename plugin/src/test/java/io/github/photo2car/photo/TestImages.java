package io.github.photo2car.photo;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.zip.CRC32;

/** Images and broken files made in the test, never read from disk. */
final class TestImages {

    private TestImages() {
    }

    /** A smooth colourful picture with some texture, so JPEG has real work to do. */
    static BufferedImage gradient(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int r = x * 255 / width;
                int g = y * 255 / height;
                int b = (x * 7 + y * 13) & 0xFF;
                image.setRGB(x, y, r << 16 | g << 8 | b);
            }
        }
        return image;
    }

    /** The gradient with seeded noise of ±amplitude per channel: JPEG sizes like a real photo's. */
    static BufferedImage noisy(int width, int height, int amplitude) {
        BufferedImage image = gradient(width, height);
        java.util.Random random = new java.util.Random(42);
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            image.getRGB(0, y, width, 1, row, 0, width);
            for (int x = 0; x < width; x++) {
                int p = row[x];
                int r = clamp((p >> 16 & 0xFF) + random.nextInt(2 * amplitude + 1) - amplitude);
                int g = clamp((p >> 8 & 0xFF) + random.nextInt(2 * amplitude + 1) - amplitude);
                int b = clamp((p & 0xFF) + random.nextInt(2 * amplitude + 1) - amplitude);
                row[x] = r << 16 | g << 8 | b;
            }
            image.setRGB(0, y, width, 1, row, 0, width);
        }
        return image;
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }

    static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no " + format + " writer for image type " + image.getType());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] jpeg(int width, int height) {
        return encode(gradient(width, height), "jpg");
    }

    /** 16-bit sRGB image: pixel (r, g, b) on the left half, black on the right. */
    static BufferedImage rgb16(int width, int height, int r, int g, int b) {
        ColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), false, false,
                java.awt.Transparency.OPAQUE, DataBuffer.TYPE_USHORT);
        WritableRaster raster = cm.createCompatibleWritableRaster(width, height);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                raster.setPixel(x, y, x < width / 2 ? new int[] {r, g, b} : new int[3]);
            }
        }
        return new BufferedImage(cm, raster, false, null);
    }

    /**
     * A 4-component JPEG with an Adobe APP14 segment saying "CMYK, no colour transform", the way
     * print software writes them (inverted: 255 = no ink). Left half pure cyan ink, right half no ink.
     */
    static byte[] cmykJpeg(int width, int height) {
        WritableRaster raster = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, width, height, 4, null);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                raster.setPixel(x, y, new int[] {x < width / 2 ? 0 : 255, 255, 255, 255});
            }
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(null, new IIOImage(raster, null, null), writer.getDefaultWriteParam());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        byte[] adobe = {(byte) 0xFF, (byte) 0xEE, 0, 14, 'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0, 0};
        return insertAfterSoi(out.toByteArray(), adobe);
    }

    /** A JPEG with an APP1 EXIF segment holding only the orientation tag. */
    static byte[] withExifOrientation(byte[] jpeg, int orientation) {
        ByteBuffer app1 = ByteBuffer.allocate(2 + 2 + 6 + 8 + 2 + 12 + 4);
        app1.put((byte) 0xFF).put((byte) 0xE1).putShort((short) (app1.capacity() - 2));
        app1.put(new byte[] {'E', 'x', 'i', 'f', 0, 0});
        app1.put(new byte[] {'M', 'M', 0, 42}).putInt(8); // big-endian TIFF header, IFD0 at 8
        app1.putShort((short) 1); // one entry
        app1.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
        app1.putInt(0); // no next IFD
        return insertAfterSoi(jpeg, app1.array());
    }

    static byte[] insertAfterSoi(byte[] jpeg, byte[] segment) {
        byte[] out = new byte[jpeg.length + segment.length];
        System.arraycopy(jpeg, 0, out, 0, 2);
        System.arraycopy(segment, 0, out, 2, segment.length);
        System.arraycopy(jpeg, 2, out, 2 + segment.length, jpeg.length - 2);
        return out;
    }

    /** Overwrites the size in a JPEG's first SOF0 segment. */
    static byte[] withJpegSize(byte[] jpeg, int width, int height) {
        byte[] out = jpeg.clone();
        for (int i = 2; i + 9 < out.length; i++) {
            if ((out[i] & 0xFF) == 0xFF && (out[i + 1] & 0xFF) == 0xC0) {
                out[i + 5] = (byte) (height >> 8);
                out[i + 6] = (byte) height;
                out[i + 7] = (byte) (width >> 8);
                out[i + 8] = (byte) width;
                return out;
            }
        }
        throw new IllegalArgumentException("no SOF0 segment");
    }

    /** Signature and an IHDR chunk (8-bit RGB) with a correct CRC, and nothing after it. */
    static byte[] pngHeaderOnly(int width, int height) {
        ByteBuffer png = ByteBuffer.allocate(8 + 25);
        png.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
        png.putInt(13);
        int typeStart = png.position();
        png.put(new byte[] {'I', 'H', 'D', 'R'}).putInt(width).putInt(height);
        png.put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0); // depth, RGB, deflate, filter, no interlace
        CRC32 crc = new CRC32();
        crc.update(png.array(), typeStart, 17);
        png.putInt((int) crc.getValue());
        return png.array();
    }

    /**
     * A lossless WebP (VP8L, RFC 9649) written bit by bit: no transforms, no colour cache, one
     * prefix-code group of "simple" codes. Green is 200 on the left half and 50 on the right (one
     * bit per pixel), red 0, blue 255, alpha 255 (zero bits each).
     */
    static byte[] losslessWebp(int width, int height) {
        Bits bits = new Bits();
        bits.put(0x2F, 8);
        bits.put(width - 1, 14).put(height - 1, 14).put(0, 1).put(0, 3); // no alpha hint, version 0
        bits.put(0, 1); // no transform
        bits.put(0, 1); // no colour cache
        bits.put(0, 1); // no meta prefix codes
        bits.put(1, 1).put(1, 1).put(1, 1).put(50, 8).put(200, 8); // green: two 8-bit symbols, one bit each
        bits.put(1, 1).put(0, 1).put(0, 1).put(0, 1); // red: one 1-bit symbol, 0
        bits.put(1, 1).put(0, 1).put(1, 1).put(255, 8); // blue: one 8-bit symbol, 255
        bits.put(1, 1).put(0, 1).put(1, 1).put(255, 8); // alpha: 255
        bits.put(1, 1).put(0, 1).put(0, 1).put(0, 1); // distance: 0 (unused)
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                bits.put(x < width / 2 ? 1 : 0, 1); // code 1 = 200 (the larger symbol), code 0 = 50
            }
        }
        byte[] data = bits.toBytes();
        int padded = data.length + (data.length & 1);
        ByteBuffer riff = ByteBuffer.allocate(20 + padded).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        riff.put(new byte[] {'R', 'I', 'F', 'F'}).putInt(12 + padded).put(new byte[] {'W', 'E', 'B', 'P'});
        riff.put(new byte[] {'V', 'P', '8', 'L'}).putInt(data.length).put(data);
        return riff.array();
    }

    /** Least-significant-bit-first bit packing, as VP8L reads. */
    private static final class Bits {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private long buffer;
        private int count;

        Bits put(int value, int n) {
            buffer |= (long) (value & ((1 << n) - 1)) << count;
            count += n;
            while (count >= 8) {
                out.write((int) (buffer & 0xFF));
                buffer >>>= 8;
                count -= 8;
            }
            return this;
        }

        byte[] toBytes() {
            if (count > 0) {
                out.write((int) (buffer & 0xFF));
                buffer = 0;
                count = 0;
            }
            return out.toByteArray();
        }
    }
}
