package io.github.photo2car.app;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import com.jme3.app.Application;
import com.jme3.app.state.BaseAppState;
import com.jme3.post.SceneProcessor;
import com.jme3.profile.AppProfiler;
import com.jme3.renderer.RenderManager;
import com.jme3.renderer.ViewPort;
import com.jme3.renderer.queue.RenderQueue;
import com.jme3.texture.FrameBuffer;

/**
 * Records frame times on the render thread itself and splits each frame into the parts of jME's
 * frame loop, with the render thread's own CPU time, the time it spent runnable but waiting for a
 * CPU (Linux), and the garbage collectors' time, so that a long frame can be explained:
 * <ul>
 * <li><b>swap+tasks</b>: from the end of the previous frame to this state's update: buffer swap,
 * window events, the application's queued tasks;</li>
 * <li><b>update</b>: app states' and the scene's updates;</li>
 * <li><b>states</b>: the other app states' render calls (Minie steps physics here);</li>
 * <li><b>cull</b>: from the main viewport's start to its queue being filled;</li>
 * <li><b>draw</b>: drawing the main viewport's queue: shader compilation and links, the driver's
 * draw-time shader variants, texture and buffer uploads, the draw calls;</li>
 * <li><b>rest</b>: the GUI viewport and everything up to this state's postRender.</li>
 * </ul>
 *
 * <p>Attach it first in {@code simpleInitApp}, so its update, render and postRender come before the
 * other states'. A frame's interval runs from the previous frame's postRender to its own, so the
 * first frame (index 0) has none. Read the results from any thread; a frame is published once its
 * postRender has run. Holds up to {@value #CAPACITY} frames; later frames are not recorded.
 */
final class FrameTimeRecorder extends BaseAppState {

    static final int CAPACITY = 1 << 18;

    private final long[] update = new long[CAPACITY];
    private final long[] render = new long[CAPACITY];
    private final long[] viewStart = new long[CAPACITY];
    private final long[] queued = new long[CAPACITY];
    private final long[] drawn = new long[CAPACITY];
    private final long[] post = new long[CAPACITY];
    private final long[] cpu = new long[CAPACITY];
    private final long[] drawCpu = new long[CAPACITY];
    private final long[] gc = new long[CAPACITY];
    private final long[] waiting = new long[CAPACITY];
    private final long[] faults = new long[CAPACITY];
    private final String[] tag = new String[CAPACITY];
    private final List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final byte[] procBuffer = new byte[1024];
    private volatile Supplier<String> tagger = () -> "";
    private volatile int published;
    private int current;
    private RandomAccessFile schedstat;
    private RandomAccessFile stat;
    private ViewPort mainView;
    private final Splitter splitter = new Splitter();

    /**
     * @param source what each frame is labelled with, sampled on the render thread at the end of
     *               the frame (not null)
     */
    void tagWith(Supplier<String> source) {
        tagger = source;
    }

    /** @return the number of frames recorded so far, which is the index the next frame gets */
    int frames() {
        return published;
    }

    @Override
    protected void initialize(Application app) {
        try {
            // the second field is the time this thread was runnable but waited for a CPU, ns
            schedstat = new RandomAccessFile("/proc/thread-self/schedstat", "r");
            // the tenth field counts minor page faults: memory touched for the first time
            stat = new RandomAccessFile("/proc/thread-self/stat", "r");
        } catch (IOException e) {
            schedstat = null;
            stat = null;
        }
        mainView = app.getViewPort();
        mainView.addProcessor(splitter);
    }

    /** @return the field of a /proc file (0-based, after the command name), or -1 where unknown */
    private long procField(RandomAccessFile file, int field) {
        if (file == null) {
            return -1;
        }
        try {
            file.seek(0);
            int n = file.read(procBuffer);
            String text = new String(procBuffer, 0, Math.max(0, n), StandardCharsets.US_ASCII);
            int name = text.lastIndexOf(')');
            String[] f = text.substring(name + 1).trim().split(" ");
            return Long.parseLong(f[field]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    @Override
    public void update(float tpf) {
        if (current < CAPACITY) {
            update[current] = System.nanoTime();
        }
    }

    @Override
    public void render(RenderManager rm) {
        if (current < CAPACITY) {
            render[current] = System.nanoTime();
        }
    }

    @Override
    public void postRender() {
        if (current >= CAPACITY) {
            return;
        }
        post[current] = System.nanoTime();
        cpu[current] = threads.getCurrentThreadCpuTime();
        long collecting = 0;
        for (GarbageCollectorMXBean c : collectors) {
            collecting += Math.max(0, c.getCollectionTime());
        }
        gc[current] = collecting;
        waiting[current] = procField(schedstat, 1);
        faults[current] = procField(stat, 7);
        tag[current] = tagger.get();
        current++;
        published = current;
    }

    /** Marks the main viewport's start, queue and end. */
    private final class Splitter implements SceneProcessor {
        private boolean initialized;

        @Override
        public void initialize(RenderManager rm, ViewPort vp) {
            initialized = true;
        }

        @Override
        public void reshape(ViewPort vp, int w, int h) {
            // sizes do not matter
        }

        @Override
        public boolean isInitialized() {
            return initialized;
        }

        @Override
        public void preFrame(float tpf) {
            if (current < CAPACITY) {
                viewStart[current] = System.nanoTime();
            }
        }

        @Override
        public void postQueue(RenderQueue rq) {
            if (current < CAPACITY) {
                queued[current] = System.nanoTime();
                drawCpu[current] = threads.getCurrentThreadCpuTime();
            }
        }

        @Override
        public void postFrame(FrameBuffer out) {
            if (current < CAPACITY) {
                drawn[current] = System.nanoTime();
                drawCpu[current] = threads.getCurrentThreadCpuTime() - drawCpu[current];
            }
        }

        @Override
        public void cleanup() {
            initialized = false;
        }

        @Override
        public void setProfiler(AppProfiler profiler) {
            // not profiled
        }
    }

    /**
     * One frame's figures, milliseconds.
     *
     * @param index    the frame's index
     * @param start    System.nanoTime() at the end of the previous frame
     * @param interval from the previous frame's end to this one's
     * @param swap     buffer swap, window events and queued tasks
     * @param update   app states' and scene updates
     * @param states   the other app states' render calls (physics)
     * @param cull     culling and queueing the main viewport
     * @param draw     drawing the main viewport
     * @param drawCpu  render-thread CPU time while drawing the main viewport
     * @param rest     the rest of the frame (GUI viewport)
     * @param cpu      render-thread CPU time in the frame
     * @param runQueue time the render thread was runnable but had no CPU (NaN where unknown)
     * @param faults   minor page faults of the render thread (memory touched first), -1 where unknown
     * @param gc       the collectors' time for collections that ended in the frame
     * @param tag      the label sampled at the frame's end
     */
    record Frame(int index, long start, double interval, double swap, double update, double states, double cull,
                 double draw, double drawCpu, double rest, double cpu, double runQueue, long faults, double gc, String tag) {

        /**
         * @return what most of the frame's time went to: the render thread's own work, waiting for a
         *         CPU, a garbage-collection pause, or being blocked otherwise (a safepoint, the
         *         driver's or the X server's threads, the frame cap's sleep)
         */
        String cause() {
            double queue = Double.isNaN(runQueue) ? 0 : runQueue;
            double blocked = Math.max(0, interval - cpu - queue - gc);
            double most = Math.max(Math.max(cpu, queue), Math.max(gc, blocked));
            return most == cpu ? "render-thread work" : most == gc ? "garbage collection"
                    : most == queue ? "waiting for a CPU" : "blocked (safepoint, driver or X server, frame cap)";
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "frame %d (t=%d): %.1f ms = swap+tasks %.1f, update %.1f, states %.1f,"
                    + " cull %.1f, draw %.1f (CPU %.1f), rest %.1f; render thread on a CPU %.1f, waiting for one %.1f,"
                    + " %d page faults; GC %.0f; mostly %s [%s]", index, start, interval, swap, update, states, cull,
                    draw, drawCpu, rest, cpu, runQueue, faults, gc, cause(), tag);
        }
    }

    /**
     * @param i a recorded frame, ≥ 1
     * @return its figures
     */
    Frame frame(int i) {
        if (i < 1 || i >= published) {
            throw new IndexOutOfBoundsException(i);
        }
        long from = post[i - 1];
        boolean split = viewStart[i] != 0 && drawn[i] != 0;
        double states = split ? ms(viewStart[i] - render[i]) : Double.NaN;
        double cull = split ? ms(queued[i] - viewStart[i]) : Double.NaN;
        double draw = split ? ms(drawn[i] - queued[i]) : ms(post[i] - render[i]);
        double rest = split ? ms(post[i] - drawn[i]) : Double.NaN;
        double runQueue = waiting[i] < 0 || waiting[i - 1] < 0 ? Double.NaN : ms(waiting[i] - waiting[i - 1]);
        return new Frame(i, from, ms(post[i] - from), ms(update[i] - from), ms(render[i] - update[i]), states, cull,
                draw, split ? ms(drawCpu[i]) : Double.NaN, rest, ms(cpu[i] - cpu[i - 1]), runQueue,
                faults[i] < 0 || faults[i - 1] < 0 ? -1 : faults[i] - faults[i - 1], gc[i] - gc[i - 1], tag[i]);
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    /**
     * Frame-interval statistics over frames {@code [from, to)}.
     *
     * @param from first frame (≥ 1)
     * @param to   one past the last frame (≤ {@link #frames()})
     * @return median, 95th percentile and worst interval, with the longest frames
     */
    Summary summary(int from, int to) {
        int n = to - from;
        if (from < 1 || n < 1 || to > published) {
            throw new IllegalArgumentException("no frames in [" + from + ", " + to + ") of " + published);
        }
        Frame[] frames = new Frame[n];
        double[] intervals = new double[n];
        double collecting = 0;
        double waitingForCpu = 0;
        double working = 0;
        for (int i = 0; i < n; i++) {
            frames[i] = frame(from + i);
            intervals[i] = frames[i].interval();
            collecting += frames[i].gc();
            waitingForCpu += Double.isNaN(frames[i].runQueue()) ? 0 : frames[i].runQueue();
            working += frames[i].cpu();
        }
        double[] sorted = intervals.clone();
        Arrays.sort(sorted);
        Frame busiest = frames[0];
        for (Frame f : frames) {
            if (f.cpu() > busiest.cpu()) {
                busiest = f;
            }
        }
        Frame[] byLength = frames.clone();
        Arrays.sort(byLength, (a, b) -> Double.compare(b.interval(), a.interval()));
        return new Summary(n, ms(post[to - 1] - post[from - 1]), sorted[n / 2], sorted[(int) Math.ceil(0.95 * n) - 1],
                byLength[0], busiest, collecting, waitingForCpu, working, List.of(Arrays.copyOf(byLength, Math.min(5, n))));
    }

    /**
     * Frame-interval statistics, milliseconds.
     *
     * @param frames   number of frames
     * @param duration their total time
     * @param median   median interval
     * @param p95      95th percentile
     * @param worst    the longest frame
     * @param busiest  the frame in which the render thread itself worked longest
     * @param gc       garbage-collection time in these frames
     * @param runQueue time the render thread waited for a CPU in these frames
     * @param cpu      render-thread CPU time in these frames
     * @param longest  the longest frames, longest first
     */
    record Summary(int frames, double duration, double median, double p95, Frame worst, Frame busiest, double gc,
                   double runQueue, double cpu, List<Frame> longest) {
        @Override
        public String toString() {
            StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
                    "%d frames in %.1f s, median %.1f ms, 95th percentile %.1f ms, worst %.1f ms; GC %.0f ms, render"
                    + " thread waiting for a CPU %.0f ms, on one %.0f ms (at most %.1f ms in a frame, frame %d)", frames,
                    duration / 1000, median, p95, worst.interval(), gc, runQueue, cpu, busiest.cpu(), busiest.index()));
            for (Frame f : longest) {
                b.append("\n    ").append(f);
            }
            return b.toString();
        }
    }

    @Override
    protected void cleanup(Application app) {
        mainView.removeProcessor(splitter);
        for (RandomAccessFile f : new RandomAccessFile[] {schedstat, stat}) {
            if (f != null) {
                try {
                    f.close();
                } catch (IOException ignored) {
                    // a read-only proc file
                }
            }
        }
    }

    @Override
    protected void onEnable() {
        // always recording
    }

    @Override
    protected void onDisable() {
        // always recording
    }
}
