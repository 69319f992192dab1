package io.github.photo2car.rig;

import com.jme3.scene.Geometry;
import com.jme3.scene.Node;
import com.jme3.scene.Spatial;
import io.github.photo2car.template.CarPart;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The visible pieces of a car before it is rigged: what {@link CarRigBuilder#rig} turns into a
 * {@link CarRig}. {@link CarRigBuilder#build} makes them from a {@code CarMesh}; an importer takes
 * them from a loaded file.
 *
 * @param chassis     the body in the car frame (metres, origin on the ground under mid-wheelbase,
 *                    +Y up, +Z forward): body panels, glass, trim and the lamp nodes; renamed
 *                    {@value CarRig#CHASSIS_NAME} and given its place by the rig (not null)
 * @param lenses      the lens geometry of each lamp present, somewhere under the chassis, keyed
 *                    by light part (not null; copied; values not null; keys with
 *                    {@link CarPart#isLight()})
 * @param wheelModels wheel spatials in the order FL, FR, RL, RR, each in its wheel's frame (axle
 *                    along X, centre at the origin, already turned for its side) (not null,
 *                    length 4, no null entry; the array is copied)
 */
public record RigParts(Node chassis, Map<CarPart, Geometry> lenses, Spatial[] wheelModels) {

    /** Validates and copies the containers (the spatials themselves are shared). */
    public RigParts {
        Objects.requireNonNull(chassis, "chassis");
        Map<CarPart, Geometry> copy = new EnumMap<>(CarPart.class);
        for (Map.Entry<CarPart, Geometry> e : Objects.requireNonNull(lenses, "lenses").entrySet()) {
            if (e.getKey() == null || !e.getKey().isLight() || e.getValue() == null) {
                throw new IllegalArgumentException("lenses must map light parts to geometries, got " + e.getKey()
                        + " -> " + e.getValue());
            }
            copy.put(e.getKey(), e.getValue());
        }
        lenses = Collections.unmodifiableMap(copy);
        if (Objects.requireNonNull(wheelModels, "wheelModels").length != 4) {
            throw new IllegalArgumentException("a car has 4 wheels, got " + wheelModels.length + " models");
        }
        wheelModels = wheelModels.clone();
        for (int i = 0; i < 4; i++) {
            Objects.requireNonNull(wheelModels[i], "wheel model " + i);
        }
    }

    /** @return a copy of the wheel models array (FL, FR, RL, RR) */
    @Override
    public Spatial[] wheelModels() {
        return wheelModels.clone();
    }
}
