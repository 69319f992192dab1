package io.github.photo2car.neural;

import java.util.Locale;

/**
 * The one platform photo2car ships TensorFlow natives for. The check takes the OS name and
 * architecture as arguments so that tests can exercise the refusal without faking the JVM.
 */
final class NativePlatform {

    /** The classifier of the natives jar, also the last folder of its resource path. */
    static final String CLASSIFIER = "linux-x86_64";

    private NativePlatform() {
    }

    /**
     * Checks the running JVM's platform (system properties {@code os.name} and {@code os.arch}).
     * Thread-safe, no side effects.
     *
     * @throws NativeRuntimeException if the platform is not linux-x86_64
     */
    static void requireSupported() {
        requireSupported(System.getProperty("os.name"), System.getProperty("os.arch"));
    }

    /**
     * Checks the given platform. Thread-safe, no side effects.
     *
     * @param osName the value of {@code os.name}, for example "Linux" (may be null: unsupported)
     * @param osArch the value of {@code os.arch}, for example "amd64" (may be null: unsupported)
     * @throws NativeRuntimeException if the platform is not linux-x86_64
     */
    static void requireSupported(String osName, String osArch) {
        if (!isSupported(osName, osArch)) {
            throw new NativeRuntimeException("photo2car's neural models need TensorFlow natives for "
                    + CLASSIFIER + ", but this JVM runs on os.name=" + osName + ", os.arch="
                    + osArch + ". Run the game on 64-bit x86 Linux, or disable the photo2car "
                    + "neural stages on this platform.");
        }
    }

    /**
     * Tells whether natives exist for the given platform. Thread-safe, no side effects.
     *
     * @param osName the value of {@code os.name} (may be null)
     * @param osArch the value of {@code os.arch} (may be null)
     * @return true for Linux on amd64/x86_64
     */
    static boolean isSupported(String osName, String osArch) {
        if (osName == null || osArch == null) {
            return false;
        }
        String os = osName.toLowerCase(Locale.ROOT);
        String arch = osArch.toLowerCase(Locale.ROOT);
        // the JDK reports "amd64" on Linux; some vendors' builds report "x86_64"
        return os.startsWith("linux") && (arch.equals("amd64") || arch.equals("x86_64"));
    }
}
