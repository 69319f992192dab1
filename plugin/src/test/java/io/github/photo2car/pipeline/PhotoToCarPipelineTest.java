package io.github.photo2car.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.photo2car.bake.PhotoImage;
import io.github.photo2car.bake.TexelSource;
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
        float[] fitted = BACKEND.rasterize(new float[][] {build.camera().project(build.car().shapePositions(),
                build.photoAspect())}, build.car().triangles(), 320, 240).mask(0);
        float[] mask = photo.maskOrNull();
        int both = 0;
        int either = 0;
        for (int p = 0; p < mask.length; p++) {
            both += fitted[p] > 0 && mask[p] > 0 ? 1 : 0;
            either += fitted[p] > 0 || mask[p] > 0 ? 1 : 0;
        }
        double reprojection = both / (double) either;
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
}
