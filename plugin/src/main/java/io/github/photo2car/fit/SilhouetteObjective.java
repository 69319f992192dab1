package io.github.photo2car.fit;

import io.github.photo2car.raster.AntialiasGradients;
import io.github.photo2car.raster.CameraGradients;
import io.github.photo2car.raster.EdgeTopology;
import io.github.photo2car.raster.ImageLosses;
import io.github.photo2car.raster.OrbitCamera;
import io.github.photo2car.raster.RasterBackend;
import io.github.photo2car.raster.RasterOutput;
import io.github.photo2car.template.BodyType;
import io.github.photo2car.template.CarMesh;
import io.github.photo2car.template.CarParams;
import io.github.photo2car.template.CarPart;
import io.github.photo2car.template.CarTemplate;

/**
 * The image loss of a car fit and its gradient with respect to the camera and the shape
 * vertices: soft IoU of the DIB-R soft silhouette (capture range), soft IoU of the antialiased
 * hard mask (unbiased edges), and, when the target has part labels, the cross-entropy of an
 * antialiased one-hot part map. Also reports the hard-mask IoU and the part agreement.
 */
final class SilhouetteObjective {

    /** Rendered part channels: background, then one per {@link CarPart}. */
    static final int PART_CHANNELS = CarPart.values().length + 1;

    private final RasterBackend backend;
    private final FitTarget target;
    private final int width;
    private final int height;
    private final int[] triangles;
    private final EdgeTopology topology;
    private final int[] triangleParts;
    private final int[] renderTriangles;
    private final int[] renderToShape;
    private final EdgeTopology renderTopology;
    private final float[][] partColors;
    /** Distance in pixels from each pixel to the target's silhouette edge, 0 inside the target. */
    private final float[] outsideDistance;
    private float softTargetSigma = Float.NaN;
    private float[] softTarget;

    /** Result of one evaluation; gradients are null when not asked for. */
    static final class Evaluation {
        double loss;
        double iou;
        /** Fraction of labelled target pixels whose rendered part matches; NaN without labels. */
        double partAgreement = Double.NaN;
        float[] gradCamera;
        float[] gradWorld;
    }

    SilhouetteObjective(RasterBackend backend, FitTarget target) {
        this.backend = backend;
        this.target = target;
        this.width = target.width();
        this.height = target.height();
        this.triangles = CarTemplate.triangles();
        this.topology = EdgeTopology.of(triangles);
        CarPart[] parts = CarTemplate.triangleParts();
        triangleParts = new int[parts.length];
        for (int t = 0; t < parts.length; t++) {
            triangleParts[t] = parts[t].ordinal();
        }
        float[] mask = target.maskView();
        boolean[] inside = new boolean[mask.length];
        for (int i = 0; i < mask.length; i++) {
            inside[i] = mask[i] >= 0.5f;
        }
        float[] d2 = DistanceTransform.squared(inside, width, height);
        outsideDistance = new float[d2.length];
        for (int i = 0; i < d2.length; i++) {
            // from a pixel centre to the nearest inside centre, less half a pixel to its edge
            outsideDistance[i] = inside[i] ? 0f : Math.max(0f, (float) Math.sqrt(d2[i]) - 0.5f);
        }
        if (target.hasPartLabels()) {
            // render vertices are split along part borders, so a one-hot part colour per render
            // vertex is constant over each triangle and part borders become mesh boundaries that
            // antialias blends (which gives them position gradients)
            CarMesh mesh = CarTemplate.build(CarParams.preset(BodyType.SEDAN));
            renderTriangles = mesh.renderTriangles();
            renderToShape = mesh.renderToShape();
            renderTopology = EdgeTopology.of(renderTriangles);
            float[] colors = new float[renderToShape.length * PART_CHANNELS];
            for (int t = 0; t < parts.length; t++) {
                for (int c = 0; c < 3; c++) {
                    colors[renderTriangles[3 * t + c] * PART_CHANNELS + 1 + triangleParts[t]] = 1f;
                }
            }
            partColors = new float[][] {colors};
        } else {
            renderTriangles = null;
            renderToShape = null;
            renderTopology = null;
            partColors = null;
        }
    }

    /**
     * Evaluates the loss of a car seen through a camera.
     *
     * @param world      shape positions [V*3], car frame (not modified)
     * @param camera     the camera
     * @param sigma      soft-silhouette softness in square pixels
     * @param softWeight weight of the soft-silhouette IoU term
     * @param hardWeight weight of the antialiased hard-mask IoU term
     * @param partWeight weight of the part cross-entropy (ignored without labels)
     * @param gradients  whether to compute gradients
     */
    Evaluation evaluate(float[] world, OrbitCamera camera, float sigma, float softWeight, float hardWeight,
                        float partWeight, boolean gradients) {
        Evaluation e = new Evaluation();
        float[] mask = target.maskView();
        float[][] pos = {camera.project(world, target.aspect())};
        RasterOutput raster = backend.rasterize(pos, triangles, width, height);
        float[][] hard = {raster.mask(0)};
        e.iou = iou(hard[0], mask);
        float[] gradClip = gradients ? new float[pos[0].length] : null;

        if (softWeight > 0) {
            float[] soft = backend.softSilhouette(pos, triangles, width, height, sigma)[0];
            float[] g = gradients ? new float[soft.length] : null;
            e.loss += ImageLosses.softIou(soft, softTarget(sigma), softWeight, g);
            if (gradients) {
                add(gradClip, backend.softSilhouetteBackward(pos, triangles, width, height, sigma,
                        new float[][] {g})[0]);
            }
        }
        if (hardWeight > 0) {
            float[] aa = backend.antialias(hard, 1, raster, pos, triangles, topology)[0];
            float[] g = gradients ? new float[aa.length] : null;
            e.loss += ImageLosses.softIou(aa, mask, hardWeight, g);
            if (gradients) {
                AntialiasGradients ag = backend.antialiasBackward(hard, 1, raster, pos, triangles, topology,
                        new float[][] {g});
                add(gradClip, ag.positions()[0]);
            }
        }
        int[] labels = target.labelView();
        if (labels != null) {
            e.partAgreement = partAgreement(raster.triangleIds(0), labels);
            if (partWeight > 0) {
                e.loss += partLoss(raster, pos[0], labels, partWeight, gradClip);
            }
        }
        if (gradients) {
            CameraGradients cg = camera.projectBackward(world, target.aspect(), gradClip);
            e.gradCamera = cg.camera();
            e.gradWorld = cg.world();
        }
        return e;
    }

    /** Cross-entropy of the antialiased part map; adds its clip-position gradient into gradClip. */
    private double partLoss(RasterOutput raster, float[] clip, int[] labels, float weight, float[] gradClip) {
        float[][] renderClip = {new float[4 * renderToShape.length]};
        for (int r = 0; r < renderToShape.length; r++) {
            System.arraycopy(clip, 4 * renderToShape[r], renderClip[0], 4 * r, 4);
        }
        float[][] colors = backend.interpolate(raster, renderTriangles, partColors, PART_CHANNELS);
        int[] ids = raster.triangleIds(0);
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] < 0) {
                colors[0][i * PART_CHANNELS] = 1f;
            }
        }
        float[][] aa = backend.antialias(colors, PART_CHANNELS, raster, renderClip, renderTriangles, renderTopology);
        int[] channelLabels = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            channelLabels[i] = labels[i] < 0 ? -1 : labels[i] + 1;
        }
        float[] g = gradClip != null ? new float[aa[0].length] : null;
        double loss = ImageLosses.partCrossEntropy(aa[0], PART_CHANNELS, channelLabels, 1e-3f, weight, g);
        if (gradClip != null) {
            // the colours are constant per triangle, so only the antialiased edges move with the
            // vertices; their gradients are gathered back from render to shape vertices
            float[] gr = backend.antialiasBackward(colors, PART_CHANNELS, raster, renderClip, renderTriangles,
                    renderTopology, new float[][] {g}).positions()[0];
            for (int r = 0; r < renderToShape.length; r++) {
                int s = 4 * renderToShape[r];
                for (int k = 0; k < 4; k++) {
                    gradClip[s + k] += gr[4 * r + k];
                }
            }
        }
        return loss;
    }

    /**
     * The target mask blurred outward the way the soft silhouette blurs the rendered car
     * (exp(-d^2 / sigma) at distance d outside the edge). Against the hard mask, soft IoU would
     * be smallest for a car rendered too small, because the blur adds coverage only outside.
     */
    private float[] softTarget(float sigma) {
        if (sigma != softTargetSigma) {
            float[] mask = target.maskView();
            float[] t = softTarget != null ? softTarget : new float[mask.length];
            for (int i = 0; i < mask.length; i++) {
                float d = outsideDistance[i];
                t[i] = d > 0f ? Math.max(mask[i], (float) Math.exp(-d * d / sigma)) : mask[i];
            }
            softTarget = t;
            softTargetSigma = sigma;
        }
        return softTarget;
    }

    private double partAgreement(int[] ids, int[] labels) {
        int labelled = 0;
        int agree = 0;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] >= 0) {
                labelled++;
                if (ids[i] >= 0 && triangleParts[ids[i]] == labels[i]) {
                    agree++;
                }
            }
        }
        return labelled == 0 ? Double.NaN : agree / (double) labelled;
    }

    /**
     * Intersection over union of two masks in [0, 1]: sum(min) / sum(max).
     *
     * @param a [N] (not modified)
     * @param b [N] (not modified)
     * @return IoU in [0, 1], 1 when both are empty
     */
    static double iou(float[] a, float[] b) {
        double inter = 0;
        double union = 0;
        for (int i = 0; i < a.length; i++) {
            inter += Math.min(a[i], b[i]);
            union += Math.max(a[i], b[i]);
        }
        return union > 0 ? inter / union : 1;
    }

    private static void add(float[] into, float[] values) {
        for (int i = 0; i < into.length; i++) {
            into[i] += values[i];
        }
    }
}
