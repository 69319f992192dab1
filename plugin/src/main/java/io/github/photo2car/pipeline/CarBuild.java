package io.github.photo2car.pipeline;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.github.photo2car.bake.BakedTexture;
import io.github.photo2car.raster.OrbitCamera;
import io.github.photo2car.template.CarMesh;

/**
 * Everything a conversion produced before the rig is built: the fitted car, the camera of the
 * photo, the baked texture, quality and timing figures, and warnings. Immutable apart from the
 * mesh and texture, which are themselves immutable. A car built from several photos of one car
 * describes its first photo in {@code camera}, {@code photoAspect} and {@code carMask}, and has a
 * camera per photo in {@code cameras}.
 *
 * @param car          the fitted body (car frame, metres)
 * @param camera       the (first) photo's camera as fitted (use with {@link #photoAspect()})
 * @param photoAspect  the (first) photo's width / height
 * @param texture      the baked body texture
 * @param fitIou       IoU of the fitted car's silhouette against the car mask, in the crop (the
 *                     photos' mean with several); NaN when fitting was skipped
 * @param carMask      the mask of the car that was built, over the whole (first) photo (only that car)
 * @param stageMillis  wall time per stage, milliseconds
 * @param warnings     things the player should know (several cars, a shrunk photo, ...)
 * @param cameras      the fitted camera of every photo the car was built from, in the order
 *                     given (photos without a car left out); the first is {@code camera}
 */
public record CarBuild(CarMesh car, OrbitCamera camera, float photoAspect, BakedTexture texture, double fitIou,
                       MaskGrid carMask, Map<Stage, Long> stageMillis, List<String> warnings,
                       List<OrbitCamera> cameras) {

    /** Copies the collections; checks that the first of the cameras is the camera. */
    public CarBuild {
        stageMillis = java.util.Collections.unmodifiableMap(new EnumMap<>(stageMillis));
        warnings = List.copyOf(warnings);
        cameras = List.copyOf(cameras);
        if (cameras.isEmpty() || !cameras.get(0).equals(camera)) {
            throw new IllegalArgumentException("cameras must start with the camera");
        }
    }

    /** @return total wall time of the stages so far, milliseconds */
    public long totalMillis() {
        return stageMillis.values().stream().mapToLong(Long::longValue).sum();
    }
}
