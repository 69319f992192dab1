package io.github.photo2car.util;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Objects;

/**
 * The per-user folder where photo2car keeps what it unpacks from its jars (TensorFlow and Bullet
 * native libraries). Chosen, first match wins: system property {@value #PROPERTY}, environment
 * variable {@value #ENV}, {@code ~/.cache/photo2car}.
 */
public final class CacheDirectory {

    /** System property naming the cache folder. */
    public static final String PROPERTY = "photo2car.cacheDir";
    /** Environment variable naming the cache folder. */
    public static final String ENV = "PHOTO2CAR_CACHE_DIR";

    private CacheDirectory() {
    }

    /**
     * Resolves the cache folder from the current settings; creates nothing. Thread-safe.
     *
     * @return an absolute path
     * @throws IllegalArgumentException if the configured value is not a valid path
     */
    public static Path base() {
        return choose(System.getProperty(PROPERTY), System.getenv(ENV), System.getProperty("user.home"));
    }

    /**
     * A sub-folder of the cache; creates nothing.
     *
     * @param name the sub-folder's name (not null)
     * @return an absolute path
     */
    public static Path resolve(String name) {
        return base().resolve(Objects.requireNonNull(name, "name"));
    }

    /**
     * Chooses the cache folder from explicit settings; see {@link #base()}. No side effects.
     *
     * @param property    the system property's value (null or blank: unset)
     * @param environment the environment variable's value (null or blank: unset)
     * @param userHome    the user's home folder (not null)
     * @return an absolute path
     * @throws IllegalArgumentException if the chosen value is not a valid path
     */
    public static Path choose(String property, String environment, String userHome) {
        Objects.requireNonNull(userHome, "userHome");
        String chosen;
        if (property != null && !property.isBlank()) {
            chosen = property.trim();
        } else if (environment != null && !environment.isBlank()) {
            chosen = environment.trim();
        } else {
            return Paths.get(userHome, ".cache", "photo2car").toAbsolutePath();
        }
        try {
            return Paths.get(chosen).toAbsolutePath();
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("The photo2car cache folder '" + chosen + "' (from -D" + PROPERTY
                    + " or " + ENV + ") is not a valid path.", e);
        }
    }
}
