package io.github.photo2car.trainer.nn;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.github.photo2car.neural.SegmentClass;
import io.github.photo2car.template.CarPart;
import io.github.photo2car.trainer.synth.LabelIds;
import io.github.photo2car.trainer.synth.SyntheticDataset;
import io.github.photo2car.trainer.synth.SyntheticSample;

/**
 * Segmenter training data from a synthetic data set ({@code ./photo2car generate}): every
 * sample's photo and part map, decoded once and kept compactly in memory (3 + 1 bytes per
 * pixel), with the part ids mapped to {@link SegmentClass}es (tyres and rims to WHEEL, occluders
 * to BACKGROUND). Shards are verified by the data set's reader; a damaged shard stops loading
 * with its error.
 */
public final class SyntheticSegmentationData implements SegmentationData {

    private final int size;
    private final List<byte[]> rgb = new ArrayList<>();
    private final List<byte[]> labels = new ArrayList<>();

    private SyntheticSegmentationData(int size) {
        this.size = size;
    }

    /**
     * Loads samples of a data set whose images are square.
     *
     * @param dir   the data-set folder
     * @param limit at most this many samples (in order)
     * @return the data
     * @throws IOException if the data set cannot be read or its images are not square
     */
    public static SyntheticSegmentationData load(Path dir, int limit) throws IOException {
        return load(List.of(dir), limit);
    }

    /**
     * Loads samples of several data sets, one after the other.
     *
     * @param dirs  the data-set folders, in order
     * @param limit at most this many samples in all
     * @return the data
     * @throws IOException if a data set cannot be read or the image sizes differ
     */
    public static SyntheticSegmentationData load(List<Path> dirs, int limit) throws IOException {
        SyntheticSegmentationData data = null;
        for (Path dir : dirs) {
            data = loadInto(data, dir, limit);
        }
        if (data == null) {
            throw new IOException(dirs + " hold no samples");
        }
        return data;
    }

    private static SyntheticSegmentationData loadInto(SyntheticSegmentationData data, Path dir, int limit)
            throws IOException {
        SyntheticDataset set = SyntheticDataset.open(dir);
        byte[] map = classMap();
        for (SyntheticSample s : set) {
            if (data != null && data.count() >= limit) {
                break;
            }
            BufferedImage img = s.rgb();
            if (img.getWidth() != img.getHeight()) {
                throw new IOException(dir + ": images are " + img.getWidth() + "x" + img.getHeight()
                        + "; the segmenter trains on square images (generate --size S)");
            }
            if (data == null) {
                data = new SyntheticSegmentationData(img.getWidth());
            }
            if (img.getWidth() != data.size) {
                throw new IOException(dir + ": mixed image sizes");
            }
            int n = data.size * data.size;
            int[] px = img.getRGB(0, 0, data.size, data.size, null, 0, data.size);
            byte[] rgb = new byte[3 * n];
            for (int p = 0; p < n; p++) {
                rgb[3 * p] = (byte) (px[p] >> 16);
                rgb[3 * p + 1] = (byte) (px[p] >> 8);
                rgb[3 * p + 2] = (byte) px[p];
            }
            byte[] parts = s.parts();
            byte[] cls = new byte[n];
            for (int p = 0; p < n; p++) {
                cls[p] = map[parts[p] & 0xff];
            }
            data.rgb.add(rgb);
            data.labels.add(cls);
        }
        return data;
    }

    /** Part id (LabelIds) to segment class ordinal. */
    static byte[] classMap() {
        byte[] map = new byte[256];
        for (CarPart part : CarPart.values()) {
            map[LabelIds.of(part)] = (byte) SegmentClass.of(part).ordinal();
        }
        for (int id = LabelIds.TYRE; id <= LabelIds.LAST_CAR_ID; id++) {
            map[id] = (byte) SegmentClass.WHEEL.ordinal();
        }
        return map;
    }

    /**
     * @param from first sample
     * @param to   one past the last sample
     * @return a view of samples [from, to) (sharing the data)
     */
    public SegmentationData range(int from, int to) {
        if (from < 0 || to > count() || from >= to) {
            throw new IllegalArgumentException("bad range " + from + ".." + to + " of " + count());
        }
        SyntheticSegmentationData outer = this;
        return new SegmentationData() {
            @Override
            public int size() {
                return size;
            }

            @Override
            public int count() {
                return to - from;
            }

            @Override
            public void read(int index, float[] outRgb, byte[] outLabels) {
                outer.read(from + index, outRgb, outLabels);
            }
        };
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public int count() {
        return rgb.size();
    }

    @Override
    public void read(int index, float[] outRgb, byte[] outLabels) {
        byte[] c = rgb.get(index);
        for (int i = 0; i < c.length; i++) {
            outRgb[i] = (c[i] & 0xff) / 255f;
        }
        System.arraycopy(labels.get(index), 0, outLabels, 0, outLabels.length);
    }
}
