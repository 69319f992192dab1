package io.github.photo2car.demo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.lwjgl.PointerBuffer;
import org.lwjgl.glfw.GLFW;
import org.lwjgl.glfw.GLFWDropCallback;
import org.lwjgl.system.MemoryStack;
import org.lwjgl.util.tinyfd.TinyFileDialogs;

import com.jme3.app.Application;
import com.jme3.app.state.BaseAppState;
import com.jme3.input.KeyInput;
import com.jme3.input.controls.ActionListener;
import com.jme3.input.controls.KeyTrigger;
import com.jme3.system.lwjgl.LwjglWindow;

import io.github.photo2car.app.ConversionHandle;
import io.github.photo2car.app.PhotoToCarAppState;
import io.github.photo2car.photo.PhotoSource;
import io.github.photo2car.pipeline.PhotoToCarPipeline;

/**
 * How the player brings photos into the demo: O opens a file dialog, a photo dropped on the
 * window is converted, P photographs what the camera sees and converts that; the bundled sample
 * photo is converted at start. Several photos chosen in the dialog or dropped together are views
 * of one car and become one car. Progress and errors go to the HUD (see {@link #status()}); the
 * finished car becomes the one the player drives.
 */
public final class PhotoImportState extends BaseAppState {

    /** Class-path location of the bundled sample photo (our own render, transparent background). */
    static final String SAMPLE = "photo2car/assets/samples/sample-car.png";
    private static final float NOTICE_SECONDS = 8f;

    private final boolean convertSample;
    private volatile ConversionHandle active;
    private volatile String notice = "";
    private float noticeAge;
    private GLFWDropCallback drop;

    /**
     * @param convertSample whether to convert the bundled sample photo when the state starts
     */
    public PhotoImportState(boolean convertSample) {
        this.convertSample = convertSample;
    }

    @Override
    protected void initialize(Application app) {
        app.getInputManager().addMapping("import-photo", new KeyTrigger(KeyInput.KEY_O));
        app.getInputManager().addMapping("take-photo", new KeyTrigger(KeyInput.KEY_P));
        app.getInputManager().addListener((ActionListener) (name, pressed, tpf) -> {
            if (!pressed) {
                return;
            }
            if (name.equals("take-photo")) {
                convert(getState(PhotoToCarAppState.class).viewportPhoto());
            } else {
                openDialog();
            }
        }, "import-photo", "take-photo");
        if (app.getContext() instanceof LwjglWindow window && window.getWindowHandle() != 0) {
            drop = GLFWDropCallback.create((handle, count, names) -> {
                List<PhotoSource> files = new ArrayList<>();
                for (int i = 0; i < Math.min(count, PhotoToCarPipeline.MAX_PHOTOS); i++) {
                    files.add(PhotoSource.fromFile(Path.of(GLFWDropCallback.getName(names, i))));
                }
                if (!files.isEmpty()) {
                    convert(files);
                }
            });
            GLFW.glfwSetDropCallback(window.getWindowHandle(), drop);
        }
        if (convertSample) {
            try (InputStream in = PhotoImportState.class.getClassLoader().getResourceAsStream(SAMPLE)) {
                if (in != null) {
                    convert(PhotoSource.fromBytes(in.readAllBytes(), "sample photo"));
                }
            } catch (IOException e) {
                notice = "the sample photo could not be read: " + e.getMessage();
            }
        }
    }

    /** The file dialog blocks, so it runs on its own thread. */
    private void openDialog() {
        Thread t = new Thread(() -> {
            String chosen;
            try (MemoryStack stack = MemoryStack.stackPush()) {
                PointerBuffer patterns = stack.mallocPointer(5);
                for (String p : new String[] {"*.jpg", "*.jpeg", "*.png", "*.webp", "*.bmp"}) {
                    patterns.put(stack.UTF8(p));
                }
                patterns.flip();
                chosen = TinyFileDialogs.tinyfd_openFileDialog("Import car photos (several: views of one car)", "",
                        patterns, "Car photos", true);
            }
            if (chosen != null) {
                // several selections come back separated by '|'
                List<PhotoSource> files = new ArrayList<>();
                for (String name : chosen.split("\\|")) {
                    if (!name.isEmpty() && files.size() < PhotoToCarPipeline.MAX_PHOTOS) {
                        files.add(PhotoSource.fromFile(Path.of(name)));
                    }
                }
                if (!files.isEmpty()) {
                    convert(files);
                }
            }
        }, "photo2car-file-dialog");
        t.setDaemon(true);
        t.start();
    }

    /**
     * Starts a conversion (any thread); the car it makes becomes the driven car.
     *
     * @param source the photo
     */
    public void convert(PhotoSource source) {
        convert(List.of(source));
    }

    /**
     * Starts a conversion of photos of one car (any thread); the car becomes the driven car.
     *
     * @param sources the photos (1..{@link PhotoToCarPipeline#MAX_PHOTOS})
     */
    public void convert(List<PhotoSource> sources) {
        PhotoToCarAppState photoToCar = getState(PhotoToCarAppState.class);
        ConversionHandle handle = photoToCar.convert(sources);
        active = handle;
        notice = "";
        handle.result().whenComplete((rig, failure) -> getApplication().enqueue(() -> {
            if (active == handle) {
                active = null;
            }
            if (failure != null) {
                Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
                notice = handle.name() + ": " + cause.getMessage();
                noticeAge = 0;
            } else {
                getState(CarShowroom.class).adopt(rig, "from " + handle.name());
                if (!handle.warnings().isEmpty()) {
                    // shown like an error, so the player learns e.g. which car was taken
                    notice = handle.name() + ": " + String.join("; ", handle.warnings());
                    noticeAge = 0;
                }
            }
        }));
    }

    /** @return a line for the HUD: the conversion's progress, a recent error, or empty */
    public String status() {
        ConversionHandle h = active;
        if (h != null) {
            return String.format(Locale.ROOT, "converting %s: %s (%.0f%%)", h.name(), h.message(), 100 * h.fraction());
        }
        return notice;
    }

    @Override
    public void update(float tpf) {
        if (!notice.isEmpty()) {
            noticeAge += tpf;
            if (noticeAge > NOTICE_SECONDS) {
                notice = "";
            }
        }
    }

    @Override
    protected void cleanup(Application app) {
        if (drop != null) {
            drop.free();
        }
    }

    @Override
    protected void onEnable() {
        // keys are always active
    }

    @Override
    protected void onDisable() {
        // see onEnable
    }
}
