package io.github.photo2car.photo;

import io.github.photo2car.photo.PhotoException.Reason;

import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import java.awt.image.BufferedImage;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Turns any {@link PhotoSource} into a {@link Photo}, or a {@link PhotoException} a player can
 * read. Never lets bad input escape as an unchecked exception or an {@code OutOfMemoryError}.
 *
 * <p>Order of work for encoded data: the first bytes decide what the data is (text, a web page,
 * HEIC, ...; see {@link PhotoException.Reason}); the image reader then reads only the header,
 * and the declared size is checked <em>before</em> any pixel memory is allocated: sides above
 * {@link #maxSide()} are refused, images above {@link #maxPixels()} are decoded with source
 * subsampling (every n-th pixel in each direction) so the decoded image fits the budget. A
 * reader that runs out of data is stopped at once and the photo reported as truncated. JPEG
 * EXIF orientation is applied; CMYK/YCCK JPEGs are read by the TwelveMonkeys plugin.
 *
 * <p>Immutable and thread-safe; one decoder may serve many threads.
 */
public final class PhotoDecoder {

    /** Default pixel budget of a decoded photo: 16 megapixels. */
    public static final long DEFAULT_MAX_PIXELS = 16_000_000L;
    /** Default limit on a declared side (the JPEG format's own maximum). */
    public static final int DEFAULT_MAX_SIDE = 65_535;
    /** Default minimum short side. */
    public static final int DEFAULT_MIN_SIDE = 32;
    /** Default short side below which a {@link PhotoWarning.Reason#LOW_RESOLUTION} warning is given. */
    public static final int DEFAULT_LOW_RESOLUTION_SIDE = 256;
    /** Default wait for an in-game photo's frame. */
    public static final Duration DEFAULT_CAPTURE_TIMEOUT = Duration.ofSeconds(10);

    private static final int MAX_WARNING_MESSAGES = 3;

    private final long maxPixels;
    private final int maxSide;
    private final int minSide;
    private final int lowResolutionSide;
    private final Duration captureTimeout;

    private PhotoDecoder(long maxPixels, int maxSide, int minSide, int lowResolutionSide, Duration captureTimeout) {
        if (maxPixels < 1024) {
            throw new IllegalArgumentException("maxPixels must be at least 1,024, got " + maxPixels);
        }
        if (minSide < 1 || maxSide < minSide) {
            throw new IllegalArgumentException("need 1 <= minSide <= maxSide, got " + minSide + " and " + maxSide);
        }
        if (lowResolutionSide < minSide) {
            throw new IllegalArgumentException("lowResolutionSide " + lowResolutionSide + " is below minSide " + minSide);
        }
        if (captureTimeout.isNegative() || captureTimeout.isZero()) {
            throw new IllegalArgumentException("captureTimeout must be positive, got " + captureTimeout);
        }
        this.maxPixels = maxPixels;
        this.maxSide = maxSide;
        this.minSide = minSide;
        this.lowResolutionSide = lowResolutionSide;
        this.captureTimeout = captureTimeout;
    }

    /** @return a decoder with the default limits (16 MP, 65,535 px side, 32 px minimum side, 10 s capture wait) */
    public static PhotoDecoder defaults() {
        return new PhotoDecoder(DEFAULT_MAX_PIXELS, DEFAULT_MAX_SIDE, DEFAULT_MIN_SIDE, DEFAULT_LOW_RESOLUTION_SIDE,
                DEFAULT_CAPTURE_TIMEOUT);
    }

    /**
     * @param pixels the most pixels a decoded photo may have (&ge; 1,024); larger images are subsampled
     * @return a decoder like this one with that budget
     */
    public PhotoDecoder withMaxPixels(long pixels) {
        return new PhotoDecoder(pixels, maxSide, minSide, lowResolutionSide, captureTimeout);
    }

    /**
     * @param side the largest side in pixels an image may declare (&ge; minSide); larger ones are refused as TOO_LARGE
     * @return a decoder like this one with that limit
     */
    public PhotoDecoder withMaxSide(int side) {
        return new PhotoDecoder(maxPixels, side, minSide, lowResolutionSide, captureTimeout);
    }

    /**
     * @param side the smallest short side in pixels (&ge; 1); smaller images are refused as TOO_SMALL
     * @return a decoder like this one with that limit (the low-resolution threshold is raised to it if below)
     */
    public PhotoDecoder withMinSide(int side) {
        return new PhotoDecoder(maxPixels, maxSide, side, Math.max(side, lowResolutionSide), captureTimeout);
    }

    /**
     * @param timeout how long {@link #decode} waits for an in-game photo's frame (positive)
     * @return a decoder like this one with that wait
     */
    public PhotoDecoder withCaptureTimeout(Duration timeout) {
        return new PhotoDecoder(maxPixels, maxSide, minSide, lowResolutionSide, Objects.requireNonNull(timeout, "timeout"));
    }

    /** @return the pixel budget of a decoded photo */
    public long maxPixels() {
        return maxPixels;
    }

    /** @return the largest declared side accepted, in pixels */
    public int maxSide() {
        return maxSide;
    }

    /** @return the smallest short side accepted, in pixels */
    public int minSide() {
        return minSide;
    }

    /**
     * The subsampling factor that fits an image into a pixel budget.
     *
     * @param width     width in pixels (&ge; 1)
     * @param height    height in pixels (&ge; 1)
     * @param maxPixels the budget (&ge; 1)
     * @return the smallest n &ge; 1 with ceil(width / n) × ceil(height / n) &le; maxPixels
     */
    public static int subsampling(long width, long height, long maxPixels) {
        if (width < 1 || height < 1 || maxPixels < 1) {
            throw new IllegalArgumentException("need positive sizes, got " + width + "x" + height + " and " + maxPixels);
        }
        int n = Math.max(1, (int) Math.sqrt((double) width * height / maxPixels));
        while (ceilDiv(width, n) * ceilDiv(height, n) > maxPixels) {
            n++;
        }
        return n;
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }

    /**
     * Decodes a photo on the calling thread. For an in-game photo it waits (up to the capture
     * timeout) for the render thread to read the frame, so never call it on the render thread with
     * a {@link PhotoSource.Kind#VIEWPORT} source; use {@link #decodeAsync} there.
     *
     * @param source the photo (not null)
     * @return the decoded photo with its warnings
     * @throws PhotoException with a player-readable message when the photo cannot be used
     */
    public Photo decode(PhotoSource source) throws PhotoException {
        Objects.requireNonNull(source, "source");
        try {
            return switch (source.kind()) {
                case FILE -> decodeFile(source);
                case BYTES -> decodeEncoded(source, PhotoInputStream.of(source.bytes()));
                case IMAGE -> fromImage(source, source.image(), "image");
                case VIEWPORT -> fromImage(source, captureFrame(source), "viewport");
            };
        } catch (OutOfMemoryError e) {
            // the limits make this unlikely; if the heap is small anyway, the game must live on
            throw outOfMemory(source, e);
        }
    }

    /**
     * Decodes a photo without blocking the caller: encoded sources are decoded on {@code executor};
     * an in-game photo is captured on the render thread at its next frame and converted on
     * {@code executor}, so this is the call to use from the render thread. Add a timeout with
     * {@link CompletableFuture#orTimeout} if the game may stop rendering.
     *
     * @param source   the photo (not null)
     * @param executor where decoding runs, e.g. a worker pool (not null)
     * @return a future completed with the photo, or exceptionally with the {@link PhotoException}
     *         itself (so {@code get()} throws an ExecutionException whose cause it is)
     */
    public CompletableFuture<Photo> decodeAsync(PhotoSource source, Executor executor) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(executor, "executor");
        CompletableFuture<Photo> result = new CompletableFuture<>();
        if (source.kind() == PhotoSource.Kind.VIEWPORT) {
            ViewportCapture.capture(source.gl(), source.viewPort(), executor).whenComplete((frame, failure) -> {
                if (failure != null) {
                    result.completeExceptionally(captureFailed(source, failure));
                } else {
                    complete(result, source, () -> fromImage(source, frame, "viewport"));
                }
            });
        } else {
            executor.execute(() -> complete(result, source, () -> decode(source)));
        }
        return result;
    }

    private interface PhotoTask {
        Photo run() throws PhotoException;
    }

    private static void complete(CompletableFuture<Photo> result, PhotoSource source, PhotoTask task) {
        try {
            result.complete(task.run());
        } catch (PhotoException | RuntimeException e) {
            result.completeExceptionally(e);
        } catch (OutOfMemoryError e) {
            result.completeExceptionally(outOfMemory(source, e));
        }
    }

    private static PhotoException outOfMemory(PhotoSource source, OutOfMemoryError e) {
        return new PhotoException(Reason.TOO_LARGE, source.name(), source.name()
                + " needs more memory than is free to decode; try a smaller photo or a lower pixel limit", e);
    }

    private BufferedImage captureFrame(PhotoSource source) throws PhotoException {
        try {
            return ViewportCapture.capture(source.gl(), source.viewPort(), ForkJoinPool.commonPool())
                    .get(captureTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw captureFailed(source, e.getCause());
        } catch (TimeoutException e) {
            throw new PhotoException(Reason.CAPTURE_FAILED, source.name(), "the " + source.name()
                    + " could not be taken: the game rendered no frame within " + captureTimeout.toSeconds()
                    + " s (is it paused or minimised?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PhotoException(Reason.CANCELLED, source.name(), "taking the " + source.name() + " was cancelled", e);
        }
    }

    private static PhotoException captureFailed(PhotoSource source, Throwable failure) {
        Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        return new PhotoException(Reason.CAPTURE_FAILED, source.name(), "the " + source.name()
                + " could not be taken: " + cause.getMessage(), cause);
    }

    private Photo decodeFile(PhotoSource source) throws PhotoException {
        Path file = source.file();
        String name = source.name();
        if (Files.isDirectory(file)) {
            throw new PhotoException(Reason.NOT_A_FILE, name, name + " is a folder, not a photo", null);
        }
        if (!Files.exists(file)) {
            throw new PhotoException(Reason.NOT_FOUND, name, name + " was not found (looked for " + file.toAbsolutePath() + ")", null);
        }
        if (!Files.isRegularFile(file)) {
            throw new PhotoException(Reason.NOT_A_FILE, name, name + " is not a regular file", null);
        }
        PhotoInputStream in;
        try {
            in = PhotoInputStream.open(file);
        } catch (IOException e) {
            String why = e instanceof AccessDeniedException || !Files.isReadable(file) ? "permission denied" : e.getMessage();
            throw new PhotoException(Reason.IO_ERROR, name, name + " cannot be read: " + why, e);
        }
        try (in) {
            return decodeEncoded(source, in);
        } catch (IOException e) {
            throw new PhotoException(Reason.IO_ERROR, name, name + " cannot be read: " + e.getMessage(), e);
        }
    }

    private Photo decodeEncoded(PhotoSource source, PhotoInputStream in) throws PhotoException {
        String name = source.name();
        long length = in.length();
        if (length == 0) {
            throw new PhotoException(Reason.EMPTY, name, name + " is empty (0 bytes)", null);
        }
        byte[] head = new byte[(int) Math.min(length, ImageSignature.HEAD)];
        try {
            in.readFully(head);
        } catch (IOException e) {
            throw new PhotoException(Reason.IO_ERROR, name, name + " cannot be read: " + e.getMessage(), e);
        }
        ImageSignature signature = ImageSignature.of(head, head.length);
        if (!signature.isImage()) {
            throw new PhotoException(Reason.NOT_AN_IMAGE, name, name + " is not an image (it looks like "
                    + signature.description() + ")", null);
        }
        ImageReader reader = signature.formatName() == null ? null : firstReader(signature.formatName());
        if (reader == null) {
            throw new PhotoException(Reason.UNSUPPORTED_FORMAT, name, name + " is " + signature.description()
                    + ", which photo2car cannot read; save it as JPEG or PNG", null);
        }
        try {
            JpegHeader jpeg = signature == ImageSignature.JPEG ? JpegHeader.scan(in) : JpegHeader.NONE;
            boolean complete = EndMarker.present(signature, jpeg, in);
            in.seek(0);
            return read(source, signature, jpeg, complete, reader, in);
        } catch (IOException e) {
            throw new PhotoException(Reason.IO_ERROR, name, name + " cannot be read: " + e.getMessage(), e);
        } finally {
            reader.dispose();
        }
    }

    private static ImageReader firstReader(String formatName) {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(formatName);
        return readers.hasNext() ? readers.next() : null;
    }

    private Photo read(PhotoSource source, ImageSignature signature, JpegHeader jpeg, boolean complete,
                       ImageReader reader, PhotoInputStream in) throws PhotoException {
        String name = source.name();
        ReadWatch watch = new ReadWatch(in, complete);
        reader.setInput(in, false, false);
        reader.addIIOReadWarningListener(watch);
        reader.addIIOReadProgressListener(watch);
        int storedWidth;
        int storedHeight;
        try {
            storedWidth = reader.getWidth(0);
            storedHeight = reader.getHeight(0);
        } catch (IOException | RuntimeException e) {
            throw failure(source, signature, in, watch, e);
        }
        boolean swap = Orientation.swapsSides(jpeg.orientation());
        int uprightWidth = swap ? storedHeight : storedWidth;
        int uprightHeight = swap ? storedWidth : storedHeight;
        if (storedWidth < 1 || storedHeight < 1) {
            throw new PhotoException(Reason.CORRUPT, name, name + " is damaged: it declares a size of "
                    + storedWidth + "×" + storedHeight + " pixels", null);
        }
        if (Math.max(storedWidth, storedHeight) > maxSide) {
            throw new PhotoException(Reason.TOO_LARGE, name, name + " claims to be " + size(uprightWidth, uprightHeight)
                    + " pixels; photos over " + number(maxSide) + " pixels on a side are refused", null);
        }
        checkMinimum(name, uprightWidth, uprightHeight);
        long least = leastEncodedBytes(signature, jpeg, storedWidth, storedHeight);
        if (in.length() < least) {
            // a forged or damaged header over a small file: refuse before decoding seconds of filler
            if (!complete) {
                throw truncated(name, in, null);
            }
            throw new PhotoException(Reason.CORRUPT, name, name + " claims to be " + size(uprightWidth, uprightHeight)
                    + " pixels but holds only " + number(in.length()) + " bytes, too few for that size; the file is damaged",
                    null);
        }
        int step = subsampling(storedWidth, storedHeight, maxPixels);
        ImageReadParam param = reader.getDefaultReadParam();
        if (step > 1) {
            param.setSourceSubsampling(step, step, 0, 0);
        }
        BufferedImage image;
        try {
            image = reader.read(0, param);
        } catch (IOException | RuntimeException e) {
            throw failure(source, signature, in, watch, e);
        }
        if (watch.cancelled) {
            throw new PhotoException(Reason.CANCELLED, name, "reading " + name + " was cancelled", null);
        }
        if (watch.aborted || !complete && in.hitEnd()) {
            throw truncated(name, in, null);
        }
        List<PhotoWarning> warnings = new ArrayList<>();
        if (jpeg.components() == 4) {
            warnings.add(PhotoWarning.of(PhotoWarning.Reason.CONVERTED_FROM_CMYK, name
                    + " is a CMYK (print) image; its colours were converted to RGB and may look slightly different"));
        }
        if (!watch.messages.isEmpty()) {
            warnings.add(PhotoWarning.of(PhotoWarning.Reason.DECODER_WARNING, name
                    + ": the decoder worked around a problem: " + String.join("; ", watch.messages)));
        }
        Pixels pixels = Pixels.of(image, 1);
        return finish(source, signature.name(), pixels, uprightWidth, uprightHeight, step, jpeg.orientation(), warnings);
    }

    /**
     * A lower bound on the encoded size of a complete image of this size, or 0 when the format
     * allows any ratio. Huffman JPEG: at least two bits per 8×8 luma block (chroma ignored), halved
     * for safety. PNG: deflate compresses at most about 1,032:1, applied to one bit per pixel.
     */
    static long leastEncodedBytes(ImageSignature signature, JpegHeader jpeg, long width, long height) {
        return switch (signature) {
            case JPEG -> jpeg.huffman() ? width * height / 64 * 2 / 8 / 2 : 0;
            case PNG -> height * (1 + (width + 7) / 8) / 1032;
            default -> 0;
        };
    }

    private Photo fromImage(PhotoSource source, BufferedImage image, String formatName) throws PhotoException {
        checkMinimum(source.name(), image.getWidth(), image.getHeight());
        int step = subsampling(image.getWidth(), image.getHeight(), maxPixels);
        Pixels pixels = Pixels.of(image, step);
        return finish(source, formatName, pixels, image.getWidth(), image.getHeight(), step, 1, new ArrayList<>());
    }

    private void checkMinimum(String name, int width, int height) throws PhotoException {
        if (Math.min(width, height) < minSide) {
            throw new PhotoException(Reason.TOO_SMALL, name, name + " is only " + size(width, height)
                    + " pixels; a photo needs at least " + number(minSide) + " pixels on its short side", null);
        }
    }

    /** Blank checks, orientation and the warnings every source shares. */
    private Photo finish(PhotoSource source, String formatName, Pixels pixels, int originalWidth, int originalHeight,
                         int step, int orientation, List<PhotoWarning> warnings) throws PhotoException {
        String name = source.name();
        if (pixels.fullyTransparent()) {
            throw new PhotoException(Reason.BLANK, name, name + " is completely transparent; there is nothing to see", null);
        }
        if (pixels.uniform() && pixels.mask() == null) { // a flat colour cut out by alpha is a silhouette
            throw new PhotoException(Reason.BLANK, name, name + " is one flat colour (#"
                    + String.format(Locale.ROOT, "%06X", pixels.rgb()[0]) + "); there is no car to see", null);
        }
        Orientation upright = new Orientation(orientation, pixels.width(), pixels.height());
        int[] rgb = upright.apply(pixels.rgb());
        float[] mask = upright.apply(pixels.mask());
        List<PhotoWarning> all = new ArrayList<>();
        if (step > 1) {
            all.add(PhotoWarning.of(PhotoWarning.Reason.SUBSAMPLED, name + " is " + size(originalWidth, originalHeight)
                    + " pixels; it was read at 1/" + step + " size (" + size(upright.width(), upright.height())
                    + ") to save memory"));
        }
        all.addAll(warnings);
        if (pixels.deepSamples()) {
            all.add(PhotoWarning.of(PhotoWarning.Reason.REDUCED_FROM_16_BIT, name
                    + " has more than 8 bits per channel; it was reduced to 8"));
        }
        if (pixels.grayscale()) {
            all.add(PhotoWarning.of(PhotoWarning.Reason.GRAYSCALE, name
                    + " is black and white; the car's colour cannot be taken from it"));
        }
        if (mask != null) {
            all.add(PhotoWarning.of(PhotoWarning.Reason.ALPHA_USED_AS_MASK, name
                    + " has a transparent background; it is used as the car's outline"));
        }
        if (Math.min(upright.width(), upright.height()) < lowResolutionSide) {
            all.add(PhotoWarning.of(PhotoWarning.Reason.LOW_RESOLUTION, name + " is small (" + size(upright.width(),
                    upright.height()) + " pixels); the car's paint will look blurry"));
        }
        return new Photo(name, formatName, upright.width(), upright.height(), rgb, mask, originalWidth, originalHeight,
                step, orientation, all);
    }

    /** Maps a reader's exception to a reason: out of data means truncated, else damaged or unsupported. */
    private static PhotoException failure(PhotoSource source, ImageSignature signature, PhotoInputStream in,
                                          ReadWatch watch, Throwable e) {
        String name = source.name();
        if (watch.cancelled) {
            return new PhotoException(Reason.CANCELLED, name, "reading " + name + " was cancelled", e);
        }
        if (watch.aborted || !watch.complete || in.hitEnd() || causedBy(e, EOFException.class)) {
            return truncated(name, in, e);
        }
        String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (detail.toLowerCase(Locale.ROOT).contains("unsupported")) {
            return new PhotoException(Reason.UNSUPPORTED_FORMAT, name, name + " is a kind of "
                    + signature.description().replaceFirst("^an? ", "") + " that cannot be read (" + detail + ")", e);
        }
        return new PhotoException(Reason.CORRUPT, name, name + " is damaged and cannot be read (" + detail + ")", e);
    }

    private static PhotoException truncated(String name, PhotoInputStream in, Throwable cause) {
        return new PhotoException(Reason.TRUNCATED, name, name + " is cut off after " + number(in.length())
                + " bytes; it may still be downloading, or a copy was interrupted", cause);
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String size(long width, long height) {
        return number(width) + "×" + number(height);
    }

    private static String number(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /**
     * Listens to one read: keeps the reader's warnings, stops a reader that complains after it has
     * run out of data that lacks its end marker (a header claiming a huge image over a few bytes
     * would otherwise decode seconds of filler), and stops it when the decoding thread is
     * interrupted.
     */
    private static final class ReadWatch implements javax.imageio.event.IIOReadWarningListener,
            javax.imageio.event.IIOReadProgressListener {

        final List<String> messages = new ArrayList<>();
        final PhotoInputStream in;
        final boolean complete;
        volatile boolean aborted;
        volatile boolean cancelled;

        ReadWatch(PhotoInputStream in, boolean complete) {
            this.in = in;
            this.complete = complete;
        }

        @Override
        public void warningOccurred(ImageReader source, String warning) {
            if (messages.size() < MAX_WARNING_MESSAGES && !messages.contains(warning)) {
                messages.add(warning);
            }
            if (!complete && in.hitEnd()) {
                aborted = true;
                source.abort();
            }
        }

        @Override
        public void imageProgress(ImageReader source, float percentageDone) {
            if (Thread.currentThread().isInterrupted()) {
                cancelled = true;
                source.abort();
            }
        }

        @Override
        public void sequenceStarted(ImageReader source, int minIndex) {
            // one image per photo
        }

        @Override
        public void sequenceComplete(ImageReader source) {
            // one image per photo
        }

        @Override
        public void imageStarted(ImageReader source, int imageIndex) {
            // progress is watched in imageProgress
        }

        @Override
        public void imageComplete(ImageReader source) {
            // the caller inspects the result
        }

        @Override
        public void thumbnailStarted(ImageReader source, int imageIndex, int thumbnailIndex) {
            // thumbnails are not read
        }

        @Override
        public void thumbnailProgress(ImageReader source, float percentageDone) {
            // thumbnails are not read
        }

        @Override
        public void thumbnailComplete(ImageReader source) {
            // thumbnails are not read
        }

        @Override
        public void readAborted(ImageReader source) {
            // aborted or cancelled is already recorded
        }
    }
}
