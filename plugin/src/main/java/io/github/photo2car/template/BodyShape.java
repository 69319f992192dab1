package io.github.photo2car.template;

import static io.github.photo2car.template.CarTemplate.BOTTOM;
import static io.github.photo2car.template.CarTemplate.CAP_COLUMNS;
import static io.github.photo2car.template.CarTemplate.CAP_ROWS;
import static io.github.photo2car.template.CarTemplate.DECK_SEGMENTS;
import static io.github.photo2car.template.CarTemplate.FRONT_CAP_BASE;
import static io.github.photo2car.template.CarTemplate.GREEN;
import static io.github.photo2car.template.CarTemplate.HALF;
import static io.github.photo2car.template.CarTemplate.HOOD_SEGMENTS;
import static io.github.photo2car.template.CarTemplate.K_ROOF_EDGE;
import static io.github.photo2car.template.CarTemplate.K_SHOULDER;
import static io.github.photo2car.template.CarTemplate.K_SIDE;
import static io.github.photo2car.template.CarTemplate.REAR_CAP_BASE;
import static io.github.photo2car.template.CarTemplate.REAR_WINDOW_SEGMENTS;
import static io.github.photo2car.template.CarTemplate.RING;
import static io.github.photo2car.template.CarTemplate.ROOF_SEGMENTS;
import static io.github.photo2car.template.CarTemplate.SHAPE_VERTICES;
import static io.github.photo2car.template.CarTemplate.SIDE;
import static io.github.photo2car.template.CarTemplate.STATIONS;
import static io.github.photo2car.template.CarTemplate.S_HOOD;
import static io.github.photo2car.template.CarTemplate.S_REAR_WINDOW;
import static io.github.photo2car.template.CarTemplate.S_ROOF;
import static io.github.photo2car.template.CarTemplate.S_WINDSHIELD;
import static io.github.photo2car.template.CarTemplate.TOP;
import static io.github.photo2car.template.CarTemplate.WINDSHIELD_SEGMENTS;

/**
 * Computes the parametric shape-vertex positions of one car (no residual). Package-private
 * worker of {@link CarTemplate}; the layout is documented there.
 */
final class BodyShape {

    /** Z length of the slope from an arch's end down to the underbody (m). */
    private static final float ARCH_RAMP = 0.12f;

    private final float[] p;
    private final BodyProfile profile;
    final float[] stationZ = new float[STATIONS];
    /** 1 where a station lies inside the open pickup bed, else 0. */
    private final float[] bed = new float[STATIONS];
    /** Half-extent along Z of each wheel arch's elliptical opening. */
    private final float frontArchReach;
    private final float rearArchReach;
    /** True for an open-wheel car: no wheel arches are cut. */
    private final boolean exposedWheels;
    /** Row fractions of the body-side rows, bumper top at row SIDE/2, at the rear and front. */
    private float phiRear;
    private float phiFront;

    BodyShape(CarParams params) {
        p = params.toArray();
        profile = new BodyProfile(p);
        exposedWheels = BodyProfile.wheelsExposed(p);
        placeStations();
        float gapRadius = p[CarParams.WHEEL_RADIUS] + p[CarParams.WHEEL_ARCH_GAP];
        // the arch is widened along Z by the local station spacing: the chords between stations
        // then stay outside the tyre circle even where the stations are coarse
        frontArchReach = gapRadius + maxSpacingNear(profile.frontAxleZ, gapRadius + 0.25f);
        rearArchReach = gapRadius + maxSpacingNear(profile.rearAxleZ, gapRadius + 0.25f);
        phiRear = bumperFraction(profile.rearZ);
        phiFront = bumperFraction(profile.frontZ);
    }

    private void placeStations() {
        float deck = p[CarParams.DECK_LENGTH];
        float wall = Math.min(0.06f, 0.08f * deck);
        float gap = Math.min(0.015f, 0.02f * deck);
        float zr = profile.rearZ;
        float zd = profile.deckFrontZ;
        // deck: end walls of the (possible) bed get their own closely spaced station pairs
        stationZ[0] = zr;
        stationZ[1] = zr + wall;
        stationZ[DECK_SEGMENTS - 1] = zd - wall;
        stationZ[DECK_SEGMENTS] = zd;
        float a = zr + wall + gap;
        float b = zd - wall - gap;
        for (int s = 2; s <= DECK_SEGMENTS - 2; s++) {
            stationZ[s] = a + (b - a) * (s - 2) / (DECK_SEGMENTS - 4);
        }
        boolean hasBed = p[CarParams.BED_DEPTH] > 0f;
        for (int s = 2; s <= DECK_SEGMENTS - 2; s++) {
            bed[s] = hasBed ? 1f : 0f;
        }
        fill(S_REAR_WINDOW, REAR_WINDOW_SEGMENTS, zd, profile.roofRearZ);
        fill(S_ROOF, ROOF_SEGMENTS, profile.roofRearZ, profile.roofFrontZ);
        fill(S_WINDSHIELD, WINDSHIELD_SEGMENTS, profile.roofFrontZ, profile.windshieldBaseZ);
        // the hood gets denser toward the nose, where the plan view rounds off
        float hood = profile.frontZ - profile.windshieldBaseZ;
        for (int i = 0; i <= HOOD_SEGMENTS; i++) {
            float t = (float) i / HOOD_SEGMENTS;
            stationZ[S_HOOD + i] = profile.windshieldBaseZ + hood * t * (1.4f - 0.4f * t);
        }
        stationZ[STATIONS - 1] = profile.frontZ;
    }

    private void fill(int first, int count, float from, float to) {
        for (int i = 0; i <= count; i++) {
            stationZ[first + i] = from + (to - from) * i / count;
        }
    }

    private float maxSpacingNear(float z, float reach) {
        float max = 0f;
        for (int s = 0; s + 1 < STATIONS; s++) {
            float z0 = stationZ[s];
            float z1 = stationZ[s + 1];
            if (z1 >= z - reach && z0 <= z + reach) {
                max = Math.max(max, z1 - z0);
            }
        }
        return max;
    }

    /** Fraction of the side rows below the bumper top at an end of the car. */
    private float bumperFraction(float z) {
        float y0 = profile.bottom(z) + 0.02f;
        float ysh = profile.shoulder(z);
        float f = (p[CarParams.BUMPER_HEIGHT] - y0) / (ysh - y0);
        return Math.max(0.25f, Math.min(0.75f, f));
    }

    /**
     * Height of the arch opening's top edge at z, or -infinity away from the wheels: an
     * ellipse over the tyre, then a short ramp down to the underbody so the well's ends are
     * sloped rather than a cliff between two close stations. Exposed wheels stand outside the
     * body, so it has no arches at all.
     */
    private float archLift(float z) {
        if (exposedWheels) {
            return Float.NEGATIVE_INFINITY;
        }
        float r = p[CarParams.WHEEL_RADIUS];
        float gapRadius = r + p[CarParams.WHEEL_ARCH_GAP];
        float yb = profile.bottom(z);
        float best = Float.NEGATIVE_INFINITY;
        float[] axles = {profile.frontAxleZ, profile.rearAxleZ};
        float[] reaches = {frontArchReach, rearArchReach};
        for (int a = 0; a < 2; a++) {
            float dz = Math.abs(z - axles[a]);
            float q = dz / reaches[a];
            if (q < 1f) {
                best = Math.max(best, r + gapRadius * (float) Math.sqrt(1f - q * q));
            } else if (dz < reaches[a] + ARCH_RAMP) {
                float f = (dz - reaches[a]) / ARCH_RAMP;
                best = Math.max(best, r + (yb - r) * f);
            }
        }
        return best;
    }

    /** All shape-vertex positions, 3 floats per vertex. */
    float[] positions() {
        float[] pos = new float[3 * SHAPE_VERTICES];
        float[] hx = new float[HALF + 1];
        float[] hy = new float[HALF + 1];
        for (int s = 0; s < STATIONS; s++) {
            float z = stationZ[s];
            halfRing(s, z, hx, hy);
            for (int k = 0; k <= HALF; k++) {
                int v = s * RING + k;
                pos[3 * v] = hx[k];
                pos[3 * v + 1] = hy[k];
                pos[3 * v + 2] = z;
                if (k > 0 && k < HALF) {
                    int m = s * RING + RING - k;
                    pos[3 * m] = -hx[k];
                    pos[3 * m + 1] = hy[k];
                    pos[3 * m + 2] = z;
                }
            }
        }
        cap(pos, false);
        cap(pos, true);
        return pos;
    }

    /** Left half of ring s (x &ge; 0), points k = 0..HALF. */
    private void halfRing(int s, float z, float[] hx, float[] hy) {
        float plan = profile.planScale(z);
        float yb = profile.bottom(z);
        float top = profile.top(z);
        float ysh = profile.shoulder(z);
        float ya = Math.max(yb, Math.min(archLift(z), ysh - 0.08f));
        float y0 = ya + 0.02f;

        // body side rows: half of them below the bumper top, half above
        float t = (z - profile.rearZ) / (profile.frontZ - profile.rearZ);
        float phi = phiRear + (phiFront - phiRear) * t;
        for (int r = 0; r <= SIDE; r++) {
            int half = SIDE / 2;
            float f = r <= half ? phi * r / half : phi + (1f - phi) * (r - half) / (SIDE - half);
            float y = y0 + (ysh - y0) * f;
            hx[K_SIDE + r] = profile.sideX(y) * plan;
            hy[K_SIDE + r] = y;
        }
        float xCorner = hx[K_SIDE];

        // underbody and wheel well; the well's inner wall stays well inboard of the tyre
        float xWell = 0.5f * (p[CarParams.TRACK_WIDTH] - p[CarParams.WHEEL_WIDTH]) - 0.10f;
        float xIn = Math.min(xWell, 0.6f * xCorner);
        for (int k = 0; k <= BOTTOM; k++) {
            hx[k] = xIn * k / BOTTOM;
            hy[k] = yb;
        }
        hx[BOTTOM + 1] = xIn + 0.015f;
        hx[BOTTOM + 2] = xIn + 0.55f * (xCorner - xIn);
        hx[BOTTOM + 3] = xCorner - 0.025f;
        hy[BOTTOM + 1] = ya;
        hy[BOTTOM + 2] = ya;
        hy[BOTTOM + 3] = ya;

        // greenhouse side: from the shoulder inward and up to the roof edge (or, over hood and
        // deck, a rounded fender/trunk edge)
        float round = p[CarParams.CORNER_ROUNDNESS];
        float xShoulder = hx[K_SHOULDER];
        float rise = Math.max(0f, top - ysh);
        float inset = 0.08f + 0.06f * round + p[CarParams.TUMBLEHOME] * rise;
        float g = Math.max(0.25f * xShoulder, xShoulder - inset);
        float cabin = BodyProfile.clamp01(rise / 0.3f);
        float c = 1f + 0.8f + (0.15f - 0.8f) * cabin;
        for (int i = 1; i <= GREEN; i++) {
            float u = (float) i / GREEN;
            float a = (float) Math.pow(u, c);
            float b = 1f - (float) Math.pow(1f - u, c);
            hx[K_SHOULDER + i] = xShoulder + (g - xShoulder) * a;
            hy[K_SHOULDER + i] = ysh + (top - ysh) * b;
        }

        // top: a crowned surface; inside a pickup bed the inner points drop to the bed floor
        float crown = 0.015f + 0.03f * round;
        float bedness = bed[s];
        float floor = Math.max(p[CarParams.DECK_HEIGHT] - p[CarParams.BED_DEPTH],
                archLift(z) + 0.05f);
        float railInner = g - 0.05f;
        float wallBottom = g - 0.06f;
        for (int i = 1; i <= TOP; i++) {
            float xPlain = g * (1f - (float) i / TOP);
            float xBed;
            if (i == 1) {
                xBed = railInner;
            } else {
                xBed = wallBottom * (TOP - i) / (TOP - 2);
            }
            float x = xPlain + (xBed - xPlain) * bedness;
            float q = xPlain / g;
            float yPlain = top + crown * (1f - q * q);
            float yBed = (i == 1) ? top : floor;
            hx[K_ROOF_EDGE + i] = x;
            hy[K_ROOF_EDGE + i] = yPlain + (yBed - yPlain) * bedness;
        }
        hx[0] = 0f;
        hx[HALF] = 0f;
    }

    /** Interior points of an end cap: a Coons patch of the end ring, bulged outward along Z. */
    private void cap(float[] pos, boolean front) {
        int station = front ? STATIONS - 1 : 0;
        float zEnd = stationZ[station];
        float bulge = (0.03f + 0.07f * p[CarParams.CORNER_ROUNDNESS]) * (front ? 1f : -1f);
        int base = front ? FRONT_CAP_BASE : REAR_CAP_BASE;
        int half = CAP_COLUMNS / 2;
        float[] p00 = ring(pos, station, 0, 0);
        float[] p10 = ring(pos, station, CAP_COLUMNS, 0);
        float[] p01 = ring(pos, station, 0, CAP_ROWS);
        float[] p11 = ring(pos, station, CAP_COLUMNS, CAP_ROWS);
        for (int j = 1; j < CAP_ROWS; j++) {
            float v = (float) j / CAP_ROWS;
            float[] left = ring(pos, station, 0, j);
            float[] right = ring(pos, station, CAP_COLUMNS, j);
            for (int i = half; i < CAP_COLUMNS; i++) {
                float u = (float) i / CAP_COLUMNS;
                float[] bottom = ring(pos, station, i, 0);
                float[] topPoint = ring(pos, station, i, CAP_ROWS);
                float[] out = new float[2];
                for (int d = 0; d < 2; d++) {
                    out[d] = (1f - v) * bottom[d] + v * topPoint[d]
                            + (1f - u) * left[d] + u * right[d]
                            - ((1f - u) * (1f - v) * p00[d] + u * (1f - v) * p10[d]
                            + (1f - u) * v * p01[d] + u * v * p11[d]);
                }
                float bump = (float) (Math.sin(Math.PI * u) * Math.sin(Math.PI * v));
                float z = zEnd + bulge * bump;
                int vi = base + (j - 1) * (CAP_COLUMNS - 1) + (i - 1);
                int mi = base + (j - 1) * (CAP_COLUMNS - 1) + (CAP_COLUMNS - i - 1);
                float x = (i == half) ? 0f : out[0];
                pos[3 * vi] = x;
                pos[3 * vi + 1] = out[1];
                pos[3 * vi + 2] = z;
                pos[3 * mi] = -x;
                pos[3 * mi + 1] = out[1];
                pos[3 * mi + 2] = z;
            }
        }
    }

    private static float[] ring(float[] pos, int station, int i, int j) {
        int v = station * RING + CarTemplate.capRingIndex(i, j);
        return new float[] {pos[3 * v], pos[3 * v + 1]};
    }
}
