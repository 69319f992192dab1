package io.github.photo2car.pipeline;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

import io.github.photo2car.bake.BakedTexture;
import io.github.photo2car.raster.OrbitCamera;
import io.github.photo2car.raster.RasterBackend;
import io.github.photo2car.raster.RasterOutput;
import io.github.photo2car.template.CarMesh;
import io.github.photo2car.template.CarPart;
import io.github.photo2car.template.SurfaceMesh;
import io.github.photo2car.template.WheelAnchor;
import io.github.photo2car.template.WheelMesh;
import io.github.photo2car.template.WheelMeshBuilder;

/**
 * Draws a built car (textured body and its four wheels) from any camera with the rasterizer,
 * with no GL context: previews for the command line, contact sheets for evaluations. Simple
 * shading (ambient plus one light from above and in front of the camera), not the game's
 * materials. Thread-safe if the backend is.
 */
public final class PreviewRenderer {

    private static final float[] TYRE = {0.06f, 0.06f, 0.065f};
    private static final float[] RIM = {0.62f, 0.63f, 0.66f};
    private static final float[] SHEET_TURNS_DEG = {90, 180, 270};
    private static final float[] CLAY_PAINT = {0.74f, 0.71f, 0.66f};
    private static final float[] CLAY_WINDOW = {0.16f, 0.2f, 0.26f};
    private static final float[] CLAY_LIGHT = {0.95f, 0.94f, 0.86f};
    private static final float[] CLAY_TAIL = {0.72f, 0.1f, 0.08f};
    private static final float[] CLAY_BLINKER = {0.95f, 0.55f, 0.1f};
    private static final float[] CLAY_DARK = {0.14f, 0.14f, 0.15f};
    private static final float[] CLAY_TRIM = {0.55f, 0.53f, 0.5f};

    private final RasterBackend backend;

    /** @param backend the rasterizer (not null) */
    public PreviewRenderer(RasterBackend backend) {
        if (backend == null) {
            throw new IllegalArgumentException("backend must not be null");
        }
        this.backend = backend;
    }

    /**
     * @param car        the car body (car frame, metres)
     * @param texture    its baked texture, or null for clay: a neutral paint with the parts told
     *                   apart by colour (dark windows, lamps in their colours), a look that holds
     *                   no pixel of the photo
     * @param camera     the camera
     * @param width      image width in pixels
     * @param height     image height in pixels
     * @param background the image behind the car [H*W] packed 0xRRGGBB, or null for a grey
     *                   gradient (not modified)
     * @return a new image
     */
    public BufferedImage render(CarMesh car, BakedTexture texture, OrbitCamera camera, int width, int height,
                                int[] background) {
        float aspect = width / (float) height;
        Scene scene = new Scene(width * height);
        addBody(scene, car, texture, camera, aspect, width, height);
        WheelMesh wheel = WheelMeshBuilder.build(car.params());
        for (WheelAnchor a : car.wheels()) {
            // the rim faces +X in its own frame: turn it for the right-hand (-X) wheels
            float sign = a.centerX() >= 0 ? 1 : -1;
            addPart(scene, place(wheel.tyre().positions(), a, sign), turn(wheel.tyre().normals(), sign),
                    wheel.tyre().triangles(), TYRE, camera, aspect, width, height);
            addPart(scene, place(wheel.rim().positions(), a, sign), turn(wheel.rim().normals(), sign),
                    wheel.rim().triangles(), RIM, camera, aspect, width, height);
        }
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int p = 0; p < width * height; p++) {
            int rgb;
            if (scene.depth[p] < Float.POSITIVE_INFINITY) {
                rgb = pack(scene.rgb[3 * p], scene.rgb[3 * p + 1], scene.rgb[3 * p + 2]);
            } else if (background != null) {
                rgb = background[p];
            } else {
                float t = (p / width) / (float) height;
                rgb = pack(0.78f - 0.25f * t, 0.8f - 0.25f * t, 0.83f - 0.25f * t);
            }
            img.setRGB(p % width, p / width, rgb);
        }
        return img;
    }

    /**
     * The car's coverage as the game shows it: the body and its four wheels (tyres and rims, at
     * their design position), seen through a camera. This is the outline to score against a
     * photo's car mask, which includes the tyres.
     *
     * @param car    the car body (car frame, metres; not modified)
     * @param camera the camera (not null)
     * @param width  image width in pixels (&gt; 0)
     * @param height image height in pixels (&gt; 0)
     * @return a new [height*width] array, 1 where the car covers the pixel centre and 0 elsewhere,
     *         row 0 at the top
     */
    public float[] silhouette(CarMesh car, OrbitCamera camera, int width, int height) {
        return rasterizeShown(car, camera, width, height).raster().mask(0);
    }

    /**
     * What the game shows of the car at each pixel, seen through a camera: which body triangle
     * (or a wheel) and where on the car it is, for scoring the car's parts against a photo's part
     * labels. The same coverage as {@link #silhouette}.
     *
     * @param car    the car body (car frame, metres; not modified)
     * @param camera the camera (not null)
     * @param width  image width in pixels (&gt; 0)
     * @param height image height in pixels (&gt; 0)
     * @return the part pixels, row 0 at the top
     */
    public PartPixels parts(CarMesh car, OrbitCamera camera, int width, int height) {
        Shown shown = rasterizeShown(car, camera, width, height);
        int[] ids = shown.raster().triangleIds(0).clone();
        int bodyTriangles = car.triangleCount();
        for (int p = 0; p < ids.length; p++) {
            if (ids[p] >= bodyTriangles) {
                ids[p] = PartPixels.WHEEL;
            }
        }
        float[] carZ = backend.interpolate(shown.raster(), shown.triangles(), new float[][] {shown.zOnly()}, 1)[0];
        return new PartPixels(width, height, ids, carZ);
    }

    /** The body and wheels rasterized, with the mesh they were made of. */
    private record Shown(RasterOutput raster, int[] triangles, float[] zOnly) {
    }

    private Shown rasterizeShown(CarMesh car, OrbitCamera camera, int width, int height) {
        if (car == null || camera == null || width <= 0 || height <= 0) {
            throw new IllegalArgumentException("car and camera must not be null and the size positive: "
                    + width + "x" + height);
        }
        WheelMesh wheel = WheelMeshBuilder.build(car.params());
        List<float[]> positions = new ArrayList<>();
        List<int[]> triangles = new ArrayList<>();
        positions.add(car.shapePositions());
        triangles.add(car.triangles());
        for (WheelAnchor a : car.wheels()) {
            float sign = a.centerX() >= 0 ? 1 : -1;
            for (SurfaceMesh part : new SurfaceMesh[] {wheel.tyre(), wheel.rim()}) {
                positions.add(place(part.positions(), a, sign));
                triangles.add(part.triangles());
            }
        }
        int vertices = positions.stream().mapToInt(v -> v.length).sum();
        int indices = triangles.stream().mapToInt(t -> t.length).sum();
        float[] world = new float[vertices];
        int[] tris = new int[indices];
        int v = 0;
        int t = 0;
        for (int k = 0; k < positions.size(); k++) {
            float[] pos = positions.get(k);
            int[] tri = triangles.get(k);
            System.arraycopy(pos, 0, world, v, pos.length);
            for (int index : tri) {
                tris[t++] = index + v / 3;
            }
            v += pos.length;
        }
        float[][] clip = {camera.project(world, width / (float) height)};
        float[] z = new float[world.length / 3];
        for (int i = 0; i < z.length; i++) {
            z[i] = world[3 * i + 2];
        }
        return new Shown(backend.rasterize(clip, tris, width, height), tris, z);
    }

    /**
     * A contact sheet of a conversion: the photo, the car drawn over it from the fitted camera,
     * and the car from three other sides (turned 90, 180 and 270 degrees).
     *
     * @param photo  the photo the car was built from (not modified)
     * @param build  the conversion's result
     * @param height the sheet's height in pixels
     * @return a new image
     */
    public BufferedImage sheet(BufferedImage photo, CarBuild build, int height) {
        int h = height;
        int w = Math.max(1, Math.round(h * photo.getWidth() / (float) photo.getHeight()));
        BufferedImage scaled = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D sg = scaled.createGraphics();
        sg.setRenderingHint(java.awt.RenderingHints.KEY_INTERPOLATION,
                java.awt.RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        sg.drawImage(photo, 0, 0, w, h, null);
        sg.dispose();
        BufferedImage sheet = new BufferedImage(2 * w + 3 * h, h, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = sheet.createGraphics();
        g.drawImage(scaled, 0, 0, null);
        g.drawImage(render(build.car(), build.texture(), build.camera(), w, h, scaled.getRGB(0, 0, w, h, null, 0, w)),
                w, 0, null);
        for (int k = 0; k < SHEET_TURNS_DEG.length; k++) {
            g.drawImage(render(build.car(), build.texture(), turnedView(build, SHEET_TURNS_DEG[k]), h, h, null),
                    2 * w + k * h, 0, null);
        }
        g.dispose();
        return sheet;
    }

    /** @return a new array: the turns of a contact sheet's three other views, degrees of azimuth */
    public static float[] sheetTurnsDeg() {
        return SHEET_TURNS_DEG.clone();
    }

    /**
     * The camera of a contact sheet's other views: the fitted camera's azimuth turned, seen from
     * 15 degrees up and 9 m away through a 35-degree lens, aimed at the middle of the car's height.
     *
     * @param build   the conversion's result (not null)
     * @param turnDeg degrees added to the fitted azimuth (+ turns the camera counter-clockwise seen
     *                from above)
     * @return a new camera, car frame
     */
    public static OrbitCamera turnedView(CarBuild build, float turnDeg) {
        return new OrbitCamera(build.camera().azimuthDeg() + turnDeg, 15, 9f, 35, 0, 0, 0, 0,
                0.5f * build.car().params().height(), 0, 0.1f, 200);
    }

    /** Nearest colour and depth so far, per pixel. */
    private static final class Scene {
        final float[] rgb;
        final float[] depth;

        Scene(int pixels) {
            rgb = new float[3 * pixels];
            depth = new float[pixels];
            java.util.Arrays.fill(depth, Float.POSITIVE_INFINITY);
        }
    }

    private void addBody(Scene scene, CarMesh car, BakedTexture texture, OrbitCamera camera, float aspect, int w,
                         int h) {
        int[] tris = car.renderTriangles();
        RasterOutput r = backend.rasterize(new float[][] {camera.project(car.renderPositions(), aspect)}, tris, w, h);
        float[] uv = backend.interpolate(r, tris, new float[][] {car.renderUvs()}, 2)[0];
        float[] n = backend.interpolate(r, tris, new float[][] {car.renderNormals()}, 3)[0];
        float[] tex = texture == null ? null : texture.rgb();
        int size = texture == null ? 0 : texture.size();
        CarPart[] parts = texture == null ? car.triangleParts() : null;
        int[] ids = r.triangleIds(0);
        float[] depth = r.depth(0);
        float[] light = lightDirection(camera);
        for (int p = 0; p < ids.length; p++) {
            if (ids[p] < 0 || depth[p] >= scene.depth[p]) {
                continue;
            }
            float shade = shade(n, p, light);
            if (tex == null) {
                float[] clay = clay(parts[ids[p]]);
                for (int c = 0; c < 3; c++) {
                    scene.rgb[3 * p + c] = clay[c] * shade;
                }
            } else {
                int tx = Math.max(0, Math.min(size - 1, (int) (uv[2 * p] * size)));
                int ty = Math.max(0, Math.min(size - 1, (int) ((1 - uv[2 * p + 1]) * size)));
                for (int c = 0; c < 3; c++) {
                    scene.rgb[3 * p + c] = tex[3 * (ty * size + tx) + c] * shade;
                }
            }
            scene.depth[p] = depth[p];
        }
    }

    private void addPart(Scene scene, float[] positions, float[] normals, int[] tris, float[] color, OrbitCamera camera,
                         float aspect, int w, int h) {
        RasterOutput r = backend.rasterize(new float[][] {camera.project(positions, aspect)}, tris, w, h);
        float[] n = backend.interpolate(r, tris, new float[][] {normals}, 3)[0];
        int[] ids = r.triangleIds(0);
        float[] depth = r.depth(0);
        float[] light = lightDirection(camera);
        for (int p = 0; p < ids.length; p++) {
            if (ids[p] < 0 || depth[p] >= scene.depth[p]) {
                continue;
            }
            float shade = shade(n, p, light);
            for (int c = 0; c < 3; c++) {
                scene.rgb[3 * p + c] = color[c] * shade;
            }
            scene.depth[p] = depth[p];
        }
    }

    /** The clay look's colour of a part (linear-ish RGB in [0, 1]). */
    private static float[] clay(CarPart part) {
        return switch (part) {
            case PAINT -> CLAY_PAINT;
            case WINDOW -> CLAY_WINDOW;
            case HEADLIGHT_L, HEADLIGHT_R, REVERSE_L, REVERSE_R, PLATE_FRONT, PLATE_REAR -> CLAY_LIGHT;
            case TAILLIGHT_L, TAILLIGHT_R -> CLAY_TAIL;
            case BLINKER_FRONT_L, BLINKER_FRONT_R, BLINKER_REAR_L, BLINKER_REAR_R -> CLAY_BLINKER;
            case GRILLE, UNDERBODY -> CLAY_DARK;
            case BUMPER_FRONT, BUMPER_REAR -> CLAY_TRIM;
        };
    }

    /** Wheel-frame positions to car-frame positions at the anchor (turned about Y for sign -1). */
    private static float[] place(float[] local, WheelAnchor a, float sign) {
        float[] out = new float[local.length];
        for (int i = 0; i < local.length; i += 3) {
            out[i] = a.centerX() + sign * local[i];
            out[i + 1] = a.centerY() + local[i + 1];
            out[i + 2] = a.centerZ() + sign * local[i + 2];
        }
        return out;
    }

    private static float[] turn(float[] normals, float sign) {
        float[] out = normals.clone();
        for (int i = 0; i < out.length; i += 3) {
            out[i] *= sign;
            out[i + 2] *= sign;
        }
        return out;
    }

    /** A light from above, over the camera's shoulder. */
    private static float[] lightDirection(OrbitCamera camera) {
        float[] eye = camera.eye();
        double x = eye[0] - camera.targetX();
        double z = eye[2] - camera.targetZ();
        double len = Math.sqrt(x * x + z * z) + 1e-9;
        double lx = 0.5 * x / len;
        double lz = 0.5 * z / len;
        double ly = 0.85;
        double n = Math.sqrt(lx * lx + ly * ly + lz * lz);
        return new float[] {(float) (lx / n), (float) (ly / n), (float) (lz / n)};
    }

    private static float shade(float[] n, int p, float[] l) {
        double d = n[3 * p] * l[0] + n[3 * p + 1] * l[1] + n[3 * p + 2] * l[2];
        double len = Math.sqrt(n[3 * p] * n[3 * p] + n[3 * p + 1] * n[3 * p + 1] + n[3 * p + 2] * n[3 * p + 2]);
        return (float) (0.45 + 0.55 * Math.max(0, len > 0 ? d / len : 0));
    }

    private static int pack(float r, float g, float b) {
        return (channel(r) << 16) | (channel(g) << 8) | channel(b);
    }

    private static int channel(float v) {
        return Math.max(0, Math.min(255, Math.round(v * 255)));
    }
}
