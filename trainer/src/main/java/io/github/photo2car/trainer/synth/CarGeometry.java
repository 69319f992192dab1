package io.github.photo2car.trainer.synth;

import io.github.photo2car.template.CarMesh;
import io.github.photo2car.template.CarParams;
import io.github.photo2car.template.CarPart;
import io.github.photo2car.template.CarTemplate;
import io.github.photo2car.template.SurfaceMesh;
import io.github.photo2car.template.WheelAnchor;
import io.github.photo2car.template.WheelMesh;
import io.github.photo2car.template.WheelMeshBuilder;
import io.github.photo2car.template.WheelPosition;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The geometry of one synthetic car in the car frame (metres, +Y up, +Z forward, +X left): the
 * template body split into material groups, the wheels placed at their anchors, and a labelled
 * triangle soup of the whole car (body and wheels) for label maps and for re-rendering with the
 * differentiable rasterizer. Everything is a pure function of the {@link CarParams}, the
 * residual (if any) and the appearance's wheel style, so a stored sample can always rebuild it.
 * Immutable.
 */
public final class CarGeometry {

    /** Body regions that get their own material. */
    public enum Group {
        PAINT, ROOF, GLASS, GRILLE, BUMPER, UNDERBODY, PLATE_FRONT, PLATE_REAR, HEADLAMP, TAILLAMP, INDICATOR, REVERSE
    }

    /**
     * A plain indexed triangle mesh.
     *
     * @param positions x, y, z per vertex (m)
     * @param normals   unit normals per vertex
     * @param uvs       u, v per vertex
     * @param triangles three vertex indices per triangle, counter-clockwise from outside
     */
    public record Arrays(float[] positions, float[] normals, float[] uvs, int[] triangles) {
    }

    /**
     * A labelled triangle soup of the whole car, car frame.
     *
     * @param positions x, y, z per vertex (m)
     * @param triangles three vertex indices per triangle
     * @param labels    {@link LabelIds} value per triangle
     */
    public record Soup(float[] positions, int[] triangles, int[] labels) {
    }

    private final CarMesh body;
    private final WheelMesh wheel;
    private final Map<Group, Arrays> groups;
    private final Soup soup;

    private CarGeometry(CarMesh body, WheelMesh wheel, boolean twoTone) {
        this.body = body;
        this.wheel = wheel;
        this.groups = split(body, twoTone);
        this.soup = buildSoup(body, wheel);
    }

    /**
     * Builds the geometry of a car.
     *
     * @param params     the shape (not null)
     * @param appearance the look: its spokes, rim ratio and two-tone roof matter here (not null)
     * @return the geometry
     */
    public static CarGeometry build(CarParams params, CarAppearance appearance) {
        return build(params, appearance, null);
    }

    /**
     * Builds the geometry of a car whose body leaves the template by a residual.
     *
     * @param params     the shape (not null)
     * @param appearance the look: its spokes, rim ratio and two-tone roof matter here (not null)
     * @param residual   per-shape-vertex residual [3*SHAPE_VERTICES], metres, or null for none (not
     *                   modified; see {@link ResidualModes})
     * @return the geometry
     */
    public static CarGeometry build(CarParams params, CarAppearance appearance, float[] residual) {
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(appearance, "appearance");
        CarMesh body = CarTemplate.build(params, residual);
        WheelMesh wheel = WheelMeshBuilder.build(params.wheelRadius(), params.wheelWidth(), appearance.spokes(),
                appearance.rimRatio());
        return new CarGeometry(body, wheel, appearance.roof() != null);
    }

    /** @return the body mesh */
    public CarMesh body() {
        return body;
    }

    /** @return the wheel mesh (wheel frame: axle along X, rim face toward +X) */
    public WheelMesh wheel() {
        return wheel;
    }

    /**
     * @param group a body region (not null)
     * @return its triangles (possibly none); arrays are shared, do not modify
     */
    public Arrays group(Group group) {
        return groups.get(group);
    }

    /** @return the labelled soup of the whole car; arrays are shared, do not modify */
    public Soup soup() {
        return soup;
    }

    /**
     * Maps a wheel-frame point into the car frame for one wheel: right-hand wheels are turned half
     * a turn about +Y so their rim faces outward, then all are moved to their anchor.
     *
     * @param anchor the wheel's anchor (not null)
     * @param in     wheel-frame positions or directions, 3 per point (not modified)
     * @param point  true to translate (positions), false for directions
     * @return a new array of car-frame values
     */
    public static float[] toCarFrame(WheelAnchor anchor, float[] in, boolean point) {
        float[] out = new float[in.length];
        boolean flip = !anchor.position().isLeft();
        for (int i = 0; i < in.length; i += 3) {
            float x = flip ? -in[i] : in[i];
            float z = flip ? -in[i + 2] : in[i + 2];
            out[i] = x + (point ? anchor.centerX() : 0f);
            out[i + 1] = in[i + 1] + (point ? anchor.centerY() : 0f);
            out[i + 2] = z + (point ? anchor.centerZ() : 0f);
        }
        return out;
    }

    private static Set<CarPart> partsOf(Group group) {
        return switch (group) {
            case PAINT, ROOF -> EnumSet.of(CarPart.PAINT);
            case GLASS -> EnumSet.of(CarPart.WINDOW);
            case HEADLAMP -> EnumSet.of(CarPart.HEADLIGHT_L, CarPart.HEADLIGHT_R);
            case TAILLAMP -> EnumSet.of(CarPart.TAILLIGHT_L, CarPart.TAILLIGHT_R);
            case INDICATOR -> EnumSet.of(CarPart.BLINKER_FRONT_L, CarPart.BLINKER_FRONT_R, CarPart.BLINKER_REAR_L,
                    CarPart.BLINKER_REAR_R);
            case REVERSE -> EnumSet.of(CarPart.REVERSE_L, CarPart.REVERSE_R);
            case GRILLE -> EnumSet.of(CarPart.GRILLE);
            case BUMPER -> EnumSet.of(CarPart.BUMPER_FRONT, CarPart.BUMPER_REAR);
            case UNDERBODY -> EnumSet.of(CarPart.UNDERBODY);
            case PLATE_FRONT -> EnumSet.of(CarPart.PLATE_FRONT);
            case PLATE_REAR -> EnumSet.of(CarPart.PLATE_REAR);
        };
    }

    private static Map<Group, Arrays> split(CarMesh mesh, boolean twoTone) {
        Map<Group, Arrays> result = new EnumMap<>(Group.class);
        for (Group g : Group.values()) {
            if (g == Group.ROOF) {
                continue;
            }
            SurfaceMesh part = mesh.extract(partsOf(g));
            float[] p = part.positions();
            float[] uv = part.uvs();
            if (g == Group.PLATE_FRONT || g == Group.PLATE_REAR) {
                plateUvs(p, uv, g == Group.PLATE_REAR);
            }
            result.put(g, new Arrays(p, part.normals(), uv, part.triangles()));
        }
        Arrays paint = result.get(Group.PAINT);
        int[][] split = twoTone ? splitAbove(paint, mesh.params().beltlineHeight() + 0.04f)
                : new int[][] {paint.triangles(), new int[0]};
        // both share the paint's vertex arrays; each draws only its own triangles
        result.put(Group.PAINT, new Arrays(paint.positions(), paint.normals(), paint.uvs(), split[0]));
        result.put(Group.ROOF, new Arrays(paint.positions(), paint.normals(), paint.uvs(), split[1]));
        return result;
    }

    /** Splits triangles into {below, above} by the height of their centroid. */
    private static int[][] splitAbove(Arrays mesh, float height) {
        int[] t = mesh.triangles();
        float[] p = mesh.positions();
        int[] below = new int[t.length];
        int[] above = new int[t.length];
        int nb = 0;
        int na = 0;
        for (int i = 0; i < t.length; i += 3) {
            float cy = (p[3 * t[i] + 1] + p[3 * t[i + 1] + 1] + p[3 * t[i + 2] + 1]) / 3f;
            if (cy > height) {
                System.arraycopy(t, i, above, na, 3);
                na += 3;
            } else {
                System.arraycopy(t, i, below, nb, 3);
                nb += 3;
            }
        }
        return new int[][] {java.util.Arrays.copyOf(below, nb), java.util.Arrays.copyOf(above, na)};
    }

    /** Plate texture coordinates from the plate's own extent, read left to right from outside. */
    private static void plateUvs(float[] p, float[] uv, boolean rear) {
        float minX = Float.MAX_VALUE;
        float maxX = -Float.MAX_VALUE;
        float minY = Float.MAX_VALUE;
        float maxY = -Float.MAX_VALUE;
        for (int i = 0; i < p.length; i += 3) {
            minX = Math.min(minX, p[i]);
            maxX = Math.max(maxX, p[i]);
            minY = Math.min(minY, p[i + 1]);
            maxY = Math.max(maxY, p[i + 1]);
        }
        float w = Math.max(maxX - minX, 1e-6f);
        float h = Math.max(maxY - minY, 1e-6f);
        for (int i = 0, j = 0; i < p.length; i += 3, j += 2) {
            float s = (p[i] - minX) / w;
            // seen from the front, +X (the car's left) is on the viewer's right; from behind, on the left
            uv[j] = rear ? 1f - s : s;
            uv[j + 1] = (p[i + 1] - minY) / h;
        }
    }

    private static Soup buildSoup(CarMesh mesh, WheelMesh wheel) {
        float[] bodyPos = mesh.renderPositions();
        int[] bodyTris = mesh.renderTriangles();
        CarPart[] parts = mesh.triangleParts();
        float[] tyrePos = wheel.tyre().positions();
        int[] tyreTris = wheel.tyre().triangles();
        float[] rimPos = wheel.rim().positions();
        int[] rimTris = wheel.rim().triangles();
        int wheels = WheelPosition.values().length;
        int vertices = bodyPos.length / 3 + wheels * (tyrePos.length + rimPos.length) / 3;
        int triangles = bodyTris.length / 3 + wheels * (tyreTris.length + rimTris.length) / 3;
        float[] pos = new float[3 * vertices];
        int[] tris = new int[3 * triangles];
        int[] labels = new int[triangles];
        System.arraycopy(bodyPos, 0, pos, 0, bodyPos.length);
        System.arraycopy(bodyTris, 0, tris, 0, bodyTris.length);
        for (int t = 0; t < parts.length; t++) {
            labels[t] = LabelIds.of(parts[t]);
        }
        int v = bodyPos.length / 3;
        int t = parts.length;
        for (WheelAnchor a : mesh.wheels()) {
            int wp = a.position().ordinal();
            for (int pass = 0; pass < 2; pass++) {
                float[] local = pass == 0 ? tyrePos : rimPos;
                int[] ltris = pass == 0 ? tyreTris : rimTris;
                float[] world = toCarFrame(a, local, true);
                System.arraycopy(world, 0, pos, 3 * v, world.length);
                for (int i = 0; i < ltris.length; i += 3) {
                    tris[3 * t] = v + ltris[i];
                    tris[3 * t + 1] = v + ltris[i + 1];
                    tris[3 * t + 2] = v + ltris[i + 2];
                    labels[t] = (pass == 0 ? LabelIds.TYRE : LabelIds.RIM) + wp;
                    t++;
                }
                v += world.length / 3;
            }
        }
        return new Soup(pos, tris, labels);
    }
}
