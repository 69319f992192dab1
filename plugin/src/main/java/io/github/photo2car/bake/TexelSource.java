package io.github.photo2car.bake;

/** Where a baked atlas texel's colour came from. */
public enum TexelSource {
    /** Not on the car: the gutters between UV charts (filled by dilation). */
    NONE,
    /** Seen in the photo. */
    SEEN,
    /** Hidden, but its mirror image across the car's centre plane was seen. */
    MIRRORED,
    /** Seen in neither way: the paint colour or the part's own look. */
    FILLED
}
