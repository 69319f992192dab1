package io.github.photo2car.fit;

import io.github.photo2car.neural.SegmentClass;
import io.github.photo2car.template.CarPart;

/**
 * What a car fit aims at: the car's mask in an image and, optionally, a per-pixel label map
 * (e.g. from a segmentation network). Immutable; arrays are copied in and out.
 *
 * <p>Images are W&times;H, row-major, <b>row 0 at the top</b> (like a photo, and like the
 * rasterizer's images). The mask holds the probability that a pixel shows the car, in [0, 1]
 * (a hard mask is 0/1). Labels are of one {@link LabelKind}: {@link CarPart} ordinals
 * ({@link LabelKind#PARTS}, what a render of the template gives) or {@link SegmentClass} ordinals
 * ({@link LabelKind#CLASSES}, what the segmenter gives: it cannot tell left from right lamps, but
 * it sees the wheels). {@link #UNKNOWN} (-1) marks pixels whose label is not known, and for parts
 * also the background; only labelled pixels take part in the label loss. A class label of
 * {@link SegmentClass#BACKGROUND} is a real label ("no car here") and takes part too.
 *
 * <p>The aspect is the width / height of the picture the mask came from. It equals W / H unless
 * the mask was resampled anisotropically (e.g. a 4:3 photo squeezed to 128&times;128), in which
 * case the camera must still project with the photo's aspect.
 */
public final class FitTarget {

    /** Label of pixels whose part or class is unknown (and of background pixels for parts). */
    public static final int UNKNOWN = -1;

    /** What the label values of a target are. */
    public enum LabelKind {
        /** {@link CarPart} ordinals: the template's fine parts (a synthetic render's labels). */
        PARTS,
        /**
         * {@link SegmentClass} ordinals: the segmenter's classes. The fitter then renders the four
         * wheels with the body ({@link FitOptions#wheels()}) and maps each body part to its class
         * ({@link SegmentClass#of(CarPart)}) and the wheels to {@link SegmentClass#WHEEL}.
         */
        CLASSES;

        /** @return how many label values there are (labels run 0..count-1) */
        public int count() {
            return this == PARTS ? CarPart.values().length : SegmentClass.COUNT;
        }
    }

    private final int width;
    private final int height;
    private final float aspect;
    private final float[] mask;
    private final int[] labels;
    private final LabelKind labelKind;

    /**
     * A target with a mask only, aspect W / H.
     *
     * @param width  W in pixels, 1..4096
     * @param height H in pixels, 1..4096
     * @param mask   [H*W] car probability per pixel in [0, 1], row 0 at the top (copied)
     * @throws IllegalArgumentException on a bad size, a wrong length or a value outside [0, 1]
     */
    public FitTarget(int width, int height, float[] mask) {
        this(width, height, mask, null, width / (float) Math.max(1, height));
    }

    /**
     * A target with a mask, optional part labels and the picture's aspect; same as
     * {@code FitTarget(width, height, mask, partLabels, LabelKind.PARTS, aspect)}.
     *
     * @param width      W in pixels, 1..4096
     * @param height     H in pixels, 1..4096
     * @param mask       [H*W] car probability per pixel in [0, 1], row 0 at the top (copied)
     * @param partLabels [H*W] {@link CarPart} ordinal per pixel or {@link #UNKNOWN}, or null for
     *                   none (copied)
     * @param aspect     width / height of the source picture (&gt; 0, finite)
     * @throws IllegalArgumentException on a bad size, a wrong length, a mask value outside
     *                                  [0, 1], a label outside -1..CarPart count - 1, a bad aspect,
     *                                  or a mask with no car pixel
     */
    public FitTarget(int width, int height, float[] mask, int[] partLabels, float aspect) {
        this(width, height, mask, partLabels, LabelKind.PARTS, aspect);
    }

    /**
     * A target with a mask, optional labels of a given kind and the picture's aspect.
     *
     * @param width  W in pixels, 1..4096
     * @param height H in pixels, 1..4096
     * @param mask   [H*W] car probability per pixel in [0, 1], row 0 at the top (copied)
     * @param labels [H*W] label per pixel, an ordinal of the kind's enum or {@link #UNKNOWN}, row
     *               0 at the top, or null for none (copied)
     * @param kind   what the labels are (not null, also when labels is null)
     * @param aspect width / height of the source picture (&gt; 0, finite)
     * @throws IllegalArgumentException on a bad size, a null kind, a wrong length, a mask value
     *                                  outside [0, 1], a label outside -1..kind.count() - 1, a bad
     *                                  aspect, or a mask with no car pixel
     */
    public FitTarget(int width, int height, float[] mask, int[] labels, LabelKind kind, float aspect) {
        if (kind == null) {
            throw new IllegalArgumentException("label kind must not be null");
        }
        if (width < 1 || height < 1 || width > 4096 || height > 4096) {
            throw new IllegalArgumentException("image size must be within 1..4096, got " + width + "x" + height);
        }
        if (!(aspect > 0) || !Float.isFinite(aspect)) {
            throw new IllegalArgumentException("aspect must be finite and > 0, got " + aspect);
        }
        int n = width * height;
        if (mask == null || mask.length != n) {
            throw new IllegalArgumentException("mask must have length " + n + " (" + width + "x" + height + ")");
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            if (!(mask[i] >= 0 && mask[i] <= 1)) {
                throw new IllegalArgumentException("mask[" + i + "] = " + mask[i] + " is outside [0, 1]");
            }
            sum += mask[i];
        }
        if (!(sum > 0)) {
            throw new IllegalArgumentException("mask holds no car pixel");
        }
        if (labels != null) {
            if (labels.length != n) {
                throw new IllegalArgumentException("labels must have length " + n + ", got " + labels.length);
            }
            int count = kind.count();
            for (int i = 0; i < n; i++) {
                if (labels[i] < UNKNOWN || labels[i] >= count) {
                    throw new IllegalArgumentException(kind + " label [" + i + "] = " + labels[i]
                            + " is outside -1.." + (count - 1));
                }
            }
        }
        this.width = width;
        this.height = height;
        this.aspect = aspect;
        this.mask = mask.clone();
        this.labels = labels == null ? null : labels.clone();
        this.labelKind = kind;
    }

    /** @return W in pixels */
    public int width() {
        return width;
    }

    /** @return H in pixels */
    public int height() {
        return height;
    }

    /** @return width / height of the source picture */
    public float aspect() {
        return aspect;
    }

    /** @return a new [H*W] copy of the mask, row 0 at the top */
    public float[] mask() {
        return mask.clone();
    }

    /** @return true if the target carries labels of either kind */
    public boolean hasLabels() {
        return labels != null;
    }

    /** @return the kind of the labels (PARTS for a target built without a kind) */
    public LabelKind labelKind() {
        return labelKind;
    }

    /** @return a new [H*W] copy of the labels (of {@link #labelKind()}), or null if there are none */
    public int[] labels() {
        return labels == null ? null : labels.clone();
    }

    /** @return true if the target carries labels of kind {@link LabelKind#PARTS} */
    public boolean hasPartLabels() {
        return labels != null && labelKind == LabelKind.PARTS;
    }

    /** @return a new [H*W] copy of the {@link CarPart} labels, or null if there are none of that kind */
    public int[] partLabels() {
        return hasPartLabels() ? labels.clone() : null;
    }

    /**
     * A coarser copy for coarse-to-fine fitting: each factor&times;factor block becomes one pixel
     * holding the block's mean mask value and its most common known label ({@link #UNKNOWN}
     * when the block has none; ties go to the lower ordinal). The aspect and the label kind are
     * kept, so a camera projects the same way.
     *
     * @param factor block size, &ge; 1, dividing both the width and the height
     * @return a new target of (W / factor)&times;(H / factor) pixels (this one if factor is 1)
     * @throws IllegalArgumentException if factor is below 1 or does not divide W and H
     */
    public FitTarget downsampled(int factor) {
        if (factor < 1 || width % factor != 0 || height % factor != 0) {
            throw new IllegalArgumentException("factor " + factor + " must be >= 1 and divide " + width + "x"
                    + height);
        }
        if (factor == 1) {
            return this;
        }
        int w = width / factor;
        int h = height / factor;
        float[] m = new float[w * h];
        int[] l = labels == null ? null : new int[w * h];
        int[] votes = new int[labelKind.count()];
        float inv = 1f / (factor * factor);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float sum = 0f;
                java.util.Arrays.fill(votes, 0);
                for (int dy = 0; dy < factor; dy++) {
                    for (int dx = 0; dx < factor; dx++) {
                        int i = (y * factor + dy) * width + x * factor + dx;
                        sum += mask[i];
                        if (labels != null && labels[i] >= 0) {
                            votes[labels[i]]++;
                        }
                    }
                }
                m[y * w + x] = Math.min(1f, sum * inv);
                if (l != null) {
                    int best = UNKNOWN;
                    for (int p = 0; p < votes.length; p++) {
                        if (votes[p] > 0 && (best < 0 || votes[p] > votes[best])) {
                            best = p;
                        }
                    }
                    l[y * w + x] = best;
                }
            }
        }
        return new FitTarget(w, h, m, l, labelKind, aspect);
    }

    /** The live mask, for this package's read-only use. */
    float[] maskView() {
        return mask;
    }

    /** The live labels or null, for this package's read-only use. */
    int[] labelView() {
        return labels;
    }
}
