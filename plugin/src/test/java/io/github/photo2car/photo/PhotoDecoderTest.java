package io.github.photo2car.photo;

import io.github.photo2car.photo.PhotoException.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad, odd and good photos, all generated here: the decoder refuses or warns with the right reason and never dies. */
class PhotoDecoderTest {

    private static final PhotoDecoder DECODER = PhotoDecoder.defaults();

    @TempDir
    Path dir;

    private static PhotoException refused(PhotoSource source, Reason expected) {
        PhotoException e = assertThrows(PhotoException.class, () -> DECODER.decode(source), source.toString());
        assertEquals(expected, e.reason(), e.getMessage());
        assertTrue(e.getMessage().startsWith(source.name()) || e.getMessage().contains(source.name()), e.getMessage());
        System.out.println("[photo] " + e.reason() + ": " + e.getMessage());
        return e;
    }

    private static Photo decoded(PhotoSource source) throws PhotoException {
        Photo photo = DECODER.decode(source);
        System.out.println("[photo] " + photo + " " + photo.warnings().stream().map(PhotoWarning::reason).toList());
        return photo;
    }

    private static List<PhotoWarning.Reason> reasons(Photo photo) {
        return photo.warnings().stream().map(PhotoWarning::reason).toList();
    }

    private Path write(String name, byte[] bytes) throws Exception {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        return file;
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
                .getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    // ---- not an image at all

    @Test
    void emptyFileAndZeroBytesAreEmpty() throws Exception {
        refused(PhotoSource.fromFile(write("empty.jpg", new byte[0])), Reason.EMPTY);
        PhotoException e = refused(PhotoSource.fromBytes(new byte[0], "paste"), Reason.EMPTY);
        assertEquals("paste is empty (0 bytes)", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 100, 5_000, 100_000})
    void randomBytesAreNotAnImage(int length) throws Exception {
        byte[] noise = new byte[length];
        new Random(length).nextBytes(noise);
        noise[0] = 0x13; // not by chance the first byte of a signature
        refused(PhotoSource.fromFile(write("noise.jpg", noise)), Reason.NOT_AN_IMAGE);
    }

    @Test
    void textNamedJpgSaysText() throws Exception {
        byte[] text = "Dear player,\nthis is a shopping list, not a car.\nÄpfel, Öl\n".repeat(200).getBytes(StandardCharsets.UTF_8);
        PhotoException e = refused(PhotoSource.fromFile(write("car.jpg", text)), Reason.NOT_AN_IMAGE);
        assertEquals("car.jpg is not an image (it looks like text)", e.getMessage());
    }

    @Test
    void webPageAndPdfAndZipAreNamed() throws Exception {
        byte[] html = "<!DOCTYPE html><html><body>403 Forbidden</body></html>".getBytes(StandardCharsets.US_ASCII);
        assertTrue(refused(PhotoSource.fromBytes(html, "download.jpg"), Reason.NOT_AN_IMAGE).getMessage().contains("web page"));
        byte[] pdf = "%PDF-1.7\n%\u00e2\u00e3\n1 0 obj".getBytes(StandardCharsets.ISO_8859_1);
        assertTrue(refused(PhotoSource.fromBytes(pdf, "brochure.png"), Reason.NOT_AN_IMAGE).getMessage().contains("PDF"));
        byte[] zip = {'P', 'K', 3, 4, 20, 0, 0, 0, 8, 0};
        assertTrue(refused(PhotoSource.fromBytes(zip, "photos.jpg"), Reason.NOT_AN_IMAGE).getMessage().contains("ZIP"));
    }

    @Test
    void knownButUnreadableFormatsAreUnsupported() throws Exception {
        byte[] heic = {0, 0, 0, 24, 'f', 't', 'y', 'p', 'h', 'e', 'i', 'c', 0, 0, 0, 0, 'm', 'i', 'f', '1', 'h', 'e', 'i', 'c'};
        PhotoException e = refused(PhotoSource.fromFile(write("IMG_0001.HEIC", heic)), Reason.UNSUPPORTED_FORMAT);
        assertTrue(e.getMessage().contains("HEIC"), e.getMessage());
        byte[] svg = "<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"></svg>".getBytes(StandardCharsets.US_ASCII);
        refused(PhotoSource.fromBytes(svg, "car.png"), Reason.UNSUPPORTED_FORMAT);
    }

    @Test
    void directoryAndMissingFileAreTyped() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("cars"));
        assertEquals("cars is a folder, not a photo", refused(PhotoSource.fromFile(folder), Reason.NOT_A_FILE).getMessage());
        refused(PhotoSource.fromFile(dir.resolve("missing.jpg")), Reason.NOT_FOUND);
    }

    // ---- cut off and damaged

    @ParameterizedTest
    @ValueSource(doubles = {0.0002, 0.001, 0.01, 0.05, 0.25, 0.5, 0.9, 0.999})
    void truncatedJpegIsTruncated(double keep) throws Exception {
        byte[] jpeg = TestImages.jpeg(640, 480);
        int cut = Math.max(3, (int) (jpeg.length * keep));
        PhotoException e = refused(PhotoSource.fromFile(write("photo.jpg", Arrays.copyOf(jpeg, cut))), Reason.TRUNCATED);
        assertTrue(e.getMessage().contains(String.format(java.util.Locale.ROOT, "cut off after %,d bytes", cut)), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.01, 0.1, 0.5, 0.9, 0.99})
    void truncatedPngIsTruncated(double keep) throws Exception {
        byte[] png = TestImages.encode(TestImages.gradient(300, 200), "png");
        int cut = Math.max(9, (int) (png.length * keep));
        refused(PhotoSource.fromBytes(Arrays.copyOf(png, cut), "photo.png"), Reason.TRUNCATED);
    }

    @Test
    void scrambledJpegDataNeverEscapes() throws Exception {
        byte[] jpeg = TestImages.jpeg(320, 240);
        Random random = new Random(7);
        for (int trial = 0; trial < 20; trial++) {
            byte[] damaged = jpeg.clone();
            for (int i = 0; i < 30; i++) {
                damaged[2 + random.nextInt(damaged.length - 2)] = (byte) random.nextInt();
            }
            try {
                Photo photo = DECODER.decode(PhotoSource.fromBytes(damaged, "damaged.jpg"));
                assertEquals(320 * 240, photo.width() * photo.height(), photo.toString());
            } catch (PhotoException e) {
                assertTrue(List.of(Reason.CORRUPT, Reason.TRUNCATED, Reason.UNSUPPORTED_FORMAT, Reason.TOO_SMALL,
                        Reason.TOO_LARGE, Reason.NOT_AN_IMAGE).contains(e.reason()), e.reason() + ": " + e.getMessage());
            }
        }
    }

    // ---- sizes

    @Test
    void pngHeaderClaiming50kBy50kIsRefusedInLittleMemory() throws Exception {
        PhotoSource source = PhotoSource.fromFile(write("huge.png", TestImages.pngHeaderOnly(50_000, 50_000)));
        long bytes = allocatedBytes();
        long start = System.nanoTime();
        refused(source, Reason.TRUNCATED);
        long millis = (System.nanoTime() - start) / 1_000_000;
        long megabytes = (allocatedBytes() - bytes) >> 20;
        System.out.printf("[photo] 50,000x50,000 PNG header: refused in %d ms, %d MB allocated%n", millis, megabytes);
        assertTrue(megabytes < 128, megabytes + " MB"); // a full decode would need 7,000 MB
    }

    @Test
    void jpegHeaderClaiming50kBy50kIsStoppedInLittleMemory() throws Exception {
        byte[] huge = TestImages.withJpegSize(TestImages.jpeg(640, 480), 50_000, 50_000);
        PhotoSource source = PhotoSource.fromFile(write("huge.jpg", huge));
        DECODER.decode(PhotoSource.fromBytes(TestImages.jpeg(64, 64), "warm-up.jpg")); // load the native decoder first
        long bytes = allocatedBytes();
        long start = System.nanoTime();
        PhotoException e = refused(source, Reason.CORRUPT);
        assertTrue(e.getMessage().contains("50,000×50,000"), e.getMessage());
        long millis = (System.nanoTime() - start) / 1_000_000;
        long megabytes = (allocatedBytes() - bytes) >> 20;
        System.out.printf("[photo] 50,000x50,000 JPEG header over 640x480 data: refused in %d ms, %d MB allocated%n",
                millis, megabytes);
        assertTrue(megabytes < 128, megabytes + " MB");
    }

    @Test
    void cutOffJpegWithA50kHeaderIsTruncatedAndStoppedInLittleMemory() throws Exception {
        byte[] jpeg = TestImages.withJpegSize(TestImages.jpeg(640, 480), 50_000, 50_000);
        long bytes = allocatedBytes();
        refused(PhotoSource.fromBytes(Arrays.copyOf(jpeg, jpeg.length / 2), "huge-half.jpg"), Reason.TRUNCATED);
        long megabytes = (allocatedBytes() - bytes) >> 20;
        assertTrue(megabytes < 128, megabytes + " MB"); // stopped before a 7,000 MB raster
    }

    @Test
    void largeDeclaredSizeOverEnoughDataIsSubsampledNotRefused() throws Exception {
        // 6,000 x 3,000 over 640 x 480 worth of data padded past the plausibility bound: decoded at 1/2,
        // the missing rows are filler; the decoder says the data was damaged
        byte[] jpeg = TestImages.withJpegSize(TestImages.jpeg(640, 480), 6_000, 3_000);
        byte[] padded = TestImages.insertAfterSoi(jpeg, comment(60_000));
        Photo photo = PhotoDecoder.defaults().withMaxPixels(5_000_000).decode(PhotoSource.fromBytes(padded, "pano.jpg"));
        assertEquals(2, photo.subsampling());
        assertEquals(3_000, photo.width());
        assertTrue(reasons(photo).contains(PhotoWarning.Reason.SUBSAMPLED));
        assertTrue(reasons(photo).contains(PhotoWarning.Reason.DECODER_WARNING), photo.warnings().toString());
    }

    /** A JPEG COM segment of n bytes of payload. */
    private static byte[] comment(int n) {
        byte[] segment = new byte[4 + n];
        segment[0] = (byte) 0xFF;
        segment[1] = (byte) 0xFE;
        segment[2] = (byte) ((n + 2) >> 8);
        segment[3] = (byte) (n + 2);
        Arrays.fill(segment, 4, segment.length, (byte) 'x');
        return segment;
    }

    @Test
    void absurdOrZeroDeclaredSizesAreRefused() throws Exception {
        PhotoException e = refused(PhotoSource.fromBytes(TestImages.pngHeaderOnly(1_000_000, 1_000), "wide.png"), Reason.TOO_LARGE);
        assertTrue(e.getMessage().contains("1,000,000×1,000"), e.getMessage());
        PhotoException zero = assertThrows(PhotoException.class,
                () -> DECODER.decode(PhotoSource.fromBytes(TestImages.pngHeaderOnly(0, 100), "zero.png")));
        assertTrue(zero.reason() == Reason.CORRUPT || zero.reason() == Reason.TRUNCATED, zero.getMessage());
    }

    @Test
    void largeImageIsSubsampledToTheBudget() throws Exception {
        PhotoDecoder small = PhotoDecoder.defaults().withMaxPixels(100_000);
        Photo photo = small.decode(PhotoSource.fromBytes(TestImages.encode(TestImages.gradient(1000, 700), "png"), "big.png"));
        assertEquals(3, photo.subsampling()); // 1000x700 = 700,000 px; 1/3 gives 334x234 = 78,156
        assertEquals(334, photo.width());
        assertEquals(234, photo.height());
        assertEquals(1000, photo.originalWidth());
        assertEquals(700, photo.originalHeight());
        assertTrue(reasons(photo).contains(PhotoWarning.Reason.SUBSAMPLED), photo.warnings().toString());
        // every third pixel of the original, starting at the first
        assertEquals(TestImages.gradient(1000, 700).getRGB(3 * 100, 3 * 50) & 0xFFFFFF, photo.rgb(100, 50));
    }

    @Test
    void subsamplingFactorFitsTheBudgetExactly() {
        assertEquals(1, PhotoDecoder.subsampling(4000, 4000, 16_000_000));
        assertEquals(2, PhotoDecoder.subsampling(4001, 4000, 16_000_000));
        assertEquals(13, PhotoDecoder.subsampling(50_000, 50_000, 16_000_000));
        for (long w = 1; w < 3000; w += 37) {
            int n = PhotoDecoder.subsampling(w, 2 * w + 1, 10_000);
            assertTrue(((w + n - 1) / n) * ((2 * w + 1 + n - 1) / n) <= 10_000);
            assertTrue(n == 1 || ((w + n - 2) / (n - 1)) * ((2 * w + 1 + n - 2) / (n - 1)) > 10_000, "smallest n");
        }
    }

    @Test
    void tinyImagesAreTooSmall() throws Exception {
        PhotoException e = refused(PhotoSource.fromBytes(TestImages.encode(TestImages.gradient(1, 1), "png"), "dot.png"),
                Reason.TOO_SMALL);
        assertEquals("dot.png is only 1×1 pixels; a photo needs at least 32 pixels on its short side", e.getMessage());
        refused(PhotoSource.fromImage(TestImages.gradient(400, 31), "strip"), Reason.TOO_SMALL);
        Photo smallest = decoded(PhotoSource.fromBytes(TestImages.jpeg(32, 40), "small.jpg"));
        assertTrue(reasons(smallest).contains(PhotoWarning.Reason.LOW_RESOLUTION));
    }

    // ---- odd but usable

    @Test
    void grayscalePngKeepsItsGrayLevels() throws Exception {
        BufferedImage gray = new BufferedImage(64, 48, BufferedImage.TYPE_BYTE_GRAY);
        for (int x = 0; x < 64; x++) {
            for (int y = 0; y < 48; y++) {
                gray.getRaster().setSample(x, y, 0, x < 32 ? 128 : 30);
            }
        }
        Photo photo = decoded(PhotoSource.fromBytes(TestImages.encode(gray, "png"), "gray.png"));
        assertEquals(0x808080, photo.rgb(5, 5)); // not 0xBCBCBC: Java's gray colour space is linear
        assertEquals(0x1E1E1E, photo.rgb(40, 5));
        assertTrue(reasons(photo).contains(PhotoWarning.Reason.GRAYSCALE));
        assertFalse(photo.hasMask());
    }

    @Test
    void sixteenBitPngsAreReducedTo8Bits() throws Exception {
        Photo rgb = decoded(PhotoSource.fromBytes(TestImages.encode(TestImages.rgb16(64, 48, 40_000, 1_000, 65_535), "png"), "deep.png"));
        assertEquals(156 << 16 | 4 << 8 | 255, rgb.rgb(10, 10));
        assertTrue(reasons(rgb).contains(PhotoWarning.Reason.REDUCED_FROM_16_BIT));
        BufferedImage gray16 = new BufferedImage(64, 48, BufferedImage.TYPE_USHORT_GRAY);
        for (int x = 0; x < 64; x++) {
            for (int y = 0; y < 48; y++) {
                gray16.getRaster().setSample(x, y, 0, x < 32 ? 32_768 : 65_535);
            }
        }
        Photo gray = decoded(PhotoSource.fromBytes(TestImages.encode(gray16, "png"), "deep-gray.png"));
        assertEquals(0x808080, gray.rgb(0, 0));
        assertEquals(0xFFFFFF, gray.rgb(63, 0));
        assertEquals(List.of(PhotoWarning.Reason.REDUCED_FROM_16_BIT, PhotoWarning.Reason.GRAYSCALE,
                PhotoWarning.Reason.LOW_RESOLUTION), reasons(gray));
    }

    @Test
    void palettePngWithAndWithoutTransparency() throws Exception {
        byte[] red = {(byte) 255, 0, 0, 0};
        byte[] green = {0, (byte) 200, 0, 0};
        byte[] blue = {0, 0, (byte) 255, 0};
        BufferedImage opaque = paletted(new IndexColorModel(2, 4, red, green, blue));
        Photo photo = decoded(PhotoSource.fromBytes(TestImages.encode(opaque, "png"), "palette.png"));
        assertEquals(0xFF0000, photo.rgb(0, 0));
        assertEquals(0x00C800, photo.rgb(63, 0));
        assertFalse(photo.hasMask());
        BufferedImage cutOut = paletted(new IndexColorModel(2, 4, red, green, blue, 3)); // index 3 transparent
        Photo masked = decoded(PhotoSource.fromBytes(TestImages.encode(cutOut, "png"), "sticker.png"));
        assertTrue(masked.hasMask());
        assertEquals(1f, masked.mask(0, 0));
        assertEquals(0f, masked.mask(0, 47));
        assertTrue(reasons(masked).contains(PhotoWarning.Reason.ALPHA_USED_AS_MASK));
    }

    /** Left half index 0, right half index 1, bottom rows index 3. */
    private static BufferedImage paletted(IndexColorModel palette) {
        BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_BYTE_INDEXED, palette);
        for (int y = 0; y < 48; y++) {
            for (int x = 0; x < 64; x++) {
                image.getRaster().setSample(x, y, 0, y >= 40 ? 3 : x < 32 ? 0 : 1);
            }
        }
        return image;
    }

    @Test
    void rgbaPngAlphaIsAMaskUnlessFullyOpaque() throws Exception {
        BufferedImage argb = new BufferedImage(80, 60, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < 60; y++) {
            for (int x = 0; x < 80; x++) {
                boolean car = x >= 20 && x < 60 && y >= 15 && y < 45;
                argb.setRGB(x, y, (car ? 0xFF : 0x00) << 24 | 0x3366CC);
            }
        }
        argb.setRGB(10, 10, 0x80112233);
        Photo masked = decoded(PhotoSource.fromFile(write("cutout.png", TestImages.encode(argb, "png"))));
        assertTrue(masked.hasMask());
        assertEquals(1f, masked.mask(40, 30));
        assertEquals(0f, masked.mask(5, 5));
        assertEquals(128 / 255f, masked.mask(10, 10), 1e-6);
        assertEquals(0x112233, masked.rgb(10, 10)); // colour kept, not premultiplied
        assertTrue(reasons(masked).contains(PhotoWarning.Reason.ALPHA_USED_AS_MASK));

        BufferedImage opaque = new BufferedImage(80, 60, BufferedImage.TYPE_INT_ARGB);
        BufferedImage picture = TestImages.gradient(80, 60);
        for (int y = 0; y < 60; y++) {
            for (int x = 0; x < 80; x++) {
                opaque.setRGB(x, y, 0xFF000000 | picture.getRGB(x, y));
            }
        }
        Photo plain = decoded(PhotoSource.fromFile(write("opaque.png", TestImages.encode(opaque, "png"))));
        assertFalse(plain.hasMask());
        assertNull(plain.copyMask());
        assertFalse(reasons(plain).contains(PhotoWarning.Reason.ALPHA_USED_AS_MASK));
    }

    @Test
    void blankImagesAreRefused() throws Exception {
        BufferedImage clear = new BufferedImage(64, 64, BufferedImage.TYPE_INT_ARGB);
        assertTrue(refused(PhotoSource.fromBytes(TestImages.encode(clear, "png"), "clear.png"), Reason.BLANK)
                .getMessage().contains("transparent"));
        BufferedImage black = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        assertTrue(refused(PhotoSource.fromImage(black, "lens cap"), Reason.BLANK).getMessage().contains("#000000"));
    }

    @Test
    void cmykJpegIsConvertedToRgb() throws Exception {
        Photo photo = decoded(PhotoSource.fromFile(write("print.jpg", TestImages.cmykJpeg(64, 48))));
        assertTrue(reasons(photo).contains(PhotoWarning.Reason.CONVERTED_FROM_CMYK), photo.warnings().toString());
        int cyan = photo.rgb(8, 24);
        int paper = photo.rgb(56, 24);
        assertTrue((cyan >> 16 & 0xFF) < 60 && (cyan >> 8 & 0xFF) > 150 && (cyan & 0xFF) > 150, Integer.toHexString(cyan));
        assertTrue((paper >> 16 & 0xFF) > 230 && (paper >> 8 & 0xFF) > 230 && (paper & 0xFF) > 230, Integer.toHexString(paper));
    }

    @Test
    void exifOrientationTurnsThePhotoUpright() throws Exception {
        BufferedImage stored = new BufferedImage(80, 40, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 40; y++) {
            for (int x = 0; x < 80; x++) {
                stored.setRGB(x, y, x < 20 && y < 20 ? 0xFF0000 : 0x0000FF); // red square top-left
            }
        }
        byte[] jpeg = TestImages.encode(stored, "jpg");
        Photo six = decoded(PhotoSource.fromBytes(TestImages.withExifOrientation(jpeg, 6), "portrait.jpg"));
        assertEquals(6, six.orientation());
        assertEquals(40, six.width());
        assertEquals(80, six.height());
        assertTrue(isRed(six.rgb(30, 10)), "turned clockwise: the top-left corner is now top-right");
        assertFalse(isRed(six.rgb(10, 10)));
        Photo three = decoded(PhotoSource.fromBytes(TestImages.withExifOrientation(jpeg, 3), "upside-down.jpg"));
        assertEquals(80, three.width());
        assertTrue(isRed(three.rgb(70, 30)), "turned 180°: top-left is now bottom-right");
        Photo eight = decoded(PhotoSource.fromBytes(TestImages.withExifOrientation(jpeg, 8), "other-way.jpg"));
        assertTrue(isRed(eight.rgb(10, 70)), "turned anticlockwise: top-left is now bottom-left");
    }

    private static boolean isRed(int rgb) {
        return (rgb >> 16 & 0xFF) > 200 && (rgb & 0xFF) < 60;
    }

    @Test
    void otherFormatsDecodeCleanly() throws Exception {
        BufferedImage picture = TestImages.gradient(96, 64);
        for (String format : List.of("png", "gif", "bmp", "tiff", "jpg")) {
            BufferedImage source = format.equals("gif") ? toPalette(picture) : picture;
            Photo photo = decoded(PhotoSource.fromBytes(TestImages.encode(source, format), "photo." + format));
            assertEquals(96, photo.width(), format);
            assertEquals(64, photo.height(), format);
            assertEquals(List.of(PhotoWarning.Reason.LOW_RESOLUTION), reasons(photo), format + ": " + photo.warnings());
            if (!format.equals("jpg") && !format.equals("gif")) {
                assertEquals(picture.getRGB(50, 30) & 0xFFFFFF, photo.rgb(50, 30), format);
            }
        }
    }

    @Test
    void losslessWebpDecodes() throws Exception {
        byte[] webp = TestImages.losslessWebp(64, 40);
        Photo photo = decoded(PhotoSource.fromBytes(webp, "sticker.webp"));
        assertEquals("WEBP", photo.formatName());
        assertEquals(64, photo.width());
        assertEquals(40, photo.height());
        assertEquals(0x00C8FF, photo.rgb(5, 5));
        assertEquals(0x0032FF, photo.rgb(60, 35));
        refused(PhotoSource.fromBytes(Arrays.copyOf(webp, webp.length - 60), "sticker.webp"), Reason.TRUNCATED);
    }

    private static BufferedImage toPalette(BufferedImage picture) {
        BufferedImage indexed = new BufferedImage(picture.getWidth(), picture.getHeight(), BufferedImage.TYPE_BYTE_INDEXED);
        indexed.getGraphics().drawImage(picture, 0, 0, null);
        return indexed;
    }

    // ---- sources

    @Test
    void imageSourceIsACopyAndKeepsColours() throws Exception {
        BufferedImage picture = TestImages.gradient(64, 64);
        PhotoSource source = PhotoSource.fromImage(picture, "clipboard");
        int before = picture.getRGB(3, 4) & 0xFFFFFF;
        picture.setRGB(3, 4, 0x123456);
        Photo photo = decoded(source);
        assertEquals(before, photo.rgb(3, 4));
        assertEquals("image", photo.formatName());
        float[] floats = photo.toRgbFloats();
        assertEquals(3 * 64 * 64, floats.length);
        assertEquals((before >> 16 & 0xFF) / 255f, floats[3 * (4 * 64 + 3)], 1e-6);
    }

    @Test
    void bytesSourceIsACopy() throws Exception {
        byte[] jpeg = TestImages.jpeg(64, 64);
        PhotoSource source = PhotoSource.fromBytes(jpeg, "photo.jpg");
        Arrays.fill(jpeg, (byte) 0);
        assertEquals(64, decoded(source).width());
    }

    @Test
    void invalidArgumentsFailFast() {
        assertThrows(IllegalArgumentException.class, () -> PhotoSource.fromBytes(new byte[1], " "));
        assertThrows(NullPointerException.class, () -> PhotoSource.fromFile(null));
        assertThrows(IllegalArgumentException.class, () -> PhotoDecoder.defaults().withMaxPixels(10));
        assertThrows(IllegalArgumentException.class, () -> PhotoDecoder.defaults().withMinSide(0));
    }

    @Test
    void asyncDecodeCarriesThePhotoExceptionItself() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Photo photo = DECODER.decodeAsync(PhotoSource.fromBytes(TestImages.jpeg(64, 48), "ok.jpg"), pool).get();
            assertEquals(64, photo.width());
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> DECODER.decodeAsync(PhotoSource.fromBytes(new byte[0], "nothing.jpg"), pool).get());
            PhotoException cause = assertInstanceOf(PhotoException.class, e.getCause());
            assertEquals(Reason.EMPTY, cause.reason());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void interruptedDecodeIsCancelled() throws Exception {
        byte[] jpeg = TestImages.jpeg(1200, 900);
        Thread.currentThread().interrupt();
        try {
            PhotoException e = assertThrows(PhotoException.class, () -> DECODER.decode(PhotoSource.fromBytes(jpeg, "slow.jpg")));
            assertEquals(Reason.CANCELLED, e.reason(), e.getMessage());
        } finally {
            Thread.interrupted();
        }
    }

    /** Not a correctness check: the figures docs/PHOTO-INPUT.md quotes. */
    @Test
    void decodeTimeOfA12MegapixelJpeg() throws Exception {
        byte[] jpeg = TestImages.encode(TestImages.noisy(4000, 3000, 24), "jpg");
        PhotoSource source = PhotoSource.fromBytes(jpeg, "12mp.jpg");
        PhotoDecoder budget = PhotoDecoder.defaults().withMaxPixels(2_000_000);
        DECODER.decode(source); // warm-up
        budget.decode(source);
        long full = Long.MAX_VALUE;
        long subsampled = Long.MAX_VALUE;
        for (int run = 0; run < 3; run++) {
            long start = System.nanoTime();
            assertEquals(4000, DECODER.decode(source).width());
            full = Math.min(full, System.nanoTime() - start);
            start = System.nanoTime();
            assertEquals(1334, budget.decode(source).width()); // 1/3
            subsampled = Math.min(subsampled, System.nanoTime() - start);
        }
        System.out.printf("[photo] 4000x3000 JPEG (%,d bytes), best of 3: full size %.0f ms, 2 MP budget (1/3) %.0f ms%n",
                jpeg.length, full / 1e6, subsampled / 1e6);
    }
}
