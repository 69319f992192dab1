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
 * mesh and texture, which are themselves immutable.
 *
 * @param car          the fitted body (car frame, metres)
 * @param camera       the photo's camera as fitted (use with {@link #photoAspect()})
 * @param photoAspect  the photo's width / height
 * @param texture      the baked body texture
 * @param fitIou       IoU of the fitted car's silhouette against the car mask, in the crop
 * @param carMask      the mask of the car that was built, over the whole photo (only that car)
 * @param stageMillis  wall time per stage, milliseconds
 * @param warnings     things the player should know (several cars, a shrunk photo, ...)
 */
public record CarBuild(CarMesh car, OrbitCamera camera, float photoAspect, BakedTexture texture, double fitIou,
                       MaskGrid carMask, Map<Stage, Long> stageMillis, List<String> warnings) {

    /** Copies the collections. */
    public CarBuild {
        stageMillis = java.util.Collections.unmodifiableMap(new EnumMap<>(stageMillis));
        warnings = List.copyOf(warnings);
    }

    /** @return total wall time of the stages so far, milliseconds */
    public long totalMillis() {
        return stageMillis.values().stream().mapToLong(Long::longValue).sum();
    }
}
