/**
 * Baking a photo onto the car body's UV atlas: every atlas texel is traced to its point on the
 * fitted car, projected through the fitted camera into the photo, and coloured from the photo
 * where that point is visible there; hidden points on the far side take the photo's colour at
 * their mirror image (cars are left/right symmetric); whatever neither sees (roof from a low
 * camera, the underside, the other end of the car) is filled from the paint colour measured in
 * the photo, or, for glass, lamps, grille, plates and underbody, from the part's own look.
 */
package io.github.photo2car.bake;
