package io.github.photo2car.app;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.photo2car.pipeline.ConversionListener;
import io.github.photo2car.pipeline.Stage;
import io.github.photo2car.rig.CarRig;

/**
 * One conversion in flight: its progress (readable from any thread, e.g. by a HUD each frame),
 * listeners, cancellation, and the car it will insert. The future completes on the render
 * thread, after the car is in the scene, or exceptionally with a
 * {@link io.github.photo2car.pipeline.ConversionException} or
 * {@link io.github.photo2car.photo.PhotoException}; the scene is untouched by a failure.
 */
public final class ConversionHandle {

    private final String name;
    private final CompletableFuture<CarRig> result = new CompletableFuture<>();
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final List<ConversionListener> listeners = new CopyOnWriteArrayList<>();
    private volatile Stage stage = Stage.SEGMENT;
    private volatile double fraction;
    private volatile String message = "waiting";
    private volatile List<String> warnings = List.of();

    ConversionHandle(String name) {
        this.name = name;
    }

    /** @return the photo's name, for messages */
    public String name() {
        return name;
    }

    /** @return the car once it is in the scene (completes on the render thread) */
    public CompletableFuture<CarRig> result() {
        return result;
    }

    /** Asks the conversion to stop; it ends with a CANCELLED error at the next check. */
    public void cancel() {
        cancelled.set(true);
    }

    /** @return whether cancel() was called */
    public boolean isCancelled() {
        return cancelled.get();
    }

    /** @return the current stage */
    public Stage stage() {
        return stage;
    }

    /** @return progress of the whole conversion, 0..1 */
    public double fraction() {
        return fraction;
    }

    /** @return a short status for a HUD */
    public String message() {
        return message;
    }

    /**
     * @return what the player should know about the finished car (several cars in a photo, a
     *         shrunk photo, a photo without a car left out, ...), set before {@link #result()}
     *         completes; empty before that and after a failure (unmodifiable)
     */
    public List<String> warnings() {
        return warnings;
    }

    void setWarnings(List<String> list) {
        warnings = List.copyOf(list);
    }

    /**
     * @param listener called on every progress report, on the reporting thread (not null)
     */
    public void addListener(ConversionListener listener) {
        listeners.add(listener);
    }

    void report(Stage newStage, double newFraction, String newMessage) {
        stage = newStage;
        fraction = newFraction;
        message = newMessage;
        for (ConversionListener l : listeners) {
            l.progress(newStage, newFraction, newMessage);
        }
    }

    CompletableFuture<CarRig> future() {
        return result;
    }
}
