package io.github.photo2car.gl;

import com.jme3.app.Application;

import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs raw OpenGL work (compute dispatches, buffer read-backs) on a jME application's render thread,
 * where its GL context is current, and hands the result back to any thread.
 *
 * <p>jME caches GL state (bound program, buffers, textures); work done behind its back would leave
 * that cache stale, so after every task this class calls {@code Renderer.invalidateState()}.
 * Tasks should be short (a few milliseconds): the frame waits for them.
 */
public final class GlExecutor {

    private final Application app;
    private volatile Thread renderThread;
    private volatile GlInfo info;

    /**
     * @param app the running application whose render thread owns the GL context (not null)
     */
    public GlExecutor(Application app) {
        this.app = Objects.requireNonNull(app, "app");
    }

    /**
     * Queues a task for the render thread. Safe from any thread; if called on the render thread
     * the task still runs later (at the next update), so never wait on the future there.
     *
     * @param task work that may issue GL calls (not null)
     * @param <T>  result type
     * @return a future completed with the task's result or exception
     */
    public <T> CompletableFuture<T> submit(Callable<T> task) {
        Objects.requireNonNull(task, "task");
        CompletableFuture<T> result = new CompletableFuture<>();
        app.enqueue(() -> {
            renderThread = Thread.currentThread();
            try {
                result.complete(task.call());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            } finally {
                app.getRenderer().invalidateState();
            }
            return null;
        });
        return result;
    }

    /**
     * Runs a task on the render thread and waits for its result. When called on the render thread
     * itself it runs the task at once (waiting there would deadlock).
     *
     * @param task    work that may issue GL calls (not null)
     * @param timeout how long to wait
     * @param unit    unit of {@code timeout}
     * @param <T>     result type
     * @return the task's result
     * @throws RuntimeException the task's own unchecked exception, unchanged
     * @throws GlTaskException if the task threw a checked exception or an error, or did not finish in time (the frame loop is stuck
     *                         or the application stopped)
     */
    public <T> T call(Callable<T> task, long timeout, TimeUnit unit) {
        if (Thread.currentThread() == renderThread) {
            try {
                return task.call();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new GlTaskException("GL task failed on the render thread", e);
            } finally {
                app.getRenderer().invalidateState();
            }
        }
        try {
            return submit(task).get(timeout, unit);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException typed) {
                // the task's own typed error (e.g. ShaderException) reaches the caller unchanged
                throw typed;
            }
            throw new GlTaskException("GL task failed on the render thread: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new GlTaskException("GL task did not run within " + timeout + " " + unit
                    + "; is the application running and rendering frames?", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GlTaskException("interrupted while waiting for the render thread", e);
        }
    }

    /**
     * The capabilities of the application's GL context, probed once on the render thread.
     *
     * @param timeoutSeconds how long to wait for the render thread (first call only)
     * @return the cached probe result
     */
    public GlInfo info(long timeoutSeconds) {
        GlInfo probed = info;
        if (probed == null) {
            probed = call(GlInfo::probeCurrentContext, timeoutSeconds, TimeUnit.SECONDS);
            info = probed;
        }
        return probed;
    }

    /** A GL task failed or never ran. */
    public static final class GlTaskException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        GlTaskException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
