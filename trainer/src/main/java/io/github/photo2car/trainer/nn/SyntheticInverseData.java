package io.github.photo2car.trainer.nn;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import io.github.photo2car.bake.PhotoImage;
import io.github.photo2car.fit.FitTarget;
import io.github.photo2car.pipeline.CarCrop;
import io.github.photo2car.raster.OrbitCamera;
import io.github.photo2car.trainer.synth.LabelCheck;
import io.github.photo2car.trainer.synth.LabelIds;
import io.github.photo2car.trainer.synth.ResidualModes;
import io.github.photo2car.trainer.synth.SyntheticDataset;
import io.github.photo2car.trainer.synth.SyntheticSample;

/**
 * Inverse-graphics training data from synthetic data sets ({@code ./photo2car generate}): every
 * view cut into a square crop around its car exactly as the conversion pipeline cuts photos
 * ({@link CarCrop#cut} with {@link CarCrop#MARGIN}), with the stored camera carried into the
 * crop ({@link CarCrop#toCrop}), the car's normalised parameters and its sRGB paint. Crops are
 * kept as bytes (4 per pixel). With mirroring, car {@code cars()/2 + i} is car i seen in a
 * mirror (the template is left-right symmetric, so a mirrored photo is a photo of the same car
 * from azimuth &minus;a with the principal point, roll and look-at x negated): twice the poses
 * for free, consistent across the views of a car. Each car's first view keeps its whole picture's
 * mask ({@link InverseData.Frame}, occluded car pixels ignored) for validation; the other views'
 * frames are null. Each view also keeps its crop's part map as segment classes (the labels the
 * trainer's part-map loss compares with). Immutable once loaded; safe for concurrent reads.
 */
public final class SyntheticInverseData implements InverseData {

    /**
     * classes: the crop's segment classes, {@link #NO_CLASS} where unknown; residual: the body's
     * residual (null for a template body).
     */
    private record Stored(byte[] crop, OrbitCamera camera, float[] params, float[] paint, Frame frame,
                          byte[] classes, float[] residual) {
    }

    /** Stored class of a crop pixel without one (read as {@link FitTarget#UNKNOWN}). */
    private static final byte NO_CLASS = (byte) 0xff;
    /** Part id (LabelIds) to segment class. */
    private static final byte[] CLASS_OF_PART = SyntheticSegmentationData.classMap();

    private final int size;
    private final int views;
    private final boolean mirror;
    private final List<Stored[]> cars;

    private SyntheticInverseData(int size, int views, boolean mirror) {
        this(size, views, mirror, new ArrayList<>());
    }

    private SyntheticInverseData(int size, int views, boolean mirror, List<Stored[]> cars) {
        this.size = size;
        this.views = views;
        this.mirror = mirror;
        this.cars = cars;
    }

    /**
     * @param from   first car of this data (a car as loaded, not a mirror image)
     * @param to     one past the last
     * @param mirror add the mirror images of those cars
     * @return a view of cars [from, to) sharing the loaded crops
     */
    public SyntheticInverseData range(int from, int to, boolean mirror) {
        if (from < 0 || to > cars.size() || from >= to) {
            throw new IllegalArgumentException("bad range " + from + ".." + to + " of " + cars.size() + " cars");
        }
        return new SyntheticInverseData(size, views, mirror, List.copyOf(cars.subList(from, to)));
    }

    /**
     * Loads the cars of several data sets, one after the other. Every car must have the same
     * number of views (the data sets' {@code --views}).
     *
     * @param dirs   the data-set folders, in order
     * @param size   S, the crop side in pixels (a multiple of 32)
     * @param limit  at most this many cars in all
     * @param mirror add every car's mirror image as another car
     * @return the data
     * @throws IOException if a data set cannot be read, holds no whole car, or its cars have
     *                     different view counts
     */
    public static SyntheticInverseData load(List<Path> dirs, int size, int limit, boolean mirror)
            throws IOException {
        if (size < 32 || size % 32 != 0 || limit < 1) {
            throw new IllegalArgumentException("size must be a positive multiple of 32 and limit >= 1");
        }
        int views = -1;
        SyntheticInverseData data = null;
        for (Path dir : dirs) {
            SyntheticDataset set = SyntheticDataset.open(dir);
            List<Stored> current = new ArrayList<>();
            int currentCar = -1;
            for (SyntheticSample s : set) {
                int car = s.labels().get("car").getAsInt();
                if (car != currentCar && !current.isEmpty()) {
                    views = check(dir, views, current.size());
                    data = data != null ? data : new SyntheticInverseData(size, views, mirror);
                    data.cars.add(current.toArray(new Stored[0]));
                    current.clear();
                    if (data.cars.size() >= limit) {
                        break;
                    }
                }
                currentCar = car;
                current.add(crop(s, size, current.isEmpty()));
            }
            if (!current.isEmpty() && (data == null || data.cars.size() < limit)) {
                views = check(dir, views, current.size());
                data = data != null ? data : new SyntheticInverseData(size, views, mirror);
                data.cars.add(current.toArray(new Stored[0]));
            }
            if (data != null && data.cars.size() >= limit) {
                break;
            }
        }
        if (data == null) {
            throw new IOException(dirs + " hold no cars");
        }
        return data;
    }

    private static int check(Path dir, int views, int found) throws IOException {
        if (views >= 0 && views != found) {
            throw new IOException(dir + ": cars with " + views + " and " + found + " views; the inverse trainer"
                    + " needs one view count");
        }
        return found;
    }

    /** Cuts one sample's crop the pipeline's way; keeps the whole picture's mask if asked. */
    static Stored crop(SyntheticSample s, int size, boolean keepFrame) {
        BufferedImage img = s.rgb();
        int w = img.getWidth();
        int h = img.getHeight();
        float[] rgb = PhotoImage.fromArgb(w, h, img.getRGB(0, 0, w, h, null, 0, w), null).rgb();
        byte[] maskBytes = s.mask();
        float[] mask = new float[w * h];
        int minX = w;
        int minY = h;
        int maxX = -1;
        int maxY = -1;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if ((maskBytes[y * w + x] & 0xff) > 127) {
                    mask[y * w + x] = 1;
                    minX = Math.min(minX, x);
                    maxX = Math.max(maxX, x);
                    minY = Math.min(minY, y);
                    maxY = Math.max(maxY, y);
                }
            }
        }
        int[] box = maxX < 0 ? new int[] {0, 0, w - 1, h - 1} : new int[] {minX, minY, maxX, maxY};
        CarCrop crop = CarCrop.cut(w, h, rgb, mask, w, h, box, size, CarCrop.MARGIN);
        float[] pixels = crop.pixels();
        byte[] bytes = new byte[pixels.length];
        for (int i = 0; i < pixels.length; i++) {
            bytes[i] = (byte) Math.round(255 * Math.max(0, Math.min(1, pixels[i])));
        }
        JsonObject labels = s.labels();
        OrbitCamera camera = crop.toCrop(LabelCheck.camera(labels.getAsJsonObject("camera")));
        float[] params = floats(labels.getAsJsonArray("paramsVector"));
        float[] paint = floats(labels.getAsJsonObject("paint").getAsJsonArray("srgb"));
        byte[] parts = s.parts();
        Frame frame = keepFrame ? frame(w, h, maskBytes, parts, crop) : null;
        return new Stored(bytes, camera, params, paint, frame, classes(w, h, maskBytes, parts, crop),
                ResidualModes.ofLabels(labels));
    }

    /** The crop's segment classes where the car shows (the crop's mask &ge; 0.5), NO_CLASS elsewhere. */
    private static byte[] classes(int w, int h, byte[] mask, byte[] parts, CarCrop crop) {
        int[] grid = new int[w * h];
        for (int i = 0; i < grid.length; i++) {
            int id = parts[i] & 0xff;
            grid[i] = (mask[i] & 0xff) > 127 && LabelIds.isCar(id) ? CLASS_OF_PART[id] : FitTarget.UNKNOWN;
        }
        int[] labels = crop.labels(grid, w, h, FitTarget.UNKNOWN);
        float[] cropMask = crop.mask();
        byte[] out = new byte[labels.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = labels[i] < 0 || cropMask[i] < 0.5f ? NO_CLASS : (byte) labels[i];
        }
        return out;
    }

    private static Frame frame(int w, int h, byte[] mask, byte[] parts, CarCrop crop) {
        byte[] labels = new byte[w * h];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = (parts[i] & 0xff) == LabelIds.OCCLUDER ? Frame.IGNORED
                    : (mask[i] & 0xff) > 127 ? Frame.CAR : Frame.BACKGROUND;
        }
        return new Frame(w, h, labels, crop.aspect(), crop.centerX(), crop.centerY(), crop.halfHeight(),
                crop.insidePhoto());
    }

    private static float[] floats(JsonArray a) {
        float[] f = new float[a.size()];
        for (int i = 0; i < f.length; i++) {
            f[i] = a.get(i).getAsFloat();
        }
        return f;
    }

    /**
     * The camera of the mirrored image: the world mirrored in x, which for the left-right
     * symmetric car is the same car.
     *
     * @param c a camera (not modified)
     * @return a new camera
     */
    static OrbitCamera mirrored(OrbitCamera c) {
        return new OrbitCamera(-c.azimuthDeg(), c.elevationDeg(), c.distance(), c.fovYDeg(), -c.principalX(),
                c.principalY(), -c.rollDeg(), -c.targetX(), c.targetY(), c.targetZ(), c.near(), c.far());
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public int cars() {
        return mirror ? 2 * cars.size() : cars.size();
    }

    @Override
    public int views() {
        return views;
    }

    @Override
    public View read(int car, int view) {
        if (car < 0 || car >= cars() || view < 0 || view >= views) {
            throw new IndexOutOfBoundsException("car " + car + " view " + view + " of " + cars() + " x " + views);
        }
        boolean flip = car >= cars.size();
        Stored s = cars.get(flip ? car - cars.size() : car)[view];
        float[] crop = new float[s.crop().length];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int from = 4 * (y * size + (flip ? size - 1 - x : x));
                int to = 4 * (y * size + x);
                for (int c = 0; c < 4; c++) {
                    crop[to + c] = (s.crop()[from + c] & 0xff) / 255f;
                }
            }
        }
        int[] classes = new int[size * size];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                byte c = s.classes()[y * size + (flip ? size - 1 - x : x)];
                // segment classes do not tell left from right, so a mirrored map needs no relabelling
                classes[y * size + x] = c == NO_CLASS ? FitTarget.UNKNOWN : c;
            }
        }
        Frame frame = s.frame() == null || !flip ? s.frame() : s.frame().mirrored();
        // the residual is mirror symmetric, so the mirrored picture shows the same body
        return new View(crop, flip ? mirrored(s.camera()) : s.camera(), s.params().clone(), s.paint().clone(),
                frame, classes, s.residual() == null ? null : s.residual().clone());
    }
}
