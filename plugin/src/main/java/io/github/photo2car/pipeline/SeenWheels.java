package io.github.photo2car.pipeline;

import java.util.List;

import io.github.photo2car.fit.FitTarget;
import io.github.photo2car.neural.SegmentClass;

/**
 * What the segmenter's wheels say about where the photo was taken from. A wheel seen from the
 * car's side is a tall disc; seen from a three-quarter view the near one is large and the far one
 * small or half hidden; seen from an end only the tyres' bottoms show under the bumper, if at all.
 * Read from the WHEEL class of a fit target's labels (regions of touching WHEEL pixels). Stateless.
 */
final class SeenWheels {

    /**
     * A wheel region at least this share of the car box's height stands tall: two of them mean a
     * side or three-quarter view. On the labelled wheels of 400 phone photos: two such wheels in
     * 98 % of side views, 75 % of three-quarter views, 6 % of front and rear views.
     */
    static final double TALL = 0.25;
    /**
     * Seen from the side the two wheels are about as far from the camera and look alike: the
     * smaller of the two largest wheel regions has at least this share of the larger's pixels. On
     * the segmenter's wheels of 400 phone photos the median share is 0.88 in side views and 0.26 in
     * three-quarter views; 64 % of side views and 9 % of three-quarter views reach 0.6.
     */
    static final double ALIKE = 0.6;

    private SeenWheels() {
    }

    /**
     * Whether two separate WHEEL regions each stand at least {@value #TALL} of the car box's
     * height: a side or three-quarter view.
     *
     * @param target the fit target (its mask and class labels are read; not modified)
     * @return false also where the target has no class labels or no car
     */
    static boolean standTall(FitTarget target) {
        List<MaskRegions.Region> wheels = regions(target);
        double tall = TALL * carHeight(target);
        int standing = 0;
        for (MaskRegions.Region r : wheels) {
            standing += r.maxY() - r.minY() + 1 >= tall ? 1 : 0;
        }
        return tall > 0 && standing >= 2;
    }

    /**
     * Whether the car is seen from its side: its two largest WHEEL regions both stand tall
     * ({@value #TALL} of the car's height) and look alike (the smaller has at least {@value
     * #ALIKE} of the larger's pixels). Then the car's ends are its box's left and right.
     *
     * @param target the fit target (its mask and class labels are read; not modified)
     * @return false also where the target has no class labels or no car
     */
    static boolean sideOn(FitTarget target) {
        List<MaskRegions.Region> wheels = regions(target);
        if (wheels.size() < 2) {
            return false;
        }
        double tall = TALL * carHeight(target);
        MaskRegions.Region a = wheels.get(0);
        MaskRegions.Region b = wheels.get(1);
        return tall > 0 && a.maxY() - a.minY() + 1 >= tall && b.maxY() - b.minY() + 1 >= tall
                && b.pixels() >= ALIKE * a.pixels();
    }

    /** The WHEEL regions, largest first (none without class labels). */
    private static List<MaskRegions.Region> regions(FitTarget target) {
        if (!target.hasLabels() || target.labelKind() != FitTarget.LabelKind.CLASSES) {
            return List.of();
        }
        int n = target.width() * target.height();
        int[] labels = target.labels();
        float[] wheel = new float[n];
        for (int p = 0; p < n; p++) {
            wheel[p] = labels[p] == SegmentClass.WHEEL.ordinal() ? 1f : 0f;
        }
        return MaskRegions.find(wheel, target.width(), target.height(), 0.5f).regions();
    }

    /** The height of the mask's box in pixels (0 without a car). */
    private static int carHeight(FitTarget target) {
        int w = target.width();
        float[] mask = target.mask();
        int minY = Integer.MAX_VALUE;
        int maxY = -1;
        for (int p = 0; p < mask.length; p++) {
            if (mask[p] > 0.5f) {
                minY = Math.min(minY, p / w);
                maxY = Math.max(maxY, p / w);
            }
        }
        return maxY < 0 ? 0 : maxY - minY + 1;
    }
}
