package io.github.photo2car.raster;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * End to end through soft silhouette, antialias, soft IoU and Adam: the vertices of a triangle,
 * started shifted and shrunk, move until its silhouette matches a target triangle's. The soft
 * silhouette gives the capture range; the antialiased hard mask gives unbiased edge gradients.
 */
class SilhouetteFitTest {

    private static final int S = 48;

    private static double hardIou(float[] a, float[] b) {
        double inter = 0;
        double union = 0;
        for (int i = 0; i < a.length; i++) {
            inter += Math.min(a[i], b[i]);
            union += Math.max(a[i], b[i]);
        }
        return inter / union;
    }

    private static float[][] clip(float[] xy) {
        float[] p = new float[12];
        for (int i = 0; i < 3; i++) {
            p[4 * i] = xy[2 * i];
            p[4 * i + 1] = xy[2 * i + 1];
            p[4 * i + 3] = 1;
        }
        return new float[][] {p};
    }

    @Test
    void triangleConvergesToTargetSilhouette() {
        JavaRasterBackend backend = new JavaRasterBackend(2);
        int[] tris = {0, 1, 2};
        float[] target = {-0.6f, -0.5f, 0.7f, -0.4f, 0.1f, 0.65f};
        float[] targetMask = backend.rasterize(clip(target), tris, S, S).mask(0);
        float[] xy = {-0.35f, -0.3f, 0.45f, -0.35f, 0.15f, 0.3f};
        double startIou = hardIou(backend.rasterize(clip(xy), tris, S, S).mask(0), targetMask);
        Adam adam = new Adam(6, 0.02);
        EdgeTopology topology = EdgeTopology.of(tris);
        double loss = 1;
        int it;
        for (it = 0; it < 150; it++) {
            // DIB-R's blur only adds mass outside the mesh, which biases soft IoU toward a shrunk
            // shape: start wide for a large capture range, then sharpen
            float sigma = (float) Math.max(0.3, 6 * Math.pow(0.96, it));
            float[][] pos = clip(xy);
            float[] soft = backend.softSilhouette(pos, tris, S, S, sigma)[0];
            float[] g = new float[S * S];
            loss = ImageLosses.softIou(soft, targetMask, 1f, g);
            float[] gp = backend.softSilhouetteBackward(pos, tris, S, S, sigma, new float[][] {g})[0];
            // plus the unbiased edge gradient of the antialiased hard mask
            RasterOutput raster = backend.rasterize(pos, tris, S, S);
            float[][] hard = {raster.mask(0)};
            float[] aa = backend.antialias(hard, 1, raster, pos, tris, topology)[0];
            float[] ga = new float[S * S];
            loss += ImageLosses.softIou(aa, targetMask, 1f, ga);
            float[] gpa = backend.antialiasBackward(hard, 1, raster, pos, tris, topology, new float[][] {ga})
                    .positions()[0];
            for (int i = 0; i < gp.length; i++) {
                gp[i] += gpa[i];
            }
            float[] gxy = new float[6];
            for (int i = 0; i < 3; i++) {
                gxy[2 * i] = gp[4 * i];
                gxy[2 * i + 1] = gp[4 * i + 1];
            }
            adam.step(xy, gxy);
        }
        double iou = hardIou(backend.rasterize(clip(xy), tris, S, S).mask(0), targetMask);
        System.out.printf("silhouette fit: IoU %.3f -> %.3f after %d Adam steps (soft IoU loss %.4f)%n",
                startIou, iou, it, loss);
        assertTrue(startIou < 0.6, "the start must be far from the target, IoU " + startIou);
        assertTrue(iou >= 0.95, "IoU after fitting " + iou);
    }
}
