package io.github.photo2car.trainer.synth;

import io.github.photo2car.template.BodyType;
import io.github.photo2car.template.CarParams;

import java.util.List;

/**
 * One car instance and its views: the unit the renderer works in (the car's meshes are built once
 * and shown from every view). Immutable.
 *
 * @param carIndex   global car index
 * @param bodyType   the preset the shape was drawn around
 * @param params     the shape
 * @param appearance paint, wheels, glass and trim
 * @param geometry   the built meshes
 * @param plateSeed  seed of the plate characters
 * @param views      the pictures to take, in order
 * @param residualCode {@link ResidualModes} weights of the body's residual, or null for a
 *                   template body
 * @param residualAmplitude metres per unit weight of the residual (0 without one)
 */
public record CarJob(long carIndex, BodyType bodyType, CarParams params, CarAppearance appearance,
                     CarGeometry geometry, long plateSeed, List<ViewSpec> views, float[] residualCode,
                     float residualAmplitude) {
}
