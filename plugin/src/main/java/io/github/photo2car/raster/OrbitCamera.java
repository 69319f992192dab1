package io.github.photo2car.raster;

/**
 * A perspective camera orbiting a target point, parameterised the way photo2car describes a
 * photo of a car, with a differentiable projection from world points to clip space.
 *
 * <p>Conventions (world = car frame: metres, +Y up, +Z the car's forward, +X the car's left):
 * azimuth 0&deg; puts the camera on +Z looking along -Z (a photo of the car's front); azimuth
 * grows counter-clockwise seen from above, so 90&deg; is on +X (the car's left side). Elevation is
 * positive above the target. The camera sits at target + distance * (cos el sin az, sin el,
 * cos el cos az) looking at the target with world +Y up; roll then turns the camera about its
 * viewing axis (positive roll turns the camera's right axis toward its up axis, so the picture
 * turns clockwise). The projection is OpenGL's: fovY is the full vertical field of view,
 * aspect = width / height, and the principal point (principalX, principalY) is an offset of the
 * optical centre in NDC (0, 0 = image centre; NDC y points up, i.e. toward row 0).
 *
 * <p>The seven differentiable parameters, in {@link #parameters()} order, are
 * {azimuth&deg;, elevation&deg;, distance m, fovY&deg;, principalX, principalY, roll&deg;};
 * angle gradients are per degree. Target, near and far are fixed.
 *
 * @param azimuthDeg   azimuth in degrees
 * @param elevationDeg elevation in degrees, within (-90, 90)
 * @param distance     distance from the target in metres (&gt; 0)
 * @param fovYDeg      vertical field of view in degrees, within (0, 180)
 * @param principalX   optical-centre offset in NDC x
 * @param principalY   optical-centre offset in NDC y
 * @param rollDeg      roll about the viewing axis in degrees
 * @param targetX      look-at point x in metres
 * @param targetY      look-at point y in metres
 * @param targetZ      look-at point z in metres
 * @param near         near-plane distance in metres (&gt; 0)
 * @param far          far-plane distance in metres (&gt; near)
 */
public record OrbitCamera(float azimuthDeg, float elevationDeg, float distance, float fovYDeg,
                          float principalX, float principalY, float rollDeg,
                          float targetX, float targetY, float targetZ, float near, float far) {

    /** Number of differentiable parameters. */
    public static final int PARAMETER_COUNT = 7;

    private static final double RAD = Math.PI / 180;

    /**
     * Validates the parameters.
     *
     * @throws IllegalArgumentException on a non-finite value or one out of range
     */
    public OrbitCamera {
        float[] all = {azimuthDeg, elevationDeg, distance, fovYDeg, principalX, principalY, rollDeg,
            targetX, targetY, targetZ, near, far};
        Checks.finite(all, "camera parameters");
        if (!(Math.abs(elevationDeg) < 90)) {
            throw new IllegalArgumentException("elevationDeg must be within (-90, 90), got " + elevationDeg);
        }
        if (!(distance > 0)) {
            throw new IllegalArgumentException("distance must be > 0, got " + distance);
        }
        if (!(fovYDeg > 0 && fovYDeg < 180)) {
            throw new IllegalArgumentException("fovYDeg must be within (0, 180), got " + fovYDeg);
        }
        if (!(near > 0 && far > near)) {
            throw new IllegalArgumentException("need 0 < near < far, got near " + near + ", far " + far);
        }
    }

    /**
     * A camera with a centred principal point, no roll, near 0.05 m and far 100 m.
     *
     * @param azimuthDeg   azimuth in degrees
     * @param elevationDeg elevation in degrees
     * @param distance     distance in metres
     * @param fovYDeg      vertical field of view in degrees
     * @param targetX      look-at x in metres
     * @param targetY      look-at y in metres
     * @param targetZ      look-at z in metres
     * @return a new camera
     */
    public static OrbitCamera lookingAt(float azimuthDeg, float elevationDeg, float distance, float fovYDeg,
                                        float targetX, float targetY, float targetZ) {
        return new OrbitCamera(azimuthDeg, elevationDeg, distance, fovYDeg, 0, 0, 0,
                targetX, targetY, targetZ, 0.05f, 100f);
    }

    /**
     * @return a new array of the seven differentiable parameters (see the class documentation)
     */
    public float[] parameters() {
        return new float[] {azimuthDeg, elevationDeg, distance, fovYDeg, principalX, principalY, rollDeg};
    }

    /**
     * The same camera with other differentiable parameters; target, near and far are kept.
     *
     * @param p the seven parameters in {@link #parameters()} order (not modified)
     * @return a new camera
     * @throws IllegalArgumentException if p does not have 7 entries or a value is out of range
     */
    public OrbitCamera withParameters(float[] p) {
        Checks.notNull(p, "p");
        if (p.length != PARAMETER_COUNT) {
            throw new IllegalArgumentException("need " + PARAMETER_COUNT + " parameters, got " + p.length);
        }
        return new OrbitCamera(p[0], p[1], p[2], p[3], p[4], p[5], p[6], targetX, targetY, targetZ, near, far);
    }

    /**
     * The camera that sees a square crop of this camera's image as a whole image: same pose, a
     * narrower field of view and a shifted principal point. A crop of half-height h (NDC units,
     * so the crop is h * H pixels high and as many wide) centred at NDC (cx, cy) of an image with
     * aspect A = W / H maps NDC x to (x - cx) A / h and y to (y - cy) / h.
     *
     * @param aspect     this camera's image width / height (&gt; 0)
     * @param centerX    crop centre, NDC x of this image
     * @param centerY    crop centre, NDC y of this image (up)
     * @param halfHeight crop half-height in NDC y units (&gt; 0)
     * @return a new camera for the crop, to be used with aspect 1
     * @throws IllegalArgumentException on a non-positive or non-finite argument
     */
    public OrbitCamera cropped(float aspect, float centerX, float centerY, float halfHeight) {
        Checks.positive(aspect, "aspect");
        Checks.positive(halfHeight, "halfHeight");
        Checks.finite(new float[] {centerX, centerY}, "crop centre");
        double fy = 1 / Math.tan(0.5 * fovYDeg * RAD);
        double fovCrop = 2 * Math.atan(halfHeight / fy) / RAD;
        float px = (float) ((principalX - centerX) * aspect / halfHeight);
        float py = (principalY - centerY) / halfHeight;
        return new OrbitCamera(azimuthDeg, elevationDeg, distance, (float) fovCrop, px, py, rollDeg,
                targetX, targetY, targetZ, near, far);
    }

    /**
     * Inverse of {@link #cropped}: this camera sees a square crop; returns the camera of the
     * whole image the crop was cut from.
     *
     * @param aspect     the whole image's width / height (&gt; 0)
     * @param centerX    crop centre, NDC x of the whole image
     * @param centerY    crop centre, NDC y of the whole image
     * @param halfHeight crop half-height in NDC y units of the whole image (&gt; 0)
     * @return a new camera for the whole image (use with that aspect)
     * @throws IllegalArgumentException on a non-positive or non-finite argument
     */
    public OrbitCamera uncropped(float aspect, float centerX, float centerY, float halfHeight) {
        Checks.positive(aspect, "aspect");
        Checks.positive(halfHeight, "halfHeight");
        Checks.finite(new float[] {centerX, centerY}, "crop centre");
        double fyCrop = 1 / Math.tan(0.5 * fovYDeg * RAD);
        double fovWhole = 2 * Math.atan(1 / (fyCrop * halfHeight)) / RAD;
        float px = principalX * halfHeight / aspect + centerX;
        float py = principalY * halfHeight + centerY;
        return new OrbitCamera(azimuthDeg, elevationDeg, distance, (float) fovWhole, px, py, rollDeg,
                targetX, targetY, targetZ, near, far);
    }

    /**
     * @return a new array {x, y, z}: the camera's position in world space, metres
     */
    public float[] eye() {
        Frame f = new Frame(this);
        return new float[] {(float) f.cx, (float) f.cy, (float) f.cz};
    }

    /**
     * The box the projected points span on the image.
     *
     * @param world  world positions [V*3] in metres (not modified, finite, at least one point)
     * @param aspect image width / height (&gt; 0)
     * @return a new array {minX, minY, maxX, maxY} in NDC (x right, y up), or null if a point lies
     *         at or behind the camera's eye plane (its projection is meaningless)
     * @throws IllegalArgumentException on a null, empty or non-finite input or a bad aspect
     */
    public float[] ndcBox(float[] world, float aspect) {
        if (world == null || world.length < 3) {
            throw new IllegalArgumentException("need at least one point");
        }
        float[] clip = project(world, aspect);
        float[] b = {Float.MAX_VALUE, Float.MAX_VALUE, -Float.MAX_VALUE, -Float.MAX_VALUE};
        for (int i = 0; i < clip.length; i += 4) {
            float w = clip[i + 3];
            if (!(w > 1e-6f)) {
                return null;
            }
            float x = clip[i] / w;
            float y = clip[i + 1] / w;
            b[0] = Math.min(b[0], x);
            b[1] = Math.min(b[1], y);
            b[2] = Math.max(b[2], x);
            b[3] = Math.max(b[3], y);
        }
        return b;
    }

    /**
     * Projects world points to clip space.
     *
     * @param world  world positions [V*3] in metres (not modified, finite)
     * @param aspect image width / height (&gt; 0)
     * @return new clip-space positions [V*4]
     * @throws IllegalArgumentException on a null or non-finite input or a bad aspect
     */
    public float[] project(float[] world, float aspect) {
        checkWorld(world);
        Checks.positive(aspect, "aspect");
        Frame f = new Frame(this);
        int v = world.length / 3;
        float[] clip = new float[4 * v];
        double fy = 1 / Math.tan(0.5 * fovYDeg * RAD);
        double fx = fy / aspect;
        double a = -(far + (double) near) / (far - (double) near);
        double b = -2.0 * far * near / (far - (double) near);
        for (int i = 0; i < v; i++) {
            double dx = world[3 * i] - f.cx;
            double dy = world[3 * i + 1] - f.cy;
            double dz = world[3 * i + 2] - f.cz;
            double xe = f.rx * dx + f.ry * dy + f.rz * dz;
            double ye = f.ux * dx + f.uy * dy + f.uz * dz;
            double ze = f.bx * dx + f.by * dy + f.bz * dz;
            double w = -ze;
            clip[4 * i] = (float) (fx * xe + principalX * w);
            clip[4 * i + 1] = (float) (fy * ye + principalY * w);
            clip[4 * i + 2] = (float) (a * ze + b);
            clip[4 * i + 3] = (float) w;
        }
        return clip;
    }

    /**
     * Backward of {@link #project}.
     *
     * @param world    world positions [V*3] (not modified)
     * @param aspect   image width / height
     * @param gradClip dL/dclip [V*4] (not modified)
     * @return new gradients: the seven camera parameters (angles per degree) and world [V*3]
     */
    public CameraGradients projectBackward(float[] world, float aspect, float[] gradClip) {
        checkWorld(world);
        Checks.positive(aspect, "aspect");
        Checks.finite(gradClip, "gradClip");
        int v = world.length / 3;
        if (gradClip.length != 4 * v) {
            throw new IllegalArgumentException("gradClip must have length " + 4 * v + ", got " + gradClip.length);
        }
        Frame f = new Frame(this);
        double half = 0.5 * fovYDeg * RAD;
        double fy = 1 / Math.tan(half);
        double fx = fy / aspect;
        double a = -(far + (double) near) / (far - (double) near);
        float[] gWorld = new float[3 * v];
        // sums over vertices of d L / d(rolled right, rolled up, back) and d L / d eye
        double[] gr = new double[3];
        double[] gu = new double[3];
        double[] gb = new double[3];
        double[] gc = new double[3];
        double gfy = 0;
        double gpx = 0;
        double gpy = 0;
        for (int i = 0; i < v; i++) {
            double dx = world[3 * i] - f.cx;
            double dy = world[3 * i + 1] - f.cy;
            double dz = world[3 * i + 2] - f.cz;
            double xe = f.rx * dx + f.ry * dy + f.rz * dz;
            double ye = f.ux * dx + f.uy * dy + f.uz * dz;
            double ze = f.bx * dx + f.by * dy + f.bz * dz;
            double g0 = gradClip[4 * i];
            double g1 = gradClip[4 * i + 1];
            double g2 = gradClip[4 * i + 2];
            double g3 = gradClip[4 * i + 3];
            double gxe = g0 * fx;
            double gye = g1 * fy;
            // w = -ze feeds x (principal point), y, and w itself
            double gze = g2 * a - g3 - g0 * principalX - g1 * principalY;
            gfy += g0 * xe / aspect + g1 * ye;
            gpx += g0 * -ze;
            gpy += g1 * -ze;
            double wx = gxe * f.rx + gye * f.ux + gze * f.bx;
            double wy = gxe * f.ry + gye * f.uy + gze * f.by;
            double wz = gxe * f.rz + gye * f.uz + gze * f.bz;
            gWorld[3 * i] = (float) wx;
            gWorld[3 * i + 1] = (float) wy;
            gWorld[3 * i + 2] = (float) wz;
            gc[0] -= wx;
            gc[1] -= wy;
            gc[2] -= wz;
            gr[0] += gxe * dx;
            gr[1] += gxe * dy;
            gr[2] += gxe * dz;
            gu[0] += gye * dx;
            gu[1] += gye * dy;
            gu[2] += gye * dz;
            gb[0] += gze * dx;
            gb[1] += gze * dy;
            gb[2] += gze * dz;
        }
        // eye = target + distance * back
        double gDist = gc[0] * f.bx0 + gc[1] * f.by0 + gc[2] * f.bz0;
        double[] gBack = {gb[0] + distance * gc[0], gb[1] + distance * gc[1], gb[2] + distance * gc[2]};
        // rolled axes: r' = c r + s u, u' = -s r + c u
        double cr = f.cosRoll;
        double sr = f.sinRoll;
        double[] gR = new double[3];
        double[] gU = new double[3];
        for (int k = 0; k < 3; k++) {
            gR[k] = cr * gr[k] - sr * gu[k];
            gU[k] = sr * gr[k] + cr * gu[k];
        }
        double gRoll = gr[0] * (-sr * f.r0x + cr * f.u0x) + gr[1] * (-sr * f.r0y + cr * f.u0y)
                + gr[2] * (-sr * f.r0z + cr * f.u0z)
                + gu[0] * (-cr * f.r0x - sr * f.u0x) + gu[1] * (-cr * f.r0y - sr * f.u0y)
                + gu[2] * (-cr * f.r0z - sr * f.u0z);
        double sa = Math.sin(azimuthDeg * RAD);
        double ca = Math.cos(azimuthDeg * RAD);
        double se = Math.sin(elevationDeg * RAD);
        double ce = Math.cos(elevationDeg * RAD);
        // back = (ce sa, se, ce ca), right = (ca, 0, -sa), up = (-se sa, ce, -se ca)
        double gAz = gBack[0] * ce * ca + gBack[2] * -ce * sa
                + gR[0] * -sa + gR[2] * -ca
                + gU[0] * -se * ca + gU[2] * se * sa;
        double gEl = gBack[0] * -se * sa + gBack[1] * ce + gBack[2] * -se * ca
                + gU[0] * -ce * sa + gU[1] * -se + gU[2] * -ce * ca;
        double sinHalf = Math.sin(half);
        double gFov = gfy * (-0.5 / (sinHalf * sinHalf));
        float[] gCam = {(float) (gAz * RAD), (float) (gEl * RAD), (float) gDist, (float) (gFov * RAD),
            (float) gpx, (float) gpy, (float) (gRoll * RAD)};
        return new CameraGradients(gCam, gWorld);
    }

    private static void checkWorld(float[] world) {
        Checks.finite(world, "world");
        if (world.length % 3 != 0) {
            throw new IllegalArgumentException("world length " + world.length + " is not a multiple of 3");
        }
    }

    /** The camera's eye and axes in world space, before and after roll. */
    private static final class Frame {
        final double cx;
        final double cy;
        final double cz;
        final double bx0;
        final double by0;
        final double bz0;
        final double r0x;
        final double r0y;
        final double r0z;
        final double u0x;
        final double u0y;
        final double u0z;
        final double rx;
        final double ry;
        final double rz;
        final double ux;
        final double uy;
        final double uz;
        final double bx;
        final double by;
        final double bz;
        final double cosRoll;
        final double sinRoll;

        Frame(OrbitCamera c) {
            double sa = Math.sin(c.azimuthDeg * RAD);
            double ca = Math.cos(c.azimuthDeg * RAD);
            double se = Math.sin(c.elevationDeg * RAD);
            double ce = Math.cos(c.elevationDeg * RAD);
            bx0 = ce * sa;
            by0 = se;
            bz0 = ce * ca;
            cx = c.targetX + c.distance * bx0;
            cy = c.targetY + c.distance * by0;
            cz = c.targetZ + c.distance * bz0;
            // right = up_world x back, normalised; up = back x right
            r0x = ca;
            r0y = 0;
            r0z = -sa;
            u0x = -se * sa;
            u0y = ce;
            u0z = -se * ca;
            cosRoll = Math.cos(c.rollDeg * RAD);
            sinRoll = Math.sin(c.rollDeg * RAD);
            rx = cosRoll * r0x + sinRoll * u0x;
            ry = cosRoll * r0y + sinRoll * u0y;
            rz = cosRoll * r0z + sinRoll * u0z;
            ux = -sinRoll * r0x + cosRoll * u0x;
            uy = -sinRoll * r0y + cosRoll * u0y;
            uz = -sinRoll * r0z + cosRoll * u0z;
            bx = bx0;
            by = by0;
            bz = bz0;
        }
    }
}
