package io.github.photo2car.trainer.synth;

import com.jme3.app.Application;
import com.jme3.app.SimpleApplication;
import com.jme3.app.state.BaseAppState;
import com.jme3.math.ColorRGBA;
import com.jme3.renderer.Camera;
import com.jme3.renderer.RenderManager;
import com.jme3.renderer.ViewPort;
import com.jme3.texture.FrameBuffer;
import com.jme3.texture.Image;
import com.jme3.util.BufferUtils;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The render loop of the generator, as a jME app state: each application frame it takes the next
 * car from the job queue, shows it in {@link SynthScene}, and for each of its views renders the
 * photo and the label pass offscreen at the target size into two frame buffers, reads both back
 * into a pooled {@link RenderedFrame} and hands it to the encoder. The two view ports are not
 * registered with the render manager, so frames without work draw nothing. Render thread only,
 * apart from the queues.
 */
final class SynthRenderer extends BaseAppState {

    /** Sentinel job: no more cars will come. */
    static final CarJob END = new CarJob(-1, null, null, null, null, 0, List.of(), null, 0);

    private final int width;
    private final int height;
    private final List<SkyEnvironment> environments;
    private final int envSize;
    private final long seed;
    private final List<com.jme3.texture.Texture2D> backdrops;
    private final BlockingQueue<CarJob> jobs;
    private final BlockingQueue<RenderedFrame> pool;
    private final BlockingQueue<RenderedFrame> out;
    private final ByteBuffer readBuffer;
    private SynthScene scene;
    private Camera camera;
    private FrameBuffer photoBuffer;
    private FrameBuffer labelBuffer;
    private ViewPort photoView;
    private ViewPort labelView;
    private RenderManager renderManager;
    private CarJob car;
    private volatile boolean finished;
    private volatile long renderNanos;
    private volatile long carNanos;

    SynthRenderer(int width, int height, List<SkyEnvironment> environments, int envSize, long seed,
                  List<com.jme3.texture.Texture2D> backdrops, BlockingQueue<CarJob> jobs, BlockingQueue<RenderedFrame> pool, BlockingQueue<RenderedFrame> out) {
        this.width = width;
        this.height = height;
        this.environments = environments;
        this.envSize = envSize;
        this.seed = seed;
        this.backdrops = backdrops;
        this.jobs = jobs;
        this.pool = pool;
        this.out = out;
        readBuffer = BufferUtils.createByteBuffer(width * height * 4);
    }

    /** @return render-thread time spent on pictures so far (scene set-up, both passes, read-back), ns */
    long renderNanos() {
        return renderNanos;
    }

    /** @return render-thread time spent swapping cars (mesh creation), ns; part of renderNanos */
    long carNanos() {
        return carNanos;
    }

    /** @return true once the end sentinel was reached and every frame was handed out */
    boolean finished() {
        return finished;
    }

    @Override
    protected void initialize(Application app) {
        renderManager = app.getRenderManager();
        scene = new SynthScene(app.getAssetManager(), environments, envSize, seed, backdrops);
        camera = new Camera(width, height);
        photoBuffer = frameBuffer();
        labelBuffer = frameBuffer();
        photoView = new ViewPort("synth-photo", camera);
        photoView.setClearFlags(true, true, true);
        photoView.setBackgroundColor(ColorRGBA.Black);
        photoView.setOutputFrameBuffer(photoBuffer);
        photoView.attachScene(scene.photoRoot());
        labelView = new ViewPort("synth-labels", camera);
        labelView.setClearFlags(true, true, true);
        labelView.setBackgroundColor(new ColorRGBA(0, 0, 0, 1));
        labelView.setOutputFrameBuffer(labelBuffer);
        labelView.attachScene(scene.labelRoot());
        if (app instanceof SimpleApplication simple) {
            // the window itself shows nothing; skip its passes
            simple.getViewPort().setEnabled(false);
            simple.getGuiViewPort().setEnabled(false);
        }
    }

    private FrameBuffer frameBuffer() {
        FrameBuffer fb = new FrameBuffer(width, height, 1);
        fb.setDepthTarget(FrameBuffer.FrameBufferTarget.newTarget(Image.Format.Depth24));
        fb.addColorTarget(FrameBuffer.FrameBufferTarget.newTarget(Image.Format.RGBA8));
        return fb;
    }

    /**
     * Renders every view of the next car in one application frame: for each view the scene is set
     * up, both passes are drawn with {@link RenderManager#renderViewPort} and read back. Batching
     * the views spares the per-frame costs of the application loop (window swap, empty main
     * passes), which on a software renderer are as large as a small picture.
     */
    @Override
    public void render(RenderManager rm) {
        if (finished) {
            return;
        }
        CarJob next;
        try {
            next = jobs.poll(50, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (next == null) {
            return;
        }
        if (next == END) {
            finished = true;
            return;
        }
        long t = System.nanoTime();
        car = next;
        scene.showCar(car);
        carNanos += System.nanoTime() - t;
        float aspect = (float) width / height;
        for (ViewSpec view : car.views()) {
            scene.showView(view, camera, aspect);
            scene.photoRoot().updateLogicalState(0f);
            scene.photoRoot().updateGeometricState();
            scene.labelRoot().updateLogicalState(0f);
            scene.labelRoot().updateGeometricState();
            rm.renderViewPort(photoView, 0f);
            rm.renderViewPort(labelView, 0f);
            RenderedFrame frame;
            try {
                frame = pool.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            read(photoBuffer, frame.rgba);
            read(labelBuffer, frame.labels);
            frame.job = car;
            frame.view = view;
            out.add(frame);
        }
        renderNanos += System.nanoTime() - t;
    }

    private void read(FrameBuffer fb, byte[] into) {
        readBuffer.clear();
        renderManager.getRenderer().readFrameBuffer(fb, readBuffer);
        readBuffer.rewind();
        readBuffer.get(into);
    }

    @Override
    protected void cleanup(Application app) {
        // the view ports were never registered with the render manager
    }

    @Override
    protected void onEnable() {
        // always running while attached
    }

    @Override
    protected void onDisable() {
        // always running while attached
    }
}
