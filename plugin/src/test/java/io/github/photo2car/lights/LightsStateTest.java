package io.github.photo2car.lights;

import io.github.photo2car.lights.LightsState.Blinker;
import io.github.photo2car.lights.LightsState.HeadlightMode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LightsStateTest {

    private static final float FRAME = 1f / 240f;

    /** Simulates {@code seconds} at 240 Hz and returns the times at which the left indicator turned on. */
    private static List<Float> risingEdges(LightsState s, Blinker side, float seconds, float[] onTime) {
        List<Float> edges = new ArrayList<>();
        boolean was = s.blinkerLit(side);
        float t = 0;
        onTime[0] = 0;
        while (t < seconds) {
            s.update(FRAME);
            t += FRAME;
            boolean now = s.blinkerLit(side);
            if (now) {
                onTime[0] += FRAME;
            }
            if (now && !was) {
                edges.add(t);
            }
            was = now;
        }
        return edges;
    }

    @Test
    void blinkerPeriodAndDutyCycle() {
        LightsState s = new LightsState();
        s.setBlinker(Blinker.LEFT);
        assertTrue(s.blinkerLit(Blinker.LEFT), "the first flash is lit at once");
        float[] on = new float[1];
        float seconds = 20f;
        List<Float> edges = risingEdges(s, Blinker.LEFT, seconds, on);
        float period = (edges.get(edges.size() - 1) - edges.get(0)) / (edges.size() - 1);
        assertEquals(0.667f, period, 0.667f * 0.05f, "period within 5% of 0.667 s");
        assertEquals(0.5, on[0] / seconds, 0.02, "50% duty cycle");
        float flashesPerMinute = 60f / period;
        assertTrue(flashesPerMinute >= 60 && flashesPerMinute <= 120, "UN ECE R48 range: " + flashesPerMinute);
        assertFalse(s.blinkerLit(Blinker.RIGHT), "the other side stays dark");
    }

    @Test
    void hazardsFlashBothSidesInPhase() {
        LightsState s = new LightsState();
        s.setBlinker(Blinker.LEFT);
        s.update(0.2f);
        s.setHazards(true);
        for (int i = 0; i < 2000; i++) {
            s.update(FRAME);
            assertEquals(s.blinkerLit(Blinker.LEFT), s.blinkerLit(Blinker.RIGHT), "in phase at step " + i);
        }
        s.setHazards(false);
        s.setBlinker(Blinker.NONE);
        for (int i = 0; i < 400; i++) {
            s.update(FRAME);
            assertFalse(s.blinkerLit(Blinker.LEFT) || s.blinkerLit(Blinker.RIGHT));
        }
    }

    @Test
    void brakeLampsOnlyWhileBraking() {
        LightsState s = new LightsState();
        assertEquals(0f, s.rearLampLevel());
        s.setBraking(true);
        assertEquals(1f, s.rearLampLevel());
        s.setBraking(false);
        assertEquals(0f, s.rearLampLevel());
        s.setHeadlights(HeadlightMode.LOW);
        assertEquals(LightsState.TAIL_LEVEL, s.rearLampLevel(), "tail lamps come on with the headlights");
        s.setBraking(true);
        assertEquals(1f, s.rearLampLevel(), "braking is brighter than tail");
    }

    @Test
    void headlightCycleAndStalkToggle() {
        LightsState s = new LightsState();
        s.cycleHeadlights();
        assertEquals(HeadlightMode.LOW, s.headlights());
        s.cycleHeadlights();
        assertEquals(HeadlightMode.HIGH, s.headlights());
        assertTrue(s.headLampLevel() > 0.75f);
        s.cycleHeadlights();
        assertEquals(HeadlightMode.OFF, s.headlights());
        s.toggleBlinker(Blinker.RIGHT);
        assertEquals(Blinker.RIGHT, s.blinker());
        s.toggleBlinker(Blinker.RIGHT);
        assertEquals(Blinker.NONE, s.blinker());
    }

    @Test
    void badTimeStepsAreIgnored() {
        LightsState s = new LightsState();
        s.setBlinker(Blinker.LEFT);
        s.update(Float.NaN);
        s.update(-1f);
        assertTrue(s.blinkerLit(Blinker.LEFT));
        s.update(1000.2f); // a long pause: 1,500 whole cycles plus 0.2 s, which is in the lit half
        assertTrue(s.blinkerLit(Blinker.LEFT));
        s.update(0.2f); // 0.4 s into the cycle: dark half
        assertFalse(s.blinkerLit(Blinker.LEFT));
    }
}
