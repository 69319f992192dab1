package io.github.photo2car.fit;

import io.github.photo2car.neural.SegmentClass;
import io.github.photo2car.raster.AntialiasGradients;
import io.github.photo2car.raster.CameraGradients;
import io.github.photo2car.raster.EdgeTopology;
import io.github.photo2car.raster.ImageLosses;
import io.github.photo2car.raster.OrbitCamera;
import io.github.photo2car.raster.RasterBackend;
import io.github.photo2car.raster.RasterOutput;
import io.github.photo2car.template.CarPart;
import io.github.photo2car.template.CarTemplate;
import io.github.photo2car.template.CoarseBody;
import java.util.HashMap;
import java.util.Map;

/**
 * The image loss of a car fit and its gradient with respect to the camera and the scene
 * vertices: soft IoU of the DIB-R soft silhouette (capture range), soft IoU of the antialiased
 * hard mask (unbiased edges), and, when the target has labels, the cross-entropy of an
 * antialiased one-hot label map where the car is drawn ({@link #conditionalCrossEntropy}). Also
 * reports the hard-mask IoU and the label agreement.
 *
 * <p>The scene is the body's shape vertices, followed by the {@link WheelProxy} wheels' vertices
 * when wheels are rendered. Label channels: channel 0 is the background; for
 * {@link FitTarget.LabelKind#PARTS} channel 1 + p is {@link CarPart} p and, with wheels, one last
 * channel (no part label names it) is the wheels; for {@link FitTarget.LabelKind#CLASSES} channel
 * c is {@link SegmentClass} c, body triangles showing {@link SegmentClass#of(CarPart)} of their
 * part and wheel triangles {@link SegmentClass#WHEEL}.
 *
 * <p>Public so that training can score predicted cars with exactly the terms the fitter uses
 * (the inverse-graphics trainer's part-map loss). Not thread-safe: one per thread and target.
 */
public final class SilhouetteObjective {

    /** Rendered part channels without wheels: background, then one per {@link CarPart}. */
    static final int PART_CHANNELS = CarPart.values().length + 1;

    /**
     * Floor added to the label probability under the logarithm. Antialiasing blends labels over
     * a pixel at most, so a wrong-class pixel beside a class border holds a blend of 0..0.5; with a
     * tiny floor its gradient (1 / (q + eps)) swings by 100x with the border's sub-pixel position
     * and the step direction is noise. 0.1 bounds it at 10 (measured in docs/FIT.md).
     */
    static final double LABEL_EPS = 0.1;

    private final RasterBackend backend;
    private final FitTarget target;
    private final int width;
    private final int height;
    private final int sceneVertices;
    private final int[] triangles;
    private final EdgeTopology topology;
    /** Label channel shown by each triangle; null without labels. */
    private final int[] triangleChannel;
    /** Label channel of each target pixel, -1 where unknown; null without labels. */
    private final int[] labelChannel;
    private final int channels;
    private final int[] renderTriangles;
    private final int[] renderToShape;
    private final EdgeTopology renderTopology;
    private final float[][] partColors;
    /** Distance in pixels from each pixel to the target's silhouette edge, 0 inside the target. */
    private final float[] outsideDistance;
    private float softTargetSigma = Float.NaN;
    private float[] softTarget;

    /** Result of one evaluation; gradients are null when not asked for. */
    public static final class Evaluation {
        double loss;
        double iou;
        /** Fraction of labelled target pixels whose rendered part or class matches; NaN without labels. */
        double partAgreement = Double.NaN;
        float[] gradCamera;
        float[] gradWorld;

        /** @return the weighted loss */
        public double loss() {
            return loss;
        }

        /** @return hard-mask IoU of the drawn car against the target mask, in [0, 1] */
        public double iou() {
            return iou;
        }

        /** @return fraction of labelled pixels whose drawn part or class is their label; NaN without labels */
        public double partAgreement() {
            return partAgreement;
        }

        /**
         * @return dLoss/d(the camera's seven parameters, {@link OrbitCamera#parameters()} order,
         *         angles per degree), or null without gradients (not a copy)
         */
        public float[] gradCamera() {
            return gradCamera;
        }

        /** @return dLoss/d(scene positions) [3 * sceneVertices], metres, car frame, or null (not a copy) */
        public float[] gradWorld() {
            return gradWorld;
        }
    }

    /**
     * @param backend the rasterizer
     * @param target  what to compare with (not modified)
     * @param wheels  whether the scene holds the wheels after the body (forced for class labels)
     * @param coarse  whether to draw the {@link CoarseBody} instead of the full body (the scene's
     *                vertices are the same either way)
     * @throws IllegalArgumentException if backend or target is null
     */
    public SilhouetteObjective(RasterBackend backend, FitTarget target, boolean wheels, boolean coarse) {
        if (backend == null || target == null) {
            throw new IllegalArgumentException("backend and target must not be null");
        }
        this.backend = backend;
        this.target = target;
        this.width = target.width();
        this.height = target.height();
        boolean classes = target.hasLabels() && target.labelKind() == FitTarget.LabelKind.CLASSES;
        wheels |= classes;
        this.sceneVertices = CarTemplate.SHAPE_VERTICES + (wheels ? WheelProxy.VERTICES : 0);
        Layout layout = Layout.of(wheels, coarse, target.hasLabels() ? target.labelKind() : null);
        this.triangles = layout.triangles;
        this.topology = layout.topology;
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
        triangleChannel = layout.triangleChannel;
        channels = layout.channels;
        renderTriangles = layout.renderTriangles;
        renderToShape = layout.renderToShape;
        renderTopology = layout.renderTopology;
        partColors = layout.partColors;
        if (target.hasLabels()) {
            int[] labels = target.labelView();
            labelChannel = new int[labels.length];
            for (int i = 0; i < labels.length; i++) {
                labelChannel[i] = labels[i] < 0 ? -1 : (classes ? labels[i] : labels[i] + 1);
            }
        } else {
            labelChannel = null;
        }
    }

    /**
     * What a scene draws, independent of the target: triangles, edges and, with labels, the
     * channel of each triangle and the render mesh split along channel borders. Built once per
     * kind of scene and shared (immutable once built): building the edge topologies costs
     * milliseconds, and fits and training make many objectives.
     */
    private static final class Layout {
        private static final Map<String, Layout> CACHE = new java.util.concurrent.ConcurrentHashMap<>();

        final int[] triangles;
        final EdgeTopology topology;
        final int[] triangleChannel;
        final int channels;
        final int[] renderTriangles;
        final int[] renderToShape;
        final EdgeTopology renderTopology;
        final float[][] partColors;

        static Layout of(boolean wheels, boolean coarse, FitTarget.LabelKind kind) {
            return CACHE.computeIfAbsent(wheels + "/" + coarse + "/" + kind, k -> new Layout(wheels, coarse, kind));
        }

        private Layout(boolean wheels, boolean coarse, FitTarget.LabelKind kind) {
            int[] body = coarse ? CoarseBody.triangles() : CarTemplate.triangles();
            triangles = wheels ? WheelProxy.trianglesWithBody(body) : body;
            topology = EdgeTopology.of(triangles);
            if (kind == null) {
                triangleChannel = null;
                channels = 0;
                renderTriangles = null;
                renderToShape = null;
                renderTopology = null;
                partColors = null;
                return;
            }
            boolean classes = kind == FitTarget.LabelKind.CLASSES;
            CarPart[] parts = coarse ? CoarseBody.triangleParts() : CarTemplate.triangleParts();
            int tris = triangles.length / 3;
            triangleChannel = new int[tris];
            for (int t = 0; t < tris; t++) {
                if (t >= parts.length) {
                    triangleChannel[t] = classes ? SegmentClass.WHEEL.ordinal() : PART_CHANNELS;
                } else {
                    triangleChannel[t] = classes ? SegmentClass.of(parts[t]).ordinal() : 1 + parts[t].ordinal();
                }
            }
            channels = classes ? SegmentClass.COUNT : PART_CHANNELS + (wheels ? 1 : 0);
            // render vertices are split along channel borders, so a one-hot colour per render
            // vertex is constant over each triangle and channel borders become mesh boundaries
            // that antialias blends (which gives them position gradients)
            renderTriangles = new int[triangles.length];
            Map<Long, Integer> index = new HashMap<>();
            int[] toScene = new int[triangles.length];
            for (int t = 0; t < tris; t++) {
                for (int c = 0; c < 3; c++) {
                    int v = triangles[3 * t + c];
                    long key = (long) v * channels + triangleChannel[t];
                    Integer r = index.get(key);
                    if (r == null) {
                        r = index.size();
                        index.put(key, r);
                        toScene[r] = v;
                    }
                    renderTriangles[3 * t + c] = r;
                }
            }
            renderToShape = java.util.Arrays.copyOf(toScene, index.size());
            renderTopology = EdgeTopology.of(renderTriangles);
            float[] colors = new float[renderToShape.length * channels];
            for (int t = 0; t < tris; t++) {
                for (int c = 0; c < 3; c++) {
                    colors[renderTriangles[3 * t + c] * channels + triangleChannel[t]] = 1f;
                }
            }
            partColors = new float[][] {colors};
        }
    }

    /** @return the scene's vertex count: shape vertices, plus the wheels' when rendered */
    public int sceneVertices() {
        return sceneVertices;
    }

    /** @return the scene's triangles (the body's, then the wheels' when rendered); shared, do not modify */
    int[] sceneTriangles() {
        return triangles;
    }

    /**
     * Evaluates the loss of a car seen through a camera.
     *
     * @param world      scene positions [{@link #sceneVertices()}*3], metres, car frame: the shape
     *                   vertices, then the wheels' when rendered (not modified)
     * @param camera     the camera
     * @param sigma      soft-silhouette softness in square pixels
     * @param softWeight weight of the soft-silhouette IoU term
     * @param hardWeight weight of the antialiased hard-mask IoU term
     * @param partWeight weight of the label cross-entropy (ignored without labels)
     * @param gradients  whether to compute gradients
     * @return the loss, IoU, agreement and (if asked) the camera and world-position gradients
     */
    public Evaluation evaluate(float[] world, OrbitCamera camera, float sigma, float softWeight, float hardWeight,
                        float partWeight, boolean gradients) {
        if (world.length != 3 * sceneVertices) {
            throw new IllegalArgumentException("world must hold " + 3 * sceneVertices + " floats, got " + world.length);
        }
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
        if (labelChannel != null) {
            e.partAgreement = partAgreement(raster.triangleIds(0));
            if (partWeight > 0) {
                e.loss += partLoss(raster, pos[0], partWeight, gradClip);
            }
        }
        if (gradients) {
            CameraGradients cg = camera.projectBackward(world, target.aspect(), gradClip);
            e.gradCamera = cg.camera();
            e.gradWorld = cg.world();
        }
        return e;
    }

    /** Cross-entropy of the antialiased label map; adds its clip-position gradient into gradClip. */
    private double partLoss(RasterOutput raster, float[] clip, float weight, float[] gradClip) {
        float[][] renderClip = {new float[4 * renderToShape.length]};
        for (int r = 0; r < renderToShape.length; r++) {
            System.arraycopy(clip, 4 * renderToShape[r], renderClip[0], 4 * r, 4);
        }
        float[][] colors = backend.interpolate(raster, renderTriangles, partColors, channels);
        int[] ids = raster.triangleIds(0);
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] < 0) {
                colors[0][i * channels] = 1f;
            }
        }
        float[][] aa = backend.antialias(colors, channels, raster, renderClip, renderTriangles, renderTopology);
        float[] g = gradClip != null ? new float[aa[0].length] : null;
        double loss = conditionalCrossEntropy(aa[0], ids, weight, g);
        if (gradClip != null) {
            // the colours are constant per triangle, so only the antialiased edges move with the
            // vertices; their gradients are gathered back from render to scene vertices
            float[] gr = backend.antialiasBackward(colors, channels, raster, renderClip, renderTriangles,
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
     * Cross-entropy of the labels given that the car is drawn: at a labelled pixel whose centre
     * the car covers, -log((q + eps) / (1 + eps)) with q = p_label / (1 - p_background) and p the
     * antialiased one-hot map (0 when the label shows, about 2.4 when another part or class
     * does); pixels where nothing is drawn add nothing, so the term asks which part shows, not
     * whether the car covers the pixel. The IoU terms judge coverage; a plain cross-entropy would
     * add a second, one-sided silhouette loss there (labelled pixels are car pixels only) and
     * fight them. A background label keeps the plain -log((p_background + eps) / (1 + eps)) at
     * every pixel. The mean is over all labelled pixels.
     *
     * @param probs  [N*channels] antialiased map (not modified)
     * @param ids    [N] rendered triangle per pixel, -1 where none (not modified)
     * @param weight the term's weight
     * @param grad   [N*channels] receives dLoss/dprobs (added), or null
     * @return the weighted mean loss
     */
    private double conditionalCrossEntropy(float[] probs, int[] ids, float weight, float[] grad) {
        int count = 0;
        for (int label : labelChannel) {
            if (label >= 0) {
                count++;
            }
        }
        if (count == 0) {
            return 0;
        }
        final double eps = LABEL_EPS;
        double scale = weight / (double) count;
        double sum = 0;
        for (int i = 0; i < labelChannel.length; i++) {
            int label = labelChannel[i];
            if (label < 0) {
                continue;
            }
            int at = i * channels;
            if (label == 0) {
                double p = Math.max(0, probs[at]) + eps;
                sum -= Math.log(p / (1 + eps));
                if (grad != null) {
                    grad[at] -= (float) (scale / p);
                }
                continue;
            }
            if (ids[i] < 0) {
                continue;
            }
            double car = 0;
            for (int k = 1; k < channels; k++) {
                car += Math.max(0, probs[at + k]);
            }
            if (!(car > 1e-6)) {
                continue;
            }
            double q = Math.max(0, probs[at + label]) / car;
            sum -= Math.log((q + eps) / (1 + eps));
            if (grad != null) {
                // d(-log(q + eps)) / dp_k = -(dq/dp_k) / (q + eps), dq/dp_k = ([k == label] - q) / car
                double common = scale / ((q + eps) * car);
                for (int k = 1; k < channels; k++) {
                    if (probs[at + k] >= 0) {
                        grad[at + k] += (float) (common * (q - (k == label ? 1 : 0)));
                    }
                }
            }
        }
        return weight * sum / count;
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

    /** Fraction of labelled pixels whose rendered channel (0 where nothing is drawn) is their label's. */
    private double partAgreement(int[] ids) {
        int labelled = 0;
        int agree = 0;
        for (int i = 0; i < labelChannel.length; i++) {
            if (labelChannel[i] >= 0) {
                labelled++;
                int shown = ids[i] < 0 ? 0 : triangleChannel[ids[i]];
                if (shown == labelChannel[i]) {
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
