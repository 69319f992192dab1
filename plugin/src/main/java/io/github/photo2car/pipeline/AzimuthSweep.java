package io.github.photo2car.pipeline;

import java.util.ArrayList;
import java.util.List;

import io.github.photo2car.fit.BoxPlacement;
import io.github.photo2car.fit.FitTarget;
import io.github.photo2car.fit.WheelProxy;
import io.github.photo2car.neural.SegmentClass;
import io.github.photo2car.raster.OrbitCamera;
import io.github.photo2car.raster.RasterBackend;
import io.github.photo2car.template.BodyType;
import io.github.photo2car.template.CarParams;
import io.github.photo2car.template.CarPart;
import io.github.photo2car.template.CarTemplate;
import io.github.photo2car.template.CoarseBody;

/**
 * Checks the estimated azimuth and body against what the segmenter found. The inverse-graphics
 * network reads studio photos and our renders well, but on phone photos it can be a quarter turn
 * out (a clean side view read as a front view, a three-quarter view as the opposite corner), and
 * its body is often far too short for a real car (a median 3.4 m on phone photos of road cars).
 * The fitter only refines a start, so it cannot recover: it bends a short car seen end-on into a
 * side view's outline instead.
 *
 * <p>The sweep draws candidate cars (the estimate's, and with one photo the road-car presets) at
 * the estimate's elevation from {@value #STEPS} azimuths around the estimate, each placed on the
 * mask's box through a nearly orthographic lens ({@value #SWEEP_FOV}°), and scores each by the IoU
 * of its outline with the mask plus, where the target carries the segmenter's classes, the IoU of
 * its wheels with the WHEEL pixels and of its glass with the WINDOW pixels (at 1/{@value
 * #DOWNSAMPLE} of the crop's resolution, coarse body). The outline alone is a weak witness: a too
 * short car seen end-on covers a long car's side view about as well as seen from the side, and
 * through the photo's assumed lens close up perspective spreads it further; where the wheels and
 * the windows are is not. The estimate's car and the first {@value #WIDE_ALTERNATIVES} presets are
 * tried at every azimuth, the other presets at the estimate's azimuth and the {@value #PEAKS} best
 * peaks (rasterizing is most of the cost: about 0.1 s a photo). The estimate is kept unless
 * another pose scores {@value #MARGIN} more.
 *
 * <p>Side or end: a short, tall car seen end-on covers a side view's outline nearly as well as
 * seen from the side, and then its wheels sit at the box's bottom corners and its windscreen
 * across the top, about where a side view's wheels and windows are: the scores alone turned
 * clean side views into end views. Two wheels that each stand at least {@value
 * SeenWheels#TALL} of the car's height are seen only from a side or three-quarter view (front
 * and rear views show the tyres' bottoms under the bumper, if at all), so with those, poses within
 * {@value #SIDE_MAX_COS} in cosine of an end are not tried, the estimate's included; where the
 * two also look alike (seen from the side, {@link SeenWheels#sideOn}), poses more than 30° off
 * the side are not tried ({@value #SIDE_ON_MAX_COS}): a side view the sweep left at a
 * three-quarter pose was bent by the fit into an end view once turned end for end.
 *
 * <p>Of the winner and the winner turned end for end, the one nearer the estimate is taken: the
 * outline is not trusted with which end is which, that is {@link FacingCheck}'s call (picking the
 * better scored end of side views was tried and was right no more often than the lamps).
 * The pipeline runs the sweep only where the segmenter's classes are known: on the outline alone
 * it lost to the network. Measured in docs/RESULTS.md ("Checking the network's pose against the
 * outline"). Stateless.
 */
final class AzimuthSweep {

    /** Azimuths tried, evenly spaced around the estimate (which is the first). */
    static final int STEPS = 24;
    /** Alternatives (the first ones) tried at every azimuth; the rest only at the peaks. */
    static final int WIDE_ALTERNATIVES = 2;
    /** Azimuths, besides the estimate's, at which the other alternatives are tried. */
    static final int PEAKS = 3;
    /** Score by which another pose must beat the estimate's. */
    static final double MARGIN = 0.03;
    /** The sweep's lens, degrees of vertical field: nearly orthographic (see the class comment). */
    static final float SWEEP_FOV = 8f;
    /** The sweep scores at the crop's resolution divided by this. */
    static final int DOWNSAMPLE = 2;

    /** Weight of the wheels' and the glass's IoU each, beside the outline's. */
    static final double PART_WEIGHT = 1;
    /** With two tall wheels, poses whose |cos(azimuth)| exceeds this (within 30° of an end) are not tried. */
    static final double SIDE_MAX_COS = 0.87;
    /**
     * With two tall wheels that look alike ({@link SeenWheels#sideOn}), poses whose |cos(azimuth)|
     * exceeds this (more than 30° off the side) are not tried. On 400 phone photos, after the side
     * rule of {@link FacingCheck}: direction 0.810 → 0.822, wheel IoU 0.319 → 0.339 (0.35, 20°
     * off the side: 0.825 and 0.331).
     */
    static final double SIDE_ON_MAX_COS = 0.5;

    private AzimuthSweep() {
    }

    /**
     * What the sweep found.
     *
     * @param camera  the camera to go on with: the estimate's, or one at another azimuth placed
     *                on the box
     * @param params  the car to go on with: the estimate's, or one of the alternatives
     * @param moved     whether the azimuth or the car changed
     * @param keptScore the estimate's score (outline IoU, plus wheel and glass IoU with classes;
     *                  −∞ where the wheels ruled the estimate out)
     * @param bestScore the chosen pose's score
     */
    record Verdict(OrbitCamera camera, CarParams params, boolean moved, double keptScore, double bestScore) {
    }

    /**
     * The road-car presets, as alternatives to an estimated body: a low and a tall one first
     * (tried at every azimuth), then the others.
     */
    static List<CarParams> roadCars() {
        List<CarParams> out = new ArrayList<>();
        for (BodyType t : List.of(BodyType.SEDAN, BodyType.SUV, BodyType.HATCHBACK, BodyType.WAGON, BodyType.COUPE,
                BodyType.PICKUP, BodyType.VAN)) {
            out.add(CarParams.preset(t));
        }
        return out;
    }

    /**
     * @param backend      the rasterizer (not null)
     * @param camera       the estimated crop camera, already placed on the box (aspect 1; not modified)
     * @param params       the estimated car (not modified)
     * @param target       the fit target (its mask is read; not modified)
     * @param inside       [S*S] whether each crop pixel lies in the photo, or null (not modified)
     * @param alternatives other cars to try in place of the estimate's (not null, may be empty;
     *                     not modified)
     * @return the verdict
     */
    static Verdict decide(RasterBackend backend, OrbitCamera camera, CarParams params, FitTarget target,
                          boolean[] inside, List<CarParams> alternatives) {
        int size = target.width();
        FitTarget small = target.downsampled(DOWNSAMPLE);
        Scorer scorer = new Scorer(backend, small);
        List<CarParams> cars = new ArrayList<>();
        cars.add(params);
        cars.addAll(alternatives);
        double[][] score = new double[cars.size()][STEPS];
        for (double[] row : score) {
            java.util.Arrays.fill(row, Double.NEGATIVE_INFINITY);
        }
        float[][] worlds = new float[cars.size()][];
        // all azimuths for the estimate's car and the first alternatives; the others only at the
        // best azimuths found so far (the sweep's cost is mostly rasterizing)
        int wide = Math.min(cars.size(), 1 + WIDE_ALTERNATIVES);
        boolean side = SeenWheels.standTall(target);
        boolean sideOn = side && SeenWheels.sideOn(target);
        boolean[] allowed = new boolean[STEPS];
        for (int k = 0; k < STEPS; k++) {
            allowed[k] = !side || Math.abs(cosAzimuth(camera, k)) <= (sideOn ? SIDE_ON_MAX_COS : SIDE_MAX_COS);
        }
        for (int c = 0; c < wide; c++) {
            for (int k = 0; k < STEPS; k++) {
                if (allowed[k]) {
                    score[c][k] = score(scorer, cars, worlds, c, k, camera, target, inside, size);
                }
            }
        }
        if (cars.size() > wide) {
            for (int k : peaks(score, wide)) {
                if (!allowed[k]) {
                    continue; // ruled out by the wheels (the estimate's azimuth, always among the peaks)
                }
                for (int c = wide; c < cars.size(); c++) {
                    score[c][k] = score(scorer, cars, worlds, c, k, camera, target, inside, size);
                }
            }
        }
        int bestCar = 0;
        int best = 0;
        for (int c = 0; c < cars.size(); c++) {
            for (int k = 0; k < STEPS; k++) {
                if (score[c][k] > score[bestCar][best]) {
                    bestCar = c;
                    best = k;
                }
            }
        }
        double kept = score[0][0];
        if (score[bestCar][best] == Double.NEGATIVE_INFINITY
                || (kept > Double.NEGATIVE_INFINITY && score[bestCar][best] < kept + MARGIN)) {
            bestCar = 0;
            best = 0;
        }
        // the outline hardly tells the car's ends apart, and the template's ends are not the
        // photo's: of the winner and the winner turned end for end, the one nearer the estimate
        int opposite = (best + STEPS / 2) % STEPS;
        if (distance(opposite) < distance(best)) {
            best = opposite;
        }
        if (best == 0 && bestCar == 0) {
            return new Verdict(camera, params, false, kept, kept);
        }
        CarParams car = cars.get(bestCar);
        OrbitCamera chosen = BoxPlacement.place(posed(camera, 360.0 * best / STEPS, car, camera.fovYDeg()), car,
                target.mask(), inside, size);
        return new Verdict(chosen, car, true, kept, score[bestCar][best]);
    }

    /** The cosine of step k's azimuth (1 looking at the car's front, 0 at a side). */
    private static double cosAzimuth(OrbitCamera estimate, int k) {
        return Math.cos(Math.toRadians(estimate.azimuthDeg() + 360.0 * k / STEPS));
    }

    /**
     * How well a car drawn through a camera matches the target: the IoU of its outline with the
     * mask, plus, where the target has the segmenter's classes, the IoU of its wheels with the
     * WHEEL pixels and of its glass with the WINDOW pixels. The outline alone is a weak witness
     * of the azimuth when the body is wrong (a too short car seen end-on covers a long car's side
     * view about as well as seen from the side); where the wheels and windows are is not.
     */
    private static final class Scorer {
        private final RasterBackend backend;
        private final FitTarget target;
        // the coarse body: a fifth of the triangles, and rasterizing is most of the sweep's cost
        private final int[] triangles = WheelProxy.trianglesWithBody(CoarseBody.triangles());
        private final int[] triangleClass;

        Scorer(RasterBackend backend, FitTarget target) {
            this.backend = backend;
            this.target = target;
            CarPart[] parts = CoarseBody.triangleParts();
            triangleClass = new int[triangles.length / 3];
            for (int t = 0; t < triangleClass.length; t++) {
                triangleClass[t] = t < parts.length ? SegmentClass.of(parts[t]).ordinal() : SegmentClass.WHEEL.ordinal();
            }
        }

        double score(float[] world, OrbitCamera camera) {
            int w = target.width();
            int[] ids = backend.rasterize(new float[][] {camera.project(world, 1f)}, triangles, w, target.height())
                    .triangleIds(0);
            float[] mask = target.mask();
            int[] labels = target.hasLabels() && target.labelKind() == FitTarget.LabelKind.CLASSES ? target.labels() : null;
            int wheel = SegmentClass.WHEEL.ordinal();
            int window = SegmentClass.WINDOW.ordinal();
            int[] both = new int[3];
            int[] either = new int[3];
            for (int p = 0; p < ids.length; p++) {
                boolean drawn = ids[p] >= 0;
                boolean car = mask[p] > 0.5f;
                both[0] += drawn && car ? 1 : 0;
                either[0] += drawn || car ? 1 : 0;
                if (labels != null) {
                    int drawnClass = drawn ? triangleClass[ids[p]] : -1;
                    for (int k = 1; k < 3; k++) {
                        int c = k == 1 ? wheel : window;
                        boolean d = drawnClass == c;
                        boolean l = labels[p] == c;
                        both[k] += d && l ? 1 : 0;
                        either[k] += d || l ? 1 : 0;
                    }
                }
            }
            double s = either[0] == 0 ? 0 : both[0] / (double) either[0];
            for (int k = 1; k < 3; k++) {
                s += either[k] == 0 ? 0 : PART_WEIGHT * both[k] / either[k];
            }
            return s;
        }
    }

    private static double score(Scorer scorer, List<CarParams> cars, float[][] worlds, int c, int k,
                                OrbitCamera camera, FitTarget target, boolean[] inside, int size) {
        CarParams car = cars.get(c);
        if (worlds[c] == null) {
            worlds[c] = WheelProxy.withBody(car, CarTemplate.shapePositions(car, null));
        }
        OrbitCamera cam = BoxPlacement.place(posed(camera, 360.0 * k / STEPS, car, SWEEP_FOV), car, target.mask(),
                inside, size);
        return scorer.score(worlds[c], cam);
    }

    /**
     * The estimate's azimuth and the {@value #PEAKS} best local maxima over azimuth of the best
     * score among the first cars.
     */
    private static List<Integer> peaks(double[][] score, int cars) {
        double[] top = new double[STEPS];
        for (int k = 0; k < STEPS; k++) {
            top[k] = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < cars; c++) {
                top[k] = Math.max(top[k], score[c][k]);
            }
        }
        List<Integer> maxima = new ArrayList<>();
        for (int k = 0; k < STEPS; k++) {
            if (top[k] >= top[(k + 1) % STEPS] && top[k] >= top[(k + STEPS - 1) % STEPS]) {
                maxima.add(k);
            }
        }
        maxima.sort((a, b) -> Double.compare(top[b], top[a]));
        List<Integer> out = new ArrayList<>();
        out.add(0);
        for (int k : maxima) {
            if (out.size() > PEAKS) {
                break;
            }
            if (!out.contains(k)) {
                out.add(k);
            }
        }
        return out;
    }

    /** How far step k's azimuth lies from the estimate's, in steps. */
    private static int distance(int k) {
        return Math.min(k, STEPS - k);
    }

    /**
     * The camera turned by some degrees of azimuth, with a lens, looking at the middle of the car's
     * height, moved along its axis so the car keeps about its size in the picture (the box
     * placement then refines the distance; it leaves a camera with part of the car behind it as
     * it is).
     */
    private static OrbitCamera posed(OrbitCamera c, double degrees, CarParams car, float fovYDeg) {
        double zoom = Math.tan(Math.toRadians(0.5 * c.fovYDeg())) / Math.tan(Math.toRadians(0.5 * fovYDeg));
        float distance = (float) (c.distance() * zoom);
        return new OrbitCamera((float) (c.azimuthDeg() + degrees), c.elevationDeg(), distance, fovYDeg,
                c.principalX(), c.principalY(), c.rollDeg(), c.targetX(), 0.5f * car.height(), c.targetZ(), c.near(),
                Math.max(c.far(), 2 * distance + 20));
    }
}
