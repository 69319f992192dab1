package io.github.photo2car.template;

/**
 * The body styles the car template spans. Each has a named preset ({@link CarParams#preset}); the
 * template itself is one continuous shape space, so a body type is only a starting point, never a
 * switch in the topology.
 */
public enum BodyType {
    /** Three-box saloon: hood, cabin, separate trunk lid. */
    SEDAN,
    /** Two-box compact with a steep hatch and almost no deck. */
    HATCHBACK,
    /** Estate: long roof reaching the rear, near-vertical tailgate. */
    WAGON,
    /** Low two-door coupe or sports car: long hood, fast rear window, wide wheels. */
    COUPE,
    /** Sport-utility vehicle or crossover: tall, high ground clearance, large wheels. */
    SUV,
    /** Pickup truck: cab plus an open bed behind it. */
    PICKUP,
    /** Van or minivan: tall boxy body, short hood, very long roof. */
    VAN,
    /**
     * Open-wheel single-seater (formula-style race car): a narrow, low body with the wheels
     * standing clear outside it, a long nose and a small open cockpit. Rare among photographed
     * cars, so {@link CarParams#random} draws it seldom.
     */
    OPEN_WHEEL
}
