package io.github.photo2car.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.github.photo2car.raster.JavaRasterBackend;
import io.github.photo2car.raster.MaskIou;
import io.github.photo2car.raster.OrbitCamera;
import io.github.photo2car.template.BodyType;
import io.github.photo2car.template.CarMesh;
import io.github.photo2car.template.CarParams;
import io.github.photo2car.template.CarTemplate;

/**
 * A crop cut around a car in a photo agrees with the car rendered through the crop's own camera,
 * and the region finder separates and ranks several cars.
 */
class CarCropTest {

    private static final JavaRasterBackend BACKEND = new JavaRasterBackend(2);

    private static float[] render(CarMesh car, OrbitCamera cam, int w, int h) {
        float[][] clip = {cam.project(car.shapePositions(), w / (float) h)};
        return BACKEND.rasterize(clip, car.triangles(), w, h).mask(0);
    }

    @Test
    void cropCameraSeesWhatTheCropShows() {
        CarMesh car = CarTemplate.build(CarParams.preset(BodyType.SUV), null);
        int w = 300;
        int h = 200;
        OrbitCamera cam = new OrbitCamera(120, 12, 9, 40, 0.2f, -0.1f, 2, 0, 0.8f, 0, 0.1f, 100);
        float[] mask = render(car, cam, w, h);
        float[] rgb = new float[3 * w * h];
        for (int p = 0; p < w * h; p++) {
            rgb[3 * p] = mask[p];
        }
        MaskRegions regions = MaskRegions.find(mask, w, h, 0.5f);
        assertEquals(1, regions.countAtLeast(0.2));
        MaskRegions.Region r = regions.regions().get(0);
        CarCrop crop = CarCrop.cut(w, h, rgb, mask, w, h, new int[] {r.minX(), r.minY(), r.maxX(), r.maxY()}, 64, 0.08f);
        float[] expected = render(car, crop.toCrop(cam), 64, 64);
        double iou = MaskIou.hard(crop.mask(), expected);
        System.out.printf("crop mask vs crop camera render: IoU %.3f%n", iou);
        assertTrue(iou > 0.9, "IoU " + iou);
        float[] back = crop.toPhoto(crop.toCrop(cam)).parameters();
        float[] orig = cam.parameters();
        for (int k = 0; k < orig.length; k++) {
            assertEquals(orig[k], back[k], 1e-4);
        }
    }

    @Test
    void severalCarsAreRankedBySize() {
        int w = 120;
        int h = 60;
        float[] mask = new float[w * h];
        for (int y = 10; y < 50; y++) {
            for (int x = 5; x < 60; x++) {
                mask[y * w + x] = 1;
            }
            for (int x = 80; x < 110; x++) {
                mask[y * w + x] = y < 40 ? 0.9f : 0;
            }
        }
        MaskRegions regions = MaskRegions.find(mask, w, h, 0.5f);
        assertEquals(2, regions.regions().size());
        assertEquals(55 * 40, regions.regions().get(0).pixels());
        assertEquals(2, regions.countAtLeast(0.2));
        assertEquals(1, regions.countAtLeast(0.6));
        float[] kept = regions.keep(regions.regions().get(0), mask);
        assertEquals(0, kept[20 * w + 90]);
        assertEquals(1, kept[20 * w + 10]);
        assertThrows(IllegalArgumentException.class, () -> MaskRegions.find(new float[3], 2, 2, 0.5f));
    }
}
