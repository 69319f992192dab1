package io.github.photo2car.trainer.nn;

import io.github.photo2car.fit.FitTarget;
import io.github.photo2car.fit.SilhouetteObjective;
import io.github.photo2car.fit.WheelProxy;
import io.github.photo2car.raster.CameraGradients;
import io.github.photo2car.raster.ImageLosses;
import io.github.photo2car.raster.MaskIou;
import io.github.photo2car.raster.OrbitCamera;
import io.github.photo2car.raster.RasterBackend;
import io.github.photo2car.raster.RasterOutput;
import io.github.photo2car.template.CarMesh;
import io.github.photo2car.template.CarParams;
import io.github.photo2car.template.CarTemplate;

/**
 * The rasterizer in the training loop: renders a predicted car (the template's body built from
 * predicted parameters and residual) through a camera whose azimuth and elevation are predicted,
 * as a DIB-R soft silhouette, scores it against a target mask with the soft-IoU loss, and returns
 * the loss with its gradients with respect to the camera's parameters, the car's normalised
 * parameters (through {@link ShapeBasis}) and the residual ({@link CarTemplate#residualBackward}).
 * {@link #partMap} does the same for the part map, with the fitter's own label term
 * ({@link SilhouetteObjective}). Thread-safe if the backend is.
 */
public final class SilhouetteLoss {

    /**
     * A loss value and its gradients.
     *
     * @param loss          soft-IoU loss in [0, 1]
     * @param iou           hard IoU of the silhouette (soft values &gt; 0.5) against the target
     * @param gradCamera    dL/d(the camera's seven parameters, {@link OrbitCamera#parameters()} order;
     *                      angles per degree)
     * @param gradParams    dL/d(normalised parameters) [P]
     * @param gradResidual  dL/d(residual) [3V], metres, car frame
     */
    public record Result(double loss, double iou, float[] gradCamera, float[] gradParams, float[] gradResidual) {
    }

    /** Body and proxy wheels, what {@link #frameIou} draws. */
    private static final int[] SCENE_TRIANGLES = WheelProxy.trianglesWithBody();

    private final RasterBackend backend;
    private final ShapeBasis basis;
    private final float sigma;

    /**
     * @param backend the rasterizer
     * @param basis   the template's linear model, for parameter gradients
     * @param sigma   soft silhouette softness in square pixels
     */
    public SilhouetteLoss(RasterBackend backend, ShapeBasis basis, float sigma) {
        this.backend = backend;
        this.basis = basis;
        this.sigma = sigma;
    }

    /**
     * The soft-silhouette loss of a car without a residual; see {@link #evaluate(float[], float[],
     * OrbitCamera, float[], int)}.
     */
    public Result evaluate(float[] params, OrbitCamera camera, float[] target, int size) {
        return evaluate(params, null, camera, target, size);
    }

    /**
     * @param params   normalised parameters of a valid car (not modified)
     * @param residual per-shape-vertex residual [3V], metres, car frame, or null for none (not modified)
     * @param camera   the camera (its azimuth and elevation are what get gradients; aspect 1)
     * @param target   target mask [S*S] in [0, 1], row 0 at the top (not modified)
     * @param size     S
     * @return the loss and gradients
     */
    public Result evaluate(float[] params, float[] residual, OrbitCamera camera, float[] target, int size) {
        return evaluate(params, residual, camera, target, size, 1f);
    }

    /**
     * The soft-silhouette loss of a car with a residual, weighted.
     *
     * @param params   normalised parameters of a valid car (not modified)
     * @param residual per-shape-vertex residual [3V], metres, car frame, or null for none (not modified)
     * @param camera   the camera (aspect 1)
     * @param target   target mask [S*S] in [0, 1], row 0 at the top (not modified)
     * @param size     S
     * @param weight   the term's weight (loss and gradients scale with it; the IoU does not)
     * @return the weighted loss and gradients
     */
    public Result evaluate(float[] params, float[] residual, OrbitCamera camera, float[] target, int size,
                           float weight) {
        // the body alone: a network trained with the proxy wheels drawn here too (and two more
        // changes at once, docs/NEURAL.md) was no better on synthetic cars and worse on the real
        // turntable, so the recipe that made the shipped network stays
        CarMesh car = CarTemplate.build(CarParams.fromVector(params), residual);
        float[] world = car.shapePositions();
        int[] tris = car.triangles();
        float[][] clip = {camera.project(world, 1f)};
        float[] soft = backend.softSilhouette(clip, tris, size, size, sigma)[0];
        float[] grad = new float[soft.length];
        double loss = ImageLosses.softIou(soft, target, weight, grad);
        float[] gradClip = backend.softSilhouetteBackward(clip, tris, size, size, sigma, new float[][] {grad})[0];
        CameraGradients g = camera.projectBackward(world, 1f, gradClip);
        return new Result(loss, MaskIou.hard(soft, target), g.camera(), basis.parameterGradient(g.world()),
                CarTemplate.residualBackward(g.world()));
    }

    /**
     * The part-map loss of a car: the fitter's cross-entropy of the antialiased segment-class
     * map where the car is drawn ({@link SilhouetteObjective}, body and proxy wheels, as in a
     * test-time fit against the segmenter's classes), against a crop's class labels.
     *
     * @param params   normalised parameters of a valid car (not modified)
     * @param residual per-shape-vertex residual [3V], metres, or null (not modified)
     * @param camera   the crop's camera (aspect 1)
     * @param mask     the crop's car mask [S*S] in [0, 1] (not modified)
     * @param classes  [S*S] {@link io.github.photo2car.neural.SegmentClass} ordinals or
     *                 {@link FitTarget#UNKNOWN} (not modified)
     * @param size     S
     * @param weight   the term's weight
     * @return the weighted loss, the class agreement as its IoU (NaN when nothing is labelled),
     *         and gradients (zero when the mask is empty)
     */
    public Result partMap(float[] params, float[] residual, OrbitCamera camera, float[] mask, int[] classes,
                          int size, float weight) {
        boolean any = false;
        for (float m : mask) {
            any |= m > 0;
        }
        if (!any) {
            // a view whose car is hidden or outside: nothing to compare
            return new Result(0, Double.NaN, new float[OrbitCamera.PARAMETER_COUNT], new float[params.length],
                    new float[3 * CarTemplate.SHAPE_VERTICES]);
        }
        FitTarget target = new FitTarget(size, size, mask, classes, FitTarget.LabelKind.CLASSES, 1f);
        SilhouetteObjective objective = new SilhouetteObjective(backend, target, true, false);
        CarParams car = CarParams.fromVector(params);
        float[] world = WheelProxy.withBody(car, CarTemplate.shapePositions(car, residual));
        SilhouetteObjective.Evaluation e = objective.evaluate(world, camera, sigma, 0f, 0f, weight, true);
        float[] body = java.util.Arrays.copyOf(e.gradWorld(), 3 * CarTemplate.SHAPE_VERTICES);
        return new Result(e.loss(), e.partAgreement(), e.gradCamera(), basis.parameterGradient(e.gradWorld()),
                CarTemplate.residualBackward(body));
    }

    /**
     * The hard silhouette IoU of a car, body and proxy wheels (the masks hold the tyres), in a
     * whole picture at the picture's own resolution: pixel centres the car covers against the
     * picture's car pixels, ignored pixels left out.
     *
     * @param params   normalised parameters of a valid car (not modified)
     * @param residual per-shape-vertex residual [3V], metres, or null (not modified)
     * @param camera   the picture's camera (aspect {@link InverseData.Frame#aspect})
     * @param frame    the picture's labels (not modified)
     * @return IoU in [0, 1]
     */
    public double frameIou(float[] params, float[] residual, OrbitCamera camera, InverseData.Frame frame) {
        RasterOutput raster = backend.rasterize(new float[][] {camera.project(scene(params, residual), frame.aspect())},
                SCENE_TRIANGLES, frame.width(), frame.height());
        int[] ids = raster.triangleIds(0);
        byte[] labels = frame.labels();
        long both = 0;
        long either = 0;
        for (int p = 0; p < ids.length; p++) {
            if (labels[p] == InverseData.Frame.IGNORED) {
                continue;
            }
            boolean a = ids[p] >= 0;
            boolean b = labels[p] == InverseData.Frame.CAR;
            both += a && b ? 1 : 0;
            either += a || b ? 1 : 0;
        }
        return either == 0 ? 1 : both / (double) either;
    }

    /**
     * @param params   normalised parameters of a valid car (not modified)
     * @param residual per-shape-vertex residual [3V], metres, or null (not modified)
     * @return a new array: the body's shape vertices, then the wheel proxies', metres, car frame
     */
    static float[] scene(float[] params, float[] residual) {
        CarParams car = CarParams.fromVector(params);
        return WheelProxy.withBody(car, CarTemplate.shapePositions(car, residual));
    }

    /**
     * The valid parameter vector nearest to a wanted one along the straight line from a known
     * valid vector: network outputs can break a cross-parameter rule, and the rasterizer needs a
     * buildable car.
     *
     * @param wanted normalised parameters, maybe invalid (not modified)
     * @param valid  normalised parameters of a valid car (not modified)
     * @return a new valid vector, wanted itself (clamped) when it is valid
     */
    public static float[] nearestValid(float[] wanted, float[] valid) {
        float t = CarParams.validFraction(valid, wanted);
        float[] out = new float[wanted.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.max(0f, Math.min(1f, valid[i] + t * (wanted[i] - valid[i])));
        }
        return out;
    }
}
