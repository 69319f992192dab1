package io.github.photo2car.fit;

import io.github.photo2car.raster.OrbitCamera;
import io.github.photo2car.template.CarParams;
import io.github.photo2car.template.CarTemplate;

/**
 * Places a car in a square crop from the bounding box of its mask: given the pose and the shape,
 * the camera's distance and principal point are chosen so that the car's projected outline (the
 * body and {@link WheelProxy} wheels) spans the mask's box. A closed-form step, no rasterizer and
 * no loss: the box pins the car's apparent size and position, which an encoder regresses less
 * precisely than its pose (the idea of deriving weak-perspective translation from a detection
 * box, common in single-image mesh recovery).
 *
 * <p>Box edges the photo cuts off (the mask reaches the crop's edge or pixels outside the photo)
 * say nothing about the car: only the free edges are matched, the size only along axes with two
 * free edges; with none, the camera comes back as it was. Stateless.
 */
public final class BoxPlacement {

    /** Fixed-point rounds: the size changes perspective a little, so a few rounds settle it. */
    private static final int ROUNDS = 4;
    /** Limit of the distance change per round (a factor either way). */
    private static final float MAX_RATIO = 2f;

    private BoxPlacement() {
    }

    /**
     * @param camera the crop's camera with the estimated pose (aspect 1; not modified)
     * @param params the car (not modified)
     * @param mask   [S*S] car mask of the crop, row 0 at the top; a pixel is car where &gt; 0.5
     *               (not modified)
     * @param inside [S*S] whether each crop pixel lies in the photo, or null if all do (not
     *               modified)
     * @param size   S, the crop side in pixels
     * @return a new camera with the same pose, lens and look-at point and a new distance and
     *         principal point; the given camera itself when the mask is empty, no edge is free or
     *         part of the car lies behind the camera
     * @throws IllegalArgumentException if the arrays do not hold S*S values
     */
    public static OrbitCamera place(OrbitCamera camera, CarParams params, float[] mask, boolean[] inside,
                                    int size) {
        if (size < 1 || mask.length != size * size || (inside != null && inside.length != size * size)) {
            throw new IllegalArgumentException("mask and inside must hold " + size + "x" + size + " values");
        }
        int minX = size;
        int minY = size;
        int maxX = -1;
        int maxY = -1;
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                if (mask[y * size + x] > 0.5f) {
                    minX = Math.min(minX, x);
                    maxX = Math.max(maxX, x);
                    minY = Math.min(minY, y);
                    maxY = Math.max(maxY, y);
                }
            }
        }
        if (maxX < 0) {
            return camera;
        }
        // free: the neighbour beyond the edge is a crop pixel inside the photo
        boolean left = minX > 0 && allInPhoto(inside, size, true, minX - 1, minY, maxY);
        boolean right = maxX < size - 1 && allInPhoto(inside, size, true, maxX + 1, minY, maxY);
        boolean top = minY > 0 && allInPhoto(inside, size, false, minY - 1, minX, maxX);
        boolean bottom = maxY < size - 1 && allInPhoto(inside, size, false, maxY + 1, minX, maxX);
        if (!left && !right && !top && !bottom) {
            return camera;
        }
        // the box in crop NDC, x right and y up
        float[] box = {2f * minX / size - 1, 1 - 2f * (maxY + 1) / size, 2f * (maxX + 1) / size - 1,
            1 - 2f * minY / size};
        float[] world = WheelProxy.withBody(params, CarTemplate.shapePositions(params, null));
        OrbitCamera c = camera;
        for (int round = 0; round < ROUNDS; round++) {
            float[] seen = c.ndcBox(world, 1f);
            if (seen == null) {
                return camera;
            }
            double maskSize = 0;
            double carSize = 0;
            if (left && right) {
                maskSize += box[2] - box[0];
                carSize += seen[2] - seen[0];
            }
            if (top && bottom) {
                maskSize += box[3] - box[1];
                carSize += seen[3] - seen[1];
            }
            if (maskSize > 0 && carSize > 0) {
                float ratio = (float) Math.max(1 / MAX_RATIO, Math.min(MAX_RATIO, carSize / maskSize));
                c = with(c, c.distance() * ratio, c.principalX(), c.principalY());
                seen = c.ndcBox(world, 1f);
                if (seen == null) {
                    return camera;
                }
            }
            float dx = shift(left, right, box[0], box[2], seen[0], seen[2]);
            float dy = shift(bottom, top, box[1], box[3], seen[1], seen[3]);
            c = with(c, c.distance(), c.principalX() + dx, c.principalY() + dy);
        }
        return c;
    }

    /** The NDC shift that matches the free edges along one axis (low and high ends). */
    private static float shift(boolean lowFree, boolean highFree, float low, float high, float seenLow,
                               float seenHigh) {
        if (lowFree && highFree) {
            return 0.5f * (low + high) - 0.5f * (seenLow + seenHigh);
        }
        if (lowFree) {
            return low - seenLow;
        }
        return highFree ? high - seenHigh : 0f;
    }

    private static OrbitCamera with(OrbitCamera c, float distance, float px, float py) {
        return new OrbitCamera(c.azimuthDeg(), c.elevationDeg(), Math.max(c.near() + 0.5f, distance), c.fovYDeg(),
                px, py, c.rollDeg(), c.targetX(), c.targetY(), c.targetZ(), c.near(), c.far());
    }

    /** Whether every crop pixel of a column (x fixed, y from a to b) or a row (y fixed) is in the photo. */
    private static boolean allInPhoto(boolean[] inside, int size, boolean column, int fixed, int a, int b) {
        if (inside == null) {
            return true;
        }
        for (int i = a; i <= b; i++) {
            if (!inside[column ? i * size + fixed : fixed * size + i]) {
                return false;
            }
        }
        return true;
    }
}
