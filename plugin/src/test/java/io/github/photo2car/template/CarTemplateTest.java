package io.github.photo2car.template;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CarTemplateTest {

    private static final int RANDOM_CARS = 1000;
    private static List<CarParams> randomCars;
    private static CarMesh reference;

    @BeforeAll
    static void setUp() {
        Random random = new Random(20240601L);
        randomCars = new ArrayList<>();
        for (int i = 0; i < RANDOM_CARS; i++) {
            randomCars.add(CarParams.random(random));
        }
        reference = CarTemplate.build(CarParams.preset(BodyType.SEDAN));
    }

    private static List<CarParams> presets() {
        List<CarParams> list = new ArrayList<>();
        for (BodyType type : BodyType.values()) {
            list.add(CarParams.preset(type));
        }
        return list;
    }

    @Test
    void countsWithinBudget() {
        assertTrue(CarTemplate.TRIANGLES >= 2000 && CarTemplate.TRIANGLES <= 8000, "" + CarTemplate.TRIANGLES);
        assertEquals(CarTemplate.SHAPE_VERTICES, reference.shapeVertexCount());
        assertEquals(CarTemplate.TRIANGLES, reference.triangleCount());
    }

    @Test
    void topologyIsClosedManifoldAndOriented() {
        assertNull(MeshChecks.manifoldProblem(CarTemplate.triangles(), CarTemplate.SHAPE_VERTICES));
        // every shape vertex is used
        boolean[] used = new boolean[CarTemplate.SHAPE_VERTICES];
        for (int v : CarTemplate.triangles()) {
            used[v] = true;
        }
        for (boolean u : used) {
            assertTrue(u);
        }
    }

    /** The heavy loop: 1,000 random cars, fixed topology, no inverted triangles, exact mirror. */
    @Test
    void randomCarsKeepTopologyAndStayValid() {
        int[] refTri = reference.triangles();
        int[] refRender = reference.renderTriangles();
        int[] refToShape = reference.renderToShape();
        CarPart[] refParts = reference.triangleParts();
        float[] refPos = reference.shapePositions();
        int[] mirror = CarTemplate.mirrorMap();
        double[][] refNormals = new double[refTri.length / 3][];
        for (int t = 0; t < refNormals.length; t++) {
            refNormals[t] = MeshChecks.normal(refPos, refTri, t);
        }
        // triangles of the deck stations, where a pickup bed legitimately turns faces sideways
        int bedEnd = 2 * CarTemplate.RING * CarTemplate.DECK_SEGMENTS;
        List<int[]> edgePairs = MeshChecks.edgeTrianglePairs(refTri, CarTemplate.SHAPE_VERTICES);
        List<CarParams> cars = new ArrayList<>(randomCars);
        cars.addAll(presets());
        for (CarParams params : cars) {
            CarMesh mesh = CarTemplate.build(params);
            assertEquals(CarTemplate.SHAPE_VERTICES, mesh.shapeVertexCount());
            assertEquals(reference.renderVertexCount(), mesh.renderVertexCount());
            assertArrayEquals(refTri, mesh.triangles());
            assertArrayEquals(refRender, mesh.renderTriangles());
            assertArrayEquals(refToShape, mesh.renderToShape());
            assertArrayEquals(refParts, mesh.triangleParts());
            float[] p = mesh.shapePositions();
            for (float f : p) {
                assertTrue(Float.isFinite(f));
            }
            assertTrue(MeshChecks.signedVolume(p, refTri) > 1.0, "outward orientation " + params);
            for (int t = 0; t < refNormals.length; t++) {
                double[] n = MeshChecks.normal(p, refTri, t);
                double len = Math.sqrt(n[0] * n[0] + n[1] * n[1] + n[2] * n[2]);
                if (!(0.5 * len > 1e-7)) {
                    fail("zero-area triangle " + t + " in " + params);
                }
                // outside the wheel wells and the bed every triangle keeps roughly the direction
                // it has on the reference sedan; a flipped one would point the other way
                if (refParts[t] != CarPart.UNDERBODY && (params.bedDepth() == 0f || t >= bedEnd)) {
                    double[] r = refNormals[t];
                    double rl = Math.sqrt(r[0] * r[0] + r[1] * r[1] + r[2] * r[2]);
                    double cos = (n[0] * r[0] + n[1] * r[1] + n[2] * r[2]) / (len * rl);
                    if (!(cos > -0.2)) {
                        fail("triangle " + t + " (" + refParts[t] + ") flipped, cos=" + cos + " in " + params);
                    }
                }
            }
            // everywhere: no fold-over between neighbouring triangles
            for (int[] e : edgePairs) {
                double[] a = MeshChecks.normal(p, refTri, e[0]);
                double[] b = MeshChecks.normal(p, refTri, e[1]);
                double cos = (a[0] * b[0] + a[1] * b[1] + a[2] * b[2])
                        / Math.sqrt((a[0] * a[0] + a[1] * a[1] + a[2] * a[2]) * (b[0] * b[0] + b[1] * b[1] + b[2] * b[2]));
                if (!(cos > -0.75)) {
                    fail("fold between triangles " + e[0] + " and " + e[1] + " cos=" + cos + " in " + params);
                }
            }
            for (int v = 0; v < mirror.length; v++) {
                int m = mirror[v];
                assertEquals(-p[3 * v], p[3 * m], 1e-5f);
                assertEquals(p[3 * v + 1], p[3 * m + 1], 1e-5f);
                assertEquals(p[3 * v + 2], p[3 * m + 2], 1e-5f);
                if (m == v) {
                    assertEquals(0f, p[3 * v], 1e-6f);
                }
            }
            float[] uv = mesh.renderUvs();
            for (float f : uv) {
                assertTrue(f >= 0f && f <= 1f);
            }
            float[] normals = mesh.renderNormals();
            for (int i = 0; i < normals.length; i += 3) {
                double l = Math.sqrt(normals[i] * normals[i] + normals[i + 1] * normals[i + 1] + normals[i + 2] * normals[i + 2]);
                assertEquals(1.0, l, 1e-3);
            }
        }
    }

    @Test
    void mirrorMapIsAnInvolutionAcrossTheRightVertices() {
        int[] mirror = CarTemplate.mirrorMap();
        int onPlane = 0;
        for (int v = 0; v < mirror.length; v++) {
            assertEquals(v, mirror[mirror[v]]);
            if (mirror[v] == v) {
                onPlane++;
            }
        }
        assertTrue(onPlane > 0);
    }

    @Test
    void uvChartsDoNotOverlap() {
        List<CarParams> cars = presets();
        cars.addAll(randomCars.subList(0, 8));
        for (CarParams params : cars) {
            CarMesh mesh = CarTemplate.build(params);
            assertEquals(0, MeshChecks.uvOverlaps(mesh.renderUvs(), mesh.renderTriangles(), 1024), params.toString());
        }
        // charts keep to their rectangles, each with a sensible share of the atlas
        CarMesh mesh = reference;
        float[] uv = mesh.renderUvs();
        int[] rt = mesh.renderTriangles();
        UvChart[] charts = mesh.triangleCharts();
        Map<UvChart, Double> area = new EnumMap<>(UvChart.class);
        for (int t = 0; t < charts.length; t++) {
            UvChart c = charts[t];
            for (int k = 0; k < 3; k++) {
                float u = uv[2 * rt[3 * t + k]];
                float v = uv[2 * rt[3 * t + k] + 1];
                assertTrue(u >= c.u0() - 1e-6f && u <= c.u1() + 1e-6f && v >= c.v0() - 1e-6f && v <= c.v1() + 1e-6f);
            }
            double ax = uv[2 * rt[3 * t]], ay = uv[2 * rt[3 * t] + 1];
            double bx = uv[2 * rt[3 * t + 1]], by = uv[2 * rt[3 * t + 1] + 1];
            double cx = uv[2 * rt[3 * t + 2]], cy = uv[2 * rt[3 * t + 2] + 1];
            area.merge(c, 0.5 * Math.abs((bx - ax) * (cy - ay) - (by - ay) * (cx - ax)), Double::sum);
        }
        for (UvChart c : UvChart.values()) {
            assertTrue(area.getOrDefault(c, 0.0) > 0.02, c + " area " + area.get(c));
        }
        assertTrue(area.get(UvChart.LEFT) > 0.1 && area.get(UvChart.RIGHT) > 0.1);
    }

    @Test
    void everyPartIsPresentAndLightsPointOutward() {
        EnumSet<CarPart> seen = EnumSet.noneOf(CarPart.class);
        for (CarPart p : CarTemplate.triangleParts()) {
            seen.add(p);
        }
        assertEquals(EnumSet.allOf(CarPart.class), seen);
        for (CarParams params : presets()) {
            CarMesh mesh = CarTemplate.build(params);
            for (CarPart part : CarPart.values()) {
                if (!part.isLight()) {
                    continue;
                }
                LightAnchor a = mesh.light(part);
                boolean front = part.name().startsWith("HEADLIGHT") || part.name().startsWith("BLINKER_FRONT");
                if (front) {
                    assertTrue(a.directionZ() > 0.5f && a.z() > params.frontAxleZ(), part + " " + a);
                } else {
                    assertTrue(a.directionZ() < -0.5f && a.z() < params.rearAxleZ(), part + " " + a);
                }
                assertEquals(part.name().endsWith("_L"), a.x() > 0f, part + " side");
            }
            assertEquals(10, mesh.lights().size());
            SurfaceMesh glass = mesh.extract(EnumSet.of(CarPart.WINDOW));
            assertTrue(glass.triangleCount() > 100);
        }
    }

    @Test
    void wheelsSitOnTheGroundAndClearTheBody() {
        List<CarParams> cars = presets();
        cars.addAll(randomCars.subList(0, 25));
        // exposed wheels have no arches: their clearance comes from the narrow body alone
        randomCars.stream().filter(CarParams::wheelsExposed).limit(10).forEach(cars::add);
        assertTrue(cars.stream().filter(CarParams::wheelsExposed).count() >= 5);
        for (CarParams params : cars) {
            CarMesh mesh = CarTemplate.build(params);
            float[] p = mesh.shapePositions();
            int[] tri = mesh.triangles();
            for (WheelAnchor w : mesh.wheels()) {
                assertEquals(w.radius(), w.centerY(), 1e-6f);
                assertEquals(w.position().isLeft(), w.centerX() > 0f);
                assertEquals(w.position().isFront(), w.centerZ() > 0f);
                // the tyre plus 1.5 cm of suspension clearance must be outside the body
                float clearance = 0.015f;
                for (float rf : new float[] {0f, 0.5f, 1f}) {
                    float r = rf * (w.radius() + clearance);
                    int steps = rf == 0f ? 1 : 24;
                    for (int a = 0; a < steps; a++) {
                        double th = 2 * Math.PI * a / steps;
                        for (float xf : new float[] {-0.5f, 0f, 0.5f}) {
                            double x = w.centerX() + xf * (w.width() + 0.01f);
                            double y = w.centerY() + r * Math.sin(th);
                            double z = w.centerZ() + r * Math.cos(th);
                            assertFalse(MeshChecks.inside(p, tri, x, y, z),
                                    w.position() + " intersects body at (" + x + "," + y + "," + z + ") " + params);
                        }
                    }
                }
            }
            // sanity of the inside test: a point in the cabin is inside
            assertTrue(MeshChecks.inside(p, tri, 0.0, 0.6 * params.height(), 0.0));
        }
    }

    @Test
    void residualIsAppliedSymmetrically() {
        CarParams params = CarParams.preset(BodyType.HATCHBACK);
        Random random = new Random(3);
        float[] residual = new float[3 * CarTemplate.SHAPE_VERTICES];
        for (int i = 0; i < residual.length; i++) {
            residual[i] = 0.02f * (float) random.nextGaussian();
        }
        residual[0] += 0.05f; // deliberately asymmetric
        CarMesh mesh = CarTemplate.build(params, residual);
        float[] p = mesh.shapePositions();
        int[] mirror = mesh.mirrorMap();
        for (int v = 0; v < mirror.length; v++) {
            assertEquals(-p[3 * v], p[3 * mirror[v]], 1e-5f);
            assertEquals(p[3 * v + 1], p[3 * mirror[v] + 1], 1e-5f);
            assertEquals(p[3 * v + 2], p[3 * mirror[v] + 2], 1e-5f);
        }
        float[] base = CarTemplate.build(params).shapePositions();
        double moved = 0;
        for (int i = 0; i < p.length; i++) {
            moved = Math.max(moved, Math.abs(p[i] - base[i]));
        }
        assertTrue(moved > 1e-3 && moved < 0.05, "residual moved " + moved);
        assertArrayEquals(base, CarTemplate.build(params, new float[residual.length]).shapePositions(), 1e-7f);
        assertThrows(IllegalArgumentException.class, () -> CarTemplate.build(params, new float[5]));
        assertThrows(IllegalArgumentException.class, () -> CarTemplate.build(null, null));
    }

    @Test
    void residualBackwardIsTheTransposeOfTheResidualMap() {
        CarParams params = CarParams.preset(BodyType.SUV);
        Random random = new Random(11);
        int n = 3 * CarTemplate.SHAPE_VERTICES;
        float[] residual = new float[n];
        float[] grad = new float[n];
        for (int i = 0; i < n; i++) {
            residual[i] = 0.01f * (float) random.nextGaussian();
            grad[i] = (float) random.nextGaussian();
        }
        float[] base = CarTemplate.build(params).shapePositions();
        float[] moved = CarTemplate.build(params, residual).shapePositions();
        float[] back = CarTemplate.residualBackward(grad);
        // <g, F r> = <F^T g, r> for the linear residual map F
        double lhs = 0;
        double rhs = 0;
        for (int i = 0; i < n; i++) {
            lhs += grad[i] * ((double) moved[i] - base[i]);
            rhs += back[i] * (double) residual[i];
        }
        assertEquals(lhs, rhs, 1e-3 * Math.abs(lhs) + 1e-6, "adjoint mismatch");
        assertThrows(IllegalArgumentException.class, () -> CarTemplate.residualBackward(new float[3]));
        grad[7] = Float.NaN;
        assertThrows(IllegalArgumentException.class, () -> CarTemplate.residualBackward(grad));
    }
}
