package io.github.photo2car.template;

import static io.github.photo2car.template.CarTemplate.HALF;
import static io.github.photo2car.template.CarTemplate.K_ROOF_EDGE;
import static io.github.photo2car.template.CarTemplate.K_SIDE;
import static io.github.photo2car.template.CarTemplate.RING;
import static io.github.photo2car.template.CarTemplate.SHAPE_VERTICES;
import static io.github.photo2car.template.CarTemplate.STATIONS;
import static io.github.photo2car.template.CarTemplate.TRIANGLES;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One built car body (immutable; getters return copies). Car frame, metres.
 *
 * <p><b>Two vertex sets.</b> The <em>shape vertices</em> ({@link #shapePositions()}) are the
 * topology networks and the fitter see: closed, manifold, fixed count
 * ({@link CarTemplate#SHAPE_VERTICES}), with an exact mirror map. The <em>render vertices</em>
 * duplicate shape vertices along UV seams (chart borders) and part borders, so each render vertex
 * has one UV and one normal; {@link #renderToShape()} maps each back to its shape vertex.
 * {@link #triangles()} and {@link #renderTriangles()} list the same triangles in the same order,
 * over shape and render vertices respectively, so per-triangle data ({@link #triangleParts()},
 * {@link #triangleCharts()}) applies to both.
 *
 * <p>Layouts: positions and normals are x, y, z interleaved; UVs u, v interleaved (v up, in
 * [0, 1]); triangles three indices each, counter-clockwise seen from outside (outward normals).
 */
public final class CarMesh {

    private final CarParams params;
    private final float[] shapePositions;
    private final CarTemplate.Topology topology;
    private final float[] renderPositions;
    private final float[] renderNormals;
    private final float[] renderUvs;
    private final List<WheelAnchor> wheels;
    private final Map<CarPart, LightAnchor> lights;

    CarMesh(CarParams params, float[] shapePositions, CarTemplate.Topology topology) {
        this.params = params;
        this.shapePositions = shapePositions;
        this.topology = topology;
        int n = topology.renderCount;
        renderPositions = new float[3 * n];
        for (int r = 0; r < n; r++) {
            int v = topology.renderToShape[r];
            System.arraycopy(shapePositions, 3 * v, renderPositions, 3 * r, 3);
        }
        renderNormals = computeNormals();
        renderUvs = computeUvs();
        wheels = computeWheels();
        lights = computeLights();
    }

    // ------------------------------------------------------------------ shape

    /** @return the parameters this mesh was built from */
    public CarParams params() {
        return params;
    }

    /** @return number of shape vertices, {@link CarTemplate#SHAPE_VERTICES} */
    public int shapeVertexCount() {
        return SHAPE_VERTICES;
    }

    /** @return number of triangles, {@link CarTemplate#TRIANGLES} */
    public int triangleCount() {
        return TRIANGLES;
    }

    /** @return a new array: shape-vertex positions, 3 floats each (m, car frame) */
    public float[] shapePositions() {
        return shapePositions.clone();
    }

    /** @return a new array: 3 shape-vertex indices per triangle (same for every car) */
    public int[] triangles() {
        return topology.triangles.clone();
    }

    /** @return a new array: the part label of each triangle (same for every car) */
    public CarPart[] triangleParts() {
        return topology.parts.clone();
    }

    /** @return a new array: the UV chart of each triangle (same for every car) */
    public UvChart[] triangleCharts() {
        return topology.charts.clone();
    }

    /**
     * Mirror map of the shape vertices: vertex i mirrors to result[i] through the plane x = 0
     * (exactly: same y and z, negated x); vertices on the plane map to themselves.
     *
     * @return a new array of length shapeVertexCount()
     */
    public int[] mirrorMap() {
        return topology.mirror.clone();
    }

    // ------------------------------------------------------------------ render

    /** @return number of render vertices (same for every car) */
    public int renderVertexCount() {
        return topology.renderCount;
    }

    /** @return a new array: render-vertex positions, 3 floats each (m, car frame) */
    public float[] renderPositions() {
        return renderPositions.clone();
    }

    /**
     * Render-vertex normals: area-weighted averages over the triangles of the same part around
     * the shape vertex, so shading is smooth within a part and creased between parts.
     *
     * @return a new array: 3 floats per render vertex, unit length
     */
    public float[] renderNormals() {
        return renderNormals.clone();
    }

    /**
     * Atlas UVs of the render vertices. Each chart ({@link UvChart}) fills its own rectangle;
     * inside it the sides are laid out by Z and arc length up the body, the top by Z and arc
     * length across, the caps by their X and Y.
     *
     * @return a new array: 2 floats per render vertex, in [0, 1]
     */
    public float[] renderUvs() {
        return renderUvs.clone();
    }

    /** @return a new array: 3 render-vertex indices per triangle, same order as triangles() */
    public int[] renderTriangles() {
        return topology.renderTriangles.clone();
    }

    /** @return a new array: the shape vertex of each render vertex */
    public int[] renderToShape() {
        return topology.renderToShape.clone();
    }

    /**
     * Extracts the triangles of some parts as a compact renderable mesh (one material's worth,
     * e.g. all glass), with the render normals and UVs.
     *
     * @param parts which parts to keep (not null, not modified)
     * @return a new mesh; empty if no triangle has one of the parts
     */
    public SurfaceMesh extract(Set<CarPart> parts) {
        if (parts == null) {
            throw new IllegalArgumentException("parts must not be null");
        }
        int[] remap = new int[topology.renderCount];
        java.util.Arrays.fill(remap, -1);
        int vertices = 0;
        int tris = 0;
        for (int t = 0; t < TRIANGLES; t++) {
            if (parts.contains(topology.parts[t])) {
                tris++;
                for (int c = 0; c < 3; c++) {
                    int r = topology.renderTriangles[3 * t + c];
                    if (remap[r] < 0) {
                        remap[r] = vertices++;
                    }
                }
            }
        }
        float[] pos = new float[3 * vertices];
        float[] nor = new float[3 * vertices];
        float[] uv = new float[2 * vertices];
        for (int r = 0; r < remap.length; r++) {
            int o = remap[r];
            if (o >= 0) {
                System.arraycopy(renderPositions, 3 * r, pos, 3 * o, 3);
                System.arraycopy(renderNormals, 3 * r, nor, 3 * o, 3);
                System.arraycopy(renderUvs, 2 * r, uv, 2 * o, 2);
            }
        }
        int[] idx = new int[3 * tris];
        int n = 0;
        for (int t = 0; t < TRIANGLES; t++) {
            if (parts.contains(topology.parts[t])) {
                for (int c = 0; c < 3; c++) {
                    idx[n++] = remap[topology.renderTriangles[3 * t + c]];
                }
            }
        }
        return new SurfaceMesh(pos, nor, uv, idx);
    }

    // ------------------------------------------------------------------ anchors

    /** @return the four wheels, in {@link WheelPosition} order (unmodifiable) */
    public List<WheelAnchor> wheels() {
        return wheels;
    }

    /**
     * @param position which wheel (not null)
     * @return its anchor
     */
    public WheelAnchor wheel(WheelPosition position) {
        return wheels.get(position.ordinal());
    }

    /** @return one anchor per light part present, in {@link CarPart} order (unmodifiable) */
    public List<LightAnchor> lights() {
        return Collections.unmodifiableList(new ArrayList<>(lights.values()));
    }

    /**
     * @param part a light part (see {@link CarPart#isLight()})
     * @return its anchor
     * @throws IllegalArgumentException if part is not a light part
     */
    public LightAnchor light(CarPart part) {
        LightAnchor anchor = lights.get(part);
        if (anchor == null) {
            throw new IllegalArgumentException(part + " is not a light part");
        }
        return anchor;
    }

    private List<WheelAnchor> computeWheels() {
        float r = params.wheelRadius();
        float w = params.wheelWidth();
        float x = 0.5f * params.trackWidth();
        List<WheelAnchor> list = new ArrayList<>(4);
        for (WheelPosition wp : WheelPosition.values()) {
            list.add(new WheelAnchor(wp, wp.isLeft() ? x : -x, r,
                    wp.isFront() ? params.frontAxleZ() : params.rearAxleZ(), r, w));
        }
        return Collections.unmodifiableList(list);
    }

    private Map<CarPart, LightAnchor> computeLights() {
        Map<CarPart, double[]> sums = new EnumMap<>(CarPart.class);
        int[] tri = topology.triangles;
        float[] p = shapePositions;
        for (int t = 0; t < TRIANGLES; t++) {
            CarPart part = topology.parts[t];
            if (!part.isLight()) {
                continue;
            }
            double[] acc = sums.computeIfAbsent(part, k -> new double[7]);
            int a = 3 * tri[3 * t];
            int b = 3 * tri[3 * t + 1];
            int c = 3 * tri[3 * t + 2];
            double ux = p[b] - p[a], uy = p[b + 1] - p[a + 1], uz = p[b + 2] - p[a + 2];
            double vx = p[c] - p[a], vy = p[c + 1] - p[a + 1], vz = p[c + 2] - p[a + 2];
            double nx = uy * vz - uz * vy, ny = uz * vx - ux * vz, nz = ux * vy - uy * vx;
            double area = 0.5 * Math.sqrt(nx * nx + ny * ny + nz * nz);
            acc[0] += area * (p[a] + p[b] + p[c]) / 3.0;
            acc[1] += area * (p[a + 1] + p[b + 1] + p[c + 1]) / 3.0;
            acc[2] += area * (p[a + 2] + p[b + 2] + p[c + 2]) / 3.0;
            acc[3] += area;
            acc[4] += 0.5 * nx;
            acc[5] += 0.5 * ny;
            acc[6] += 0.5 * nz;
        }
        Map<CarPart, LightAnchor> map = new EnumMap<>(CarPart.class);
        for (Map.Entry<CarPart, double[]> e : sums.entrySet()) {
            double[] acc = e.getValue();
            double len = Math.sqrt(acc[4] * acc[4] + acc[5] * acc[5] + acc[6] * acc[6]);
            map.put(e.getKey(), new LightAnchor(e.getKey(), (float) (acc[0] / acc[3]),
                    (float) (acc[1] / acc[3]), (float) (acc[2] / acc[3]),
                    (float) (acc[4] / len), (float) (acc[5] / len), (float) (acc[6] / len)));
        }
        return Collections.unmodifiableMap(map);
    }

    // ------------------------------------------------------------------ normals and UVs

    private float[] computeNormals() {
        int n = topology.renderCount;
        double[] group = new double[3 * topology.normalGroups];
        int[] rt = topology.renderTriangles;
        float[] p = renderPositions;
        for (int t = 0; t < TRIANGLES; t++) {
            int a = rt[3 * t];
            int b = rt[3 * t + 1];
            int c = rt[3 * t + 2];
            double ux = p[3 * b] - p[3 * a], uy = p[3 * b + 1] - p[3 * a + 1], uz = p[3 * b + 2] - p[3 * a + 2];
            double vx = p[3 * c] - p[3 * a], vy = p[3 * c + 1] - p[3 * a + 1], vz = p[3 * c + 2] - p[3 * a + 2];
            double nx = uy * vz - uz * vy, ny = uz * vx - ux * vz, nz = ux * vy - uy * vx;
            for (int r : new int[] {a, b, c}) {
                int g = topology.normalGroup[r];
                group[3 * g] += nx;
                group[3 * g + 1] += ny;
                group[3 * g + 2] += nz;
            }
        }
        float[] out = new float[3 * n];
        for (int r = 0; r < n; r++) {
            int g = topology.normalGroup[r];
            double len = Math.sqrt(group[3 * g] * group[3 * g] + group[3 * g + 1] * group[3 * g + 1]
                    + group[3 * g + 2] * group[3 * g + 2]);
            if (len < 1e-20) {
                out[3 * r + 1] = 1f;
            } else {
                out[3 * r] = (float) (group[3 * g] / len);
                out[3 * r + 1] = (float) (group[3 * g + 1] / len);
                out[3 * r + 2] = (float) (group[3 * g + 2] / len);
            }
        }
        return out;
    }

    private float[] computeUvs() {
        float[] p = shapePositions;
        // cumulative arc length along the left half of every ring, from the bottom centre
        float[][] arc = new float[STATIONS][HALF + 1];
        float maxSide = 1e-6f;
        float maxTop = 1e-6f;
        float maxUnder = 1e-6f;
        for (int s = 0; s < STATIONS; s++) {
            for (int k = 1; k <= HALF; k++) {
                int a = 3 * (s * RING + k - 1);
                int b = 3 * (s * RING + k);
                float dx = p[b] - p[a];
                float dy = p[b + 1] - p[a + 1];
                float dz = p[b + 2] - p[a + 2];
                arc[s][k] = arc[s][k - 1] + (float) Math.sqrt(dx * dx + dy * dy + dz * dz);
            }
            maxSide = Math.max(maxSide, arc[s][K_ROOF_EDGE] - arc[s][K_SIDE]);
            maxTop = Math.max(maxTop, arc[s][HALF] - arc[s][K_ROOF_EDGE]);
            maxUnder = Math.max(maxUnder, arc[s][K_SIDE]);
        }
        float zRear = Float.POSITIVE_INFINITY;
        float zFront = Float.NEGATIVE_INFINITY;
        for (int v = 0; v < SHAPE_VERTICES; v++) {
            zRear = Math.min(zRear, p[3 * v + 2]);
            zFront = Math.max(zFront, p[3 * v + 2]);
        }
        float[][] capBox = {capBox(false), capBox(true)};

        int n = topology.renderCount;
        float[] uv = new float[2 * n];
        for (int r = 0; r < n; r++) {
            int v = topology.renderToShape[r];
            UvChart chart = topology.renderChart[r];
            float x = p[3 * v];
            float y = p[3 * v + 1];
            float z = p[3 * v + 2];
            float zn = clamp01((z - zRear) / (zFront - zRear));
            int s = v / RING;
            int k = v % RING;
            boolean left = k <= HALF;
            int kh = left ? k : RING - k;
            switch (chart) {
                case LEFT:
                    chart.map(1f - zn, clamp01((arc[s][kh] - arc[s][K_SIDE]) / maxSide), uv, 2 * r);
                    break;
                case RIGHT:
                    chart.map(zn, clamp01((arc[s][kh] - arc[s][K_SIDE]) / maxSide), uv, 2 * r);
                    break;
                case TOP: {
                    float signed = (arc[s][HALF] - arc[s][kh]) * (left ? 1f : -1f);
                    chart.map(zn, clamp01(0.5f + 0.5f * signed / maxTop), uv, 2 * r);
                    break;
                }
                case UNDER: {
                    float signed = arc[s][kh] * (left ? 1f : -1f);
                    chart.map(clamp01(0.5f + 0.5f * signed / maxUnder), 1f - zn, uv, 2 * r);
                    break;
                }
                case FRONT: {
                    float[] box = capBox[1];
                    chart.map(clamp01(0.5f + 0.5f * x / box[0]), clamp01((y - box[1]) / (box[2] - box[1])),
                            uv, 2 * r);
                    break;
                }
                case REAR: {
                    float[] box = capBox[0];
                    chart.map(clamp01(0.5f - 0.5f * x / box[0]), clamp01((y - box[1]) / (box[2] - box[1])),
                            uv, 2 * r);
                    break;
                }
                default:
                    throw new IllegalStateException(String.valueOf(chart));
            }
        }
        return uv;
    }

    /** Half-width, lowest and highest y of an end ring: {maxAbsX, minY, maxY}. */
    private float[] capBox(boolean front) {
        int s = front ? STATIONS - 1 : 0;
        float maxX = 1e-6f;
        float minY = Float.POSITIVE_INFINITY;
        float maxY = Float.NEGATIVE_INFINITY;
        for (int k = 0; k < RING; k++) {
            int v = 3 * (s * RING + k);
            maxX = Math.max(maxX, Math.abs(shapePositions[v]));
            minY = Math.min(minY, shapePositions[v + 1]);
            maxY = Math.max(maxY, shapePositions[v + 1]);
        }
        return new float[] {maxX, minY, Math.max(maxY, minY + 1e-6f)};
    }

    private static float clamp01(float x) {
        return x < 0f ? 0f : (x > 1f ? 1f : x);
    }
}
