package io.github.photo2car.trainer.synth;

import com.jme3.math.Vector3f;
import com.jme3.renderer.Camera;
import io.github.photo2car.raster.OrbitCamera;

/**
 * Sets a jME camera to exactly the projection of an {@link OrbitCamera}, so that jME's pictures and
 * the differentiable rasterizer's agree pixel for pixel: same eye, same rolled axes, and an
 * off-centre frustum whose NDC matches OrbitCamera's fx, fy and principal-point offset.
 */
public final class JmeCameras {

    private JmeCameras() {
    }

    /**
     * @param orbit  the camera to copy (not null)
     * @param camera the jME camera (modified: frame and frustum; its size is kept)
     * @param aspect image width / height (&gt; 0)
     */
    public static void apply(OrbitCamera orbit, Camera camera, float aspect) {
        if (!(aspect > 0)) {
            throw new IllegalArgumentException("aspect must be > 0, got " + aspect);
        }
        double rad = Math.PI / 180;
        double sa = Math.sin(orbit.azimuthDeg() * rad);
        double ca = Math.cos(orbit.azimuthDeg() * rad);
        double se = Math.sin(orbit.elevationDeg() * rad);
        double ce = Math.cos(orbit.elevationDeg() * rad);
        double cr = Math.cos(orbit.rollDeg() * rad);
        double sr = Math.sin(orbit.rollDeg() * rad);
        // OrbitCamera's frame: back b, right r0, up u0, then rolled
        double bx = ce * sa;
        double by = se;
        double bz = ce * ca;
        double r0x = ca;
        double r0z = -sa;
        double u0x = -se * sa;
        double u0y = ce;
        double u0z = -se * ca;
        double rx = cr * r0x + sr * u0x;
        double ry = sr * u0y;
        double rz = cr * r0z + sr * u0z;
        double ux = -sr * r0x + cr * u0x;
        double uy = cr * u0y;
        double uz = -sr * r0z + cr * u0z;
        float[] eye = orbit.eye();
        camera.setFrame(new Vector3f(eye[0], eye[1], eye[2]),
                new Vector3f((float) -rx, (float) -ry, (float) -rz),
                new Vector3f((float) ux, (float) uy, (float) uz),
                new Vector3f((float) -bx, (float) -by, (float) -bz));
        double fy = 1 / Math.tan(0.5 * orbit.fovYDeg() * rad);
        double fx = fy / aspect;
        double n = orbit.near();
        // NDC x = fx * xe / w + px  <=>  frustum left = -(1 + px) n / fx, right = (1 - px) n / fx
        float left = (float) (-(1 + orbit.principalX()) * n / fx);
        float right = (float) ((1 - orbit.principalX()) * n / fx);
        float bottom = (float) (-(1 + orbit.principalY()) * n / fy);
        float top = (float) ((1 - orbit.principalY()) * n / fy);
        // a new jME Camera starts with a parallel projection; setFrustum keeps whatever mode is set
        camera.setParallelProjection(false);
        camera.setFrustum(orbit.near(), orbit.far(), left, right, top, bottom);
        camera.update();
    }
}
