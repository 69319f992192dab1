package io.github.photo2car.app;

import java.awt.image.BufferedImage;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.jme3.app.Application;
import com.jme3.app.SimpleApplication;
import com.jme3.app.state.AbstractAppState;
import com.jme3.app.state.BaseAppState;
import com.jme3.bounding.BoundingSphere;
import com.jme3.bullet.BulletAppState;
import com.jme3.collision.CollisionResults;
import com.jme3.material.MatParam;
import com.jme3.math.Ray;
import com.jme3.math.Vector3f;
import com.jme3.renderer.Camera;
import com.jme3.renderer.RenderManager;
import com.jme3.renderer.Renderer;
import com.jme3.renderer.TextureUnitException;
import com.jme3.renderer.ViewPort;
import com.jme3.renderer.queue.RenderQueue;
import com.jme3.scene.Geometry;
import com.jme3.scene.Node;
import com.jme3.scene.Spatial;
import com.jme3.scene.VertexBuffer;
import com.jme3.scene.control.AbstractControl;
import com.jme3.texture.Texture;

import io.github.photo2car.bake.PhotoImage;
import io.github.photo2car.gl.GlExecutor;
import io.github.photo2car.neural.CarSegmenter;
import io.github.photo2car.neural.InstalledModels;
import io.github.photo2car.neural.InverseGraphics;
import io.github.photo2car.photo.Photo;
import io.github.photo2car.photo.PhotoDecoder;
import io.github.photo2car.photo.PhotoException;
import io.github.photo2car.photo.PhotoSource;
import io.github.photo2car.pipeline.CarBuild;
import io.github.photo2car.pipeline.ConversionException;
import io.github.photo2car.pipeline.ConversionListener;
import io.github.photo2car.pipeline.ConversionOptions;
import io.github.photo2car.pipeline.PhotoToCarPipeline;
import io.github.photo2car.pipeline.Stage;
import io.github.photo2car.raster.JavaRasterBackend;
import io.github.photo2car.rig.BakedTextures;
import io.github.photo2car.rig.CarPhysics;
import io.github.photo2car.rig.CarRig;
import io.github.photo2car.rig.CarRigBuilder;
import io.github.photo2car.rig.RigParts;
import io.github.photo2car.template.BodyType;
import io.github.photo2car.template.CarMesh;
import io.github.photo2car.template.CarParams;
import io.github.photo2car.template.CarTemplate;

/**
 * The plugin's entry point for a game: attach it (after a {@link BulletAppState}) and call
 * {@link #convert(PhotoSource)} with a photo; a rigged, drivable car built from it appears in
 * the scene a few seconds later, while the game keeps rendering.
 *
 * <p>Decoding, segmentation, estimation, fitting, baking, building the rig's meshes and the paint
 * texture's mip levels run on one worker thread with a rasterizer that leaves a core to the game.
 * The worker is a background thread for the operating system (below-normal Java priority; on
 * Linux nice 10, inherited by the threads it starts), so the render thread gets a CPU first when
 * cores are scarce. Conversions run one after another in the order asked. A failure (not an
 * image, no car, ...) completes the handle exceptionally with a typed error and leaves the scene as
 * it was.
 *
 * <p>The render thread's share is kept small and spread out, so that a conversion does not make
 * a frame long: one frame uploads the paint texture, the next the mesh buffers, the next attaches
 * the car and its physics and draws it for the first time. The car's shaders are compiled when
 * the state initialises, by drawing a throw-away car once out of sight, so the frame in which
 * the state is attached is a long one (like loading a model) instead of the first car's.
 *
 * <p>A conversion allocates about half a gigabyte on the worker. The collections that causes
 * pause every thread, the render thread too, for as long as the collector's pause target
 * allows: run the game with e.g. {@code -XX:MaxGCPauseMillis=15} or {@code -XX:+UseZGC}
 * (measured in docs/RESULTS.md).
 *
 * <p>Public methods are for the render thread unless they say otherwise.
 */
public final class PhotoToCarAppState extends BaseAppState {

    private static final Logger LOG = LoggerFactory.getLogger(PhotoToCarAppState.class);
    /** Name of the node that draws a throw-away car once when the state starts (for one frame). */
    static final String WARM_UP_NAME = "photo2car-warm-up";
    /** How far in front of the camera the warm-up car is drawn, metres. */
    private static final float WARM_UP_DISTANCE = 10f;
    /** The warm-up car's scale: a car of a few centimetres, about two pixels at that distance. */
    private static final float WARM_UP_SCALE = 0.01f;
    /** The bundled photo the worker converts once at start, so the JIT compiles the conversion. */
    static final String WARM_UP_PHOTO = "photo2car/assets/samples/sample-car.png";

    private final CarSegmenter segmenter;
    private final InverseGraphics inverse;
    private final ConversionOptions options;
    private final PhotoDecoder decoder;
    private final SpawnPlanner planner = new SpawnPlanner(9f, 4.5f);
    private final List<CarRig> cars = new ArrayList<>();
    private boolean useInstalled;
    private boolean warmUpConversion = true;
    /** Whether the pipeline has a segmenter; worker thread only. */
    private boolean pipelineSegments;
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    /** Guards {@link #worker} and {@link #waiting}: convert() is callable from any thread. */
    private final Object queueLock = new Object();
    /** The worker; null before initialisation and after cleanup. Guarded by queueLock. */
    private ExecutorService worker;
    /** Conversions asked for before the state was initialised, oldest first. Guarded by queueLock. */
    private final List<Runnable> waiting = new ArrayList<>();
    /** Conversions asked for and not yet started on the worker, for cleanup to cancel. Guarded by queueLock. */
    private final java.util.Set<ConversionHandle> queued = new java.util.HashSet<>();
    private PhotoToCarPipeline pipeline;
    private GlExecutor gl;
    private Node warmUp;
    /** Cars on their way into the scene, oldest first; render thread only. */
    private final Deque<Arrival> arrivals = new ArrayDeque<>();
    /** Steps {@link #arrivals} every frame, also while this state is disabled. */
    private final AbstractAppState stepper = new AbstractAppState() {
        @Override
        public void update(float tpf) {
            stepArrivals();
        }
    };

    /**
     * A state with the networks that ship in the plugin jar ({@link InstalledModels}), loaded
     * on the worker thread when the state starts. Without a shipped segmenter, photos must carry
     * their car mask as transparency.
     */
    public PhotoToCarAppState() {
        this(null, null, ConversionOptions.defaults(), PhotoDecoder.defaults());
        this.useInstalled = true;
    }

    /**
     * @param segmenter the segmenter, or null to require masks with the photos
     * @param inverse   the inverse-graphics network, or null to start from a pose search
     * @param options   conversion options (not null)
     * @param decoder   photo decoding limits (not null)
     */
    public PhotoToCarAppState(CarSegmenter segmenter, InverseGraphics inverse, ConversionOptions options,
                              PhotoDecoder decoder) {
        if (options == null || decoder == null) {
            throw new IllegalArgumentException("options and decoder must not be null");
        }
        this.segmenter = segmenter;
        this.inverse = inverse;
        this.options = options;
        this.decoder = decoder;
    }

    @Override
    protected void initialize(Application app) {
        if (app.getStateManager().getState(BulletAppState.class) == null) {
            throw new IllegalStateException("PhotoToCarAppState needs a BulletAppState attached first (cars drive)");
        }
        gl = new GlExecutor(app);
        app.getStateManager().attach(stepper);
        ExecutorService pool = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(() -> {
                // first, so that the threads the pipeline starts (TensorFlow's, the rasterizer's) inherit it
                BackgroundPriority.lowerCurrentThread();
                r.run();
            }, "photo2car-convert");
            t.setDaemon(true);
            return t;
        });
        // loading TensorFlow and the models takes seconds: do it on the worker, before any conversion
        pool.submit(() -> {
            try {
                startPipeline();
                if (warmUpConversion) {
                    warmUpConversion(pool);
                }
            } finally {
                ready.complete(null);
            }
        });
        synchronized (queueLock) {
            worker = pool;
            // conversions asked for between attach and now start after the networks are loaded
            for (Runnable r : waiting) {
                pool.submit(r);
            }
            waiting.clear();
        }
        if (app instanceof SimpleApplication simple) {
            warmUp(simple);
        }
    }

    /**
     * Whether the worker converts the bundled sample photo once when the state starts, result
     * thrown away (default on). A conversion's code runs at a fraction of its speed until the
     * JIT has compiled it: the first photo of a session took 3–4.6 s instead of 1.6–1.7 s
     * (docs/RESULTS.md). The warm-up costs the worker about as much, at low priority, while the
     * game starts; a conversion asked for meanwhile waits for it. It is skipped when no segmenter
     * is installed (the sample has no transparency).
     *
     * @param on whether to warm up
     * @throws IllegalStateException if the state is already attached and initialised
     */
    public void setWarmUpConversion(boolean on) {
        if (isInitialized()) {
            throw new IllegalStateException("set the warm-up before the state is initialised");
        }
        warmUpConversion = on;
    }

    /**
     * @return a future that completes (on the worker thread) once the networks are loaded and the
     *         warm-up conversion, if any, is done: from then on a conversion starts at once. It
     *         never completes exceptionally; a failed load or warm-up is logged.
     */
    public CompletableFuture<Void> ready() {
        return ready;
    }

    /** On the worker: converts the bundled sample and builds its rig's meshes, then drops them. */
    private void warmUpConversion(ExecutorService self) {
        if (pipeline == null || !pipelineSegments) {
            return;
        }
        long t0 = System.nanoTime();
        // self, not the field: cleanup() drops the field; its shutdown cancels the warm-up
        try (java.io.InputStream in = PhotoToCarAppState.class.getClassLoader().getResourceAsStream(WARM_UP_PHOTO)) {
            if (in == null) {
                LOG.debug("no warm-up photo {} on the class path", WARM_UP_PHOTO);
                return;
            }
            buildCar(List.of(PhotoSource.fromBytes(in.readAllBytes(), "warm-up")), ConversionListener.NONE, self::isShutdown);
            LOG.debug("conversion warmed up in {} ms", (System.nanoTime() - t0) / 1_000_000);
        } catch (Exception e) {
            // a warm-up that fails costs nothing but speed
            LOG.debug("the warm-up conversion failed: {}", e.toString());
        }
    }

    /**
     * Draws a throw-away car once, in the game's own scene and viewport, shrunk to a couple of
     * pixels in front of the camera, then removes it: the car materials' shaders are compiled and
     * the driver's draw-time variants built now, while the game starts, instead of in the frame
     * that shows the first converted car. Its triangles must reach the screen: a software
     * rasterizer (Mesa llvmpipe) builds part of its per-state code only for triangles it sets up,
     * and a first version drawn behind the camera, all clipped, left the first real draw 31–38 ms
     * of render-thread work instead of 23–26 ms (docs/RESULTS.md). It does not cast shadows and
     * adds no lights or physics.
     */
    private void warmUp(SimpleApplication app) {
        CarMesh mesh = CarTemplate.build(CarParams.preset(BodyType.COUPE), null);
        RigParts parts = new CarRigBuilder(app.getAssetManager())
                .paintTexture(BakedTextures.toTexture(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB)))
                .parts(mesh);
        Node node = new Node(WARM_UP_NAME);
        node.attachChild(parts.chassis());
        for (Spatial wheel : parts.wheelModels()) {
            node.attachChild(wheel);
        }
        node.setCullHint(Spatial.CullHint.Never);
        node.setShadowMode(RenderQueue.ShadowMode.Off);
        node.depthFirstTraversal(s -> {
            if (s instanceof Geometry g) {
                // like a sky: never culled, so neither is the scene root (whose bound merges its
                // children's), and every light of the scene reaches it
                g.setModelBound(new BoundingSphere(Float.POSITIVE_INFINITY, Vector3f.ZERO));
            }
        });
        Camera cam = app.getCamera();
        node.setLocalTranslation(cam.getLocation().add(cam.getDirection().mult(WARM_UP_DISTANCE)));
        node.setLocalScale(WARM_UP_SCALE);
        node.setLocalRotation(cam.getRotation());
        node.addControl(new AbstractControl() {
            private boolean drawn;

            @Override
            protected void controlUpdate(float tpf) {
                // nothing to move
            }

            @Override
            protected void controlRender(RenderManager rm, ViewPort vp) {
                if (!drawn) {
                    drawn = true;
                    // queued for the next frame: this one draws it
                    app.enqueue(() -> {
                        spatial.removeFromParent();
                        warmUp = null;
                    });
                }
            }
        });
        app.getRootNode().attachChild(node);
        warmUp = node;
    }

    /**
     * Starts converting a photo; the car is inserted in front of the camera, clear of the other
     * cars. Callable from any thread, also before the state is attached or initialised (right
     * after {@code stateManager.attach}, say): the conversion then waits and starts once the
     * state has started and its networks are loaded.
     *
     * @param source where the photo comes from (not null)
     * @return the handle of the conversion
     */
    public ConversionHandle convert(PhotoSource source) {
        if (source == null) {
            throw new IllegalArgumentException("source must not be null");
        }
        return convert(List.of(source));
    }

    /**
     * Starts converting several photos of one car (say one from the front and one from the side)
     * into one car: one shape is fitted to all of them and each part of the paint comes from the
     * photo that sees it best ({@link PhotoToCarPipeline#convert(List, ConversionListener,
     * BooleanSupplier)}). A photo without a car is left out with a warning. Callable from any thread.
     *
     * @param sources where the photos come from (not null or empty, no null element, at most
     *                {@link PhotoToCarPipeline#MAX_PHOTOS}; not modified)
     * @return the handle of the conversion
     * @throws IllegalArgumentException on a null or empty list, a null element, or too many
     */
    public ConversionHandle convert(List<PhotoSource> sources) {
        if (sources == null || sources.isEmpty() || sources.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException("need at least one photo source, and no null");
        }
        if (sources.size() > PhotoToCarPipeline.MAX_PHOTOS) {
            throw new IllegalArgumentException("at most " + PhotoToCarPipeline.MAX_PHOTOS + " photos of one car, got "
                    + sources.size());
        }
        List<PhotoSource> copy = List.copyOf(sources);
        ConversionHandle handle = new ConversionHandle(String.join(" + ",
                copy.stream().map(PhotoSource::name).toList()));
        Runnable task = () -> run(copy, handle);
        synchronized (queueLock) {
            queued.add(handle);
            if (worker == null) {
                waiting.add(task);
            } else {
                worker.submit(task);
            }
        }
        return handle;
    }

    /**
     * @return a source that captures what the main camera sees when the conversion starts
     *         (an in-game photo)
     */
    public PhotoSource viewportPhoto() {
        return PhotoSource.fromViewport(gl, getApplication().getViewPort(), PhotoSource.IN_GAME_PHOTO);
    }

    /** @return the cars this state has inserted, oldest first (unmodifiable) */
    public List<CarRig> cars() {
        return Collections.unmodifiableList(cars);
    }

    /**
     * Takes a car this state inserted out of the scene and the physics space; the rig itself is
     * left intact, so it can be attached elsewhere. Render thread only.
     *
     * @param car one of {@link #cars()} (not null)
     * @return false if this state did not insert it or it was removed before
     * @throws IllegalArgumentException if car is null
     */
    public boolean remove(CarRig car) {
        if (car == null) {
            throw new IllegalArgumentException("car must not be null");
        }
        if (!cars.remove(car)) {
            return false;
        }
        car.detach();
        return true;
    }

    private void startPipeline() {
        CarSegmenter seg = segmenter;
        if (useInstalled && seg == null) {
            try {
                seg = InstalledModels.segmenter().orElse(null);
            } catch (java.io.IOException | RuntimeException e) {
                LOG.warn("the shipped segmenter did not load; photos need a transparent background: {}", e.getMessage());
            }
        }
        InverseGraphics inv = inverse;
        if (useInstalled && inv == null) {
            try {
                inv = InstalledModels.inverse().orElse(null);
            } catch (java.io.IOException | RuntimeException e) {
                LOG.warn("the shipped inverse-graphics network did not load; using the pose search: {}",
                        e.getMessage());
            }
        }
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
        pipeline = new PhotoToCarPipeline(new JavaRasterBackend(threads), seg, inv, options);
        pipelineSegments = seg != null;
    }

    /**
     * A converted photo and what the worker makes of it for the rig: the visible parts, the
     * physical tuning and the collision hull's points. The rig itself, whose Bullet objects belong
     * on the render thread, is made from them when the car is inserted.
     */
    private record Built(CarBuild build, CarRigBuilder builder, RigParts parts, CarPhysics.Tuning tuning,
                         float[] hull) {

        CarRig rig() {
            return builder.rig(build.car(), parts, tuning, hull);
        }
    }

    /**
     * On the worker: decode and convert the photos of one car, and make everything of its rig but
     * the Bullet objects. Conversions and the warm-up share it, so the warm-up runs exactly the
     * code a conversion does.
     */
    private Built buildCar(List<PhotoSource> sources, ConversionListener listener, BooleanSupplier cancelled)
            throws PhotoException, ConversionException {
        List<PhotoImage> images = new ArrayList<>();
        for (PhotoSource source : sources) {
            Photo photo = decoder.decode(source);
            images.add(new PhotoImage(photo.width(), photo.height(), photo.toRgbFloats(), photo.copyMask()));
        }
        CarBuild build = pipeline.convert(images, listener, cancelled);
        listener.progress(Stage.RIG, 0.9, "building the rig");
        CarRigBuilder builder = new CarRigBuilder(getApplication().getAssetManager())
                .paintTexture(BakedTextures.toTexture(build.texture()));
        CarMesh car = build.car();
        return new Built(build, builder, builder.parts(car), CarRigBuilder.tuningFor(car),
                CarPhysics.hullPoints(car.shapePositions()));
    }

    private void run(List<PhotoSource> sources, ConversionHandle handle) {
        synchronized (queueLock) {
            queued.remove(handle);
        }
        try {
            handle.report(Stage.SEGMENT, 0, "reading " + handle.name());
            Built built = buildCar(sources, handle::report, handle::isCancelled);
            getApplication().enqueue(() -> {
                if (isInitialized()) {
                    arrivals.add(new Arrival(built, handle));
                } else {
                    handle.future().cancel(false);
                }
            });
        } catch (Exception e) {
            LOG.info("conversion of {} failed: {}", handle.name(), e.getMessage());
            handle.report(handle.stage(), handle.fraction(), "failed: " + e.getMessage());
            handle.future().completeExceptionally(e instanceof CompletionException && e.getCause() != null
                    ? e.getCause() : e);
        }
    }

    /**
     * A finished car on its way into the scene. Its GPU work is spread over several frames, one
     * step a frame, so that no frame pays for all of it: the paint texture's upload, then the mesh
     * buffers', and last the insertion, whose frame draws the car for the first time with shaders
     * the warm-up compiled. (Not {@code RenderManager.preloadScene}: in jME 3.9 it compiles the
     * shaders without the define the renderer adds when drawing, BOUND_DRAW_BUFFER, so the draw
     * compiles them again.)
     */
    private static final class Arrival {
        final Built built;
        final ConversionHandle handle;
        int step;

        Arrival(Built built, ConversionHandle handle) {
            this.built = built;
            this.handle = handle;
        }
    }

    /** On the render thread, once a frame: the next step of the oldest car on its way in. */
    private void stepArrivals() {
        Arrival a = arrivals.peek();
        if (a == null) {
            return;
        }
        if (a.handle.isCancelled()) {
            arrivals.poll();
            a.handle.future().cancel(false);
            return;
        }
        SimpleApplication app = (SimpleApplication) getApplication();
        try {
            switch (a.step) {
                case 0 -> forEachPart(a.built.parts(), s -> uploadTextures(app.getRenderer(), s));
                case 1 -> forEachPart(a.built.parts(), s -> uploadBuffers(app.getRenderer(), s));
                default -> {
                    arrivals.poll();
                    try {
                        insert(a.built, a.handle);
                    } catch (RuntimeException e) {
                        // the handle must end: a rig that cannot be made fails its conversion, not the game
                        LOG.warn("inserting {} failed: {}", a.handle.name(), e.toString());
                        a.handle.future().completeExceptionally(e);
                    }
                }
            }
        } catch (RuntimeException e) {
            // an upload the renderer refused happens again, and fails visibly, when the car is drawn
            LOG.debug("preparing the car for the GPU (step {}) failed: {}", a.step, e.toString());
        }
        a.step++;
    }

    /** Calls the action on the chassis and on each wheel model. */
    private static void forEachPart(RigParts parts, java.util.function.Consumer<Spatial> action) {
        action.accept(parts.chassis());
        for (Spatial wheel : parts.wheelModels()) {
            action.accept(wheel);
        }
    }

    /** Uploads the textures of the materials under a spatial that are not on the GPU yet. */
    private static void uploadTextures(Renderer renderer, Spatial root) {
        root.depthFirstTraversal(s -> {
            if (s instanceof Geometry g && g.getMaterial() != null) {
                for (MatParam p : g.getMaterial().getParams()) {
                    if (p.getValue() instanceof Texture t && t.getImage() != null && t.getImage().isUpdateNeeded()) {
                        try {
                            renderer.setTexture(0, t);
                        } catch (TextureUnitException e) {
                            throw new IllegalStateException(e);
                        }
                    }
                }
            }
        });
    }

    /** Uploads the vertex and index buffers of the meshes under a spatial that are not on the GPU yet. */
    private static void uploadBuffers(Renderer renderer, Spatial root) {
        root.depthFirstTraversal(s -> {
            if (s instanceof Geometry g && g.getMesh() != null) {
                for (VertexBuffer vb : g.getMesh().getBufferList().getArray()) {
                    if (vb.getData() != null && vb.getUsage() != VertexBuffer.Usage.CpuOnly && vb.isUpdateNeeded()) {
                        renderer.updateBufferData(vb);
                    }
                }
            }
        });
    }

    /** On the render thread: rig the car (its Bullet objects), find a free spot and put it there. */
    private void insert(Built built, ConversionHandle handle) {
        if (!isInitialized() || handle.isCancelled()) {
            handle.future().cancel(false);
            return;
        }
        CarRig rig = built.rig();
        CarBuild build = built.build();
        SimpleApplication app = (SimpleApplication) getApplication();
        List<Vector3f> others = new ArrayList<>();
        for (CarRig c : cars) {
            others.add(c.groundPosition(new Vector3f()));
        }
        Node scene = app.getRootNode();
        SpawnPlanner.Spot spot = planner.plan(app.getCamera(), others, (x, z) -> groundHeight(scene, x, z));
        rig.attach(scene, getState(BulletAppState.class).getPhysicsSpace(), spot.ground(), spot.heading());
        cars.add(rig);
        handle.report(Stage.RIG, 1, String.format(java.util.Locale.ROOT, "ready (%.1f s%s)",
                build.totalMillis() / 1000.0, build.warnings().isEmpty() ? "" : "; " + String.join("; ",
                        build.warnings())));
        handle.setWarnings(build.warnings());
        handle.future().complete(rig);
    }

    /** The highest scene surface below (x, 50, z), or 0 when nothing is there. */
    private static float groundHeight(Node scene, float x, float z) {
        CollisionResults hits = new CollisionResults();
        scene.collideWith(new Ray(new Vector3f(x, 50, z), new Vector3f(0, -1, 0)), hits);
        for (int i = 0; i < hits.size(); i++) {
            if (!isCar(hits.getCollision(i).getGeometry())) {
                return hits.getCollision(i).getContactPoint().y;
            }
        }
        return 0;
    }

    private static boolean isCar(com.jme3.scene.Spatial s) {
        for (com.jme3.scene.Spatial p = s; p != null; p = p.getParent()) {
            if (CarRig.ROOT_NAME.equals(p.getName())) {
                return true;
            }
        }
        return false;
    }

    @Override
    protected void cleanup(Application app) {
        app.getStateManager().detach(stepper);
        for (Arrival a : arrivals) {
            a.handle.future().cancel(false);
        }
        arrivals.clear();
        if (warmUp != null) {
            warmUp.removeFromParent();
            warmUp = null;
        }
        ExecutorService pool;
        List<ConversionHandle> unstarted;
        synchronized (queueLock) {
            pool = worker;
            worker = null;
            unstarted = new ArrayList<>(queued);
            queued.clear();
        }
        pool.shutdownNow();
        // conversions that never reached the worker end as cancelled instead of waiting for ever
        for (ConversionHandle h : unstarted) {
            h.future().cancel(false);
        }
        try {
            pool.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    protected void onEnable() {
        // nothing to show or hide: the cars belong to the scene
    }

    @Override
    protected void onDisable() {
        // conversions keep running; their cars still appear
    }
}
