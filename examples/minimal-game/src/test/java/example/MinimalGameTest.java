package example;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.jme3.math.Vector3f;

import io.github.photo2car.headless.HeadlessSession;
import io.github.photo2car.rig.CarRig;

/**
 * The consumer's check that the plug-in works by its coordinates alone: the game starts offscreen,
 * the sample photo becomes a car in the scene, and the car drives forwards.
 */
class MinimalGameTest {

    private static final Path SAMPLE = Path.of("../../assets/samples/sample-car.png");

    @Test
    void theSamplePhotoBecomesACarThatDrives() throws Exception {
        assertTrue(Files.isRegularFile(SAMPLE), "the sample photo at " + SAMPLE.toAbsolutePath());
        MinimalGame game = new MinimalGame(SAMPLE);
        try (HeadlessSession session = HeadlessSession.start(game, 320, 240, Duration.ofSeconds(120))) {
            CarRig rig = game.car().get(300, TimeUnit.SECONDS);
            Vector3f start = session.onRenderThread(() -> rig.groundPosition(new Vector3f()));
            Vector3f forward = session.onRenderThread(
                    () -> rig.root().getWorldRotation().mult(Vector3f.UNIT_Z)).setY(0).normalizeLocal();
            // full throttle from the first frame the car stands in the scene: wait until it has gone 3 m
            double moved = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (moved < 3 && System.nanoTime() < deadline) {
                session.awaitFrames(10, Duration.ofSeconds(30));
                Vector3f now = session.onRenderThread(() -> rig.groundPosition(new Vector3f()));
                moved = now.subtract(start).dot(forward);
            }
            System.out.printf("[minimal-game] the car drove %.1f m forwards%n", moved);
            assertTrue(moved >= 3, "the car drove forwards: " + moved + " m");
        }
    }
}
