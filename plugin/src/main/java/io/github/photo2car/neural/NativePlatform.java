package io.github.photo2car.neural;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The platforms photo2car ships TensorFlow natives for: one natives jar each
 * (org.tensorflow:tensorflow-core-native:1.0.0-rc.1 with the platform's classifier), which the
 * plugin's POM adds on that platform only (profiles activated by the OS), and the files the engine
 * needs from it. Linux on arm64 has no such jar on Maven Central and is refused with a clear error.
 * Detection takes the OS name and architecture as arguments so that tests can exercise every
 * platform without faking the JVM. Only linux-x86_64 has been run; the others are chosen and
 * checked by the same code, with file names read from their jars.
 */
enum NativePlatform {
    /** 64-bit x86 Linux. */
    LINUX_X86_64("linux-x86_64", "libjnitensorflow.so", "libtensorflow_cc.so.2", "libtensorflow_framework.so.2"),
    /** 64-bit x86 Windows (the jar also carries the Visual C++ runtime DLLs). */
    WINDOWS_X86_64("windows-x86_64", "jnitensorflow.dll", "tensorflow.dll"),
    /** macOS on Apple silicon. */
    MACOSX_ARM64("macosx-arm64", "libjnitensorflow.dylib", "libtensorflow_cc.2.dylib",
            "libtensorflow_framework.2.dylib"),
    /** macOS on Intel. */
    MACOSX_X86_64("macosx-x86_64", "libjnitensorflow.dylib", "libtensorflow_cc.2.dylib",
            "libtensorflow_framework.2.dylib");

    private final String classifier;
    private final List<String> requiredFiles;

    NativePlatform(String classifier, String probeFile, String... otherFiles) {
        this.classifier = classifier;
        String[] all = new String[otherFiles.length + 1];
        all[0] = probeFile;
        System.arraycopy(otherFiles, 0, all, 1, otherFiles.length);
        this.requiredFiles = List.of(all);
    }

    /** @return the natives jar's classifier, also the last folder of its resource path */
    String classifier() {
        return classifier;
    }

    /** @return the folder inside the natives jar that holds the libraries, ending in '/' */
    String resourceDir() {
        return "org/tensorflow/internal/c_api/" + classifier + "/";
    }

    /** @return the library whose presence identifies the natives jar */
    String probeFile() {
        return requiredFiles.get(0);
    }

    /** @return every file the TensorFlow engine needs at load time, the probe first (unmodifiable) */
    List<String> requiredFiles() {
        return requiredFiles;
    }

    /**
     * The running JVM's platform (system properties {@code os.name} and {@code os.arch}).
     * Thread-safe, no side effects.
     *
     * @return the platform
     * @throws NativeRuntimeException if photo2car has no natives for it
     */
    static NativePlatform current() {
        return of(System.getProperty("os.name"), System.getProperty("os.arch"));
    }

    /**
     * The platform of the given OS name and architecture. Thread-safe, no side effects.
     *
     * @param osName the value of {@code os.name}, for example "Linux", "Windows 11", "Mac OS X"
     *               (may be null: unsupported)
     * @param osArch the value of {@code os.arch}, for example "amd64", "x86_64", "aarch64" (may be
     *               null: unsupported)
     * @return the platform
     * @throws NativeRuntimeException if photo2car has no natives for it
     */
    static NativePlatform of(String osName, String osArch) {
        NativePlatform p = find(osName, osArch);
        if (p == null) {
            throw new NativeRuntimeException("photo2car's neural models need TensorFlow natives, which "
                    + "exist for " + Arrays.stream(values()).map(NativePlatform::classifier)
                            .collect(Collectors.joining(", "))
                    + ", but this JVM runs on os.name=" + osName + ", os.arch=" + osArch + ". Run the "
                    + "game on one of those, or build cars without the networks on this platform "
                    + "(a photo with a transparent background or a given mask needs no segmenter).");
        }
        return p;
    }

    /**
     * Tells whether natives exist for the given platform. Thread-safe, no side effects.
     *
     * @param osName the value of {@code os.name} (may be null)
     * @param osArch the value of {@code os.arch} (may be null)
     * @return whether {@link #of} accepts it
     */
    static boolean isSupported(String osName, String osArch) {
        return find(osName, osArch) != null;
    }

    /** The platform, or null where there is none. */
    private static NativePlatform find(String osName, String osArch) {
        if (osName == null || osArch == null) {
            return null;
        }
        String os = osName.toLowerCase(Locale.ROOT);
        String arch = osArch.toLowerCase(Locale.ROOT);
        // the JDK reports "amd64" on Linux and Windows, "x86_64" on macOS and in some vendors' builds
        boolean x8664 = arch.equals("amd64") || arch.equals("x86_64");
        boolean arm64 = arch.equals("aarch64") || arch.equals("arm64");
        if (os.startsWith("linux")) {
            return x8664 ? LINUX_X86_64 : null;
        }
        if (os.startsWith("windows")) {
            return x8664 ? WINDOWS_X86_64 : null;
        }
        if (os.startsWith("mac") || os.startsWith("darwin")) {
            return arm64 ? MACOSX_ARM64 : x8664 ? MACOSX_X86_64 : null;
        }
        return null;
    }
}
