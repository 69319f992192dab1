package io.github.photo2car.pipeline;

import java.util.function.Supplier;

import io.github.photo2car.fit.BoxPlacement;
import io.github.photo2car.fit.FitTarget;
import io.github.photo2car.neural.SegmentClass;
import io.github.photo2car.raster.OrbitCamera;
import io.github.photo2car.raster.RasterBackend;
import io.github.photo2car.raster.RasterOutput;
import io.github.photo2car.template.CarMesh;
import io.github.photo2car.template.CarParams;
import io.github.photo2car.template.CarTemplate;

/**
 * Which way the car faces. A car's outline hardly says which end is its front: seen from
 * azimuth a and from a + 180° (the car turned end for end) a car-shaped box has the same
 * silhouette, and the pose estimate often lands on the wrong one on real photos. What does tell
 * the ends apart is what they carry, and the most dependable of it is colour: rear lamps are red
 * (by regulation nearly everywhere, lit or not), head lamps white or amber. This check keeps,
 * of the estimate and the estimate turned end for end, the pose that agrees with the photo's
 * red lamps, or with their absence.
 *
 * <ul>
 * <li>Where the segmenter's wheels show the car from its side ({@link SeenWheels#sideOn}: two tall
 * wheels that look alike), the car's ends are the box's left and right, and the red in the box,
 * read at the photo's own resolution ({@link RedAlong}: a side view's tail lamp is a few dozen
 * pixels, which the crop blurs away), marks the rear: the pose that puts the rear on the red's
 * side wins, if the red lies clearly on one side of the box's middle ({@link #SIDE_RED_OFFSET}).</li>
 * <li>When the estimate looks at one of the car's ends (its azimuth at least {@link #END_ON} in
 * cosine off the side), the pose that looks at the front wins if the car's box shows no red
 * (bright, strongly red pixels: {@link #RED}; fewer than {@link #RED_LAMPS} of the box): a rear
 * in view would show its lamps. The pose that looks at the rear wins if the red makes a pair of
 * lamps, on both halves of the box at about one height; other red (a sign, a plate, a car
 * behind) is left to the pixels.</li>
 * <li>Otherwise the pixels decide (seen from the side both ends are in view): each red one counts for
 * the rear, and so does the segmenter's rear lamp class; its front lamp class counts for the
 * front where the pixel is not red. A pose's score is the sum over the pixels it covers of that
 * evidence times +1 on the car's front half (car-frame z &gt; 0) and −1 on its rear half.</li>
 * <li>A red car (red on more than {@link #RED_CAR} of its box) leaves colour out; the
 * segmenter's lamp classes decide alone.</li>
 * <li>Seen squarely end-on, red in the middle third of the box is the number plate or a badge,
 * not a lamp ({@link #PLATE}).</li>
 * </ul>
 * The turned pose is taken only when it scores higher by a clear margin; with no evidence the
 * estimate stands. Stateless.
 */
final class FacingCheck {

    /**
     * The turned pose must beat the estimate by this many pixels' worth of evidence, as a
     * fraction of the evidence pixels: a tie or a near tie keeps the estimate. Seen from the side
     * the evidence is a few dozen crop pixels, and which half of a guessed car covers each of them
     * shifts with the guess: at 0.1 a side view whose start car was swapped for a road-car preset
     * ({@link AzimuthSweep}) was turned on scores of 3 against 9 of 27 pixels, and side views fell
     * from 0.58 to 0.48 right on every fourth phone photo; at 0.3, 0.58 (docs/RESULTS.md).
     */
    static final double MARGIN = 0.3;

    private FacingCheck() {
    }

    /**
     * What the check found.
     *
     * @param camera       the camera to fit from: the estimate, or the estimate turned end for end
     * @param turned       whether the camera was turned
     * @param keptScore    the estimate's score (evidence pixels, signed; where the end-on rule
     *                     decided, how squarely the pose looks at the car's front: the cosine of
     *                     its azimuth; where the side rule decided, how far the red lies from the
     *                     box's middle, negative when on the estimate's front side)
     * @param turnedScore  the turned pose's score
     * @param evidence     the number of evidence pixels (0 where the end-on rule decided; the
     *                     photo's red pixels where the side rule decided)
     */
    record Verdict(OrbitCamera camera, boolean turned, double keptScore, double turnedScore, int evidence) {
    }

    /**
     * Decides between the estimated camera and the same camera turned by 180° of azimuth (then
     * placed on the mask's box again).
     *
     * @param backend the rasterizer (not null)
     * @param camera  the estimated crop camera (aspect 1; not modified)
     * @param params  the car (not modified)
     * @param target  the fit target with the segmenter's classes as labels, or without labels
     *                (then colour alone decides)
     * @param inside  [S*S] whether each crop pixel lies in the photo, or null (not modified)
     * @param rgba    [S*S*4] the crop's pixels, RGB in [0, 1] and the mask (not modified)
     * @param photoRed reads the red across the car's box in the photo (called only where the
     *                wheels show a side view), or null where unknown
     * @return the verdict
     */
    static Verdict decide(RasterBackend backend, OrbitCamera camera, CarParams params, FitTarget target,
                          boolean[] inside, float[] rgba, Supplier<RedAlong> photoRed) {
        int size = target.width();
        double towardsFront = Math.cos(Math.toRadians(camera.azimuthDeg()));
        RedAlong red = photoRed != null && SeenWheels.sideOn(target) ? photoRed.get() : null;
        if (red != null && red.marksAnEnd()) {
            // seen from the side: the rear is where the red is
            double rearLeftOfFront = rearLeftOfFront(camera, params);
            if (rearLeftOfFront != 0) {
                boolean turn = (rearLeftOfFront > 0) != red.onTheLeft();
                double lean = Math.abs(red.centroid() - 0.5);
                return new Verdict(turn ? turned(camera, params, target, inside) : camera, turn, turn ? -lean : lean,
                        turn ? lean : -lean, red.pixels());
            }
        }
        Evidence evidence = evidence(target, rgba, Math.abs(towardsFront) >= SQUARELY);
        if (evidence.colour() && Math.abs(towardsFront) >= END_ON
                && (evidence.redPair() || !evidence.redLamps())) {
            // the estimate looks at an end: a pair of red lamps makes it the rear, no red the front
            boolean turn = evidence.redPair() ? towardsFront > 0 : towardsFront < 0;
            return new Verdict(turn ? turned(camera, params, target, inside) : camera, turn, towardsFront,
                    -towardsFront, 0);
        }
        int count = evidence.count();
        if (count == 0) {
            return new Verdict(camera, false, 0, 0, 0);
        }
        CarMesh car = CarTemplate.build(params, null);
        OrbitCamera flipped = turned(camera, params, target, inside);
        double kept = score(backend, car, camera, evidence.pixels(), size);
        double turned = score(backend, car, flipped, evidence.pixels(), size);
        boolean turn = turned > kept + MARGIN * count;
        return new Verdict(turn ? flipped : camera, turn, kept, turned, count);
    }

    /**
     * Seen from the side, red lying at least this share of the box's width from its middle marks
     * the rear (its centroid; nearer the middle it says nothing: red at both ends, or a sign).
     * On the side views of 400 phone photos whose wheels look alike the side of the red was the
     * rear in 61 of 68 (the check's other rules had 44); 0.05 and 0.15 did as well.
     */
    static final double SIDE_RED_OFFSET = 0.1;
    /** Seen from the side, red covering at least this share of the car's box is a tail lamp's worth. */
    static final double SIDE_RED_SHARE = 0.0001;

    /**
     * The red pixels ({@link #RED}) across the car's box in the photo.
     *
     * @param pixels   how many
     * @param share    their share of the box's pixels
     * @param centroid their mean x, as a fraction of the box's width from its left (0.5 without red)
     */
    record RedAlong(int pixels, double share, double centroid) {

        /**
         * Whether the red is a tail lamp's worth (at least {@link #SIDE_RED_SHARE} of the box, and
         * not a red car's: at most {@link #RED_CAR}) lying clearly to one side of the box's middle.
         */
        boolean marksAnEnd() {
            return pixels >= 3 && share >= SIDE_RED_SHARE && share <= RED_CAR
                    && Math.abs(centroid - 0.5) >= SIDE_RED_OFFSET;
        }

        /** Whether the red lies left of the box's middle. */
        boolean onTheLeft() {
            return centroid < 0.5;
        }
    }

    /**
     * Reads the red across a box of the photo.
     *
     * @param rgb    [H*W*3] the photo's RGB values in [0, 1], row 0 at the top (not modified)
     * @param width  W
     * @param height H
     * @param box    {minX, minY, maxX, maxY} in photo pixels, inclusive (clamped to the photo;
     *               not modified)
     * @return the red in it
     * @throws IllegalArgumentException if rgb does not hold W*H*3 values or the box is empty
     */
    static RedAlong redAlong(float[] rgb, int width, int height, int[] box) {
        if (rgb.length != 3 * width * height) {
            throw new IllegalArgumentException("rgb must hold width*height*3 values");
        }
        int minX = Math.max(0, box[0]);
        int minY = Math.max(0, box[1]);
        int maxX = Math.min(width - 1, box[2]);
        int maxY = Math.min(height - 1, box[3]);
        if (maxX < minX || maxY < minY) {
            throw new IllegalArgumentException("the box is empty");
        }
        int reds = 0;
        double sumX = 0;
        for (int y = minY; y <= maxY; y++) {
            for (int x = minX; x <= maxX; x++) {
                int i = 3 * (y * width + x);
                float r = rgb[i];
                if (r >= MIN_RED && (r - Math.max(rgb[i + 1], rgb[i + 2])) / r >= RED) {
                    reds++;
                    sumX += x;
                }
            }
        }
        double boxWidth = maxX - minX + 1;
        double centroid = reds == 0 ? 0.5 : (sumX / reds - minX + 0.5) / boxWidth;
        return new RedAlong(reds, reds / (boxWidth * (maxY - minY + 1)), centroid);
    }

    /**
     * How far left of the car's front its rear appears through a camera: the difference of the
     * two ends' projected x (the middles of the car's front and rear faces, half its height up),
     * in normalised device coordinates; 0 where either end lies behind the camera.
     */
    private static double rearLeftOfFront(OrbitCamera camera, CarParams params) {
        float y = 0.5f * params.height();
        float z = 0.5f * params.length();
        float[] clip = camera.project(new float[] {0, y, z, 0, y, -z}, 1f);
        if (clip[3] <= 0 || clip[7] <= 0) {
            return 0;
        }
        return clip[0] / clip[3] - clip[4] / clip[7];
    }

    /** The camera turned by 180° of azimuth and placed on the mask's box again. */
    private static OrbitCamera turned(OrbitCamera camera, CarParams params, FitTarget target, boolean[] inside) {
        return BoxPlacement.place(new OrbitCamera(camera.azimuthDeg() + 180, camera.elevationDeg(),
                camera.distance(), camera.fovYDeg(), camera.principalX(), camera.principalY(), camera.rollDeg(),
                camera.targetX(), camera.targetY(), camera.targetZ(), camera.near(), camera.far()), params,
                target.mask(), inside, target.width());
    }

    /**
     * A pixel this red is a tail lamp: (r - max(g, b)) / r, the share of its red that the other
     * channels do not match (a white lamp 0, a pure red 1, a dark red tail lamp in daylight about
     * 0.6 to 0.8, an orange blinker about 0.3).
     */
    static final float RED = 0.45f;
    /** Below this red channel a pixel is too dark to say what colour it is. */
    static final float MIN_RED = 0.2f;
    /** Red lamps are in view when at least this share of the car's box is red. */
    static final double RED_LAMPS = 0.002;
    /** Each lamp of a pair: at least this share of the box red on its half. */
    static final double PAIR_SHARE = 0.001;
    /** The two lamps of a pair sit at heights this close, as a share of the box's height. */
    static final double PAIR_HEIGHT = 0.15;
    /** A box with more red than this share holds a red car: colour says nothing about its ends. */
    static final double RED_CAR = 0.12;
    /**
     * Seen squarely end-on (|cos(azimuth)| at least {@link #SQUARELY}), red within this share of
     * the box's width either side of its middle is not a lamp: lamps sit at the corners, and the
     * middle holds the number plate, red or pink in some countries, and a front view's badge. On
     * 400 phone photos, front views right 0.74 → 0.87 (docs/RESULTS.md).
     */
    static final double PLATE = 1.0 / 6;
    /**
     * How squarely a pose must look at an end for {@link #PLATE} to hold: within about 25°. In a
     * three-quarter view the far lamp can sit in the box's middle third.
     */
    static final double SQUARELY = 0.9;
    /** A pose looks at an end when the cosine of its azimuth is at least this far from 0 (75° off the side). */
    static final double END_ON = 0.25;

    /**
     * What the crop says about the car's ends.
     *
     * @param pixels   per crop pixel +1 front, -1 rear, 0 nothing
     * @param count    pixels with evidence
     * @param colour   whether colour speaks (the car is not red itself)
     * @param redLamps whether red lamps are in view (only meaningful with colour)
     * @param redPair  whether they make a pair: red on both halves of the box at about one height
     */
    record Evidence(float[] pixels, int count, boolean colour, boolean redLamps, boolean redPair) {
    }

    /**
     * Where the crop shows which end (see the class comment).
     *
     * @param target the fit target (its labels are the segmenter's classes, or it has none)
     * @param rgba   [S*S*4] the crop's pixels, RGB in [0, 1] and the mask (not modified)
     * @param squarely whether the pose looks squarely at an end (then red in the box's middle is
     *                 a plate or a badge, not a lamp: {@link #PLATE})
     * @return per pixel +1 front, -1 rear, 0 nothing; and whether the car shows no red at all
     */
    static Evidence evidence(FitTarget target, float[] rgba, boolean squarely) {
        int w = target.width();
        int n = w * target.height();
        float[] out = new float[n];
        float[] mask = target.mask();
        // colour is read over the car's box, not only its mask: on real photos the segmenter
        // often leaves the lamps out of the car (dark, glossy, at the outline's edge)
        int minX = w;
        int minY = n;
        int maxX = -1;
        int maxY = -1;
        for (int p = 0; p < n; p++) {
            if (mask[p] > 0.5f) {
                minX = Math.min(minX, p % w);
                maxX = Math.max(maxX, p % w);
                minY = Math.min(minY, p / w);
                maxY = Math.max(maxY, p / w);
            }
        }
        boolean[] red = new boolean[n];
        int car = 0;
        int reds = 0;
        for (int p = 0; p < n; p++) {
            int x = p % w;
            int y = p / w;
            if (x >= minX && x <= maxX && y >= minY && y <= maxY) {
                car++;
                float r = rgba[4 * p];
                boolean plate = squarely && Math.abs(x - 0.5 * (minX + maxX)) < PLATE * (maxX - minX + 1);
                red[p] = !plate && r >= MIN_RED && (r - Math.max(rgba[4 * p + 1], rgba[4 * p + 2])) / r >= RED;
                reds += red[p] ? 1 : 0;
            }
        }
        boolean colour = car > 0 && reds <= RED_CAR * car;
        boolean redLamps = colour && reds >= Math.max(3, RED_LAMPS * car);
        // a pair of red lamps: red on both halves of the box at about the same height
        double half = 0.5 * (minX + maxX);
        double[] count2 = new double[2];
        double[] sumY = new double[2];
        for (int p = 0; p < n; p++) {
            if (red[p]) {
                int side = p % w < half ? 0 : 1;
                count2[side]++;
                sumY[side] += p / w;
            }
        }
        double each = Math.max(2, PAIR_SHARE * car);
        boolean redPair = redLamps && count2[0] >= each && count2[1] >= each
                && Math.abs(sumY[0] / count2[0] - sumY[1] / count2[1]) <= PAIR_HEIGHT * (maxY - minY + 1);
        int[] labels = target.hasLabels() && target.labelKind() == FitTarget.LabelKind.CLASSES ? target.labels() : null;
        int count = 0;
        for (int p = 0; p < n; p++) {
            boolean front = labels != null && labels[p] == SegmentClass.HEADLIGHT.ordinal();
            boolean rear = labels != null && labels[p] == SegmentClass.TAILLIGHT.ordinal();
            if (colour && red[p]) {
                out[p] = -1;
            } else if (front) {
                out[p] = 1;
            } else if (rear) {
                out[p] = -0.5f; // a lamp in a rear cluster that is not red: a reversing lamp
            }
            count += out[p] != 0 ? 1 : 0;
        }
        return new Evidence(out, count, colour, redLamps, redPair);
    }

    /** Sum of the evidence under the car, + on its front half and - on its rear half. */
    private static double score(RasterBackend backend, CarMesh car, OrbitCamera camera, float[] evidence, int size) {
        int[] tris = car.triangles();
        float[] pos = car.shapePositions();
        RasterOutput r = backend.rasterize(new float[][] {camera.project(pos, 1f)}, tris, size, size);
        float[] z = new float[pos.length / 3];
        for (int i = 0; i < z.length; i++) {
            z[i] = pos[3 * i + 2];
        }
        float[] carZ = backend.interpolate(r, tris, new float[][] {z}, 1)[0];
        int[] ids = r.triangleIds(0);
        double s = 0;
        for (int p = 0; p < evidence.length; p++) {
            if (evidence[p] != 0 && ids[p] >= 0) {
                s += evidence[p] * Math.signum(carZ[p]);
            }
        }
        return s;
    }
}
