package io.github.photo2car.util;

import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * The per-user folder where photo2car keeps what it unpacks from its jars (native libraries).
 * Chosen, first match wins: system property {@value #PROPERTY}, environment variable
 * {@value #ENV}, {@code $XDG_CACHE_HOME/photo2car}, {@code ~/.cache/photo2car}.
 */
public final class CacheDirectory {

    /** System property naming the cache folder. */
    public static final String PROPERTY = "photo2car.cacheDir";
    /** Environment variable naming the cache folder. */
    public static final String ENV = "PHOTO2CAR_CACHE_DIR";

    private CacheDirectory() {
    }

    /**
     * Resolves the cache folder; does not create it.
     *
     * @return an absolute path
     */
    public static Path base() {
        String p = System.getProperty(PROPERTY);
        if (p == null || p.isBlank()) {
            p = System.getenv(ENV);
        }
        if (p != null && !p.isBlank()) {
            return Paths.get(p).toAbsolutePath();
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Paths.get(xdg, "photo2car").toAbsolutePath();
        }
        return Paths.get(System.getProperty("user.home"), ".cache", "photo2car").toAbsolutePath();
    }

    /**
     * A sub-folder of the cache; does not create it.
     *
     * @param name the sub-folder's name (not null)
     * @return an absolute path
     */
    public static Path resolve(String name) {
        return base().resolve(name);
    }
}
