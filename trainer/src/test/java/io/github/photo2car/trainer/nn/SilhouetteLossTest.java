package io.github.photo2car.trainer.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.github.photo2car.fit.FitTarget;
import io.github.photo2car.fit.WheelProxy;
import io.github.photo2car.neural.SegmentClass;
import io.github.photo2car.raster.JavaRasterBackend;
import io.github.photo2car.raster.OrbitCamera;
import io.github.photo2car.raster.RasterOutput;
import io.github.photo2car.template.BodyType;
import io.github.photo2car.template.CarMesh;
import io.github.photo2car.template.CarParams;
import io.github.photo2car.template.CarPart;
import io.github.photo2car.template.CarTemplate;

/**
 * The training loop's external gradients: the camera gradients of the silhouette loss match
 * central differences, and the parameter gradient carried by the linear shape model points the
 * same way as central differences through the exact template, the residual gradients of the
 * silhouette and part-map terms match a central difference along them, the part agreement tells
 * a right view from a turned one; the whole-picture IoU is exact for the truth and skips hidden
 * pixels.
 */
class SilhouetteLossTest {

    private static final int SIZE = 48;

    @Test
    void gradientsMatchFiniteDifferences() {
        ShapeBasis basis = ShapeBasis.fit(96, 3);
        SilhouetteLoss loss = new SilhouetteLoss(new JavaRasterBackend(2), basis, 2f);
        OrbitCamera target = new OrbitCamera(40, 15, 7, 40, 0, 0, 0, 0, 0.7f, 0, 0.1f, 100);
        float[] mask = new float[SIZE * SIZE];
        // the target: the preset seen from the true camera, as a hard mask
        CarMesh sedan = CarTemplate.build(CarParams.preset(BodyType.SEDAN), null);
        float[] soft = new JavaRasterBackend(1).softSilhouette(new float[][] {target.project(sedan.shapePositions(), 1f)},
                sedan.triangles(), SIZE, SIZE, 2f)[0];
        for (int i = 0; i < soft.length; i++) {
            mask[i] = soft[i] > 0.5f ? 1 : 0;
        }
        float[] start = CarParams.preset(BodyType.HATCHBACK).toVector();
        OrbitCamera off = new OrbitCamera(52, 20, 7.4f, 40, 0.03f, -0.02f, 0, 0, 0.7f, 0, 0.1f, 100);
        SilhouetteLoss.Result r = loss.evaluate(start, off, mask, SIZE);
        float[] params = off.parameters();
        for (int k : new int[] {0, 1, 2, 4, 5}) {
            double h = k < 2 ? 0.2 : k == 2 ? 0.02 : 0.003;
            float[] plus = params.clone();
            float[] minus = params.clone();
            plus[k] += h;
            minus[k] -= h;
            double fd = (loss.evaluate(start, off.withParameters(plus), mask, SIZE).loss()
                    - loss.evaluate(start, off.withParameters(minus), mask, SIZE).loss()) / (2 * h);
            assertEquals(fd, r.gradCamera()[k], 0.1 * Math.abs(fd) + 1e-4, "camera parameter " + k);
        }
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int k = 0; k < start.length; k++) {
            float[] plus = start.clone();
            float[] minus = start.clone();
            plus[k] += 0.02f;
            minus[k] -= 0.02f;
            double fd = (loss.evaluate(SilhouetteLoss.nearestValid(plus, start), off, mask, SIZE).loss()
                    - loss.evaluate(SilhouetteLoss.nearestValid(minus, start), off, mask, SIZE).loss()) / 0.04;
            dot += fd * r.gradParams()[k];
            na += fd * fd;
            nb += r.gradParams()[k] * r.gradParams()[k];
        }
        double cosine = dot / Math.sqrt(na * nb);
        System.out.printf("parameter gradient through the linear shape model: cosine %.3f with finite differences%n",
                cosine);
        assertTrue(cosine > 0.7, "cosine " + cosine);
    }

    @Test
    void residualAndPartMapGradientsMatchFiniteDifferences() {
        ShapeBasis basis = ShapeBasis.fit(96, 3);
        SilhouetteLoss loss = new SilhouetteLoss(new JavaRasterBackend(2), basis, 2f);
        OrbitCamera truth = new OrbitCamera(40, 15, 7, 40, 0, 0, 0, 0, 0.7f, 0, 0.1f, 100);
        CarMesh sedan = CarTemplate.build(CarParams.preset(BodyType.SEDAN), null);
        RasterOutput raster = new JavaRasterBackend(1).rasterize(new float[][] {truth.project(sedan.shapePositions(), 1f)},
                sedan.triangles(), SIZE, SIZE);
        int[] ids = raster.triangleIds(0);
        CarPart[] parts = sedan.triangleParts();
        float[] mask = new float[SIZE * SIZE];
        int[] classes = new int[SIZE * SIZE];
        for (int i = 0; i < ids.length; i++) {
            mask[i] = ids[i] >= 0 ? 1 : 0;
            classes[i] = ids[i] >= 0 ? SegmentClass.of(parts[ids[i]]).ordinal() : FitTarget.UNKNOWN;
        }
        float[] car = CarParams.preset(BodyType.SEDAN).toVector();
        double right = loss.partMap(car, null, truth, mask, classes, SIZE, 1f).iou();
        OrbitCamera turned = truth.withParameters(shifted(truth.parameters(), 0, 150));
        double wrong = loss.partMap(car, null, turned, mask, classes, SIZE, 1f).iou();
        System.out.printf("part agreement: true camera %.3f, turned 150 deg %.3f%n", right, wrong);
        assertTrue(right > 0.9 && wrong < right - 0.2, right + " vs " + wrong);

        OrbitCamera off = truth.withParameters(shifted(truth.parameters(), 0, 12));
        for (boolean partMap : new boolean[] {false, true}) {
            java.util.function.Function<float[], SilhouetteLoss.Result> at = r -> partMap
                    ? loss.partMap(car, r, off, mask, classes, SIZE, 1f) : loss.evaluate(car, r, off, mask, SIZE);
            float[] zero = new float[3 * CarTemplate.SHAPE_VERTICES];
            float[] g = at.apply(zero).gradResidual();
            double max = 0;
            for (float v : g) {
                max = Math.max(max, Math.abs(v));
            }
            assertTrue(max > 0, "no residual gradient");
            float[] plus = new float[g.length];
            float[] minus = new float[g.length];
            double predicted = 0;
            for (int i = 0; i < g.length; i++) {
                float d = (float) (0.01 * g[i] / max);
                plus[i] = d;
                minus[i] = -d;
                predicted += g[i] * d;
            }
            double fd = (at.apply(plus).loss() - at.apply(minus).loss()) / 2;
            System.out.printf("%s: residual directional derivative %.5f, finite difference %.5f%n",
                    partMap ? "part map" : "silhouette", predicted, fd);
            assertTrue(fd > 0 && Math.abs(fd - predicted) < 0.5 * predicted, predicted + " vs " + fd);
        }
    }

    private static float[] shifted(float[] values, int index, float by) {
        float[] out = values.clone();
        out[index] += by;
        return out;
    }

    @Test
    void frameIouScoresTheWholePictureAndSkipsIgnoredPixels() {
        SilhouetteLoss loss = new SilhouetteLoss(new JavaRasterBackend(1), ShapeBasis.fit(48, 3), 1f);
        float[] car = CarParams.preset(BodyType.SEDAN).toVector();
        int w = 160;
        int h = 96;
        float aspect = w / (float) h;
        OrbitCamera truth = new OrbitCamera(30, 12, 8, 40, 0.1f, -0.05f, 0, 0, 0.7f, 0, 0.1f, 100);
        int[] ids = new JavaRasterBackend(1).rasterize(new float[][] {truth.project(SilhouetteLoss.scene(car, null), aspect)},
                WheelProxy.trianglesWithBody(), w, h).triangleIds(0);
        byte[] labels = new byte[w * h];
        int carPixels = 0;
        for (int p = 0; p < labels.length; p++) {
            labels[p] = ids[p] >= 0 ? InverseData.Frame.CAR : InverseData.Frame.BACKGROUND;
            carPixels += ids[p] >= 0 ? 1 : 0;
        }
        // a crop around the middle of the picture, and the true camera as the crop sees it
        InverseData.Frame frame = new InverseData.Frame(w, h, labels, aspect, 0.1f, -0.05f, 0.8f, null);
        OrbitCamera inCrop = truth.cropped(aspect, 0.1f, -0.05f, 0.8f);
        assertEquals(1.0, loss.frameIou(car, null, frame.fromCrop(inCrop), frame), 1e-9);
        OrbitCamera turned = new OrbitCamera(60, 12, 8, 40, 0.1f, -0.05f, 0, 0, 0.7f, 0, 0.1f, 100);
        double off = loss.frameIou(car, null, turned, frame);
        assertTrue(off < 0.95 && off > 0.3, "turned by 30 degrees: " + off);
        // the car's left half hidden behind something: ignored, so not a miss the rendering covers
        byte[] hidden = labels.clone();
        for (int p = 0; p < hidden.length; p++) {
            if (p % w < w / 2 && hidden[p] == InverseData.Frame.CAR) {
                hidden[p] = InverseData.Frame.IGNORED;
            }
        }
        InverseData.Frame occluded = new InverseData.Frame(w, h, hidden, aspect, 0.1f, -0.05f, 0.8f, null);
        assertTrue(carPixels > 500, "car pixels " + carPixels);
        assertEquals(1.0, loss.frameIou(car, null, truth, occluded), 1e-9);
    }
}
