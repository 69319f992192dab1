package io.github.photo2car.trainer.eval;

import io.github.photo2car.template.CarParams;

import java.util.Objects;

/**
 * The main dimensions of a car divided by its overall length, so that cars in different units
 * (Kenney models are not in metres) can be compared and a template can be initialised from a
 * model. All values are dimensionless ratios.
 *
 * @param wheelbase     distance between the axles / length
 * @param wheelRadius   wheel radius / length
 * @param track         distance between left and right wheel centres / length
 * @param width         overall width (wheels included) / length
 * @param height        overall height above the ground / length
 * @param frontOverhang distance from the front axle to the front end / length
 * @param groundClearance height of the body's lowest point (wheels excluded) above the ground / length
 */
public record CarProportions(double wheelbase, double wheelRadius, double track, double width, double height,
                             double frontOverhang, double groundClearance) {

    /**
     * Measures a real car model from its bounds and wheel centres.
     *
     * @param model a model aligned to the car frame (not null, not modified)
     * @return its proportions
     */
    public static CarProportions of(CarModel model) {
        Objects.requireNonNull(model, "model");
        float[] b = model.all().bounds();
        double length = b[5] - b[2];
        float[] c = model.wheelCentres();
        double track = 0.5 * ((c[0] - c[3]) + (c[6] - c[9]));
        double frontAxle = 0.5 * (c[2] + c[5]);
        float bodyBottom = model.body().bounds()[1];
        return new CarProportions(model.wheelbase() / length, model.wheelRadius() / length, track / length,
                (b[3] - b[0]) / length, b[4] / length, (b[5] - frontAxle) / length, bodyBottom / length);
    }

    /**
     * Reads the same proportions off template parameters, without building a mesh. The template's
     * wheels stay inside its body along Z (the overhang rules guarantee it), so its length is
     * the body length; its width is the body's or the wheels' outer faces', whichever is wider; its
     * body's lowest point is the ground clearance (the underbody only rises toward the ends).
     *
     * @param p template parameters (not null, not modified)
     * @return their proportions
     */
    public static CarProportions of(CarParams p) {
        Objects.requireNonNull(p, "p");
        double length = p.length();
        double width = Math.max(p.width(), p.trackWidth() + p.wheelWidth());
        return new CarProportions(p.wheelbase() / length, p.wheelRadius() / length, p.trackWidth() / length,
                width / length, p.height() / length, p.frontOverhang() / length, p.groundClearance() / length);
    }

    /**
     * Sum of squared relative differences of the seven proportions.
     *
     * @param other the other car's proportions (not null)
     * @return 0 for equal proportions, larger the more they differ
     */
    public double distance(CarProportions other) {
        return sq(wheelbase, other.wheelbase) + sq(wheelRadius, other.wheelRadius) + sq(track, other.track)
                + sq(width, other.width) + sq(height, other.height) + sq(frontOverhang, other.frontOverhang)
                + sq(groundClearance, other.groundClearance, 0.02);
    }

    private static double sq(double a, double b) {
        return sq(a, b, 1e-6);
    }

    /** Squared difference relative to b, or to floor where |b| is smaller (a clearance can be 0). */
    private static double sq(double a, double b, double floor) {
        double d = (a - b) / Math.max(floor, Math.abs(b));
        return d * d;
    }
}
