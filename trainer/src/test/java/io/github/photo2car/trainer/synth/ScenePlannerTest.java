package io.github.photo2car.trainer.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ScenePlannerTest {

    @Test
    void shortenedShareShortensThatShareAndLeavesTheRestOfTheCar() {
        ScenePlanner road = new ScenePlanner(9, 2, 64, 64, 2, 0);
        ScenePlanner none = new ScenePlanner(9, 2, 64, 64, 2, 0, 0f, 0f, 0f);
        ScenePlanner all = new ScenePlanner(9, 2, 64, 64, 2, 0, 0f, 1f, 0f);
        ScenePlanner half = new ScenePlanner(9, 2, 64, 64, 2, 0, 0f, 0.5f, 0f);
        int cars = 60;
        int shortenedHalf = 0;
        double ratioRoad = 0;
        double ratioAll = 0;
        for (long i = 0; i < cars; i++) {
            CarJob r = road.plan(i);
            CarJob a = all.plan(i);
            assertEquals(r.params(), none.plan(i).params(), "share 0 plans the cars as before");
            assertEquals(r.bodyType(), a.bodyType());
            assertEquals(r.appearance().paintName(), a.appearance().paintName());
            assertArrayEquals(r.appearance().paint(), a.appearance().paint(), "the paint does not change");
            assertEquals(r.params().height(), a.params().height(), 1e-4f);
            assertEquals(r.params().width(), a.params().width(), 1e-4f);
            assertTrue(a.params().length() <= r.params().length() + 1e-4f);
            ratioRoad += r.params().height() / r.params().length();
            ratioAll += a.params().height() / a.params().length();
            if (half.plan(i).params().length() < r.params().length() - 1e-3f) {
                shortenedHalf++;
            }
        }
        // lengths times 0.6..1 (0.8 on average) raise height / length by about a quarter
        assertTrue(ratioAll / ratioRoad > 1.15, "height / length " + ratioRoad / cars + " -> " + ratioAll / cars);
        assertTrue(shortenedHalf > cars / 4 && shortenedHalf < 3 * cars / 4, shortenedHalf + " of " + cars);
        assertThrows(IllegalArgumentException.class, () -> new ScenePlanner(9, 2, 64, 64, 2, 0, 0f, 1.5f, 0f));
    }

    @Test
    void toyShareGivesThatShareToyProportionsAndLeavesTheRestOfTheCar() {
        ScenePlanner road = new ScenePlanner(9, 2, 64, 64, 2, 0);
        ScenePlanner toys = new ScenePlanner(9, 2, 64, 64, 2, 0, 0f, 0f, 1f);
        ScenePlanner half = new ScenePlanner(9, 2, 64, 64, 2, 0, 0f, 0f, 0.5f);
        int cars = 60;
        int toyHalf = 0;
        double clearanceRoad = 0;
        double clearanceToys = 0;
        for (long i = 0; i < cars; i++) {
            CarJob r = road.plan(i);
            CarJob t = toys.plan(i);
            assertEquals(r.bodyType(), t.bodyType());
            assertArrayEquals(r.appearance().paint(), t.appearance().paint(), "the paint does not change");
            assertEquals(r.params().width(), t.params().width(), 1e-4f);
            assertTrue(t.params().length() <= r.params().length() + 1e-4f);
            assertTrue(t.params().height() >= r.params().height() - 1e-4f);
            clearanceRoad += r.params().groundClearance();
            clearanceToys += t.params().groundClearance();
            if (!half.plan(i).params().equals(r.params())) {
                toyHalf++;
            }
        }
        // an amount uniform in 0..1 raises the clearance by up to twice, about 1.4 times on average
        assertTrue(clearanceToys / clearanceRoad > 1.2, "clearance " + clearanceRoad / cars + " -> " + clearanceToys / cars);
        assertTrue(toyHalf > cars / 4 && toyHalf < 3 * cars / 4, toyHalf + " of " + cars);
        assertThrows(IllegalArgumentException.class, () -> new ScenePlanner(9, 2, 64, 64, 2, 0, 0f, 0f, -1f));
    }
}
