package io.github.photo2car.template;

/**
 * A procedural wheel in its own frame: axle along X, centre at the origin, metres; the rim's
 * face (spokes, hub) looks toward +X, so a rig turns the mesh 180 degrees about Y for the
 * right-hand (-X) wheels. Two sub-meshes so tyre rubber and rim metal get different materials.
 * Immutable.
 *
 * @param tyre   the tyre: closed torus-like surface with sidewalls, tread with circumferential
 *               and lateral grooves; UV u = angle around the axle / 2pi, v = along the profile
 * @param rim    the rim: barrel with flange, spokes, hub and brake disc, each a closed solid;
 *               UV = planar projection of the wheel face (u = 0.5 + z / (2.1 rimRadius),
 *               v = 0.5 + y / (2.1 rimRadius)), suited to a rim texture
 * @param radius tyre outer radius (m)
 * @param width  tyre width (m)
 * @param rimRadius rim radius (m), where tyre and rim meet
 */
public record WheelMesh(SurfaceMesh tyre, SurfaceMesh rim, float radius, float width, float rimRadius) {

    /**
     * Validates the components.
     *
     * @throws IllegalArgumentException if a mesh is null or a size is not positive
     */
    public WheelMesh {
        if (tyre == null || rim == null) {
            throw new IllegalArgumentException("tyre and rim must not be null");
        }
        if (!(radius > 0f) || !(width > 0f) || !(rimRadius > 0f) || !(rimRadius < radius)) {
            throw new IllegalArgumentException("need 0 < rimRadius < radius and width > 0");
        }
    }
}
