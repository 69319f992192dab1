package io.github.photo2car.neural;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The typed, actionable errors, and the choice of cache folder. */
class NativeRuntimeErrorsTest {

    @TempDir
    Path temp;

    @Test
    void wrongPlatformIsRefusedWithAClearMessage() {
        NativeRuntimeException e = assertThrows(NativeRuntimeException.class,
                () -> NativePlatform.requireSupported("Mac OS X", "aarch64"));
        assertTrue(e.getMessage().contains("linux-x86_64"), e.getMessage());
        assertTrue(e.getMessage().contains("Mac OS X"), e.getMessage());

        assertThrows(NativeRuntimeException.class,
                () -> NativePlatform.requireSupported("Windows 11", "amd64"));
        assertThrows(NativeRuntimeException.class,
                () -> NativePlatform.requireSupported("Linux", "aarch64"));
        assertThrows(NativeRuntimeException.class,
                () -> NativePlatform.requireSupported(null, null));
    }

    @Test
    void linuxX8664IsAccepted() {
        assertDoesNotThrow(() -> NativePlatform.requireSupported("Linux", "amd64"));
        assertDoesNotThrow(() -> NativePlatform.requireSupported("Linux", "x86_64"));
        assertTrue(NativePlatform.isSupported("Linux", "amd64"));
    }

    @Test
    void missingNativesJarIsReportedWithTheDependencyToAdd() throws IOException {
        try (URLClassLoader empty = new URLClassLoader(new URL[0], null)) {
            NativeRuntimeException e = assertThrows(NativeRuntimeException.class,
                    () -> NativeBundle.locate(empty));
            assertTrue(e.getMessage().contains("org.tensorflow:tensorflow-core-native"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("linux-x86_64"), e.getMessage());
        }
    }

    @Test
    void nativesJarLackingALibraryIsReported() throws IOException {
        Map<String, byte[]> files = FakeNatives.files(1);
        files.remove("libtensorflow_cc.so.2");
        Path jar = FakeNatives.writeJar(temp.resolve("broken.jar"), files);
        try (URLClassLoader loader = FakeNatives.loaderFor(jar)) {
            NativeRuntimeException e = assertThrows(NativeRuntimeException.class,
                    () -> NativeBundle.locate(loader));
            assertTrue(e.getMessage().contains("libtensorflow_cc.so.2"), e.getMessage());
        }
    }

    @Test
    void cacheBaseFollowsPropertyThenEnvironmentThenHome() {
        assertEquals(Paths.get("/p").toAbsolutePath(),
                io.github.photo2car.util.CacheDirectory.choose("/p", "/e", "/home/u"));
        assertEquals(Paths.get("/e").toAbsolutePath(),
                io.github.photo2car.util.CacheDirectory.choose(null, "/e", "/home/u"));
        assertEquals(Paths.get("/e").toAbsolutePath(),
                io.github.photo2car.util.CacheDirectory.choose("  ", "/e", "/home/u"));
        assertEquals(Paths.get("/home/u/.cache/photo2car"),
                io.github.photo2car.util.CacheDirectory.choose(null, null, "/home/u"));
        assertTrue(io.github.photo2car.util.CacheDirectory.choose("relative/dir", null, "/home/u").isAbsolute());
    }
}
