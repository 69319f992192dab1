package io.github.photo2car.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.photo2car.bake.PhotoImage;
import io.github.photo2car.bake.TexelSource;
import io.github.photo2car.fit.FitTarget;
import io.github.photo2car.neural.SegmentClass;
import io.github.photo2car.raster.JavaRasterBackend;
import io.github.photo2car.raster.OrbitCamera;
import io.github.photo2car.raster.RasterOutput;
import io.github.photo2car.template.BodyType;
import io.github.photo2car.template.CarMesh;
import io.github.photo2car.template.CarParams;
import io.github.photo2car.template.CarTemplate;

/**
 * The pipeline without networks, on a rendered photo whose mask is known: it finds the car, guesses
 * the pose by search, fits, bakes, and the fitted car re-rendered through the recovered photo
 * camera covers the mask; bad situations give typed errors.
 */
class PhotoToCarPipelineTest {

    private static final JavaRasterBackend BACKEND = new JavaRasterBackend(2);

    /** A shaded red car on a grey-green ground, with its exact mask. */
    private static PhotoImage photo(CarMesh car, OrbitCamera cam, int w, int h) {
        float aspect = w / (float) h;
        int[] tris = car.renderTriangles();
        RasterOutput r = BACKEND.rasterize(new float[][] {cam.project(car.renderPositions(), aspect)}, tris, w, h);
        float[] n = BACKEND.interpolate(r, tris, new float[][] {car.renderNormals()}, 3)[0];
        float[] mask = r.mask(0);
        float[] rgb = new float[3 * w * h];
        for (int p = 0; p < w * h; p++) {
            if (mask[p] > 0) {
                float light = 0.3f + 0.7f * Math.max(0, 0.3f * n[3 * p] + 0.8f * n[3 * p + 1] + 0.5f * n[3 * p + 2]);
                rgb[3 * p] = 0.8f * light;
                rgb[3 * p + 1] = 0.1f * light;
                rgb[3 * p + 2] = 0.1f * light;
            } else {
                rgb[3 * p] = 0.45f;
                rgb[3 * p + 1] = 0.5f;
                rgb[3 * p + 2] = 0.42f;
            }
        }
        return new PhotoImage(w, h, rgb, mask);
    }

    @Test
    void convertsAMaskedPhotoWithoutNetworks() throws Exception {
        CarMesh truth = CarTemplate.build(CarParams.preset(BodyType.HATCHBACK), null);
        OrbitCamera cam = new OrbitCamera(-60, 12, 7.5f, 45, 0.1f, -0.05f, 0, 0, 0.7f, 0, 0.1f, 200);
        PhotoImage photo = photo(truth, cam, 320, 240);
        List<Stage> stages = new ArrayList<>();
        PhotoToCarPipeline pipeline = new PhotoToCarPipeline(BACKEND, null, null,
                ConversionOptions.defaults().withTextureSize(256));
        CarBuild build = pipeline.convert(photo, (stage, fraction, message) -> {
            if (stages.isEmpty() || stages.get(stages.size() - 1) != stage) {
                stages.add(stage);
            }
        }, null);
        double reprojection = reprojection(build, build.camera(), photo);
        double az = Math.abs(((build.camera().azimuthDeg() - cam.azimuthDeg()) % 360 + 540) % 360 - 180);
        System.out.printf("pipeline without networks: fit IoU %.3f, reprojected IoU %.3f, azimuth error %.1f deg,"
                        + " seen %.0f%% of the texture, stages %s ms%n", build.fitIou(), reprojection, az,
                100 * build.texture().fraction(TexelSource.SEEN), build.stageMillis());
        assertEquals(List.of(Stage.SEGMENT, Stage.ESTIMATE, Stage.FIT, Stage.BAKE), stages);
        assertTrue(build.fitIou() > 0.9, "fit IoU " + build.fitIou());
        assertTrue(reprojection > 0.9, "reprojected IoU " + reprojection);
        // a silhouette alone leaves shape and pose partly interchangeable (here 25 degrees off at
        // IoU 0.976) and cannot tell front from back: the network's cues are what pin them down
        assertTrue(Math.min(az, 180 - az) < 35, "azimuth error " + az + " (front/back allowed)");
        assertTrue(build.texture().fraction(TexelSource.SEEN) > 0.2);
        assertTrue(build.warnings().isEmpty(), build.warnings().toString());
    }

    /** Hard-mask IoU of the built car drawn through a camera against a photo's mask. */
    private static double reprojection(CarBuild build, OrbitCamera camera, PhotoImage photo) {
        float[] fitted = BACKEND.rasterize(new float[][] {camera.project(build.car().shapePositions(),
                photo.aspect())}, build.car().triangles(), photo.width(), photo.height()).mask(0);
        float[] mask = photo.maskOrNull();
        int both = 0;
        int either = 0;
        for (int p = 0; p < mask.length; p++) {
            both += fitted[p] > 0 && mask[p] > 0 ? 1 : 0;
            either += fitted[p] > 0 || mask[p] > 0 ? 1 : 0;
        }
        return both / (double) either;
    }

    @Test
    void severalPhotosOfOneCarBuildOneCarThatFitsEach() throws Exception {
        CarMesh truth = CarTemplate.build(CarParams.preset(BodyType.SUV), null);
        PhotoImage front = photo(truth, new OrbitCamera(25, 10, 8f, 45, 0, 0, 0, 0, 0.8f, 0, 0.1f, 200), 240, 160);
        PhotoImage side = photo(truth, new OrbitCamera(100, 12, 8f, 45, 0.05f, 0, 0, 0, 0.8f, 0, 0.1f, 200), 240, 160);
        PhotoImage empty = new PhotoImage(64, 48, new float[3 * 64 * 48], new float[64 * 48]);
        PhotoToCarPipeline pipeline = new PhotoToCarPipeline(BACKEND, null, null,
                ConversionOptions.defaults().withTextureSize(128).withFitIterations(60));
        List<String> messages = new ArrayList<>();
        CarBuild build = pipeline.convert(List.of(front, empty, side), (stage, fraction, message) -> messages.add(message),
                null);
        assertEquals(2, build.cameras().size(), "the photo without a car is left out");
        assertEquals(build.camera(), build.cameras().get(0));
        assertTrue(build.warnings().contains("photo 2: no car found; built from the other photos"),
                build.warnings().toString());
        assertTrue(messages.contains("finding the car in photo 3 of 3"), messages.toString());
        double a = reprojection(build, build.cameras().get(0), front);
        double b = reprojection(build, build.cameras().get(1), side);
        System.out.printf("one car from two photos: reprojected IoU %.3f (front) and %.3f (side), cameras at %.1f and"
                + " %.1f deg%n", a, b, build.cameras().get(0).azimuthDeg(), build.cameras().get(1).azimuthDeg());
        assertTrue(a > 0.88 && b > 0.88, "one shape must explain both photos: " + a + ", " + b);

        ConversionException none = assertThrows(ConversionException.class,
                () -> pipeline.convert(List.of(empty, empty), ConversionListener.NONE, null));
        assertEquals(ConversionException.Reason.NO_CAR, none.reason());
        assertThrows(IllegalArgumentException.class, () -> pipeline.convert(List.of(), ConversionListener.NONE, null));
        List<PhotoImage> tooMany = java.util.Collections.nCopies(PhotoToCarPipeline.MAX_PHOTOS + 1, front);
        assertThrows(IllegalArgumentException.class, () -> pipeline.convert(tooMany, ConversionListener.NONE, null));
    }

    @Test
    void typedErrors() {
        PhotoToCarPipeline pipeline = new PhotoToCarPipeline(BACKEND, null, null, ConversionOptions.defaults());
        PhotoImage unmasked = new PhotoImage(64, 48, new float[3 * 64 * 48], null);
        ConversionException e = assertThrows(ConversionException.class,
                () -> pipeline.convert(unmasked, ConversionListener.NONE, null));
        assertEquals(ConversionException.Reason.NO_MASK_SOURCE, e.reason());
        PhotoImage empty = new PhotoImage(64, 48, new float[3 * 64 * 48], new float[64 * 48]);
        e = assertThrows(ConversionException.class, () -> pipeline.convert(empty, ConversionListener.NONE, null));
        assertEquals(ConversionException.Reason.NO_CAR, e.reason());
        CarMesh car = CarTemplate.build(CarParams.preset(BodyType.SEDAN), null);
        PhotoImage fine = photo(car, new OrbitCamera(30, 10, 8, 45, 0, 0, 0, 0, 0.7f, 0, 0.1f, 200), 96, 64);
        e = assertThrows(ConversionException.class, () -> pipeline.convert(fine, ConversionListener.NONE, () -> true));
        assertEquals(ConversionException.Reason.CANCELLED, e.reason());
    }

    @Test
    void segmenterClassesBecomeCropLabelsOfTheKeptCarOnly() {
        // a 120x80 photo: the car a box at the right edge, its rear (left) half WHEEL and front
        // half BODY with a BACKGROUND-class hole; a second, smaller car beside it
        int w = 120;
        int h = 80;
        float[] mask = new float[w * h];
        byte[] classes = new byte[w * h];
        float[] rgb = new float[3 * w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                rgb[3 * i] = 0.2f;
                boolean car = x >= 70 && y >= 30 && y < 60;
                boolean other = x >= 50 && x < 62 && y >= 40 && y < 52;
                if (car || other) {
                    mask[i] = car ? 1f : 0.9f;
                    classes[i] = (byte) (car && x < 95 ? SegmentClass.WHEEL.ordinal() : SegmentClass.BODY.ordinal());
                }
                if (car && x == 100 && y == 45) {
                    classes[i] = (byte) SegmentClass.BACKGROUND.ordinal();
                }
            }
        }
        MaskRegions regions = MaskRegions.find(mask, w, h, 0.5f);
        MaskRegions.Region car = regions.regions().get(0);
        float[] carGrid = regions.keep(car, mask);
        CarCrop crop = CarCrop.cut(w, h, rgb, carGrid, w, h, new int[] {car.minX(), car.minY(), car.maxX(), car.maxY()},
                64, 0.3f);
        int[] labels = PhotoToCarPipeline.cropClassLabels(crop, classes, carGrid, w, h);

        // where crop pixel centres fall in the photo
        double side = crop.halfHeight() * h;
        double left = (crop.centerX() + 1) / 2 * w - side / 2;
        double top = (1 - crop.centerY()) / 2 * h - side / 2;
        double step = side / 64;
        float[] cropMask = crop.mask();
        float[] pixels = crop.pixels();
        int wheel = 0;
        int body = 0;
        int outside = 0;
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                int i = y * 64 + x;
                double px = left + (x + 0.5) * step;
                double py = top + (y + 0.5) * step;
                int l = labels[i];
                if (px >= w) {
                    outside++;
                    assertEquals(FitTarget.UNKNOWN, l, "outside the photo");
                    assertEquals(CarCrop.PAD, pixels[4 * i], 0f);
                }
                if (cropMask[i] < 0.5f || px < 70 || py < 30 || py >= 60) {
                    assertEquals(FitTarget.UNKNOWN, l, "pixel " + x + "," + y + " is not the kept car");
                } else if (Math.abs(px - 95) > 1 && Math.abs(px - 100.5) > 1.5 && px < w) {
                    assertEquals(px < 95 ? SegmentClass.WHEEL.ordinal() : SegmentClass.BODY.ordinal(), l,
                            "pixel " + x + "," + y);
                }
                wheel += l == SegmentClass.WHEEL.ordinal() ? 1 : 0;
                body += l == SegmentClass.BODY.ordinal() ? 1 : 0;
            }
        }
        assertTrue(outside > 0 && wheel > 100 && body > 100, outside + " outside, " + wheel + " wheel, " + body
                + " body");

        // crop labels read the grid at the crop pixel centres, whatever the values
        int[] grid = new int[w * h];
        for (int i = 0; i < grid.length; i++) {
            grid[i] = i;
        }
        int[] direct = crop.labels(grid, w, h, -7);
        for (int i = 0; i < direct.length; i++) {
            if (direct[i] != -7) {
                int gx = direct[i] % w;
                int gy = direct[i] / w;
                double px = left + (i % 64 + 0.5) * step;
                double py = top + (i / 64 + 0.5) * step;
                assertTrue(px >= gx && px < gx + 1 && py >= gy && py < gy + 1, "crop pixel " + i);
            }
        }
        int[] constant = crop.labels(new int[] {5}, 1, 1, -7);
        for (int i = 0; i < direct.length; i++) {
            assertEquals(direct[i] == -7 ? -7 : 5, constant[i], "a one-cell grid covers the photo");
        }
        assertThrows(IllegalArgumentException.class, () -> crop.labels(new int[3], 2, 2, 0));
        assertThrows(IllegalArgumentException.class,
                () -> PhotoToCarPipeline.cropClassLabels(crop, new byte[3], carGrid, w, h));
    }

    @Test
    void theNetworksResidualStartsTheFitWithinTheFittersBound() {
        assertNull(PhotoToCarPipeline.clampedResidual(null));
        float limit = io.github.photo2car.fit.FitOptions.defaults().maxResidual();
        float[] raw = {0.01f, -0.02f, 0.4f, -3f, limit};
        float[] kept = raw.clone();
        float[] clamped = PhotoToCarPipeline.clampedResidual(raw);
        assertArrayEquals(new float[] {0.01f, -0.02f, limit, -limit, limit}, clamped);
        assertArrayEquals(kept, raw, "the network's answer is not modified");
    }
}
