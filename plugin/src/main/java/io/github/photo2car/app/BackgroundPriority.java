package io.github.photo2car.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * Makes the calling thread a background thread for the operating system, so that a conversion
 * takes the CPU the game leaves and the game's render thread (and the driver and window-system
 * threads it waits for) gets a core as soon as it wants one.
 *
 * <p>Java thread priorities reach the scheduler on Windows but are ignored on Linux, where a
 * thread's nice value is what counts; there the thread's nice value is raised to
 * {@link #NICENESS}, which needs no privileges. Threads the caller starts afterwards (TensorFlow's
 * pools, a rasterizer's fork-join pool) inherit it. Best effort: where it cannot be done the thread
 * keeps its priority and a debug message says why.
 */
final class BackgroundPriority {

    /**
     * Linux nice value of a background thread, about a tenth of a normal thread's CPU share; the
     * system property {@code photo2car.workerNice} (0 … 19) overrides it, 0 leaves it alone.
     */
    static final int NICENESS = Math.max(0, Math.min(19, Integer.getInteger("photo2car.workerNice", 10)));

    private static final Logger LOG = LoggerFactory.getLogger(BackgroundPriority.class);
    private static final int PRIO_PROCESS = 0;

    private BackgroundPriority() {
    }

    /** The C library's setpriority, which on Linux takes a thread id for PRIO_PROCESS. */
    private interface CLibrary extends Library {
        int setpriority(int which, int who, int prio);
    }

    /**
     * Lowers the calling thread's priority (Java priority below normal; on Linux also nice
     * {@link #NICENESS}). Never throws.
     *
     * @return whether the operating-system priority was lowered (Linux only)
     */
    static boolean lowerCurrentThread() {
        Thread.currentThread().setPriority(Thread.NORM_PRIORITY - 1);
        if (NICENESS == 0 || !System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
            return false;
        }
        try {
            // "/proc/thread-self" links to "<pid>/task/<tid>"
            Path self = Files.readSymbolicLink(Path.of("/proc/thread-self"));
            int tid = Integer.parseInt(self.getFileName().toString());
            CLibrary c = Native.load("c", CLibrary.class);
            if (c.setpriority(PRIO_PROCESS, tid, NICENESS) != 0) {
                LOG.debug("setpriority({}, {}) failed with errno {}", tid, NICENESS, Native.getLastError());
                return false;
            }
            return true;
        } catch (Exception | LinkageError e) {
            LOG.debug("could not lower the priority of {}: {}", Thread.currentThread().getName(), e.toString());
            return false;
        }
    }
}
