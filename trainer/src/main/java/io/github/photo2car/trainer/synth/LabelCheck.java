package io.github.photo2car.trainer.synth;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.github.photo2car.raster.JavaRasterBackend;
import io.github.photo2car.raster.OrbitCamera;
import io.github.photo2car.raster.RasterBackend;
import io.github.photo2car.raster.RasterOutput;
import io.github.photo2car.template.CarParams;
import io.github.photo2car.template.WheelAnchor;

import java.util.Objects;

/**
 * Checks a stored sample's labels against an independent re-rendering: the car is rebuilt from
 * the stored shape parameters and rim style, rasterized by the differentiable rasterizer's Java
 * backend from the stored {@link OrbitCamera}, and compared with the stored mask and part map;
 * the wheel centres are re-projected and compared with the stored pixels, and the stored pinhole
 * intrinsics and extrinsics are checked to give the same pixels.
 */
public final class LabelCheck {

    /**
     * The comparison of one sample.
     *
     * @param maskIou            IoU of stored and re-rendered car masks, pixels behind an occluder ignored
     * @param partAgreement      fraction of pixels in both masks whose part labels are equal
     * @param wheelErrorPx       largest distance between a stored and a re-projected wheel centre (px)
     * @param pinholeErrorPx     largest distance between the wheel pixels and their projection
     *                           through the stored intrinsics and extrinsics (px)
     */
    public record Result(double maskIou, double partAgreement, double wheelErrorPx, double pinholeErrorPx) {
    }

    private final RasterBackend raster;

    /**
     * @param threads rasterizer threads (&ge; 1)
     */
    public LabelCheck(int threads) {
        raster = new JavaRasterBackend(threads);
    }

    /**
     * @param sample a stored sample (not null, not modified)
     * @return the comparison
     */
    public Result check(SyntheticSample sample) {
        Objects.requireNonNull(sample, "sample");
        JsonObject l = sample.labels();
        int w = l.get("width").getAsInt();
        int h = l.get("height").getAsInt();
        CarParams params = SampleEncoder.params(l);
        JsonObject look = l.getAsJsonObject("appearance");
        // only the wheel style shapes geometry besides the params; colours do not matter here
        CarAppearance appearance = new CarAppearance("any", new float[3], CarAppearance.Finish.SOLID, null, 0f,
                look.get("rimSpokes").getAsInt(), look.get("rimRatio").getAsFloat(), new float[3], true, false,
                false, 0, 0);
        CarGeometry geometry = CarGeometry.build(params, appearance, ResidualModes.ofLabels(l));
        JsonObject c = l.getAsJsonObject("camera");
        OrbitCamera cam = camera(c);
        float aspect = (float) w / h;
        RasterOutput out = raster.rasterize(new float[][] {cam.project(geometry.soup().positions(), aspect)},
                geometry.soup().triangles(), w, h);
        int[] ids = out.triangleIds(0);
        byte[] mask = sample.mask();
        byte[] parts = sample.parts();
        int[] labels = geometry.soup().labels();
        long inter = 0;
        long union = 0;
        long agree = 0;
        for (int p = 0; p < ids.length; p++) {
            if ((parts[p] & 0xFF) == LabelIds.OCCLUDER) {
                continue;
            }
            boolean stored = mask[p] != 0;
            boolean rendered = ids[p] >= 0;
            inter += stored && rendered ? 1 : 0;
            union += stored || rendered ? 1 : 0;
            agree += stored && rendered && (parts[p] & 0xFF) == labels[ids[p]] ? 1 : 0;
        }
        JsonArray wheels = l.getAsJsonArray("wheels");
        float[] k = floats(c.getAsJsonArray("intrinsics"));
        float[] m = floats(c.getAsJsonArray("worldToCamera"));
        double wheelError = 0;
        double pinholeError = 0;
        for (WheelAnchor a : geometry.body().wheels()) {
            float[] p = {a.centerX(), a.centerY(), a.centerZ()};
            float[] clip = cam.project(p, aspect);
            float u = (clip[0] / clip[3] + 1) * 0.5f * w;
            float v = (1 - clip[1] / clip[3]) * 0.5f * h;
            float[] stored = floats(wheels.get(a.position().ordinal()).getAsJsonObject().getAsJsonArray("pixel"));
            wheelError = Math.max(wheelError, Math.hypot(u - stored[0], v - stored[1]));
            double xc = m[0] * p[0] + m[1] * p[1] + m[2] * p[2] + m[3];
            double yc = m[4] * p[0] + m[5] * p[1] + m[6] * p[2] + m[7];
            double zc = m[8] * p[0] + m[9] * p[1] + m[10] * p[2] + m[11];
            pinholeError = Math.max(pinholeError,
                    Math.hypot(k[0] * xc / zc + k[2] - stored[0], k[4] * yc / zc + k[5] - stored[1]));
        }
        return new Result(union == 0 ? 1 : (double) inter / union, inter == 0 ? 1 : (double) agree / inter,
                wheelError, pinholeError);
    }

    /**
     * @param c a label record's camera object (not null)
     * @return the stored camera
     */
    public static OrbitCamera camera(JsonObject c) {
        float[] t = floats(c.getAsJsonArray("target"));
        return new OrbitCamera(c.get("azimuthDeg").getAsFloat(), c.get("elevationDeg").getAsFloat(),
                c.get("distance").getAsFloat(), c.get("fovYDeg").getAsFloat(), c.get("principalX").getAsFloat(),
                c.get("principalY").getAsFloat(), c.get("rollDeg").getAsFloat(), t[0], t[1], t[2],
                c.get("near").getAsFloat(), c.get("far").getAsFloat());
    }

    private static float[] floats(JsonArray a) {
        float[] f = new float[a.size()];
        for (int i = 0; i < f.length; i++) {
            f[i] = a.get(i).getAsFloat();
        }
        return f;
    }
}
