package io.github.photo2car.app;

import java.util.List;

import com.jme3.math.Vector3f;
import com.jme3.renderer.Camera;

/**
 * Where a new car appears when the caller gives no spot: on the ground in front of the camera,
 * facing the way the camera looks, and clear of the cars already there (moved sideways until it
 * is). Pure geometry; the ground height comes from a caller-supplied probe.
 */
public final class SpawnPlanner {

    /** Ground height at a horizontal position (world frame, metres). */
    @FunctionalInterface
    public interface GroundProbe {
        /**
         * @param x world x
         * @param z world z
         * @return the ground's y there
         */
        float heightAt(float x, float z);
    }

    /**
     * A spot: ground point under the middle of the wheelbase and heading (radians about +Y, 0
     * faces +Z).
     *
     * @param ground  world position on the ground
     * @param heading rotation about +Y in radians
     */
    public record Spot(Vector3f ground, float heading) {
    }

    private final float distance;
    private final float clearance;

    /**
     * @param distance  how far in front of the camera, metres (&gt; 0)
     * @param clearance minimum distance between car centres, metres (&gt; 0)
     */
    public SpawnPlanner(float distance, float clearance) {
        if (!(distance > 0 && clearance > 0)) {
            throw new IllegalArgumentException("distance and clearance must be positive");
        }
        this.distance = distance;
        this.clearance = clearance;
    }

    /**
     * @param camera the viewing camera (not modified)
     * @param others ground positions of cars already in the scene (not modified)
     * @param ground the ground probe
     * @return a free spot
     */
    public Spot plan(Camera camera, List<Vector3f> others, GroundProbe ground) {
        Vector3f dir = camera.getDirection().clone();
        dir.y = 0;
        if (dir.lengthSquared() < 1e-6f) {
            dir.set(0, 0, -1);
        }
        dir.normalizeLocal();
        Vector3f side = new Vector3f(-dir.z, 0, dir.x);
        Vector3f base = camera.getLocation().add(dir.mult(distance));
        float heading = (float) Math.atan2(dir.x, dir.z);
        for (int attempt = 0; attempt < 32; attempt++) {
            // 0, +1, -1, +2, -2, ... car widths sideways
            int k = (attempt + 1) / 2 * (attempt % 2 == 1 ? 1 : -1);
            Vector3f p = base.add(side.mult(k * clearance));
            if (isClear(p, others)) {
                p.y = ground.heightAt(p.x, p.z);
                return new Spot(p, heading);
            }
        }
        base.y = ground.heightAt(base.x, base.z);
        return new Spot(base, heading);
    }

    private boolean isClear(Vector3f p, List<Vector3f> others) {
        for (Vector3f o : others) {
            float dx = o.x - p.x;
            float dz = o.z - p.z;
            if (dx * dx + dz * dz < clearance * clearance) {
                return false;
            }
        }
        return true;
    }
}
