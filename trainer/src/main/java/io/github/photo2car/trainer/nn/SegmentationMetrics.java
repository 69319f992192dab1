package io.github.photo2car.trainer.nn;

import io.github.photo2car.neural.SegmentClass;

/**
 * Accumulates a confusion matrix of predicted against true classes and derives the car-mask IoU
 * (every car class against background) and the mean IoU over classes. Not thread-safe.
 */
public final class SegmentationMetrics {

    private final long[][] confusion = new long[SegmentClass.COUNT][SegmentClass.COUNT];

    /**
     * Adds one image.
     *
     * @param truth     [P] true class ordinals (not modified)
     * @param predicted [P] predicted class ordinals (not modified)
     */
    public void add(byte[] truth, byte[] predicted) {
        for (int p = 0; p < truth.length; p++) {
            confusion[truth[p]][predicted[p]]++;
        }
    }

    /** @return intersection over union of the car mask (all non-background classes) */
    public double maskIou() {
        long both = 0;
        long either = 0;
        for (int t = 0; t < SegmentClass.COUNT; t++) {
            for (int p = 0; p < SegmentClass.COUNT; p++) {
                boolean tc = t != 0;
                boolean pc = p != 0;
                both += tc && pc ? confusion[t][p] : 0;
                either += tc || pc ? confusion[t][p] : 0;
            }
        }
        return either == 0 ? 1 : both / (double) either;
    }

    /**
     * @param c a class
     * @return its IoU, or NaN if it appears neither in truth nor in predictions
     */
    public double iou(SegmentClass c) {
        int k = c.ordinal();
        long tp = confusion[k][k];
        long fn = 0;
        long fp = 0;
        for (int i = 0; i < SegmentClass.COUNT; i++) {
            if (i != k) {
                fn += confusion[k][i];
                fp += confusion[i][k];
            }
        }
        long union = tp + fn + fp;
        return union == 0 ? Double.NaN : tp / (double) union;
    }

    /** @return the mean IoU over all classes that appear (background included) */
    public double meanIou() {
        double sum = 0;
        int n = 0;
        for (SegmentClass c : SegmentClass.values()) {
            double v = iou(c);
            if (!Double.isNaN(v)) {
                sum += v;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** @return the fraction of pixels classified correctly */
    public double accuracy() {
        long right = 0;
        long all = 0;
        for (int t = 0; t < SegmentClass.COUNT; t++) {
            for (int p = 0; p < SegmentClass.COUNT; p++) {
                all += confusion[t][p];
                right += t == p ? confusion[t][p] : 0;
            }
        }
        return all == 0 ? Double.NaN : right / (double) all;
    }
}
