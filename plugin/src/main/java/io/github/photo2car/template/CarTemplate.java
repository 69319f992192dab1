package io.github.photo2car.template;

import java.util.HashMap;
import java.util.Map;

/**
 * The parametric car body: {@link #build(CarParams, float[])} turns shape parameters (plus an
 * optional per-vertex residual) into a {@link CarMesh} whose topology never changes.
 *
 * <h2>Structure</h2>
 * The body is a tube of {@value #STATIONS} cross-sections ("rings") along Z, each with
 * {@value #RING} points, closed by a grid cap at each end. Stations sit at fixed fractions of the
 * side-view segments (deck, rear window, roof, windshield, hood), so a given station index always
 * means the same thing (e.g. "middle of the windshield") and part labels can be fixed per
 * triangle. Wheel arches and the pickup bed are folded into vertex positions only.
 *
 * <p>Ring point k (0 &le; k &lt; {@value #RING}) runs from the bottom centre toward +X (the car's
 * left), up the left side, over the roof and down the right side, counter-clockwise seen from the
 * front. The left half k = 0..{@value #HALF} is: underbody (k 0..5), wheel well (6..8), body side
 * rows (9..19, shoulder at 19), greenhouse side (19..23), top (23..28, top centre at 28).
 *
 * <h2>Shape vertex layout</h2>
 * Vertex s*{@value #RING} + k is ring point k of station s (s = 0 at the rear end, increasing
 * forward); then come the interior points of the rear cap, then of the front cap, each
 * ({@value #CAP_COLUMNS}-1)*({@value #CAP_ROWS}-1) row-major. Vertex counts and the triangle index
 * list are the same for every parameter value, so networks can predict per-vertex offsets.
 */
public final class CarTemplate {

    /** Underbody segments on one half ring. */
    static final int BOTTOM = 5;
    /** Wheel-well segments on one half ring. */
    static final int WELL = 4;
    /** Body-side rows between the sill corner and the shoulder. */
    static final int SIDE = 10;
    /** Greenhouse-side rows between shoulder and roof edge. */
    static final int GREEN = 4;
    /** Top segments between roof edge and centre line. */
    static final int TOP = 5;
    /** Points on one half ring: segments from bottom centre to top centre. */
    public static final int HALF = BOTTOM + WELL + SIDE + GREEN + TOP;
    /** Points per ring. */
    public static final int RING = 2 * HALF;

    static final int DECK_SEGMENTS = 14;
    static final int REAR_WINDOW_SEGMENTS = 8;
    static final int ROOF_SEGMENTS = 16;
    static final int WINDSHIELD_SEGMENTS = 8;
    static final int HOOD_SEGMENTS = 16;
    /** Number of cross-sections along Z. */
    public static final int STATIONS = DECK_SEGMENTS + REAR_WINDOW_SEGMENTS + ROOF_SEGMENTS
            + WINDSHIELD_SEGMENTS + HOOD_SEGMENTS + 1;
    static final int S_REAR_WINDOW = DECK_SEGMENTS;
    static final int S_ROOF = S_REAR_WINDOW + REAR_WINDOW_SEGMENTS;
    static final int S_WINDSHIELD = S_ROOF + ROOF_SEGMENTS;
    static final int S_HOOD = S_WINDSHIELD + WINDSHIELD_SEGMENTS;

    /** Cap grid columns (cells across X). */
    public static final int CAP_COLUMNS = 2 * (BOTTOM + WELL);
    /** Cap grid rows (cells up Y), one per body-side row. */
    public static final int CAP_ROWS = SIDE;

    static final int K_WELL = BOTTOM;
    static final int K_SIDE = BOTTOM + WELL;
    static final int K_SHOULDER = K_SIDE + SIDE;
    static final int K_ROOF_EDGE = K_SHOULDER + GREEN;

    static final int CAP_INTERIOR = (CAP_COLUMNS - 1) * (CAP_ROWS - 1);
    static final int REAR_CAP_BASE = STATIONS * RING;
    static final int FRONT_CAP_BASE = REAR_CAP_BASE + CAP_INTERIOR;
    /** Number of shape vertices. */
    public static final int SHAPE_VERTICES = FRONT_CAP_BASE + CAP_INTERIOR;
    /** Number of triangles. */
    public static final int TRIANGLES = 2 * RING * (STATIONS - 1) + 2 * 2 * CAP_COLUMNS * CAP_ROWS;

    static final Topology TOPOLOGY = new Topology();

    private CarTemplate() {
    }

    /**
     * Builds the car body for the given parameters.
     *
     * <p>The residual is a per-shape-vertex displacement (3 floats per vertex, x y z interleaved,
     * metres, car frame) added after the parametric shape. It is first made exactly left/right
     * symmetric (averaged with its mirror image through the plane x = 0), then smoothed twice by
     * averaging each vertex's displacement with its neighbours' (a fixed linear operator, so
     * gradients flow through it), and the final positions are made exactly symmetric again.
     * A large residual can of course fold the mesh; the parametric shape alone never does.
     *
     * @param params   the shape (not null, not modified)
     * @param residual per-vertex displacement of length 3*{@link #SHAPE_VERTICES}, or null for
     *                 none (not modified)
     * @return a new mesh
     * @throws IllegalArgumentException if params is null, or residual has the wrong length or a
     *                                  non-finite entry
     */
    public static CarMesh build(CarParams params, float[] residual) {
        return new CarMesh(params, shapePositions(params, residual), TOPOLOGY);
    }

    /**
     * The shape-vertex positions {@link #build(CarParams, float[])} would give, without the
     * render vertices, normals, UVs and anchors: for loops that only need the outline (the fitter
     * rebuilds the car 22 times per Jacobian refresh and once per residual step).
     *
     * @param params   the shape (not null, not modified)
     * @param residual per-vertex displacement of length 3*{@link #SHAPE_VERTICES}, or null for
     *                 none (not modified)
     * @return a new array: 3 floats per shape vertex, metres, car frame
     * @throws IllegalArgumentException if params is null, or residual has the wrong length or a
     *                                  non-finite entry
     */
    public static float[] shapePositions(CarParams params, float[] residual) {
        if (params == null) {
            throw new IllegalArgumentException("params must not be null");
        }
        if (residual != null) {
            if (residual.length != 3 * SHAPE_VERTICES) {
                throw new IllegalArgumentException("residual must have length 3*" + SHAPE_VERTICES
                        + " = " + 3 * SHAPE_VERTICES + ", got " + residual.length);
            }
            for (float r : residual) {
                if (!Float.isFinite(r)) {
                    throw new IllegalArgumentException("residual must be finite");
                }
            }
        }
        float[] pos = new BodyShape(params).positions();
        if (residual != null) {
            float[] d = TOPOLOGY.smoothSymmetric(residual);
            for (int i = 0; i < pos.length; i++) {
                pos[i] += d[i];
            }
        }
        TOPOLOGY.symmetrize(pos);
        return pos;
    }

    /**
     * Builds the car body without a residual; same as build(params, null).
     *
     * @param params the shape (not null, not modified)
     * @return a new mesh
     */
    public static CarMesh build(CarParams params) {
        return build(params, null);
    }

    /**
     * Rebuilds a car body from the shape-vertex positions of an earlier build (for example ones
     * read back from an exported file), so the render vertices, normals, UVs and anchors are the
     * same as the original's. The positions are made exactly left/right symmetric (a no-op for
     * positions that came from {@link CarMesh#shapePositions()}).
     *
     * @param params         the parameters the positions were built from (not null, not modified);
     *                       they give the wheel anchors
     * @param shapePositions shape-vertex positions, 3 floats each, metres, car frame, length
     *                       3*{@link #SHAPE_VERTICES} (not null, not modified)
     * @return a new mesh
     * @throws IllegalArgumentException if an argument is null, has the wrong length or a
     *                                  non-finite entry
     */
    public static CarMesh fromShapePositions(CarParams params, float[] shapePositions) {
        if (params == null || shapePositions == null) {
            throw new IllegalArgumentException("params and shapePositions must not be null");
        }
        if (shapePositions.length != 3 * SHAPE_VERTICES) {
            throw new IllegalArgumentException("shapePositions must have length 3*" + SHAPE_VERTICES + " = "
                    + 3 * SHAPE_VERTICES + ", got " + shapePositions.length);
        }
        float[] pos = shapePositions.clone();
        for (float p : pos) {
            if (!Float.isFinite(p)) {
                throw new IllegalArgumentException("shapePositions must be finite");
            }
        }
        TOPOLOGY.symmetrize(pos);
        return new CarMesh(params, pos, TOPOLOGY);
    }

    /**
     * The left/right mirror map of the shape vertices: vertex i mirrors to vertex result[i]
     * (x to -x); vertices on the plane x = 0 map to themselves. Same for every car.
     *
     * @return a new array of length {@link #SHAPE_VERTICES}
     */
    public static int[] mirrorMap() {
        return TOPOLOGY.mirror.clone();
    }

    /**
     * The fixed triangle list over shape vertices, counter-clockwise seen from outside.
     *
     * @return a new array of length 3*{@link #TRIANGLES}
     */
    public static int[] triangles() {
        return TOPOLOGY.triangles.clone();
    }

    /**
     * The fixed part label of every triangle.
     *
     * @return a new array of length {@link #TRIANGLES}
     */
    public static CarPart[] triangleParts() {
        return TOPOLOGY.parts.clone();
    }

    /**
     * Backward of the residual's effect on {@link #build(CarParams, float[])}: given the gradient
     * of a loss with respect to the built shape positions, the gradient with respect to the
     * residual. The positions are linear in the residual (mirror averaging, two smoothing passes,
     * final symmetrisation), so this is the transpose of that fixed operator and does not depend
     * on the parameters. The result is itself left/right symmetric.
     *
     * @param gradPositions dL/d(shape positions), length 3*{@link #SHAPE_VERTICES} (not modified)
     * @return a new array dL/d(residual) of the same length
     * @throws IllegalArgumentException if gradPositions is null, has the wrong length or a
     *                                  non-finite entry
     */
    public static float[] residualBackward(float[] gradPositions) {
        if (gradPositions == null || gradPositions.length != 3 * SHAPE_VERTICES) {
            throw new IllegalArgumentException("gradPositions must have length 3*" + SHAPE_VERTICES);
        }
        for (float g : gradPositions) {
            if (!Float.isFinite(g)) {
                throw new IllegalArgumentException("gradPositions must be finite");
            }
        }
        return TOPOLOGY.smoothSymmetricTranspose(gradPositions);
    }

    // =================================================================== topology

    /** Everything that does not depend on the parameters, computed once. */
    static final class Topology {
        final int[] triangles = new int[3 * TRIANGLES];
        final CarPart[] parts = new CarPart[TRIANGLES];
        final UvChart[] charts = new UvChart[TRIANGLES];
        final int[] mirror = new int[SHAPE_VERTICES];
        /** Neighbour lists (CSR) of the shape vertices, for residual smoothing. */
        final int[] neighbourStart = new int[SHAPE_VERTICES + 1];
        int[] neighbours;
        /** Render vertices: one per (shape vertex, chart, part) used by some triangle. */
        int renderCount;
        int[] renderToShape;
        UvChart[] renderChart;
        int[] renderTriangles = new int[3 * TRIANGLES];
        /** Render vertices sharing a (shape vertex, part) pair share a smooth normal. */
        int[] normalGroup;
        int normalGroups;

        Topology() {
            int t = 0;
            for (int s = 0; s < STATIONS - 1; s++) {
                for (int k = 0; k < RING; k++) {
                    int a = s * RING + k;
                    int b = s * RING + (k + 1) % RING;
                    int c = (s + 1) * RING + (k + 1) % RING;
                    int d = (s + 1) * RING + k;
                    CarPart part = tubePart(s, k);
                    UvChart chart = tubeChart(k);
                    // mirrored diagonals keep the triangulation itself left/right symmetric
                    if (k < HALF) {
                        t = put(t, a, b, c, part, chart);
                        t = put(t, a, c, d, part, chart);
                    } else {
                        t = put(t, a, b, d, part, chart);
                        t = put(t, b, c, d, part, chart);
                    }
                }
            }
            for (int cap = 0; cap < 2; cap++) {
                boolean front = cap == 1;
                for (int j = 0; j < CAP_ROWS; j++) {
                    for (int i = 0; i < CAP_COLUMNS; i++) {
                        int v00 = capVertex(front, i, j);
                        int v10 = capVertex(front, i + 1, j);
                        int v11 = capVertex(front, i + 1, j + 1);
                        int v01 = capVertex(front, i, j + 1);
                        CarPart part = capPart(front, i, j);
                        UvChart chart = front ? UvChart.FRONT : UvChart.REAR;
                        boolean leftHalf = i >= CAP_COLUMNS / 2;
                        if (front) {
                            if (leftHalf) {
                                t = put(t, v00, v10, v11, part, chart);
                                t = put(t, v00, v11, v01, part, chart);
                            } else {
                                t = put(t, v00, v10, v01, part, chart);
                                t = put(t, v10, v11, v01, part, chart);
                            }
                        } else {
                            if (leftHalf) {
                                t = put(t, v00, v11, v10, part, chart);
                                t = put(t, v00, v01, v11, part, chart);
                            } else {
                                t = put(t, v00, v01, v10, part, chart);
                                t = put(t, v10, v01, v11, part, chart);
                            }
                        }
                    }
                }
            }
            if (t != TRIANGLES) {
                throw new IllegalStateException("triangle count mismatch " + t);
            }
            buildMirror();
            buildNeighbours();
            buildRenderVertices();
        }

        private int put(int t, int a, int b, int c, CarPart part, UvChart chart) {
            triangles[3 * t] = a;
            triangles[3 * t + 1] = b;
            triangles[3 * t + 2] = c;
            parts[t] = part;
            charts[t] = chart;
            return t + 1;
        }

        private void buildMirror() {
            for (int s = 0; s < STATIONS; s++) {
                for (int k = 0; k < RING; k++) {
                    mirror[s * RING + k] = s * RING + (RING - k) % RING;
                }
            }
            for (int cap = 0; cap < 2; cap++) {
                int base = cap == 0 ? REAR_CAP_BASE : FRONT_CAP_BASE;
                for (int j = 1; j < CAP_ROWS; j++) {
                    for (int i = 1; i < CAP_COLUMNS; i++) {
                        mirror[base + (j - 1) * (CAP_COLUMNS - 1) + (i - 1)] =
                                base + (j - 1) * (CAP_COLUMNS - 1) + (CAP_COLUMNS - i - 1);
                    }
                }
            }
        }

        private void buildNeighbours() {
            java.util.List<java.util.Set<Integer>> sets = new java.util.ArrayList<>(SHAPE_VERTICES);
            for (int i = 0; i < SHAPE_VERTICES; i++) {
                sets.add(new java.util.TreeSet<>());
            }
            for (int t = 0; t < TRIANGLES; t++) {
                for (int e = 0; e < 3; e++) {
                    int a = triangles[3 * t + e];
                    int b = triangles[3 * t + (e + 1) % 3];
                    sets.get(a).add(b);
                    sets.get(b).add(a);
                }
            }
            int total = 0;
            for (int i = 0; i < SHAPE_VERTICES; i++) {
                neighbourStart[i] = total;
                total += sets.get(i).size();
            }
            neighbourStart[SHAPE_VERTICES] = total;
            neighbours = new int[total];
            int n = 0;
            for (int i = 0; i < SHAPE_VERTICES; i++) {
                for (int j : sets.get(i)) {
                    neighbours[n++] = j;
                }
            }
        }

        private void buildRenderVertices() {
            Map<Long, Integer> renderIndex = new HashMap<>();
            Map<Long, Integer> groupIndex = new HashMap<>();
            int[] toShape = new int[3 * TRIANGLES];
            UvChart[] chartOf = new UvChart[3 * TRIANGLES];
            int[] groupOf = new int[3 * TRIANGLES];
            int count = 0;
            int groups = 0;
            for (int t = 0; t < TRIANGLES; t++) {
                for (int c = 0; c < 3; c++) {
                    int v = triangles[3 * t + c];
                    long key = ((long) v * UvChart.values().length + charts[t].ordinal())
                            * CarPart.values().length + parts[t].ordinal();
                    Integer r = renderIndex.get(key);
                    if (r == null) {
                        r = count++;
                        renderIndex.put(key, r);
                        toShape[r] = v;
                        chartOf[r] = charts[t];
                        long gkey = (long) v * CarPart.values().length + parts[t].ordinal();
                        Integer g = groupIndex.get(gkey);
                        if (g == null) {
                            g = groups++;
                            groupIndex.put(gkey, g);
                        }
                        groupOf[r] = g;
                    }
                    renderTriangles[3 * t + c] = r;
                }
            }
            renderCount = count;
            renderToShape = java.util.Arrays.copyOf(toShape, count);
            renderChart = java.util.Arrays.copyOf(chartOf, count);
            normalGroup = java.util.Arrays.copyOf(groupOf, count);
            normalGroups = groups;
        }

        /** Mirror-averages a residual, then smooths it twice with neighbour averaging. */
        float[] smoothSymmetric(float[] residual) {
            float[] d = new float[residual.length];
            for (int i = 0; i < SHAPE_VERTICES; i++) {
                int m = mirror[i];
                d[3 * i] = 0.5f * (residual[3 * i] - residual[3 * m]);
                d[3 * i + 1] = 0.5f * (residual[3 * i + 1] + residual[3 * m + 1]);
                d[3 * i + 2] = 0.5f * (residual[3 * i + 2] + residual[3 * m + 2]);
            }
            float[] next = new float[d.length];
            for (int iteration = 0; iteration < 2; iteration++) {
                for (int i = 0; i < SHAPE_VERTICES; i++) {
                    int from = neighbourStart[i];
                    int to = neighbourStart[i + 1];
                    float sx = 0f;
                    float sy = 0f;
                    float sz = 0f;
                    for (int n = from; n < to; n++) {
                        int j = neighbours[n];
                        sx += d[3 * j];
                        sy += d[3 * j + 1];
                        sz += d[3 * j + 2];
                    }
                    float inv = 0.5f / (to - from);
                    next[3 * i] = 0.5f * d[3 * i] + inv * sx;
                    next[3 * i + 1] = 0.5f * d[3 * i + 1] + inv * sy;
                    next[3 * i + 2] = 0.5f * d[3 * i + 2] + inv * sz;
                }
                float[] swap = d;
                d = next;
                next = swap;
            }
            return d;
        }

        /**
         * Transpose of symmetrize(smoothSymmetric(.)): both mirror steps are the same symmetric
         * projection M, smoothing is A(d)_i = d_i / 2 + sum_j d_j / (2 deg_i) over neighbours,
         * so the transpose is M A^T A^T M with A^T(g)_j = g_j / 2 + sum_i g_i / (2 deg_i).
         */
        float[] smoothSymmetricTranspose(float[] grad) {
            float[] g = grad.clone();
            symmetrize(g);
            float[] next = new float[g.length];
            for (int iteration = 0; iteration < 2; iteration++) {
                for (int i = 0; i < next.length; i++) {
                    next[i] = 0.5f * g[i];
                }
                for (int i = 0; i < SHAPE_VERTICES; i++) {
                    int from = neighbourStart[i];
                    int to = neighbourStart[i + 1];
                    float inv = 0.5f / (to - from);
                    for (int n = from; n < to; n++) {
                        int j = neighbours[n];
                        next[3 * j] += inv * g[3 * i];
                        next[3 * j + 1] += inv * g[3 * i + 1];
                        next[3 * j + 2] += inv * g[3 * i + 2];
                    }
                }
                float[] swap = g;
                g = next;
                next = swap;
            }
            symmetrize(g);
            return g;
        }

        /** Makes positions exactly mirror symmetric (x of plane vertices exactly 0). */
        void symmetrize(float[] pos) {
            for (int i = 0; i < SHAPE_VERTICES; i++) {
                int m = mirror[i];
                if (m == i) {
                    pos[3 * i] = 0f;
                } else if (m > i) {
                    float x = 0.5f * (pos[3 * i] - pos[3 * m]);
                    float y = 0.5f * (pos[3 * i + 1] + pos[3 * m + 1]);
                    float z = 0.5f * (pos[3 * i + 2] + pos[3 * m + 2]);
                    pos[3 * i] = x;
                    pos[3 * i + 1] = y;
                    pos[3 * i + 2] = z;
                    pos[3 * m] = -x;
                    pos[3 * m + 1] = y;
                    pos[3 * m + 2] = z;
                }
            }
        }
    }

    /** Half-ring segment index (0..HALF-1) of ring segment k..k+1, same for its mirror. */
    static int halfSegment(int k) {
        return k < HALF ? k : RING - 1 - k;
    }

    static UvChart tubeChart(int k) {
        int h = halfSegment(k);
        if (h < K_SIDE) {
            return UvChart.UNDER;
        } else if (h < K_ROOF_EDGE) {
            return k < HALF ? UvChart.LEFT : UvChart.RIGHT;
        }
        return UvChart.TOP;
    }

    /** Part label of tube quad (s..s+1, k..k+1). */
    static CarPart tubePart(int s, int k) {
        int h = halfSegment(k);
        if (h < K_SIDE) {
            return CarPart.UNDERBODY;
        }
        if (h < K_SHOULDER) {
            int row = h - K_SIDE;
            // bumpers wrap around the corners onto the first side panel
            if (row < SIDE / 2 && s >= STATIONS - 3) {
                return CarPart.BUMPER_FRONT;
            }
            if (row < SIDE / 2 && s <= 1) {
                return CarPart.BUMPER_REAR;
            }
            return CarPart.PAINT;
        }
        if (h < K_ROOF_EDGE) {
            int row = h - K_SHOULDER;
            boolean sideGlassSpan = s >= S_REAR_WINDOW + REAR_WINDOW_SEGMENTS / 2
                    && s <= S_HOOD - 3;
            boolean bPillar = s == S_ROOF + ROOF_SEGMENTS / 2;
            if (row < GREEN - 1 && sideGlassSpan && !bPillar) {
                return CarPart.WINDOW;
            }
            return CarPart.PAINT;
        }
        boolean rearWindow = s > S_REAR_WINDOW && s < S_ROOF - 1;
        boolean windshield = s > S_WINDSHIELD && s < S_HOOD - 1;
        return (rearWindow || windshield) ? CarPart.WINDOW : CarPart.PAINT;
    }

    /**
     * Part label of cap cell (i, j): i = 0..CAP_COLUMNS-1 across X (from -X to +X), j =
     * 0..CAP_ROWS-1 upward. Rows below CAP_ROWS/2 lie below the bumper top.
     */
    static CarPart capPart(boolean front, int i, int j) {
        boolean left = i >= CAP_COLUMNS / 2;
        int out = left ? i - CAP_COLUMNS / 2 : CAP_COLUMNS / 2 - 1 - i; // 0 centre .. 8 outer
        int bumperRows = CAP_ROWS / 2;
        if (front) {
            if (j < bumperRows) {
                if ((j == 2 || j == 3) && out <= 1) {
                    return CarPart.PLATE_FRONT;
                }
                if (j == 1 && out <= 3) {
                    return CarPart.GRILLE;
                }
                return CarPart.BUMPER_FRONT;
            }
            if ((j == 7 || j == 8) && out >= 4 && out <= 7) {
                return left ? CarPart.HEADLIGHT_L : CarPart.HEADLIGHT_R;
            }
            if ((j == 7 || j == 8) && out == 8) {
                return left ? CarPart.BLINKER_FRONT_L : CarPart.BLINKER_FRONT_R;
            }
            if (j >= 5 && j <= 8 && out <= 2) {
                return CarPart.GRILLE;
            }
            return CarPart.PAINT;
        }
        if (j < bumperRows) {
            return CarPart.BUMPER_REAR;
        }
        if ((j == 5 || j == 6) && out <= 1) {
            return CarPart.PLATE_REAR;
        }
        if ((j == 7 || j == 8) && out >= 5) {
            return left ? CarPart.TAILLIGHT_L : CarPart.TAILLIGHT_R;
        }
        if (j == 6 && out >= 7) {
            return left ? CarPart.BLINKER_REAR_L : CarPart.BLINKER_REAR_R;
        }
        if (j == 6 && (out == 5 || out == 6)) {
            return left ? CarPart.REVERSE_L : CarPart.REVERSE_R;
        }
        return CarPart.PAINT;
    }

    /**
     * Shape vertex of cap grid point (i, j), i = 0..CAP_COLUMNS, j = 0..CAP_ROWS. Boundary points
     * are the end ring's points; interior points are the cap's own.
     */
    static int capVertex(boolean front, int i, int j) {
        int station = front ? STATIONS - 1 : 0;
        int k = capRingIndex(i, j);
        if (k >= 0) {
            return station * RING + k;
        }
        int base = front ? FRONT_CAP_BASE : REAR_CAP_BASE;
        return base + (j - 1) * (CAP_COLUMNS - 1) + (i - 1);
    }

    /** Ring index of a boundary cap grid point, or -1 for an interior point. */
    static int capRingIndex(int i, int j) {
        int c = i - CAP_COLUMNS / 2;
        if (j == 0) {
            return c >= 0 ? c : RING + c;
        }
        if (j == CAP_ROWS) {
            return HALF - c;
        }
        if (i == CAP_COLUMNS) {
            return CAP_COLUMNS / 2 + j;
        }
        if (i == 0) {
            return RING - (CAP_COLUMNS / 2 + j);
        }
        return -1;
    }
}
