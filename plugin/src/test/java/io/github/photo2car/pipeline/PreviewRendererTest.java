package io.github.photo2car.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.github.photo2car.raster.JavaRasterBackend;
import io.github.photo2car.raster.OrbitCamera;
import io.github.photo2car.template.BodyType;
import io.github.photo2car.template.CarMesh;
import io.github.photo2car.template.CarParams;
import io.github.photo2car.template.CarTemplate;
import io.github.photo2car.template.WheelAnchor;
import io.github.photo2car.template.WheelPosition;

/** The scoring outline of a car includes its tyres down to the ground. */
class PreviewRendererTest {

    private static final JavaRasterBackend BACKEND = new JavaRasterBackend(2);
    private static final int W = 320;
    private static final int H = 200;

    @Test
    void silhouetteIsTheBodyPlusWheelsReachingTheGround() {
        CarMesh car = CarTemplate.build(CarParams.preset(BodyType.SEDAN), null);
        // side view from the car's left, level with the wheel centres
        OrbitCamera cam = new OrbitCamera(90, 0, 9, 40, 0, 0, 0, 0, 0.35f, 0, 0.1f, 100);
        float[] body = BACKEND.rasterize(new float[][] {cam.project(car.shapePositions(), W / (float) H)},
                car.triangles(), W, H).mask(0);
        float[] full = new PreviewRenderer(BACKEND).silhouette(car, cam, W, H);
        int extra = 0;
        for (int p = 0; p < W * H; p++) {
            assertTrue(full[p] >= body[p], "the body is part of the outline at pixel " + p);
            extra += full[p] > body[p] ? 1 : 0;
        }
        assertTrue(extra > 100, "the wheels add pixels below the body: " + extra);

        WheelAnchor wheel = car.wheel(WheelPosition.FL);
        float[] contact = cam.project(new float[] {wheel.centerX(), wheel.centerY() - wheel.radius(), wheel.centerZ()},
                W / (float) H);
        int column = (int) ((contact[0] / contact[3] + 1) * 0.5 * W);
        double groundRow = (1 - contact[1] / contact[3]) * 0.5 * H;
        assertEquals(groundRow, lowestRow(full, column), 1.5, "the tyre reaches the ground under its centre");
        assertTrue(lowestRow(body, column) < groundRow - 3, "the body alone stops above the ground");
    }

    @Test
    void rejectsBadArguments() {
        CarMesh car = CarTemplate.build(CarParams.preset(BodyType.SEDAN), null);
        OrbitCamera cam = new OrbitCamera(90, 0, 9, 40, 0, 0, 0, 0, 0.35f, 0, 0.1f, 100);
        PreviewRenderer r = new PreviewRenderer(BACKEND);
        assertThrows(IllegalArgumentException.class, () -> r.silhouette(null, cam, W, H));
        assertThrows(IllegalArgumentException.class, () -> r.silhouette(car, cam, 0, H));
    }

    /** The last row covered in a column, or -1. */
    private static int lowestRow(float[] mask, int column) {
        for (int y = H - 1; y >= 0; y--) {
            if (mask[y * W + column] > 0.5f) {
                return y;
            }
        }
        return -1;
    }
}
