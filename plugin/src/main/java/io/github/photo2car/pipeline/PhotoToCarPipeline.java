package io.github.photo2car.pipeline;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Objects;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.photo2car.bake.BakedTexture;
import io.github.photo2car.bake.PhotoBaker;
import io.github.photo2car.bake.PhotoImage;
import io.github.photo2car.fit.BoxPlacement;
import io.github.photo2car.fit.CarFitter;
import io.github.photo2car.fit.FitOptions;
import io.github.photo2car.fit.FitStage;
import io.github.photo2car.fit.FitResult;
import io.github.photo2car.fit.FitTarget;
import io.github.photo2car.neural.CarSegmenter;
import io.github.photo2car.neural.InverseGraphics;
import io.github.photo2car.neural.SegmentClass;
import io.github.photo2car.neural.Segmentation;
import io.github.photo2car.raster.OrbitCamera;
import io.github.photo2car.raster.RasterBackend;
import io.github.photo2car.template.BodyType;
import io.github.photo2car.template.CarMesh;
import io.github.photo2car.template.CarParams;
import io.github.photo2car.template.CarTemplate;

/**
 * The photo-to-car pipeline up to the rig (which needs the render thread and is built by the
 * app state): find the car's mask, cut a square crop around the largest car, guess the camera
 * and shape (inverse-graphics network, with its residual when it has that head, or a pose search
 * without one), refine them with the rasterizer-based fitter, and bake the photo onto the fitted
 * body's texture atlas. When the segmenter found the car, its classes (body, window, wheel, lamps, trim) go to the fitter as
 * labels too: a silhouette cannot say where the wheels are, the WHEEL class can. Several photos
 * of one car make one car fitted to all of them ({@link #convert(List, ConversionListener,
 * BooleanSupplier)}). Runs on the caller's thread; never touches the scene.
 *
 * <p>Thread-safe if its models and backend are (they are); one conversion per call.
 */
public final class PhotoToCarPipeline {

    private static final Logger LOG = LoggerFactory.getLogger(PhotoToCarPipeline.class);

    /** The largest car must cover at least this fraction of the photo. */
    static final double MIN_CAR_FRACTION = 0.003;
    /** Regions at least this fraction of the largest count as further cars (for the warning). */
    static final double OTHER_CAR_FRACTION = 0.25;
    /** Longest side of the mask grid read from the segmenter. */
    static final int MASK_GRID = 384;
    /** Room around the car in the segmenter's closer look, as a fraction of its longer side. */
    static final double FOCUS_MARGIN = 0.15;
    /** No closer look when the window would cover this much of the photo's longer side. */
    static final double FOCUS_LIMIT = 1.05;
    /**
     * Weight of the fitter's class cross-entropy when the segmenter's classes are the labels
     * (the silhouette terms weigh 1 each). On 400 phone photos 0.4 instead of the fitter's
     * default 0.1 put the wheels and glass nearer the photo's (wheel IoU 0.295 → 0.322, glass
     * 0.261 → 0.272, wheel centre error 0.038 → 0.035; 1.0 did less for the wheels), with the
     * studio photos' figures held (docs/RESULTS.md).
     */
    static final float CLASS_WEIGHT = 0.4f;
    /**
     * Shares of the fit's iteration budget for the POSE and SHAPE stages; RESIDUAL gets the rest.
     * The network's start leaves less to do in POSE than the fitter's own defaults (60 / 80 / 60)
     * assume, and capped at 120 iterations those defaults end the fit in SHAPE unless a stage
     * stops early, so the residual, which lets the outline follow the photo's car beyond the
     * template, seldom ran. Measured with 120 iterations (docs/RESULTS.md): lowres / Lexus
     * reprojected IoU, Kenney wheelbase error, lowres median seconds:
     * defaults 0.886 / 0.905, 0.075, 1.6 s; 0.3 / 0.3 / 0.4 (chosen) 0.898 / 0.908, 0.079, 1.7 s;
     * 0.2 / 0.4 / 0.4 0.899 / 0.909, 0.082 (over the 0.08 goal), 2.0 s (a shorter POSE stage at
     * half resolution leaves large blurs to the full-resolution stages, which cost more);
     * 0.33 / 0.67 / 0 0.880 on lowres.
     */
    static final double POSE_SHARE = 0.3;
    /**
     * Whether POSE and SHAPE draw the {@link io.github.photo2car.template.CoarseBody} (RESIDUAL
     * always draws the full body). At the 128-pixel crop the full body's triangles are far below a
     * pixel and the soft silhouette's cost follows their count. Measured (docs/RESULTS.md, same
     * 120 iterations): fit 1.52 → 1.12 s on lowres and 1.38 → 1.01 s on the Lexus in
     * {@code eval}, photo to car in a running game 2.4 → 2.0 s ({@code bench-game}); reprojected
     * IoU lowres 0.898 → 0.894, Lexus 0.908 → 0.907, novel view 0.875 → 0.876, Kenney IoU3d
     * 0.526 → 0.522.
     */
    static final boolean COARSE_EARLY_STAGES = true;
    /** See {@link #POSE_SHARE}. */
    static final double SHAPE_SHARE = 0.3;
    /** The most photos of one car a conversion takes. */
    public static final int MAX_PHOTOS = 8;
    /**
     * The most coordinate sweeps that bring the network's answer onto a buildable car
     * ({@link CarParams#slideToward}); the answers measured settle within 3. The system property
     * {@code photo2car.slideSweeps} overrides it for measurements (0: the straight line search
     * from the sedan preset that the pipeline used until session 11, docs/RESULTS.md).
     */
    static final int SLIDE_SWEEPS = Integer.getInteger("photo2car.slideSweeps", 16);

    private final RasterBackend backend;
    private final CarSegmenter segmenter;
    private final InverseGraphics inverse;
    private final ConversionOptions options;

    /**
     * @param backend   the rasterizer for fitting and baking (not null)
     * @param segmenter the segmenter, or null to rely on masks that come with the photos
     * @param inverse   the inverse-graphics network, or null to start from a pose search
     * @param options   conversion options (not null)
     */
    public PhotoToCarPipeline(RasterBackend backend, CarSegmenter segmenter, InverseGraphics inverse,
                              ConversionOptions options) {
        if (backend == null || options == null) {
            throw new IllegalArgumentException("backend and options must not be null");
        }
        this.backend = backend;
        this.segmenter = segmenter;
        this.inverse = inverse;
        this.options = options;
    }

    /**
     * Converts one photo.
     *
     * @param photo     the decoded photo, with its car mask when one is known (not modified)
     * @param listener  progress reports (not null; {@link ConversionListener#NONE} for none)
     * @param cancelled polled between stages and during fitting; true stops with
     *                  {@link ConversionException.Reason#CANCELLED} (null for never)
     * @return the fitted car and its texture
     * @throws ConversionException if there is no car to build, no way to find it, or the
     *                             conversion was cancelled
     */
    public CarBuild convert(PhotoImage photo, ConversionListener listener, BooleanSupplier cancelled)
            throws ConversionException {
        if (photo == null) {
            throw new IllegalArgumentException("photo must not be null");
        }
        return convert(List.of(photo), listener, cancelled);
    }

    /**
     * Converts several photos of one car (say a front view and a side view) into one car: each
     * photo is segmented, cropped and estimated on its own; then one shape is fitted to all of
     * them at once, a camera per photo ({@link CarFitter#fit(List, List, CarParams, float[],
     * BooleanSupplier)}), so each photo fixes what it shows; and every texel is baked from the
     * photo that sees it most squarely. The fit's budget grows with the photos by
     * {@link ConversionOptions#extraPhotoIterations()} per photo beyond the first. A photo in which no car is
     * found is left out with a warning while at least one photo has a car. One photo is exactly
     * {@link #convert(PhotoImage, ConversionListener, BooleanSupplier)}.
     *
     * @param photos    the decoded photos, each with its car mask when known (not null or empty,
     *                  at most {@link #MAX_PHOTOS}, no null element; not modified)
     * @param listener  progress reports (not null; {@link ConversionListener#NONE} for none)
     * @param cancelled polled between stages and during fitting; true stops with
     *                  {@link ConversionException.Reason#CANCELLED} (null for never)
     * @return the fitted car and its texture; its camera, aspect and mask are the first converted
     *         photo's, {@link CarBuild#cameras()} has a camera per converted photo
     * @throws ConversionException if no photo has a car to build, there is no way to find one,
     *                             or the conversion was cancelled
     * @throws IllegalArgumentException on a null or empty list, a null element, too many photos,
     *                                  or a null listener
     */
    public CarBuild convert(List<PhotoImage> photos, ConversionListener listener, BooleanSupplier cancelled)
            throws ConversionException {
        if (photos == null || listener == null || photos.isEmpty() || photos.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException("need at least one photo (no null) and a listener");
        }
        if (photos.size() > MAX_PHOTOS) {
            throw new IllegalArgumentException("at most " + MAX_PHOTOS + " photos of one car, got " + photos.size());
        }
        BooleanSupplier cancel = cancelled == null ? () -> false : cancelled;
        Map<Stage, Long> millis = new EnumMap<>(Stage.class);
        List<String> warnings = new ArrayList<>();
        int count = photos.size();
        try {
            long t0 = System.nanoTime();
            List<Look> looks = new ArrayList<>();
            ConversionException lastMissing = null;
            for (int k = 0; k < count; k++) {
                listener.progress(Stage.SEGMENT, 0.15 * k / count, count == 1 ? "finding the car"
                        : String.format(Locale.ROOT, "finding the car in photo %d of %d", k + 1, count));
                List<String> mine = new ArrayList<>();
                try {
                    looks.add(look(photos.get(k), mine));
                } catch (ConversionException e) {
                    if (count == 1 || e.reason() != ConversionException.Reason.NO_CAR) {
                        throw e;
                    }
                    lastMissing = e;
                    mine.add("no car found; built from the other photos");
                }
                for (String w : mine) {
                    warnings.add(count == 1 ? w : "photo " + (k + 1) + ": " + w);
                }
                check(cancel);
            }
            if (looks.isEmpty()) {
                throw new ConversionException(ConversionException.Reason.NO_CAR, "no car found in any of the "
                        + count + " photos", lastMissing);
            }
            millis.put(Stage.SEGMENT, (System.nanoTime() - t0) / 1_000_000);

            long t1 = System.nanoTime();
            listener.progress(Stage.ESTIMATE, 0.15, "estimating the camera and the shape");
            Start start = start(looks);
            millis.put(Stage.ESTIMATE, (System.nanoTime() - t1) / 1_000_000);
            check(cancel);

            long t2 = System.nanoTime();
            listener.progress(Stage.FIT, 0.3, "fitting the car to the photo" + (looks.size() > 1 ? "s" : ""));
            List<OrbitCamera> cameras = start.cameras();
            CarParams params = start.params();
            float[] residual = start.residual();
            double iou = Double.NaN;
            if (options.fitIterations() > 0) {
                FitResult fit = new CarFitter(backend, fitOptions(looks.size(), listener))
                        .fit(looks.stream().map(Look::target).toList(), cameras, params, residual, cancel);
                check(cancel);
                cameras = fit.cameras();
                params = fit.params();
                residual = fit.residual();
                iou = fit.iou();
            }
            CarMesh mesh = CarTemplate.build(params, residual);
            List<OrbitCamera> photoCameras = new ArrayList<>();
            for (int k = 0; k < looks.size(); k++) {
                photoCameras.add(looks.get(k).crop().toPhoto(cameras.get(k)));
            }
            millis.put(Stage.FIT, (System.nanoTime() - t2) / 1_000_000);

            long t3 = System.nanoTime();
            listener.progress(Stage.BAKE, 0.8, "painting the car from the photo" + (looks.size() > 1 ? "s" : ""));
            List<PhotoImage> masked = new ArrayList<>();
            for (Look l : looks) {
                masked.add(l.work().withMask(l.carMask().resampled(l.work().width(), l.work().height())));
            }
            BakedTexture texture = new PhotoBaker(backend).bake(masked, mesh, photoCameras, options.textureSize());
            millis.put(Stage.BAKE, (System.nanoTime() - t3) / 1_000_000);
            listener.progress(Stage.BAKE, 0.9, "car ready to rig");
            Look first = looks.get(0);
            return new CarBuild(mesh, photoCameras.get(0), first.work().aspect(), texture, iou, first.carMask(),
                    millis, warnings, photoCameras);
        } catch (ConversionException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ConversionException(ConversionException.Reason.INTERNAL,
                    "the conversion failed unexpectedly: " + e.getMessage(), e);
        }
    }

    /**
     * One photo, segmented and cropped: the reduced photo the car is built from, the kept car's
     * probability on the mask grid, the fitter's crop (of the {@link #solid} region) and its
     * target (with the segmenter's classes as labels when it ran).
     */
    private record Look(PhotoImage work, int gw, int gh, float[] carGrid, int[] box, CarCrop crop, FitTarget target) {

        MaskGrid carMask() {
            return new MaskGrid(gw, gh, carGrid);
        }

        /** The red across the car's box, read in the photo at its working resolution. */
        FacingCheck.RedAlong redAlong() {
            double sx = work.width() / (double) gw;
            double sy = work.height() / (double) gh;
            int[] photoBox = {(int) Math.floor(box[0] * sx), (int) Math.floor(box[1] * sy),
                (int) Math.ceil((box[2] + 1) * sx) - 1, (int) Math.ceil((box[3] + 1) * sy) - 1};
            return FacingCheck.redAlong(work.rgb(), work.width(), work.height(), photoBox);
        }
    }

    /** Where the fit starts: a camera per look (crop frame), the shared shape and residual (or null). */
    private record Start(List<OrbitCamera> cameras, CarParams params, float[] residual) {
    }

    /** Segments one photo (or reads its mask), keeps the largest car and cuts the crop. */
    private Look look(PhotoImage photo, List<String> warnings) throws ConversionException {
        PhotoImage work = photo.shrunkTo(options.maxPhotoPixels());
        if (work != photo) {
            warnings.add(String.format(Locale.ROOT, "the %dx%d photo was reduced to %dx%d for building",
                    photo.width(), photo.height(), work.width(), work.height()));
        }
        int gw;
        int gh;
        float[] grid;
        byte[] classes = null;
        if (work.hasMask()) {
            gw = work.width();
            gh = work.height();
            grid = work.maskOrNull();
        } else if (segmenter != null) {
            Segmentation seg = segmenter.segment(work.width(), work.height(), work.rgb());
            double s = MASK_GRID / (double) Math.max(work.width(), work.height());
            gw = Math.max(1, (int) Math.round(work.width() * s));
            gh = Math.max(1, (int) Math.round(work.height() * s));
            grid = seg.carProbability(gw, gh);
            classes = seg.classes(gw, gh);
            focus(work, grid, classes, gw, gh);
        } else {
            throw new ConversionException(ConversionException.Reason.NO_MASK_SOURCE,
                    "no car mask: the photo has no transparency, none was given, and no segmenter is installed",
                    null);
        }
        MaskRegions regions = MaskRegions.find(grid, gw, gh, 0.5f);
        if (regions.regions().isEmpty() || regions.regions().get(0).pixels() < MIN_CAR_FRACTION * gw * gh) {
            throw new ConversionException(ConversionException.Reason.NO_CAR, "no car found in the photo", null);
        }
        int cars = regions.countAtLeast(OTHER_CAR_FRACTION);
        if (cars > 1) {
            warnings.add(cars + " cars in the photo; building the largest");
        }
        MaskRegions.Region car = regions.regions().get(0);
        float[] carGrid = regions.keep(car, grid);
        int[] box = {car.minX(), car.minY(), car.maxX(), car.maxY()};
        CarCrop crop = CarCrop.cut(work.width(), work.height(), work.rgb(), solid(carGrid), gw, gh, box,
                options.cropSize(), CarCrop.MARGIN);
        FitTarget target = classes == null
                ? new FitTarget(options.cropSize(), options.cropSize(), crop.mask())
                : new FitTarget(options.cropSize(), options.cropSize(), crop.mask(),
                        cropClassLabels(crop, classes, carGrid, gw, gh), FitTarget.LabelKind.CLASSES, 1f);
        return new Look(work, gw, gh, carGrid, box, crop, target);
    }

    /**
     * The kept car region as the fitter's target sees it: 1 wherever the region is, whatever the
     * segmenter's confidence there (a new array; carGrid, zero outside the region, is not
     * modified). On real photos the segmenter is least sure on glass, dark roofs and shadowed
     * sills, and a target that says "60 % car" there pulls the fitted outline inwards; the crop's
     * resampling still softens the region's edge. Measured (docs/RESULTS.md): reprojected IoU
     * lowres 0.896 → 0.905 (all 8 photos up or level), Lexus 0.910 → 0.917; given and alpha
     * masks are 0 or 1 already.
     */
    static float[] solid(float[] carGrid) {
        float[] out = new float[carGrid.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = carGrid[i] > 0 ? 1f : 0f;
        }
        return out;
    }

    /**
     * The fit's start. With the network: its answer per look; with several looks the shape is the
     * mean of the looks' normalised parameters (and residuals), and each camera is placed on its
     * mask's box for that shared shape. Without it: a pose search per look, the first look's shape.
     */
    private Start start(List<Look> looks) {
        List<OrbitCamera> cameras = new ArrayList<>();
        List<CarParams> shapes = new ArrayList<>();
        List<float[]> residuals = new ArrayList<>();
        for (Look l : looks) {
            OrbitCamera lens = l.crop().toCrop(new OrbitCamera(0, 10, 10, options.assumedFovYDeg(), 0, 0, 0,
                    0, 0.7f, 0, 0.1f, 200));
            if (inverse == null) {
                FitResult guess = new PoseSearch(backend).search(l.target(), lens);
                cameras.add(guess.camera());
                shapes.add(guess.params());
                continue;
            }
            // the network's crop covers the same square as the fitter's, at its own resolution,
            // so its camera is the fitter's crop camera; it gets the segmenter's soft mask, which
            // it reads better than the fitter's solid one (docs/RESULTS.md)
            PhotoImage work = l.work();
            CarCrop small = CarCrop.cut(work.width(), work.height(), work.rgb(), l.carGrid(), l.gw(), l.gh(), l.box(),
                    inverse.size(), CarCrop.MARGIN);
            InverseGraphics.Estimate e = inverse.estimate(small.pixels());
            LOG.debug("network: azimuth {} elevation {}", e.azimuthDeg(), e.elevationDeg());
            CarParams params = buildable(e.params());
            double tanHalf = Math.tan(Math.toRadians(0.5 * lens.fovYDeg()));
            cameras.add(new OrbitCamera(e.azimuthDeg(), e.elevationDeg(),
                    (float) Math.max(1.5, e.apparentSize() / tanHalf), lens.fovYDeg(), e.principalX(),
                    e.principalY(), 0, 0, 0.5f * params.height(), 0, 0.1f, 200));
            shapes.add(params);
            residuals.add(clampedResidual(e.residual()));
        }
        if (inverse == null) {
            checkPose(looks, cameras, shapes.get(0));
            return new Start(cameras, shapes.get(0), null);
        }
        CarParams params = shapes.size() == 1 ? shapes.get(0)
                : buildable(meanOf(shapes.stream().map(CarParams::toVector).toList()));
        float[] residual = residuals.stream().anyMatch(Objects::isNull) ? null : meanOf(residuals);
        for (int k = 0; k < cameras.size(); k++) {
            OrbitCamera c = cameras.get(k);
            OrbitCamera lifted = new OrbitCamera(c.azimuthDeg(), c.elevationDeg(), c.distance(), c.fovYDeg(),
                    c.principalX(), c.principalY(), 0, 0, 0.5f * params.height(), 0, c.near(), c.far());
            // the mask's box pins the car's size and position more precisely than the network
            Look l = looks.get(k);
            cameras.set(k, BoxPlacement.place(lifted, params, l.crop().mask(), l.crop().insidePhoto(),
                    l.crop().size()));
        }
        CarParams checked = checkPose(looks, cameras, params);
        return checked == params ? new Start(cameras, params, residual) : new Start(cameras, checked, null);
    }

    /**
     * Moves each look's camera (modified) to the azimuth its outline, wheels and windows say, and
     * with one photo the car to the road car that fits them best ({@link AzimuthSweep}; only where
     * the segmenter's classes are known); then turns each camera end for end where the photo's
     * lamps say so ({@link FacingCheck}).
     *
     * @return the car to fit from: params itself, or a road car the outline chose
     */
    private CarParams checkPose(List<Look> looks, List<OrbitCamera> cameras, CarParams params) {
        if (options.azimuthSweep() && inverse != null) {
            List<CarParams> alternatives = looks.size() == 1 ? AzimuthSweep.roadCars() : List.of();
            for (int k = 0; k < cameras.size(); k++) {
                Look l = looks.get(k);
                if (!l.target().hasLabels() || l.target().labelKind() != FitTarget.LabelKind.CLASSES) {
                    // without the segmenter's wheels and windows the outline alone decides, and
                    // measured on phone photos that does not beat the network (docs/RESULTS.md)
                    continue;
                }
                AzimuthSweep.Verdict v = AzimuthSweep.decide(backend, cameras.get(k), params, l.target(),
                        l.crop().insidePhoto(), alternatives);
                LOG.debug("azimuth sweep: {} -> {} (score {} -> {}, length {} -> {})",
                        cameras.get(k).azimuthDeg(), v.camera().azimuthDeg(), v.keptScore(), v.bestScore(),
                        params.length(), v.params().length());
                cameras.set(k, v.camera());
                params = v.params();
            }
        }
        if (!options.facingCheck()) {
            return params;
        }
        for (int k = 0; k < cameras.size(); k++) {
            Look l = looks.get(k);
            FacingCheck.Verdict v = FacingCheck.decide(backend, cameras.get(k), params, l.target(),
                    l.crop().insidePhoto(), l.crop().pixels(), l::redAlong);
            LOG.debug("facing check: turned {} (scores {} / {}, evidence {})", v.turned(), v.keptScore(),
                    v.turnedScore(), v.evidence());
            cameras.set(k, v.camera());
        }
        return params;
    }

    /**
     * The buildable car nearest the network's normalised parameters (not modified), found from
     * the sedan preset by {@link CarParams#slideToward}. Most answers break some cross-parameter
     * rule by a little (session 10's network: 92 of the 104 Kenney pictures, mostly a hood too
     * high for the roof or a track too wide for the body), and the straight line search alone
     * kept a median 13 % of the way from the sedan to them, so the fit started from nearly the
     * same sedan whatever the photo showed.
     */
    private static CarParams buildable(float[] wanted) {
        return CarParams.fromVector(CarParams.slideToward(CarParams.preset(BodyType.SEDAN).toVector(), wanted,
                SLIDE_SWEEPS));
    }

    /** The element-wise mean of equally long vectors (a new array; one vector is copied). */
    private static float[] meanOf(List<float[]> vectors) {
        float[] mean = new float[vectors.get(0).length];
        for (float[] v : vectors) {
            for (int i = 0; i < mean.length; i++) {
                mean[i] += v[i] / vectors.size();
            }
        }
        return mean;
    }

    /** The fitter's options for a conversion of this many photos (see {@link #POSE_SHARE}). */
    private FitOptions fitOptions(int photos, ConversionListener listener) {
        int n = options.fitIterations() + options.extraPhotoIterations() * (photos - 1);
        int pose = (int) Math.round(n * POSE_SHARE);
        int shape = (int) Math.round(n * SHAPE_SHARE);
        return FitOptions.builder().maxIterations(n)
                .stageIterations(FitStage.POSE, pose)
                .stageIterations(FitStage.SHAPE, shape)
                .stageIterations(FitStage.RESIDUAL, n - pose - shape)
                .lossWeights(1f, 1f, CLASS_WEIGHT)
                .coarseBody(FitStage.POSE, COARSE_EARLY_STAGES)
                .coarseBody(FitStage.SHAPE, COARSE_EARLY_STAGES)
                // every mask we get (segmenter, alpha, given) includes the tyres
                .wheels(true)
                .listener((iteration, stage, loss, fitIou) -> listener.progress(Stage.FIT,
                        0.3 + 0.5 * iteration / (double) n,
                        String.format(Locale.ROOT, "fitting (%s, IoU %.3f)", stage, fitIou)))
                .build();
    }

    /**
     * The network's residual as the fitter starts from it: each component within the fitter's
     * bound (a network answer is not bounded by construction).
     *
     * @param residual the network's residual [3V] metres, or null (not modified)
     * @return a new clamped array, or null for null
     */
    static float[] clampedResidual(float[] residual) {
        return residual == null ? null : FitOptions.defaults().clampResidual(residual);
    }

    /**
     * The segmenter's classes as the fitter's labels on the crop: the class map on the mask grid
     * resampled over the crop window the way the crop reads its mask ({@link CarCrop#labels}),
     * {@link FitTarget#UNKNOWN} outside the photo, outside the kept car region, where the crop's
     * mask is below 0.5 and where the class is BACKGROUND (the silhouette terms handle coverage).
     *
     * @param crop    the crop the fitter sees (not modified)
     * @param classes [gh*gw] {@link SegmentClass} ordinals over the whole photo (not modified)
     * @param carGrid [gh*gw] car probability of the kept car only, zero elsewhere (not modified)
     * @param gw      grid width in cells
     * @param gh      grid height in cells
     * @return a new [S*S] array of SegmentClass ordinals or UNKNOWN, row 0 at the top
     * @throws IllegalArgumentException if the grids do not hold gw*gh cells
     */
    static int[] cropClassLabels(CarCrop crop, byte[] classes, float[] carGrid, int gw, int gh) {
        if (classes == null || carGrid == null || classes.length != gw * gh || carGrid.length != gw * gh) {
            throw new IllegalArgumentException("classes and carGrid must hold " + gw + "x" + gh + " cells");
        }
        int[] grid = new int[gw * gh];
        for (int i = 0; i < grid.length; i++) {
            int c = classes[i];
            grid[i] = carGrid[i] >= 0.5f && c > SegmentClass.BACKGROUND.ordinal() && c < SegmentClass.COUNT
                    ? c : FitTarget.UNKNOWN;
        }
        int[] labels = crop.labels(grid, gw, gh, FitTarget.UNKNOWN);
        float[] mask = crop.mask();
        for (int i = 0; i < labels.length; i++) {
            if (mask[i] < 0.5f) {
                labels[i] = FitTarget.UNKNOWN;
            }
        }
        return labels;
    }

    /**
     * A second, closer look at the largest car: the segmenter's input is a fixed 128-pixel
     * square, so in a whole photo the car's outline is drawn from few pixels. Segmenting a window
     * around the car (the car then fills about three quarters of it, as in training) and
     * replacing the grid and the class map inside that window (both modified) sharpens the
     * outline; outside it the first pass stands.
     */
    private void focus(PhotoImage work, float[] grid, byte[] classes, int gw, int gh) {
        MaskRegions regions = MaskRegions.find(grid, gw, gh, 0.5f);
        if (regions.regions().isEmpty()) {
            return;
        }
        MaskRegions.Region car = regions.regions().get(0);
        double sx = work.width() / (double) gw;
        double sy = work.height() / (double) gh;
        double w = (car.maxX() + 1 - car.minX()) * sx;
        double h = (car.maxY() + 1 - car.minY()) * sy;
        double side = Math.max(w, h) * (1 + 2 * FOCUS_MARGIN);
        if (side > FOCUS_LIMIT * Math.max(work.width(), work.height())) {
            return;
        }
        double x0 = 0.5 * (car.minX() + car.maxX() + 1) * sx - side / 2;
        double y0 = 0.5 * (car.minY() + car.maxY() + 1) * sy - side / 2;
        Segmentation closer = segmenter.segmentWindow(work.width(), work.height(), work.rgb(), x0, y0, side);
        float[] fine = closer.carProbability(gw, gh);
        byte[] fineClasses = closer.classes(gw, gh);
        for (int y = 0; y < gh; y++) {
            for (int x = 0; x < gw; x++) {
                if (closer.letterbox().covers((x + 0.5) * sx, (y + 0.5) * sy)) {
                    grid[y * gw + x] = fine[y * gw + x];
                    classes[y * gw + x] = fineClasses[y * gw + x];
                }
            }
        }
    }

    private static void check(BooleanSupplier cancel) throws ConversionException {
        if (cancel.getAsBoolean() || Thread.currentThread().isInterrupted()) {
            throw new ConversionException(ConversionException.Reason.CANCELLED, "the conversion was cancelled", null);
        }
    }
}
