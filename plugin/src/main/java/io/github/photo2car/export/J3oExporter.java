package io.github.photo2car.export;

import com.jme3.export.binary.BinaryExporter;
import com.jme3.scene.Node;
import io.github.photo2car.rig.CarRig;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Writes a {@link CarRig} as a jME binary file ({@code .j3o}) with jME's {@link BinaryExporter}:
 * the same tree a {@code .glb} export holds (car frame, wheels at rest; see {@link GlbExporter}),
 * with the rig's own jME materials and textures, and the {@link RigData} as a JSON string in the
 * {@code car} node's user data under {@value RigData#KEY}.
 *
 * <p>Controls are not written: Minie's {@code VehicleControl} would save, but a loaded one would
 * not be wired to the wheel nodes, lamps and driver, and {@code CarLightsControl} keeps its lenses
 * in fields a j3o cannot hold. {@link CarImporter} rigs the loaded tree again instead.
 */
public final class J3oExporter {

    /**
     * Writes a rig to a file, replacing it if it exists.
     *
     * @param rig  the car (not null, not modified; may be moving: wheels are written at rest)
     * @param file where to write, normally ending in {@code .j3o} (not null; its folder must exist)
     * @throws IOException if the file cannot be written
     */
    public void write(CarRig rig, Path file) throws IOException {
        Objects.requireNonNull(rig, "rig");
        Objects.requireNonNull(file, "file");
        Node car = RestPose.of(rig);
        car.setUserData(RigData.KEY, RigData.of(rig).toJson());
        BinaryExporter.getInstance().save(car, file.toFile());
    }
}
