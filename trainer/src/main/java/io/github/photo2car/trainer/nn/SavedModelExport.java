package io.github.photo2car.trainer.nn;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;

/** Writes a trained graph as a TensorFlow SavedModel that DJL's TensorFlow engine loads. */
final class SavedModelExport {

    private SavedModelExport() {
    }

    /**
     * @param session   the trained session (variables are saved from it)
     * @param signature the serving signature (inputs and outputs by name)
     * @param dir       an empty or missing folder
     * @throws IOException if the folder is not empty or cannot be written
     */
    static void export(Session session, Signature signature, Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            try (var list = Files.list(dir)) {
                if (list.findAny().isPresent()) {
                    throw new IOException(dir + " is not empty; export into a fresh folder");
                }
            }
        }
        Files.createDirectories(dir);
        SavedModelBundle.exporter(dir.toString()).withFunction(session.function(signature)).export();
    }

    /**
     * A seeded permutation of 0..n-1 (Fisher-Yates), the data order of one epoch.
     *
     * @param n    the count
     * @param seed the seed
     * @return a new permutation
     */
    static int[] permutation(int n, long seed) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }
}
