package io.github.photo2car.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.github.photo2car.raster.JavaRasterBackend;
import io.github.photo2car.raster.MaskIou;
import io.github.photo2car.raster.OrbitCamera;
import io.github.photo2car.raster.RasterOutput;

/** The coarse body the fitter draws in its early stages stands in for the full body. */
class CoarseBodyTest {

    @Test
    void isAClosedOutwardMeshOverTheShapeVerticesWithAQuarterOfTheTriangles() {
        int[] coarse = CoarseBody.triangles();
        assertEquals(3 * CoarseBody.TRIANGLES, coarse.length);
        assertTrue(CoarseBody.TRIANGLES * 4 <= CarTemplate.TRIANGLES + 200,
                CoarseBody.TRIANGLES + " of " + CarTemplate.TRIANGLES);
        for (int v : coarse) {
            assertTrue(v >= 0 && v < CarTemplate.SHAPE_VERTICES, "vertex " + v);
        }
        // tube and caps meet without cracks, every face turned the same way
        assertNull(MeshChecks.manifoldProblem(coarse, CarTemplate.SHAPE_VERTICES));
        for (BodyType type : BodyType.values()) {
            float[] p = CarTemplate.shapePositions(CarParams.preset(type), null);
            double full = MeshChecks.signedVolume(p, CarTemplate.triangles());
            double lod = MeshChecks.signedVolume(p, coarse);
            assertTrue(lod > 0 && Math.abs(lod - full) < 0.03 * full, type + ": volume " + lod + " vs " + full);
        }
    }

    @Test
    void drawsNearlyTheSameOutlineAsTheFullBody() {
        JavaRasterBackend backend = new JavaRasterBackend(1);
        float[] p = CarTemplate.shapePositions(CarParams.preset(BodyType.HATCHBACK), null);
        int size = 128;
        for (float azimuth : new float[] {0, 35, 90, 150}) {
            OrbitCamera cam = new OrbitCamera(azimuth, 12, 6.5f, 40, 0, 0, 0, 0, 0.7f, 0, 0.1f, 100);
            float[][] clip = {cam.project(p, 1f)};
            float[] full = coverage(backend.rasterize(clip, CarTemplate.triangles(), size, size));
            float[] lod = coverage(backend.rasterize(clip, CoarseBody.triangles(), size, size));
            double iou = MaskIou.hard(full, lod);
            assertTrue(iou > 0.985, "azimuth " + azimuth + ": IoU " + iou);
        }
    }

    @Test
    void keepsTheLabelsTheFitterCompares() {
        Set<CarPart> parts = EnumSet.noneOf(CarPart.class);
        for (CarPart part : CoarseBody.triangleParts()) {
            parts.add(part);
        }
        for (CarPart needed : new CarPart[] {CarPart.PAINT, CarPart.WINDOW, CarPart.HEADLIGHT_L, CarPart.HEADLIGHT_R,
            CarPart.TAILLIGHT_L, CarPart.TAILLIGHT_R, CarPart.UNDERBODY}) {
            assertTrue(parts.contains(needed), needed + " missing from " + parts);
        }
    }

    private static float[] coverage(RasterOutput r) {
        int[] ids = r.triangleIds(0);
        float[] mask = new float[ids.length];
        for (int i = 0; i < ids.length; i++) {
            mask[i] = ids[i] >= 0 ? 1f : 0f;
        }
        return mask;
    }
}
