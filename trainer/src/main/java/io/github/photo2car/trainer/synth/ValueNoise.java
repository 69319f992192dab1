package io.github.photo2car.trainer.synth;

/**
 * Smooth value noise in 2D and 3D from an integer hash (a lattice of random values, cubic
 * Hermite interpolation), plus fractal sums. Deterministic for a seed; thread-safe.
 */
final class ValueNoise {

    private final long seed;

    ValueNoise(long seed) {
        this.seed = seed;
    }

    /** @return a value in [0, 1) for a lattice point */
    private double lattice(long x, long y, long z) {
        long h = seed ^ (x * 0x9E3779B97F4A7C15L) ^ (y * 0xC2B2AE3D27D4EB4FL) ^ (z * 0x165667B19E3779F9L);
        h = (h ^ (h >>> 33)) * 0xFF51AFD7ED558CCDL;
        h = (h ^ (h >>> 33)) * 0xC4CEB9FE1A85EC53L;
        h ^= h >>> 33;
        return (h >>> 11) * 0x1.0p-53;
    }

    /** @return smooth noise in [0, 1) at a 3D point */
    double noise(double x, double y, double z) {
        long xi = (long) Math.floor(x);
        long yi = (long) Math.floor(y);
        long zi = (long) Math.floor(z);
        double fx = fade(x - xi);
        double fy = fade(y - yi);
        double fz = fade(z - zi);
        double x00 = lerp(lattice(xi, yi, zi), lattice(xi + 1, yi, zi), fx);
        double x10 = lerp(lattice(xi, yi + 1, zi), lattice(xi + 1, yi + 1, zi), fx);
        double x01 = lerp(lattice(xi, yi, zi + 1), lattice(xi + 1, yi, zi + 1), fx);
        double x11 = lerp(lattice(xi, yi + 1, zi + 1), lattice(xi + 1, yi + 1, zi + 1), fx);
        return lerp(lerp(x00, x10, fy), lerp(x01, x11, fy), fz);
    }

    /** @return fractal sum of octaves, normalised to about [0, 1) */
    double fbm(double x, double y, double z, int octaves) {
        double sum = 0;
        double amplitude = 0.5;
        double norm = 0;
        for (int o = 0; o < octaves; o++) {
            sum += amplitude * noise(x, y, z);
            norm += amplitude;
            x *= 2.03;
            y *= 2.03;
            z *= 2.03;
            amplitude *= 0.5;
        }
        return sum / norm;
    }

    /** @return a hash in [0, 1) of integer coordinates, for cell-wise random choices */
    double cell(long x, long y) {
        return lattice(x, y, 7_777L);
    }

    private static double fade(double t) {
        return t * t * (3 - 2 * t);
    }

    private static double lerp(double a, double b, double t) {
        return a + (b - a) * t;
    }
}
