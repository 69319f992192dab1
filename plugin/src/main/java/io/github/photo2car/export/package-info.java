/**
 * Cars in and out of files: {@link io.github.photo2car.export.GlbExporter} (glTF 2.0 binary),
 * {@link io.github.photo2car.export.J3oExporter} (jME binary) and
 * {@link io.github.photo2car.export.CarImporter}, which rigs a loaded file into a drivable
 * {@link io.github.photo2car.rig.CarRig}. The format is described in {@code docs/EXPORT.md}.
 */
package io.github.photo2car.export;
