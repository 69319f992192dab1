package io.github.photo2car.rig;

import com.jme3.system.NativeLibraryLoader;
import io.github.photo2car.util.CacheDirectory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Loads Minie's Bullet native library (shipped in the Libbulletjme jar) outside a running jME
 * application: tools and tests that step physics without a window. A started jME application loads
 * it by itself. The library is unpacked into the photo2car cache, not the working directory.
 */
public final class PhysicsNatives {

    private static boolean loaded;

    private PhysicsNatives() {
    }

    /**
     * Loads the library once per JVM. Thread-safe.
     *
     * @throws IllegalStateException if it cannot be unpacked or loaded
     */
    public static synchronized void ensureLoaded() {
        if (loaded) {
            return;
        }
        Path dir = CacheDirectory.resolve("jme-natives");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create " + dir + " for the Bullet native library", e);
        }
        NativeLibraryLoader.setCustomExtractionFolder(dir.toString());
        try {
            NativeLibraryLoader.loadNativeLibrary("bulletjme", true);
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            throw new IllegalStateException("Minie's Bullet library did not load (is Libbulletjme-Linux64 on the "
                    + "class path?): " + e, e);
        }
        loaded = true;
    }
}
