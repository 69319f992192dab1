package io.github.photo2car.pipeline;

/**
 * Progress of a conversion. Called on the thread doing the work (a worker thread, except for
 * {@link Stage#RIG}, which runs on the render thread); keep it short and thread-safe.
 */
@FunctionalInterface
public interface ConversionListener {

    /**
     * @param stage    the current stage
     * @param fraction progress of the whole conversion, 0..1
     * @param message  a short human-readable status
     */
    void progress(Stage stage, double fraction, String message);

    /** A listener that ignores everything. */
    ConversionListener NONE = (stage, fraction, message) -> {
    };
}
