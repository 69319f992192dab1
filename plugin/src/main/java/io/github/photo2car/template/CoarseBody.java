package io.github.photo2car.template;

/**
 * A coarser triangulation of the template body over the same shape vertices: every other station
 * along the car, every other ring line (the odd ones, which include every part border of the
 * ring) and every other cap grid line, so about a quarter of {@link CarTemplate#TRIANGLES}.
 *
 * <p>Why: a fit at 64–128 pixels draws the body's triangles well below a pixel each, and a soft
 * silhouette's cost grows with the triangles within its cutoff of each pixel. The coarse body's
 * outline differs from the full one's by the sagitta of one skipped ring or station segment
 * (millimetres on a car of 4 m), while its vertices are a subset of the shape vertices, so its
 * gradients land on the same vertices the full body uses. Vertices it skips get no image gradient.
 *
 * <p>The cap grid's odd-indexed boundary points are exactly the odd ring lines, so the tube and
 * the caps meet without cracks.
 */
public final class CoarseBody {

    /** Number of coarse triangles. */
    public static final int TRIANGLES = 2 * (CarTemplate.RING / 2) * ((CarTemplate.STATIONS - 1) / 2)
            + 2 * 2 * (CarTemplate.CAP_COLUMNS / 2) * (CarTemplate.CAP_ROWS / 2);

    private static final int[] TRIANGLE_LIST = new int[3 * TRIANGLES];
    private static final CarPart[] PARTS = new CarPart[TRIANGLES];

    static {
        build();
    }

    private CoarseBody() {
    }

    /**
     * The coarse body's triangles, indexing the shape vertices of {@link CarTemplate} with the
     * same winding as {@link CarTemplate#triangles()}.
     *
     * @return a new array of length 3 * {@link #TRIANGLES}
     */
    public static int[] triangles() {
        return TRIANGLE_LIST.clone();
    }

    /**
     * The part label of every coarse triangle: the label of one of the full triangles it covers.
     *
     * @return a new array of length {@link #TRIANGLES}
     */
    public static CarPart[] triangleParts() {
        return PARTS.clone();
    }

    private static void build() {
        final int ring = CarTemplate.RING;
        int t = 0;
        for (int s = 0; s + 2 < CarTemplate.STATIONS; s += 2) {
            for (int k = 1; k < ring; k += 2) {
                int k2 = (k + 2) % ring;
                int a = s * ring + k;
                int b = s * ring + k2;
                int c = (s + 2) * ring + k2;
                int d = (s + 2) * ring + k;
                // the full triangle inside the coarse cell's first sub-quad, one station and line in
                CarPart part = CarTemplate.tubePart(s + 1, (k + 1) % ring);
                if (k < CarTemplate.HALF) {
                    t = put(t, a, b, c, part);
                    t = put(t, a, c, d, part);
                } else {
                    t = put(t, a, b, d, part);
                    t = put(t, b, c, d, part);
                }
            }
        }
        for (int cap = 0; cap < 2; cap++) {
            boolean front = cap == 1;
            for (int j = 0; j < CarTemplate.CAP_ROWS; j += 2) {
                for (int i = 0; i < CarTemplate.CAP_COLUMNS; i += 2) {
                    int v00 = CarTemplate.capVertex(front, i, j);
                    int v10 = CarTemplate.capVertex(front, i + 2, j);
                    int v11 = CarTemplate.capVertex(front, i + 2, j + 2);
                    int v01 = CarTemplate.capVertex(front, i, j + 2);
                    boolean leftHalf = i >= CarTemplate.CAP_COLUMNS / 2;
                    // the cell nearer the car's centre line, one row up: lamps sit in rows 7-8
                    CarPart part = CarTemplate.capPart(front, leftHalf ? i : i + 1, j + 1);
                    if (front && leftHalf) {
                        t = put(t, v00, v10, v11, part);
                        t = put(t, v00, v11, v01, part);
                    } else if (front) {
                        t = put(t, v00, v10, v01, part);
                        t = put(t, v10, v11, v01, part);
                    } else if (leftHalf) {
                        t = put(t, v00, v11, v10, part);
                        t = put(t, v00, v01, v11, part);
                    } else {
                        t = put(t, v00, v01, v10, part);
                        t = put(t, v10, v01, v11, part);
                    }
                }
            }
        }
        if (t != TRIANGLES) {
            throw new IllegalStateException("coarse triangle count mismatch " + t);
        }
    }

    private static int put(int t, int a, int b, int c, CarPart part) {
        TRIANGLE_LIST[3 * t] = a;
        TRIANGLE_LIST[3 * t + 1] = b;
        TRIANGLE_LIST[3 * t + 2] = c;
        PARTS[t] = part;
        return t + 1;
    }
}
