package io.github.photo2car.raster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;

import org.junit.jupiter.api.Test;

/** A cropped camera sees exactly the crop of the original image, stretched to fill it. */
class OrbitCameraCropTest {

    @Test
    void croppedCameraProjectsIntoTheCrop() {
        Random rnd = new Random(4);
        OrbitCamera cam = new OrbitCamera(37, 12, 6.5f, 45, 0.05f, -0.02f, 3, 0, 0.7f, 0, 0.1f, 100);
        float aspect = 1.5f;
        float cx = 0.2f;
        float cy = -0.1f;
        float h = 0.4f;
        OrbitCamera crop = cam.cropped(aspect, cx, cy, h);
        float[] world = new float[60];
        for (int i = 0; i < world.length; i++) {
            world[i] = (float) (2 * rnd.nextGaussian());
        }
        float[] full = cam.project(world, aspect);
        float[] mine = crop.project(world, 1f);
        for (int i = 0; i < world.length / 3; i++) {
            double x = full[4 * i] / full[4 * i + 3];
            double y = full[4 * i + 1] / full[4 * i + 3];
            assertEquals((x - cx) * aspect / h, mine[4 * i] / mine[4 * i + 3], 1e-4);
            assertEquals((y - cy) / h, mine[4 * i + 1] / mine[4 * i + 3], 1e-4);
            assertEquals(full[4 * i + 3], mine[4 * i + 3], 1e-5, "same depth");
        }
        OrbitCamera back = crop.uncropped(aspect, cx, cy, h);
        float[] a = cam.parameters();
        float[] b = back.parameters();
        for (int k = 0; k < a.length; k++) {
            assertEquals(a[k], b[k], 1e-4, "parameter " + k + " after crop and uncrop");
        }
        assertThrows(IllegalArgumentException.class, () -> cam.cropped(aspect, cx, cy, 0));
        assertThrows(IllegalArgumentException.class, () -> cam.cropped(aspect, Float.NaN, cy, h));
    }
}
