package io.github.photo2car.neural;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * Entry point for the two-process test: loads the engine the way a game would, computes 1+2 on
 * it, and prints one parseable line. Exits non-zero on any failure (an uncaught exception).
 */
public final class EngineLoadMain {

    private EngineLoadMain() {
    }

    /**
     * Loads the TensorFlow engine and prints its version, library folder and load time.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        long start = System.nanoTime();
        Engine engine = TensorFlowRuntime.engine();
        long millis = (System.nanoTime() - start) / 1_000_000;
        float sum;
        try (NDManager manager = engine.newBaseManager()) {
            NDArray one = manager.create(new float[] {1f});
            sum = one.add(2f).toFloatArray()[0];
        }
        System.out.println("RESULT engine=" + engine.getEngineName() + " version="
                + engine.getVersion() + " sum=" + sum + " ms=" + millis + " dir="
                + TensorFlowRuntime.libraryDirectory());
    }
}
