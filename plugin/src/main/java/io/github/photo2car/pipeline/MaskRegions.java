package io.github.photo2car.pipeline;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The separate cars in a car-probability mask: 4-connected regions of pixels above a threshold,
 * largest first. The pipeline builds the largest and says so when there were several.
 */
public final class MaskRegions {

    /**
     * One region.
     *
     * @param pixels its pixel count
     * @param minX   leftmost column
     * @param minY   top row
     * @param maxX   rightmost column
     * @param maxY   bottom row
     * @param label  its label in {@link #labels()}
     */
    public record Region(int pixels, int minX, int minY, int maxX, int maxY, int label) {
    }

    private final int width;
    private final int[] labels;
    private final List<Region> regions;

    private MaskRegions(int width, int[] labels, List<Region> regions) {
        this.width = width;
        this.labels = labels;
        this.regions = regions;
    }

    /**
     * Finds the regions.
     *
     * @param mask      [H*W] values in [0, 1], row 0 at the top (not modified)
     * @param width     W
     * @param height    H
     * @param threshold a pixel belongs to the car above this
     * @return the regions, largest first
     * @throws IllegalArgumentException on a size mismatch
     */
    public static MaskRegions find(float[] mask, int width, int height, float threshold) {
        if (width < 1 || height < 1 || mask == null || mask.length != width * height) {
            throw new IllegalArgumentException("mask must hold width*height values");
        }
        int[] labels = new int[mask.length];
        java.util.Arrays.fill(labels, -1);
        List<Region> found = new ArrayList<>();
        int[] stack = new int[mask.length];
        for (int start = 0; start < mask.length; start++) {
            if (labels[start] >= 0 || !(mask[start] > threshold)) {
                continue;
            }
            int label = found.size();
            int top = 0;
            stack[top++] = start;
            labels[start] = label;
            int count = 0;
            int minX = width;
            int minY = height;
            int maxX = -1;
            int maxY = -1;
            while (top > 0) {
                int p = stack[--top];
                int x = p % width;
                int y = p / width;
                count++;
                minX = Math.min(minX, x);
                maxX = Math.max(maxX, x);
                minY = Math.min(minY, y);
                maxY = Math.max(maxY, y);
                int[] next = {x > 0 ? p - 1 : -1, x < width - 1 ? p + 1 : -1, y > 0 ? p - width : -1,
                    y < height - 1 ? p + width : -1};
                for (int q : next) {
                    if (q >= 0 && labels[q] < 0 && mask[q] > threshold) {
                        labels[q] = label;
                        stack[top++] = q;
                    }
                }
            }
            found.add(new Region(count, minX, minY, maxX, maxY, label));
        }
        found.sort(Comparator.comparingInt(Region::pixels).reversed());
        return new MaskRegions(width, labels, List.copyOf(found));
    }

    /** @return the regions, largest first (unmodifiable) */
    public List<Region> regions() {
        return regions;
    }

    /**
     * @param minFraction a fraction of the largest region's size
     * @return how many regions are at least that fraction of the largest (0 if none)
     */
    public int countAtLeast(double minFraction) {
        if (regions.isEmpty()) {
            return 0;
        }
        int n = 0;
        for (Region r : regions) {
            n += r.pixels() >= minFraction * regions.get(0).pixels() ? 1 : 0;
        }
        return n;
    }

    /**
     * @param region a region of this mask
     * @param mask   the mask (not modified)
     * @return a new mask keeping only that region's values, zero elsewhere
     */
    public float[] keep(Region region, float[] mask) {
        float[] out = new float[mask.length];
        for (int p = 0; p < mask.length; p++) {
            if (labels[p] == region.label()) {
                out[p] = mask[p];
            }
        }
        return out;
    }

    /** @return a copy of the label of every pixel (-1 = not car) */
    public int[] labels() {
        return labels.clone();
    }

    /** @return the mask width */
    public int width() {
        return width;
    }
}
