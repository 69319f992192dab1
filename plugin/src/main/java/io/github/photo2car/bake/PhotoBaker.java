package io.github.photo2car.bake;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Objects;
import java.util.Map;

import io.github.photo2car.raster.OrbitCamera;
import io.github.photo2car.raster.RasterBackend;
import io.github.photo2car.raster.RasterOutput;
import io.github.photo2car.template.CarMesh;
import io.github.photo2car.template.CarPart;

/**
 * Bakes one photo, or several photos of one car, onto a fitted car's body atlas (see the
 * package documentation for the idea).
 *
 * <p>How: the body's render mesh is rasterized in UV space (clip position = 2 uv - 1), which gives
 * every atlas texel its triangle and barycentrics, hence its point and normal on the car. The car
 * is rasterized once more through the photo's camera for a depth buffer (linear depth, the clip
 * w). A texel is <em>seen</em> when its point projects inside the photo, its depth matches the
 * buffer there (it is the front-most surface), its normal faces the camera by more than
 * {@link #MIN_FACING}, and the photo's mask (when known) says car. Texels facing the camera at
 * grazing angles blend toward the fill colour, because their photo colour is smeared over a
 * large area. Gutters between charts are dilated from their neighbours so mipmaps do not bleed
 * black into the car.
 *
 * <p>Thread-safe if the backend is; allocates per call (this is not per-frame work).
 */
public final class PhotoBaker {

    /** Texels facing the camera less than this (cosine) are not taken from the photo. */
    public static final float MIN_FACING = 0.15f;
    /** From this facing cosine on, the photo's colour is used unblended. */
    public static final float FULL_FACING = 0.4f;
    /** The depth buffer's longest side in pixels; enough to decide visibility. */
    static final int DEPTH_SIZE = 512;
    /** Relative and absolute (metres) depth tolerance of the visibility test. */
    private static final double DEPTH_REL = 0.01;
    private static final double DEPTH_ABS = 0.03;
    /** Gutter dilation rounds. */
    private static final int DILATE = 4;

    private static final Map<CarPart, float[]> PART_LOOK = new EnumMap<>(CarPart.class);

    static {
        float[] glass = {0.07f, 0.08f, 0.09f};
        float[] headlight = {0.82f, 0.83f, 0.82f};
        float[] tail = {0.50f, 0.04f, 0.05f};
        float[] amber = {0.85f, 0.45f, 0.08f};
        float[] reverse = {0.80f, 0.80f, 0.80f};
        float[] black = {0.05f, 0.05f, 0.05f};
        float[] plate = {0.90f, 0.90f, 0.88f};
        PART_LOOK.put(CarPart.WINDOW, glass);
        PART_LOOK.put(CarPart.HEADLIGHT_L, headlight);
        PART_LOOK.put(CarPart.HEADLIGHT_R, headlight);
        PART_LOOK.put(CarPart.TAILLIGHT_L, tail);
        PART_LOOK.put(CarPart.TAILLIGHT_R, tail);
        PART_LOOK.put(CarPart.BLINKER_FRONT_L, amber);
        PART_LOOK.put(CarPart.BLINKER_FRONT_R, amber);
        PART_LOOK.put(CarPart.BLINKER_REAR_L, amber);
        PART_LOOK.put(CarPart.BLINKER_REAR_R, amber);
        PART_LOOK.put(CarPart.REVERSE_L, reverse);
        PART_LOOK.put(CarPart.REVERSE_R, reverse);
        PART_LOOK.put(CarPart.GRILLE, black);
        PART_LOOK.put(CarPart.UNDERBODY, black);
        PART_LOOK.put(CarPart.PLATE_FRONT, plate);
        PART_LOOK.put(CarPart.PLATE_REAR, plate);
    }

    private final RasterBackend backend;

    /**
     * @param backend the rasterizer to use (not null)
     */
    public PhotoBaker(RasterBackend backend) {
        if (backend == null) {
            throw new IllegalArgumentException("backend must not be null");
        }
        this.backend = backend;
    }

    /**
     * Bakes the photo onto the car's atlas.
     *
     * @param photo  the photo, with its car mask when known (not modified)
     * @param car    the fitted car, in the car frame (metres; not modified)
     * @param camera the fitted camera of the photo (not modified)
     * @param size   the atlas side in texels, 16..4096
     * @return a new baked atlas
     * @throws IllegalArgumentException on a null argument or a size out of range
     */
    public BakedTexture bake(PhotoImage photo, CarMesh car, OrbitCamera camera, int size) {
        if (photo == null || camera == null) {
            throw new IllegalArgumentException("photo, car and camera must not be null");
        }
        return bake(List.of(photo), car, List.of(camera), size);
    }

    /**
     * Bakes several photos of one car onto its atlas: every texel takes its colour from the photo
     * that sees it most squarely (largest facing cosine); only a texel no photo sees takes the
     * mirror image's colour, again from the photo whose mirror sees it most squarely. One photo
     * bakes exactly as {@link #bake(PhotoImage, CarMesh, OrbitCamera, int)}.
     *
     * @param photos  the photos, each with its car mask when known (not null or empty, no null
     *                element; not modified)
     * @param car     the fitted car, in the car frame (metres; not modified)
     * @param cameras the fitted camera of each photo, parallel to photos (not modified)
     * @param size    the atlas side in texels, 16..4096
     * @return a new baked atlas
     * @throws IllegalArgumentException on a null argument or element, lists of different
     *                                  lengths, or a size out of range
     */
    public BakedTexture bake(List<PhotoImage> photos, CarMesh car, List<OrbitCamera> cameras, int size) {
        if (photos == null || car == null || cameras == null || photos.isEmpty() || photos.size() != cameras.size()
                || photos.stream().anyMatch(Objects::isNull) || cameras.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException("need a car and as many cameras as photos (at least one, no null)");
        }
        if (size < 16 || size > 4096) {
            throw new IllegalArgumentException("size must be 16..4096, got " + size);
        }
        int[] tris = car.renderTriangles();
        CarPart[] parts = car.triangleParts();
        RasterOutput atlas = rasterizeAtlas(car.renderUvs(), tris, size);
        float[] points = backend.interpolate(atlas, tris, new float[][] {car.renderPositions()}, 3)[0];
        float[] normals = backend.interpolate(atlas, tris, new float[][] {car.renderNormals()}, 3)[0];
        int[] ids = atlas.triangleIds(0);

        int texels = size * size;
        float[] rgb = new float[3 * texels];
        TexelSource[] sources = new TexelSource[texels];
        Arrays.fill(sources, TexelSource.NONE);
        float[] weight = new float[texels];
        float[] mirrored = new float[3 * texels];
        for (int t = 0; t < texels; t++) {
            if (ids[t] >= 0) {
                mirrored[3 * t] = -points[3 * t];
                mirrored[3 * t + 1] = points[3 * t + 1];
                mirrored[3 * t + 2] = points[3 * t + 2];
            }
        }
        int views = photos.size();
        DepthView[] depth = new DepthView[views];
        float[][] direct = new float[views][];
        float[][] mirror = new float[views][];
        float[][] eye = new float[views][];
        for (int k = 0; k < views; k++) {
            PhotoImage photo = photos.get(k);
            OrbitCamera camera = cameras.get(k);
            depth[k] = new DepthView(backend, car, camera, photo.aspect());
            direct[k] = camera.project(points, photo.aspect());
            mirror[k] = camera.project(mirrored, photo.aspect());
            eye[k] = camera.eye();
        }
        float[] color = new float[3];
        for (int t = 0; t < texels; t++) {
            if (ids[t] < 0) {
                continue;
            }
            sources[t] = TexelSource.FILLED;
            for (int k = 0; k < views; k++) {
                float facing = facing(points, normals, t, eye[k], 1);
                if (facing > weight[t] && depth[k].sample(photos.get(k), direct[k], t, facing, color)) {
                    sources[t] = TexelSource.SEEN;
                    weight[t] = facing;
                    System.arraycopy(color, 0, rgb, 3 * t, 3);
                }
            }
            for (int k = 0; k < views && sources[t] != TexelSource.SEEN; k++) {
                float mirrorFacing = facing(mirrored, normals, t, eye[k], -1);
                if (mirrorFacing > weight[t] && depth[k].sample(photos.get(k), mirror[k], t, mirrorFacing, color)) {
                    sources[t] = TexelSource.MIRRORED;
                    weight[t] = mirrorFacing;
                    System.arraycopy(color, 0, rgb, 3 * t, 3);
                }
            }
        }
        float[] paint = paintColor(rgb, sources, weight, ids, parts);
        for (int t = 0; t < texels; t++) {
            if (sources[t] == TexelSource.NONE) {
                continue;
            }
            float[] fill = PART_LOOK.getOrDefault(parts[ids[t]], paint);
            float keep = sources[t] == TexelSource.FILLED ? 0 : smoothstep(MIN_FACING, FULL_FACING, weight[t]);
            for (int c = 0; c < 3; c++) {
                rgb[3 * t + c] = keep * rgb[3 * t + c] + (1 - keep) * fill[c];
            }
        }
        dilate(rgb, sources, size);
        return new BakedTexture(size, rgb, sources, paint);
    }

    /** Rasterizes the render mesh in UV space: texel row 0 is v = 1, as in the images here. */
    private RasterOutput rasterizeAtlas(float[] uvs, int[] tris, int size) {
        int n = uvs.length / 2;
        float[] clip = new float[4 * n];
        for (int i = 0; i < n; i++) {
            clip[4 * i] = 2 * uvs[2 * i] - 1;
            clip[4 * i + 1] = 2 * uvs[2 * i + 1] - 1;
            clip[4 * i + 3] = 1;
        }
        return backend.rasterize(new float[][] {clip}, tris, size, size);
    }

    /** Cosine between the (sign-flipped for mirror images) normal of texel t and the eye ray. */
    private static float facing(float[] points, float[] normals, int t, float[] eye, int mirrorSign) {
        double dx = eye[0] - points[3 * t];
        double dy = eye[1] - points[3 * t + 1];
        double dz = eye[2] - points[3 * t + 2];
        double len = Math.sqrt(dx * dx + dy * dy + dz * dz);
        double nx = mirrorSign * normals[3 * t];
        double ny = normals[3 * t + 1];
        double nz = normals[3 * t + 2];
        double nl = Math.sqrt(nx * nx + ny * ny + nz * nz);
        if (!(len > 0 && nl > 0)) {
            return 0;
        }
        return (float) ((dx * nx + dy * ny + dz * nz) / (len * nl));
    }

    /**
     * The paint colour: the per-channel median of seen or mirrored paint texels facing the
     * camera well (robust to reflections and shadows), or a mid grey if none were seen.
     */
    private static float[] paintColor(float[] rgb, TexelSource[] sources, float[] weight, int[] ids,
                                      CarPart[] parts) {
        int n = 0;
        float[][] channels = new float[3][sources.length];
        for (int t = 0; t < sources.length; t++) {
            boolean photo = sources[t] == TexelSource.SEEN || sources[t] == TexelSource.MIRRORED;
            if (photo && weight[t] >= FULL_FACING && parts[ids[t]] == CarPart.PAINT) {
                for (int c = 0; c < 3; c++) {
                    channels[c][n] = rgb[3 * t + c];
                }
                n++;
            }
        }
        if (n == 0) {
            return new float[] {0.5f, 0.5f, 0.5f};
        }
        float[] paint = new float[3];
        for (int c = 0; c < 3; c++) {
            float[] v = Arrays.copyOf(channels[c], n);
            Arrays.sort(v);
            paint[c] = v[n / 2];
        }
        return paint;
    }

    /** Grows the car's texels into the gutters, averaging the neighbours, a few rounds. */
    private static void dilate(float[] rgb, TexelSource[] sources, int size) {
        boolean[] filled = new boolean[sources.length];
        for (int t = 0; t < sources.length; t++) {
            filled[t] = sources[t] != TexelSource.NONE;
        }
        for (int round = 0; round < DILATE; round++) {
            boolean[] next = filled.clone();
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    int t = y * size + x;
                    if (filled[t]) {
                        continue;
                    }
                    float r = 0;
                    float g = 0;
                    float b = 0;
                    int k = 0;
                    for (int dy = -1; dy <= 1; dy++) {
                        for (int dx = -1; dx <= 1; dx++) {
                            int xx = x + dx;
                            int yy = y + dy;
                            if (xx >= 0 && yy >= 0 && xx < size && yy < size && filled[yy * size + xx]) {
                                int q = 3 * (yy * size + xx);
                                r += rgb[q];
                                g += rgb[q + 1];
                                b += rgb[q + 2];
                                k++;
                            }
                        }
                    }
                    if (k > 0) {
                        rgb[3 * t] = r / k;
                        rgb[3 * t + 1] = g / k;
                        rgb[3 * t + 2] = b / k;
                        next[t] = true;
                    }
                }
            }
            filled = next;
        }
    }

    private static float smoothstep(float edge0, float edge1, float x) {
        float t = Math.max(0, Math.min(1, (x - edge0) / (edge1 - edge0)));
        return t * t * (3 - 2 * t);
    }

    /** The car's linear depth (clip w) as seen through the photo's camera, at reduced size. */
    private static final class DepthView {
        private final int width;
        private final int height;
        private final float[] w;
        private final boolean[] covered;

        DepthView(RasterBackend backend, CarMesh car, OrbitCamera camera, float aspect) {
            width = aspect >= 1 ? DEPTH_SIZE : Math.max(1, Math.round(DEPTH_SIZE * aspect));
            height = aspect >= 1 ? Math.max(1, Math.round(DEPTH_SIZE / aspect)) : DEPTH_SIZE;
            float[] clip = camera.project(car.shapePositions(), aspect);
            int[] tris = car.triangles();
            RasterOutput raster = backend.rasterize(new float[][] {clip}, tris, width, height);
            float[] clipW = new float[clip.length / 4];
            for (int i = 0; i < clipW.length; i++) {
                clipW[i] = clip[4 * i + 3];
            }
            w = backend.interpolate(raster, tris, new float[][] {clipW}, 1)[0];
            covered = new boolean[width * height];
            int[] ids = raster.triangleIds(0);
            for (int p = 0; p < ids.length; p++) {
                covered[p] = ids[p] >= 0;
            }
        }

        /**
         * Samples the photo for texel t whose clip position is in clip[4t..4t+3] if it is the
         * front-most surface there, faces the camera and lies on the car in the mask.
         */
        boolean sample(PhotoImage photo, float[] clip, int t, float facing, float[] out) {
            double cw = clip[4 * t + 3];
            if (facing < MIN_FACING || !(cw > 0)) {
                return false;
            }
            double nx = clip[4 * t] / cw;
            double ny = clip[4 * t + 1] / cw;
            if (Math.abs(nx) > 1 || Math.abs(ny) > 1) {
                return false;
            }
            double u = nx * 0.5 + 0.5;
            double v = 0.5 - 0.5 * ny;
            if (!frontMost(u, v, cw)) {
                return false;
            }
            int px = Math.min(photo.width() - 1, (int) (u * photo.width()));
            int py = Math.min(photo.height() - 1, (int) (v * photo.height()));
            if (photo.mask(px, py) < 0.5f) {
                return false;
            }
            photo.sample(u * photo.width(), v * photo.height(), out);
            return true;
        }

        /** Whether depth cw matches the buffer at one of the pixels around (u, v). */
        private boolean frontMost(double u, double v, double cw) {
            double fx = u * width - 0.5;
            double fy = v * height - 0.5;
            int x0 = (int) Math.floor(fx);
            int y0 = (int) Math.floor(fy);
            double tolerance = DEPTH_REL * cw + DEPTH_ABS;
            for (int y = y0; y <= y0 + 1; y++) {
                for (int x = x0; x <= x0 + 1; x++) {
                    if (x < 0 || y < 0 || x >= width || y >= height) {
                        continue;
                    }
                    int p = y * width + x;
                    if (covered[p] && cw <= w[p] + tolerance) {
                        return true;
                    }
                }
            }
            return false;
        }
    }
}
