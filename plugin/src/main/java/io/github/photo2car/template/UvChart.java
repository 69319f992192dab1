package io.github.photo2car.template;

/**
 * The regions of the car body's UV atlas. Each body triangle belongs to exactly one chart, fixed
 * per triangle index; charts occupy disjoint rectangles of [0,1]^2 (v up), so a photo baked onto
 * one side never bleeds into another. Within a chart the layout follows what a camera looking at
 * that face would see (for the sides: u along the car, v up; the front of the car is on the left
 * of the LEFT chart and on the right of the RIGHT chart, as in photos of those sides).
 */
public enum UvChart {
    /** The car's left side (+X), body side and side glass. */
    LEFT(0.01f, 0.01f, 0.99f, 0.25f),
    /** The car's right side (-X). */
    RIGHT(0.01f, 0.27f, 0.99f, 0.51f),
    /** Top: hood, windshield, roof, rear window, deck or bed (u along the car, front right). */
    TOP(0.01f, 0.53f, 0.99f, 0.73f),
    /** Front fascia seen from the front. */
    FRONT(0.01f, 0.75f, 0.36f, 0.99f),
    /** Rear fascia seen from behind. */
    REAR(0.38f, 0.75f, 0.73f, 0.99f),
    /** Underbody and wheel wells. */
    UNDER(0.75f, 0.75f, 0.99f, 0.99f);

    private final float u0;
    private final float v0;
    private final float u1;
    private final float v1;

    UvChart(float u0, float v0, float u1, float v1) {
        this.u0 = u0;
        this.v0 = v0;
        this.u1 = u1;
        this.v1 = v1;
    }

    /** @return lowest u of the chart's rectangle */
    public float u0() {
        return u0;
    }

    /** @return lowest v of the chart's rectangle */
    public float v0() {
        return v0;
    }

    /** @return highest u of the chart's rectangle */
    public float u1() {
        return u1;
    }

    /** @return highest v of the chart's rectangle */
    public float v1() {
        return v1;
    }

    /**
     * Maps chart-local coordinates to the atlas.
     *
     * @param s     local coordinate along u, 0..1
     * @param t     local coordinate along v, 0..1
     * @param store array of length &ge; offset+2 that receives (u, v) (modified)
     * @param offset where in store to write
     */
    void map(float s, float t, float[] store, int offset) {
        store[offset] = u0 + (u1 - u0) * s;
        store[offset + 1] = v0 + (v1 - v0) * t;
    }
}
