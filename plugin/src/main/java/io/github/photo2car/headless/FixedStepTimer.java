package io.github.photo2car.headless;

import com.jme3.system.Timer;

/**
 * A jME timer that advances by the same step every frame, whatever the wall clock does. Offscreen
 * rendering and tests use it so that animations (blinkers, physics) reach the same state after the
 * same number of frames on a fast GPU and on a slow software renderer. Install with
 * {@code app.setTimer(new FixedStepTimer(1/60f))} before the application starts.
 */
public final class FixedStepTimer extends Timer {

    private static final long RESOLUTION = 1_000_000_000L;

    private final float step;
    private long ticks;

    /**
     * @param stepSeconds simulated seconds per frame (&gt; 0, at most 1)
     */
    public FixedStepTimer(float stepSeconds) {
        if (!(stepSeconds > 0f && stepSeconds <= 1f)) {
            throw new IllegalArgumentException("step must be in (0, 1] s, got " + stepSeconds);
        }
        step = stepSeconds;
    }

    @Override
    public long getTime() {
        return ticks;
    }

    @Override
    public long getResolution() {
        return RESOLUTION;
    }

    @Override
    public float getFrameRate() {
        return 1f / step;
    }

    @Override
    public float getTimePerFrame() {
        return step;
    }

    @Override
    public void update() {
        ticks += (long) (step * RESOLUTION);
    }

    @Override
    public void reset() {
        ticks = 0;
    }
}
