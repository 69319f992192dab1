package io.github.photo2car.trainer.eval;

import io.github.photo2car.template.CarMesh;
import io.github.photo2car.template.CarParams;
import io.github.photo2car.template.CarTemplate;
import io.github.photo2car.template.SurfaceMesh;
import io.github.photo2car.template.WheelAnchor;
import io.github.photo2car.template.WheelMesh;
import io.github.photo2car.template.WheelMeshBuilder;

import java.util.Objects;

/**
 * The whole car the template describes as one surface: the closed body of
 * {@link CarTemplate#build(CarParams)} plus the four {@link WheelMeshBuilder} wheels (tyre and rim)
 * placed at the body's wheel anchors. Wheels are part of it because a real car model's solid
 * includes its wheels, so the two are comparable voxel for voxel.
 */
public final class TemplateSolid {

    private TemplateSolid() {
    }

    /**
     * Builds the template car's surface.
     *
     * @param params the shape (not null, not modified)
     * @return a new soup in the car frame (metres: +Y up, +Z forward, +X the car's left, origin on
     *         the ground under the middle of the wheelbase)
     */
    public static TriangleSoup of(CarParams params) {
        Objects.requireNonNull(params, "params");
        CarMesh mesh = CarTemplate.build(params);
        TriangleSoup body = TriangleSoup.fromIndexed(mesh.shapePositions(), mesh.triangles());
        WheelMesh wheel = WheelMeshBuilder.build(params);
        TriangleSoup[] parts = new TriangleSoup[1 + 2 * mesh.wheels().size()];
        parts[0] = body;
        int at = 1;
        for (WheelAnchor anchor : mesh.wheels()) {
            parts[at++] = place(wheel.tyre(), anchor);
            parts[at++] = place(wheel.rim(), anchor);
        }
        return TriangleSoup.concat(parts);
    }

    /**
     * Moves a wheel-frame mesh (axle along X, rim face toward +X) to its anchor; right-hand wheels
     * are turned 180 degrees about Y first, as the rig does, so the rim faces outward.
     */
    private static TriangleSoup place(SurfaceMesh part, WheelAnchor anchor) {
        float[] p = part.positions();
        boolean left = anchor.position().isLeft();
        for (int i = 0; i < p.length; i += 3) {
            float x = left ? p[i] : -p[i];
            float z = left ? p[i + 2] : -p[i + 2];
            p[i] = x + anchor.centerX();
            p[i + 1] += anchor.centerY();
            p[i + 2] = z + anchor.centerZ();
        }
        return TriangleSoup.fromIndexed(p, part.triangles());
    }
}
