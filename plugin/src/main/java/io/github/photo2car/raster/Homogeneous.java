package io.github.photo2car.raster;

/**
 * 2D homogeneous edge functions (Olano and Greer 1997, "Triangle Scan Conversion using 2D
 * Homogeneous Coordinates"), the formulation nvdiffrast also uses for perspective-correct
 * barycentrics. For a pixel centre P = (px, py) in NDC, each clip vertex i gives
 * a_i = (x_i - px w_i, y_i - py w_i); f_ij(P) = a_i &times; a_j is affine in P and proportional to
 * the perspective-correct barycentric of the third vertex. Working on clip coordinates directly
 * means no division by w, so the same formulas hold for triangles that cross the camera plane.
 */
final class Homogeneous {

    private Homogeneous() {
    }

    /** f_ij(P) = a_i x a_j for clip vertices i and j at NDC point (px, py). */
    static double edge(float[] pos, int i, int j, double px, double py) {
        double aix = pos[4 * i] - px * pos[4 * i + 3];
        double aiy = pos[4 * i + 1] - py * pos[4 * i + 3];
        double ajx = pos[4 * j] - px * pos[4 * j + 3];
        double ajy = pos[4 * j + 1] - py * pos[4 * j + 3];
        return aix * ajy - aiy * ajx;
    }

    /** Adds g * d f_ij(P) / d(clip vertices i and j) into grad [V*4] (z gets nothing). */
    static void addEdgeGradient(double g, float[] pos, int i, int j, double px, double py, double[] grad) {
        double aix = pos[4 * i] - px * pos[4 * i + 3];
        double aiy = pos[4 * i + 1] - py * pos[4 * i + 3];
        double ajx = pos[4 * j] - px * pos[4 * j + 3];
        double ajy = pos[4 * j + 1] - py * pos[4 * j + 3];
        grad[4 * i] += g * ajy;
        grad[4 * i + 1] -= g * ajx;
        grad[4 * i + 3] += g * (-px * ajy + py * ajx);
        grad[4 * j] -= g * aiy;
        grad[4 * j + 1] += g * aix;
        grad[4 * j + 3] += g * (px * aiy - py * aix);
    }

    /** Signed orientation of a triangle in 2D homogeneous space: det of rows (x, y, w). */
    static double orientation(float[] pos, int i0, int i1, int i2) {
        double x0 = pos[4 * i0];
        double y0 = pos[4 * i0 + 1];
        double w0 = pos[4 * i0 + 3];
        double x1 = pos[4 * i1];
        double y1 = pos[4 * i1 + 1];
        double w1 = pos[4 * i1 + 3];
        double x2 = pos[4 * i2];
        double y2 = pos[4 * i2 + 1];
        double w2 = pos[4 * i2 + 3];
        return x0 * (y1 * w2 - w1 * y2) - y0 * (x1 * w2 - w1 * x2) + w0 * (x1 * y2 - y1 * x2);
    }

    /** NDC x of the centre of pixel column x in an image of the given width. */
    static double ndcX(int x, int width) {
        return (x + 0.5) * 2.0 / width - 1.0;
    }

    /** NDC y of the centre of pixel row y (row 0 at the top) in an image of the given height. */
    static double ndcY(int y, int height) {
        return 1.0 - (y + 0.5) * 2.0 / height;
    }
}
