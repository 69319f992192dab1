package io.github.photo2car.fit;

import io.github.photo2car.template.CarParams;
import io.github.photo2car.template.CarTemplate;
import io.github.photo2car.template.CoarseBody;
import io.github.photo2car.template.WheelPosition;

/**
 * The four wheels as the fitter renders them: closed low-poly cylinders (a {@value #SEGMENTS}-gon
 * tread and two flat faces) at the wheel anchors of {@link io.github.photo2car.template.CarMesh},
 * so their placement follows the wheelbase, the track, the wheel radius and width. The body alone
 * has empty wheel arches where a photo's mask and a segmenter's WHEEL class show tyres.
 *
 * <p>Vertex layout, appended after the body's {@link CarTemplate#SHAPE_VERTICES} shape vertices:
 * per wheel in {@link WheelPosition} order, {@value #SEGMENTS} points around the +X face, as many
 * around the -X face, then the +X and the -X face centres. Triangles are counter-clockwise seen
 * from outside. The polygon's corner radius is enlarged so its area equals the circle's.
 */
public final class WheelProxy {

    /** Sides of each wheel's polygon. */
    static final int SEGMENTS = 16;
    /** Vertices of one wheel. */
    static final int VERTICES_PER_WHEEL = 2 * SEGMENTS + 2;
    /** Vertices of the four wheels. */
    public static final int VERTICES = 4 * VERTICES_PER_WHEEL;
    /** Triangles of the four wheels: 2 per tread quad, 1 per face sector on both faces. */
    public static final int TRIANGLES = 4 * 4 * SEGMENTS;

    /** Corner radius over tyre radius that gives the polygon the circle's area. */
    private static final double AREA_SCALE =
            Math.sqrt(2 * Math.PI / (SEGMENTS * Math.sin(2 * Math.PI / SEGMENTS)));

    private static final double[] SIN = new double[SEGMENTS];
    private static final double[] COS = new double[SEGMENTS];

    static {
        for (int j = 0; j < SEGMENTS; j++) {
            double a = 2 * Math.PI * j / SEGMENTS;
            SIN[j] = Math.sin(a);
            COS[j] = Math.cos(a);
        }
    }

    private WheelProxy() {
    }

    /**
     * The body's triangles followed by the wheels', the wheels' vertex indices starting at
     * {@link CarTemplate#SHAPE_VERTICES}.
     *
     * @return a new array of length 3 * ({@link CarTemplate#TRIANGLES} + {@link #TRIANGLES})
     */
    public static int[] trianglesWithBody() {
        return trianglesWithBody(CarTemplate.triangles());
    }

    /**
     * Some body triangles followed by the wheels', the wheels' vertex indices starting at
     * {@link CarTemplate#SHAPE_VERTICES}.
     *
     * @param body body triangles over the shape vertices, e.g. {@link CoarseBody#triangles()}
     *             (not modified)
     * @return a new array of length body.length + 3 * {@link #TRIANGLES}
     */
    public static int[] trianglesWithBody(int[] body) {
        int[] all = java.util.Arrays.copyOf(body, body.length + 3 * TRIANGLES);
        int t = body.length / 3;
        for (int w = 0; w < 4; w++) {
            int p = CarTemplate.SHAPE_VERTICES + w * VERTICES_PER_WHEEL;
            int m = p + SEGMENTS;
            int cp = p + 2 * SEGMENTS;
            int cm = cp + 1;
            for (int j = 0; j < SEGMENTS; j++) {
                int k = (j + 1) % SEGMENTS;
                t = put(all, t, p + j, p + k, m + j);
                t = put(all, t, p + k, m + k, m + j);
                t = put(all, t, cp, p + k, p + j);
                t = put(all, t, cm, m + j, m + k);
            }
        }
        return all;
    }

    private static int put(int[] into, int t, int a, int b, int c) {
        into[3 * t] = a;
        into[3 * t + 1] = b;
        into[3 * t + 2] = c;
        return t + 1;
    }

    /**
     * Writes the wheels' vertex positions.
     *
     * @param params the car (not null, not modified)
     * @param out    where to write 3 * {@link #VERTICES} floats, x y z interleaved, metres, car
     *               frame (modified from offset on)
     * @param offset first float written
     */
    static void positions(CarParams params, float[] out, int offset) {
        float radius = (float) (params.wheelRadius() * AREA_SCALE);
        float halfWidth = 0.5f * params.wheelWidth();
        float halfTrack = 0.5f * params.trackWidth();
        int o = offset;
        for (WheelPosition wp : WheelPosition.values()) {
            float cx = wp.isLeft() ? halfTrack : -halfTrack;
            float cy = params.wheelRadius();
            float cz = wp.isFront() ? params.frontAxleZ() : params.rearAxleZ();
            for (int face = 0; face < 2; face++) {
                float x = face == 0 ? cx + halfWidth : cx - halfWidth;
                for (int j = 0; j < SEGMENTS; j++) {
                    out[o++] = x;
                    out[o++] = cy + (float) (radius * SIN[j]);
                    out[o++] = cz + (float) (radius * COS[j]);
                }
            }
            for (int face = 0; face < 2; face++) {
                out[o++] = face == 0 ? cx + halfWidth : cx - halfWidth;
                out[o++] = cy;
                out[o++] = cz;
            }
        }
    }

    /**
     * The body's shape positions followed by the wheels' positions.
     *
     * @param params the car (not null, not modified)
     * @param body   its shape positions, 3 * {@link CarTemplate#SHAPE_VERTICES} floats (not modified)
     * @return a new array of 3 * ({@link CarTemplate#SHAPE_VERTICES} + {@link #VERTICES}) floats
     */
    public static float[] withBody(CarParams params, float[] body) {
        float[] all = java.util.Arrays.copyOf(body, body.length + 3 * VERTICES);
        positions(params, all, body.length);
        return all;
    }
}
