package io.github.photo2car.trainer.synth;

import com.google.gson.JsonObject;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * One labelled picture of a synthetic data set, as stored: the encoded files and the parsed label
 * record ({@code <key>.json}; fields are described in docs/SYNTHETIC.md). Decoding helpers give
 * pixels. Immutable apart from the arrays, which callers must not modify.
 *
 * @param key       the sample key, the zero-padded global sample index
 * @param rgbJpeg   the photo, JPEG
 * @param maskPng   the car mask, 8-bit greyscale PNG (255 = car, 0 = not car)
 * @param partsPng  the part-label map, 8-bit greyscale PNG of {@link LabelIds} values
 * @param labels    the label record
 */
public record SyntheticSample(String key, byte[] rgbJpeg, byte[] maskPng, byte[] partsPng, JsonObject labels) {

    /** @return a new image decoded from the JPEG */
    public BufferedImage rgb() {
        return decode(rgbJpeg, "rgb");
    }

    /** @return a new array of mask values (0 or 255), row-major, row 0 at the top */
    public byte[] mask() {
        return gray(maskPng, "mask");
    }

    /** @return a new array of part ids ({@link LabelIds}), row-major, row 0 at the top */
    public byte[] parts() {
        return gray(partsPng, "parts");
    }

    private byte[] gray(byte[] png, String what) {
        BufferedImage image = decode(png, what);
        if (image.getType() != BufferedImage.TYPE_BYTE_GRAY) {
            throw new CorruptShardException("sample " + key + ": " + what + " is not an 8-bit greyscale PNG");
        }
        return ((DataBufferByte) image.getRaster().getDataBuffer()).getData().clone();
    }

    private BufferedImage decode(byte[] bytes, String what) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
            if (image == null) {
                throw new CorruptShardException("sample " + key + ": " + what + " cannot be decoded");
            }
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException("sample " + key + ": " + what + " cannot be decoded", e);
        }
    }
}
