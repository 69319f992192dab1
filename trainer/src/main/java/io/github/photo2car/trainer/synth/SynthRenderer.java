package io.github.photo2car.trainer.synth;

import com.jme3.app.Application;
import com.jme3.app.SimpleApplication;
import com.jme3.app.state.BaseAppState;
import com.jme3.math.ColorRGBA;
import com.jme3.post.SceneProcessor;
import com.jme3.profile.AppProfiler;
import com.jme3.renderer.Camera;
import com.jme3.renderer.RenderManager;
import com.jme3.renderer.ViewPort;
import com.jme3.renderer.queue.RenderQueue;
import com.jme3.texture.FrameBuffer;
import com.jme3.texture.Image;
import com.jme3.util.BufferUtils;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The render loop of the generator, as a jME app state: each frame it takes the next view of the
 * current car (the next car from the job queue when one is done), sets up {@link SynthScene},
 * renders the photo and the label pass offscreen at the target size into two frame buffers, reads
 * both back into a pooled {@link RenderedFrame} and hands it to the encoder. While no work is
 * queued the two passes are switched off. Render thread only, apart from the queues.
 */
final class SynthRenderer extends BaseAppState {

    /** Sentinel job: no more cars will come. */
    static final CarJob END = new CarJob(-1, null, null, null, null, 0, List.of());

    private final int width;
    private final int height;
    private final List<SkyEnvironment> environments;
    private final int envSize;
    private final long seed;
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
    private int nextView;
    private ViewSpec pending;
    private volatile boolean finished;

    SynthRenderer(int width, int height, List<SkyEnvironment> environments, int envSize, long seed,
                  BlockingQueue<CarJob> jobs, BlockingQueue<RenderedFrame> pool, BlockingQueue<RenderedFrame> out) {
        this.width = width;
        this.height = height;
        this.environments = environments;
        this.envSize = envSize;
        this.seed = seed;
        this.jobs = jobs;
        this.pool = pool;
        this.out = out;
        readBuffer = BufferUtils.createByteBuffer(width * height * 4);
    }

    /** @return true once the end sentinel was reached and every frame was handed out */
    boolean finished() {
        return finished;
    }

    @Override
    protected void initialize(Application app) {
        renderManager = app.getRenderManager();
        scene = new SynthScene(app.getAssetManager(), environments, envSize, seed);
        camera = new Camera(width, height);
        photoBuffer = frameBuffer();
        labelBuffer = frameBuffer();
        photoView = renderManager.createPreView("synth-photo", camera);
        photoView.setClearFlags(true, true, true);
        photoView.setBackgroundColor(ColorRGBA.Black);
        photoView.setOutputFrameBuffer(photoBuffer);
        photoView.attachScene(scene.photoRoot());
        labelView = renderManager.createPreView("synth-labels", camera);
        labelView.setClearFlags(true, true, true);
        labelView.setBackgroundColor(new ColorRGBA(0, 0, 0, 1));
        labelView.setOutputFrameBuffer(labelBuffer);
        labelView.attachScene(scene.labelRoot());
        labelView.addProcessor(new Readback());
        photoView.setEnabled(false);
        labelView.setEnabled(false);
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

    @Override
    public void update(float tpf) {
        pending = null;
        if (finished) {
            return;
        }
        if (car == null || nextView >= car.views().size()) {
            CarJob next;
            try {
                next = jobs.poll(50, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (next == null) {
                setViewsEnabled(false);
                return;
            }
            if (next == END) {
                finished = true;
                setViewsEnabled(false);
                return;
            }
            car = next;
            nextView = 0;
            scene.showCar(car);
        }
        ViewSpec view = car.views().get(nextView++);
        scene.showView(view, camera, (float) width / height);
        scene.photoRoot().updateLogicalState(tpf);
        scene.photoRoot().updateGeometricState();
        scene.labelRoot().updateLogicalState(tpf);
        scene.labelRoot().updateGeometricState();
        pending = view;
        setViewsEnabled(true);
    }

    private void setViewsEnabled(boolean enabled) {
        photoView.setEnabled(enabled);
        labelView.setEnabled(enabled);
    }

    /** Reads both passes back after the label pass, the later of the two pre-views. */
    private void readBack() {
        ViewSpec view = pending;
        if (view == null) {
            return;
        }
        pending = null;
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

    private void read(FrameBuffer fb, byte[] into) {
        readBuffer.clear();
        renderManager.getRenderer().readFrameBuffer(fb, readBuffer);
        readBuffer.rewind();
        readBuffer.get(into);
    }

    @Override
    protected void cleanup(Application app) {
        renderManager.removePreView(photoView);
        renderManager.removePreView(labelView);
    }

    @Override
    protected void onEnable() {
        // always running while attached
    }

    @Override
    protected void onDisable() {
        // always running while attached
    }

    private final class Readback implements SceneProcessor {
        private boolean ready;

        @Override
        public void initialize(RenderManager rm, ViewPort vp) {
            ready = true;
        }

        @Override
        public void reshape(ViewPort vp, int w, int h) {
            // fixed size
        }

        @Override
        public boolean isInitialized() {
            return ready;
        }

        @Override
        public void preFrame(float tpf) {
            // nothing before the frame
        }

        @Override
        public void postQueue(RenderQueue rq) {
            // nothing between culling and drawing
        }

        @Override
        public void postFrame(FrameBuffer out) {
            readBack();
        }

        @Override
        public void cleanup() {
            ready = false;
        }

        @Override
        public void setProfiler(AppProfiler profiler) {
            // not profiled
        }
    }
}
