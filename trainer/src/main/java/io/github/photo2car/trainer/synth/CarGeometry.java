package io.github.photo2car.trainer.synth;

import io.github.photo2car.template.CarMesh;
import io.github.photo2car.template.CarParams;
import io.github.photo2car.template.CarPart;
import io.github.photo2car.template.CarTemplate;
import io.github.photo2car.template.WheelAnchor;
import io.github.photo2car.template.WheelMesh;
import io.github.photo2car.template.WheelMeshBuilder;
import io.github.photo2car.template.WheelPosition;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The geometry of one synthetic car in the car frame (metres, +Y up, +Z forward, +X left): the
 * template body split into material groups, the wheels placed at their anchors, and a labelled
 * triangle soup of the whole car (body and wheels) for label maps and for re-rendering with the
 * differentiable rasterizer. Everything is a pure function of the {@link CarParams} and the
 * appearance's wheel style, so a stored sample can always rebuild it. Immutable.
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
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(appearance, "appearance");
        CarMesh body = CarTemplate.build(params);
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

    private static Group groupOf(CarPart part) {
        return switch (part) {
            case PAINT -> Group.PAINT;
            case WINDOW -> Group.GLASS;
            case HEADLIGHT_L, HEADLIGHT_R -> Group.HEADLAMP;
            case TAILLIGHT_L, TAILLIGHT_R -> Group.TAILLAMP;
            case BLINKER_FRONT_L, BLINKER_FRONT_R, BLINKER_REAR_L, BLINKER_REAR_R -> Group.INDICATOR;
            case REVERSE_L, REVERSE_R -> Group.REVERSE;
            case GRILLE -> Group.GRILLE;
            case BUMPER_FRONT, BUMPER_REAR -> Group.BUMPER;
            case UNDERBODY -> Group.UNDERBODY;
            case PLATE_FRONT -> Group.PLATE_FRONT;
            case PLATE_REAR -> Group.PLATE_REAR;
        };
    }

    private static Map<Group, Arrays> split(CarMesh mesh, boolean twoTone) {
        CarPart[] parts = mesh.triangleParts();
        int[] tris = mesh.renderTriangles();
        float[] pos = mesh.renderPositions();
        float[] nor = mesh.renderNormals();
        float[] uv = mesh.renderUvs();
        float roofFrom = mesh.params().beltlineHeight() + 0.04f;
        Group[] of = new Group[parts.length];
        for (int t = 0; t < parts.length; t++) {
            Group g = groupOf(parts[t]);
            if (twoTone && g == Group.PAINT) {
                float cy = (pos[3 * tris[3 * t] + 1] + pos[3 * tris[3 * t + 1] + 1] + pos[3 * tris[3 * t + 2] + 1]) / 3f;
                if (cy > roofFrom) {
                    g = Group.ROOF;
                }
            }
            of[t] = g;
        }
        Map<Group, Arrays> result = new EnumMap<>(Group.class);
        int n = pos.length / 3;
        for (Group g : Group.values()) {
            int[] remap = new int[n];
            java.util.Arrays.fill(remap, -1);
            int vertices = 0;
            int count = 0;
            for (int t = 0; t < of.length; t++) {
                if (of[t] == g) {
                    count++;
                    for (int c = 0; c < 3; c++) {
                        if (remap[tris[3 * t + c]] < 0) {
                            remap[tris[3 * t + c]] = vertices++;
                        }
                    }
                }
            }
            float[] p = new float[3 * vertices];
            float[] nn = new float[3 * vertices];
            float[] u = new float[2 * vertices];
            for (int r = 0; r < n; r++) {
                int o = remap[r];
                if (o >= 0) {
                    System.arraycopy(pos, 3 * r, p, 3 * o, 3);
                    System.arraycopy(nor, 3 * r, nn, 3 * o, 3);
                    System.arraycopy(uv, 2 * r, u, 2 * o, 2);
                }
            }
            int[] idx = new int[3 * count];
            int k = 0;
            for (int t = 0; t < of.length; t++) {
                if (of[t] == g) {
                    for (int c = 0; c < 3; c++) {
                        idx[k++] = remap[tris[3 * t + c]];
                    }
                }
            }
            if (g == Group.PLATE_FRONT || g == Group.PLATE_REAR) {
                plateUvs(p, u, g == Group.PLATE_REAR);
            }
            result.put(g, new Arrays(p, nn, u, idx));
        }
        return result;
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
