package io.github.photo2car.trainer.cli;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line console progress bar with rate and ETA, redrawn in place on a terminal and printed
 * as plain lines (at most every few seconds) when the output is a file or pipe. Not thread-safe.
 */
public final class ProgressBar {

    private static final int WIDTH = 28;
    private static final long PLAIN_INTERVAL_NANOS = 5_000_000_000L;

    private final PrintStream out;
    private final String label;
    private final long total;
    private final boolean terminal;
    private final long start = System.nanoTime();
    private long lastPlain;

    /**
     * @param out   where to draw (e.g. System.err)
     * @param label what is counted, e.g. "train"
     * @param total the count at completion (&ge; 1)
     */
    public ProgressBar(PrintStream out, String label, long total) {
        this.out = out;
        this.label = label;
        this.total = Math.max(1, total);
        this.terminal = System.console() != null;
    }

    /**
     * Redraws the bar.
     *
     * @param done  items done so far
     * @param extra a short status appended to the line (may be empty)
     */
    public void update(long done, String extra) {
        long now = System.nanoTime();
        if (!terminal && done < total && now - lastPlain < PLAIN_INTERVAL_NANOS) {
            return;
        }
        lastPlain = now;
        double seconds = (now - start) / 1e9;
        double rate = seconds > 0 ? done / seconds : 0;
        double eta = rate > 0 ? (total - done) / rate : Double.NaN;
        int filled = (int) (WIDTH * Math.min(1.0, done / (double) total));
        String line = String.format(Locale.ROOT, "%s [%s%s] %d/%d %5.1f%% %.1f/s ETA %s %s", label, "#".repeat(filled),
                ".".repeat(WIDTH - filled), done, total, 100.0 * done / total, rate, duration(eta), extra);
        if (terminal) {
            out.print("\r" + line);
            if (done >= total) {
                out.println();
            }
        } else {
            out.println(line);
        }
        out.flush();
    }

    /** @return seconds since the bar was created */
    public double elapsedSeconds() {
        return (System.nanoTime() - start) / 1e9;
    }

    /**
     * @param seconds a duration, or NaN when unknown
     * @return h:mm:ss or m:ss
     */
    public static String duration(double seconds) {
        if (Double.isNaN(seconds) || Double.isInfinite(seconds)) {
            return "--:--";
        }
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
