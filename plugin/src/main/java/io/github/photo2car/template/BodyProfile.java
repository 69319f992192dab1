package io.github.photo2car.template;

/**
 * The analytic side view and plan view of a car body, derived from raw {@link CarParams} values:
 * key Z positions of the greenhouse and the curves the template's cross-sections follow. Shared by
 * validation (which must not need a valid {@link CarParams}) and {@link CarTemplate}.
 * Car frame, metres. Package-private: the public contract is the mesh, not these curves.
 */
final class BodyProfile {

    /** How much lower the roof's front and rear edges are than its middle (m). */
    static final float ROOF_CAMBER = 0.03f;

    final float[] p;
    final float halfWidth;
    final float frontZ;
    final float rearZ;
    final float windshieldBaseZ;
    final float roofFrontZ;
    final float roofRearZ;
    final float deckFrontZ;
    final float windshieldRun;
    final float rearWindowRun;
    final float roofLength;
    final float frontAxleZ;
    final float rearAxleZ;
    /** Drop of the shoulder below the top at hood and deck: the rounded fender / trunk edge (m). */
    final float shoulderDrop;

    BodyProfile(float[] values) {
        p = values;
        halfWidth = 0.5f * p[CarParams.WIDTH];
        frontAxleZ = 0.5f * p[CarParams.WHEELBASE];
        rearAxleZ = -frontAxleZ;
        frontZ = frontAxleZ + p[CarParams.FRONT_OVERHANG];
        rearZ = rearAxleZ - p[CarParams.REAR_OVERHANG];
        float roofEdge = p[CarParams.HEIGHT] - ROOF_CAMBER;
        windshieldRun = (roofEdge - p[CarParams.HOOD_HEIGHT])
                / (float) Math.tan(Math.toRadians(p[CarParams.WINDSHIELD_RAKE]));
        rearWindowRun = (roofEdge - p[CarParams.DECK_HEIGHT])
                / (float) Math.tan(Math.toRadians(p[CarParams.REAR_WINDOW_RAKE]));
        windshieldBaseZ = frontZ - p[CarParams.HOOD_LENGTH];
        roofFrontZ = windshieldBaseZ - windshieldRun;
        deckFrontZ = rearZ + p[CarParams.DECK_LENGTH];
        roofRearZ = deckFrontZ + rearWindowRun;
        roofLength = roofFrontZ - roofRearZ;
        shoulderDrop = 0.035f + 0.04f * p[CarParams.CORNER_ROUNDNESS];
    }

    /**
     * Height of the body's top centre line (hood, windshield, roof, rear window, deck) at z.
     * Glass is bowed slightly outward; the hood rises quickly behind the nose so it looks rounded.
     */
    float top(float z) {
        float hoodH = p[CarParams.HOOD_HEIGHT];
        float roofEdge = p[CarParams.HEIGHT] - ROOF_CAMBER;
        float deckH = p[CarParams.DECK_HEIGHT];
        if (z >= windshieldBaseZ) {
            float s = clamp01((frontZ - z) / p[CarParams.HOOD_LENGTH]);
            float ease = 1f - (1f - s) * (1f - s);
            float nose = p[CarParams.NOSE_HEIGHT];
            return nose + (hoodH - nose) * (0.35f * s + 0.65f * ease);
        } else if (z >= roofFrontZ) {
            float t = clamp01((windshieldBaseZ - z) / windshieldRun);
            return hoodH + (roofEdge - hoodH) * (t + 0.15f * t * (1f - t));
        } else if (z >= roofRearZ) {
            float u = 2f * (z - roofRearZ) / roofLength - 1f;
            return p[CarParams.HEIGHT] - ROOF_CAMBER * u * u;
        } else if (z >= deckFrontZ) {
            float t = clamp01((z - deckFrontZ) / rearWindowRun);
            return deckH + (roofEdge - deckH) * (t + 0.15f * t * (1f - t));
        } else {
            // a closed trunk rounds off at its rear edge; a pickup's tailgate top stays flat
            float d = clamp01((z - rearZ) / 0.15f);
            float drop = (p[CarParams.BED_DEPTH] > 0f) ? 0f : 0.03f * (1f - d) * (1f - d);
            return deckH - drop;
        }
    }

    /** Height where the body side ends and the greenhouse (or the hood/deck top) begins. */
    float shoulder(float z) {
        return Math.min(p[CarParams.BELTLINE_HEIGHT], top(z) - shoulderDrop);
    }

    /** Underbody height at z: the ground clearance, rising toward both ends (approach angles). */
    float bottom(float z) {
        float gc = p[CarParams.GROUND_CLEARANCE];
        float rise = 0.45f * (p[CarParams.BUMPER_HEIGHT] - gc);
        float front = clamp01(1f - (frontZ - z) / 0.45f);
        float rear = clamp01(1f - (z - rearZ) / 0.40f);
        float w = Math.max(front * front, rear * rear);
        return gc + rise * w;
    }

    /**
     * Plan-view narrowing at z, a factor on every half-width: 1 along the middle, dropping along
     * a quarter circle of the corner radius at both ends.
     */
    float planScale(float z) {
        float radius = (0.10f + 0.30f * p[CarParams.CORNER_ROUNDNESS]) * halfWidth;
        float d = Math.min(frontZ - z, z - rearZ);
        if (d >= radius) {
            return 1f;
        }
        float q = Math.max(0f, radius - d);
        float inset = radius - (float) Math.sqrt(Math.max(0f, radius * radius - q * q));
        return 1f - inset / halfWidth;
    }

    /**
     * Half-width of the body side at absolute height y, before the plan-view factor: widest a bit
     * above the bumper top, tucked under toward the sill and drawn in toward the shoulder.
     */
    float sideX(float y) {
        float round = p[CarParams.CORNER_ROUNDNESS];
        float gc = p[CarParams.GROUND_CLEARANCE];
        float belt = p[CarParams.BELTLINE_HEIGHT];
        float widest = p[CarParams.BUMPER_HEIGHT] + 0.05f;
        if (y <= widest) {
            float t = clamp01((widest - y) / (widest - gc));
            return halfWidth - (0.03f + 0.05f * round) * t * t;
        }
        float t = clamp01((y - widest) / Math.max(0.05f, belt - widest));
        return halfWidth - (0.02f + 0.05f * round) * t * t;
    }

    /**
     * Whether raw parameter values put the tyres clear outside the body sides (see
     * {@link CarParams#wheelsExposed()}): no point of the body is wider than width / 2 (the side
     * profile and the plan view only draw it in), so comparing with the tyre's inner face suffices.
     */
    static boolean wheelsExposed(float[] p) {
        return p[CarParams.TRACK_WIDTH] - p[CarParams.WHEEL_WIDTH]
                >= p[CarParams.WIDTH] + 2f * CarParams.EXPOSED_WHEEL_CLEARANCE;
    }

    static float clamp01(float x) {
        return x < 0f ? 0f : (x > 1f ? 1f : x);
    }
}
