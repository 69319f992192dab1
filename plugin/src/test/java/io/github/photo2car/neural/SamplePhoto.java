package io.github.photo2car.neural;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;

import javax.imageio.ImageIO;

/** The bundled sample photo (our own render, its car mask in the alpha channel), for model tests. */
final class SamplePhoto {

    private SamplePhoto() {
    }

    /**
     * @return a new image of the sample photo, read from the class path
     * @throws IOException if it is missing or cannot be decoded
     */
    static BufferedImage read() throws IOException {
        try (InputStream in = SamplePhoto.class.getClassLoader()
                .getResourceAsStream("photo2car/assets/samples/sample-car.png")) {
            if (in == null) {
                throw new IOException("the sample photo is missing from the class path");
            }
            return ImageIO.read(in);
        }
    }
}
