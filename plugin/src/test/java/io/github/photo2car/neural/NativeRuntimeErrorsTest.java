package io.github.photo2car.neural;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.nio.file.Paths;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The typed, actionable errors, and the choice of cache folder. */
class NativeRuntimeErrorsTest {

    @TempDir
    Path temp;

    @Test
    void aPlatformWithoutNativesIsRefusedWithAClearMessage() {
        NativeRuntimeException e = assertThrows(NativeRuntimeException.class,
                () -> NativePlatform.of("Linux", "aarch64"));
        assertTrue(e.getMessage().contains("os.arch=aarch64"), e.getMessage());
        for (NativePlatform p : NativePlatform.values()) {
            assertTrue(e.getMessage().contains(p.classifier()), "lists " + p + ": " + e.getMessage());
        }
        assertThrows(NativeRuntimeException.class, () -> NativePlatform.of("Windows 11", "arm64"));
        assertThrows(NativeRuntimeException.class, () -> NativePlatform.of("Linux", "x86"));
        assertThrows(NativeRuntimeException.class, () -> NativePlatform.of("FreeBSD", "amd64"));
        assertThrows(NativeRuntimeException.class, () -> NativePlatform.of(null, null));
        assertFalse(NativePlatform.isSupported("SunOS", "sparcv9"));
    }

    /** The os.name and os.arch values JDKs report on each desktop, and the natives they get. */
    @Test
    void eachDesktopGetsItsNatives() {
        assertEquals(NativePlatform.LINUX_X86_64, NativePlatform.of("Linux", "amd64"));
        assertEquals(NativePlatform.LINUX_X86_64, NativePlatform.of("Linux", "x86_64"));
        assertEquals(NativePlatform.WINDOWS_X86_64, NativePlatform.of("Windows 11", "amd64"));
        assertEquals(NativePlatform.WINDOWS_X86_64, NativePlatform.of("Windows Server 2022", "AMD64"));
        assertEquals(NativePlatform.MACOSX_ARM64, NativePlatform.of("Mac OS X", "aarch64"));
        assertEquals(NativePlatform.MACOSX_X86_64, NativePlatform.of("Mac OS X", "x86_64"));
        assertEquals("org/tensorflow/internal/c_api/windows-x86_64/", NativePlatform.WINDOWS_X86_64.resourceDir());
        assertEquals("jnitensorflow.dll", NativePlatform.WINDOWS_X86_64.probeFile());
        assertEquals(List.of("libjnitensorflow.dylib", "libtensorflow_cc.2.dylib", "libtensorflow_framework.2.dylib"),
                NativePlatform.MACOSX_ARM64.requiredFiles());
        assertTrue(NativePlatform.isSupported("Linux", "amd64"));
    }

    /** A Windows natives jar is found, listed and checked like Linux's (its own file names, its own folder). */
    @Test
    void aWindowsNativesJarIsLocatedByItsOwnFiles() throws IOException {
        Map<String, byte[]> files = new java.util.LinkedHashMap<>();
        files.put("jnitensorflow.dll", new byte[] {1, 2, 3});
        files.put("tensorflow.dll", new byte[] {4, 5});
        files.put("msvcp140.dll", new byte[] {6});
        Path jar = temp.resolve("natives-windows.jar");
        try (java.util.jar.JarOutputStream out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar))) {
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                out.putNextEntry(new java.util.jar.JarEntry(NativePlatform.WINDOWS_X86_64.resourceDir() + f.getKey()));
                out.write(f.getValue());
                out.closeEntry();
            }
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            NativeBundle bundle = NativeBundle.locate(loader, NativePlatform.WINDOWS_X86_64);
            assertEquals(3, bundle.entries().size());
            NativeRuntimeException e = assertThrows(NativeRuntimeException.class,
                    () -> NativeBundle.locate(loader, NativePlatform.LINUX_X86_64));
            assertTrue(e.getMessage().contains("linux-x86_64"), e.getMessage());
        }
    }

    @Test
    void missingNativesJarIsReportedWithTheDependencyToAdd() throws IOException {
        try (URLClassLoader empty = new URLClassLoader(new URL[0], null)) {
            NativeRuntimeException e = assertThrows(NativeRuntimeException.class,
                    () -> NativeBundle.locate(empty, NativePlatform.LINUX_X86_64));
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
                    () -> NativeBundle.locate(loader, NativePlatform.LINUX_X86_64));
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
