package io.github.photo2car.trainer.synth;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.github.photo2car.raster.OrbitCamera;
import io.github.photo2car.template.CarParams;
import io.github.photo2car.template.WheelAnchor;
import io.github.photo2car.trainer.Srgb;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * Turns a {@link RenderedFrame} into the four stored files of a sample: the photo after the
 * photographic effects (sensor noise, an occasional slight blur, JPEG at the planned quality), the
 * car mask and part-label map as PNG, and the label record as JSON. Deterministic: the effects'
 * randomness comes from the data-set seed and the sample index. Not thread-safe (reuses buffers);
 * use one per thread.
 */
final class SampleEncoder {

    private final int width;
    private final int height;
    private final long seed;
    private final String[] environmentNames;
    private final PngEncoder png = new PngEncoder();
    private final ImageWriter jpeg;
    private final BufferedImage image;
    private final byte[] mask;
    private final byte[] parts;
    private final int[] blurScratch;
    private final int[] noiseTable = new int[4096];

    SampleEncoder(int width, int height, long seed, String[] environmentNames) {
        this.width = width;
        this.height = height;
        this.seed = seed;
        this.environmentNames = environmentNames.clone();
        jpeg = ImageIO.getImageWritersByFormatName("jpeg").next();
        image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        mask = new byte[width * height];
        parts = new byte[width * height];
        blurScratch = new int[width * height * 3];
    }

    /**
     * Encodes one frame.
     *
     * @param frame the rendered buffers (not modified)
     * @return the files in {@link SyntheticDataset#SUFFIXES} order: jpg, mask png, parts png, json
     */
    byte[][] encode(RenderedFrame frame) {
        ViewSpec view = frame.view;
        byte[] bgr = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        int carPixels = 0;
        int occluded = 0;
        for (int y = 0; y < height; y++) {
            int src = (height - 1 - y) * width * 4; // GL rows start at the bottom
            int dst = y * width;
            for (int x = 0; x < width; x++) {
                int s = src + 4 * x;
                int d = dst + x;
                bgr[3 * d] = frame.rgba[s + 2];
                bgr[3 * d + 1] = frame.rgba[s + 1];
                bgr[3 * d + 2] = frame.rgba[s];
                int label = frame.labels[s] & 0xFF;
                parts[d] = (byte) label;
                boolean car = LabelIds.isCar(label);
                mask[d] = (byte) (car ? 255 : 0);
                carPixels += car ? 1 : 0;
                occluded += label == LabelIds.OCCLUDER ? 1 : 0;
            }
        }
        Random r = new Random(ScenePlanner.mix(seed, view.sample(), 0x5EED));
        if (view.blurRadius() > 0) {
            blur(bgr);
        }
        if (view.noiseSigma() > 0) {
            // Gaussian sensor noise: a table of normal draws indexed by a xorshift stream is ten
            // times cheaper than a nextGaussian() per channel and just as featureless to a network
            for (int i = 0; i < noiseTable.length; i++) {
                noiseTable[i] = (int) Math.round(view.noiseSigma() * r.nextGaussian());
            }
            long x = r.nextLong() | 1L;
            for (int i = 0; i < bgr.length; i++) {
                x ^= x << 13;
                x ^= x >>> 7;
                x ^= x << 17;
                int v = (bgr[i] & 0xFF) + noiseTable[(int) (x >>> 52)];
                bgr[i] = (byte) Math.max(0, Math.min(255, v));
            }
        }
        byte[] jpg = writeJpeg(view.jpegQuality());
        byte[] maskPng = png.encodeGray(mask, width, height);
        byte[] partsPng = png.encodeGray(parts, width, height);
        byte[] json = labels(frame.job, view, carPixels, occluded).toString().getBytes(StandardCharsets.UTF_8);
        return new byte[][] {jpg, maskPng, partsPng, json};
    }

    /** 3x3 box blur in place. */
    private void blur(byte[] bgr) {
        for (int i = 0; i < bgr.length; i++) {
            blurScratch[i] = bgr[i] & 0xFF;
        }
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                for (int c = 0; c < 3; c++) {
                    int sum = 0;
                    int n = 0;
                    for (int dy = -1; dy <= 1; dy++) {
                        int yy = y + dy;
                        if (yy < 0 || yy >= height) {
                            continue;
                        }
                        for (int dx = -1; dx <= 1; dx++) {
                            int xx = x + dx;
                            if (xx >= 0 && xx < width) {
                                sum += blurScratch[3 * (yy * width + xx) + c];
                                n++;
                            }
                        }
                    }
                    bgr[3 * (y * width + x) + c] = (byte) ((sum + n / 2) / n);
                }
            }
        }
    }

    private byte[] writeJpeg(float quality) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(width * height / 2);
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(bytes)) {
            jpeg.setOutput(stream);
            ImageWriteParam param = jpeg.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            jpeg.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException("JPEG encoding failed", e);
        }
        return bytes.toByteArray();
    }

    private JsonObject labels(CarJob job, ViewSpec view, int carPixels, int occluded) {
        JsonObject o = new JsonObject();
        o.addProperty("sample", view.sample());
        o.addProperty("car", job.carIndex());
        o.addProperty("view", view.view());
        o.addProperty("width", width);
        o.addProperty("height", height);
        o.addProperty("bodyType", job.bodyType().name());
        o.add("params", floats(job.params().toArray()));
        o.add("paramsVector", floats(job.params().toVector()));
        if (job.residualCode() != null) {
            o.add("residualCode", floats(job.residualCode()));
            o.addProperty("residualAmplitude", job.residualAmplitude());
        }
        CarAppearance a = job.appearance();
        JsonObject paint = new JsonObject();
        paint.addProperty("name", a.paintName());
        paint.add("linearRgb", floats(a.paint()));
        paint.add("srgb", floats(srgb(a.paint())));
        paint.addProperty("finish", a.finish().name());
        paint.add("roofLinearRgb", a.roof() == null ? null : floats(a.roof()));
        o.add("paint", paint);
        JsonObject look = new JsonObject();
        look.addProperty("glassTint", a.glassTint());
        look.addProperty("rimSpokes", a.spokes());
        look.addProperty("rimRatio", a.rimRatio());
        look.add("rimLinearRgb", floats(a.rimColor()));
        look.addProperty("rimMetal", a.rimMetal());
        look.addProperty("chromeGrille", a.chromeGrille());
        look.addProperty("blackBumpers", a.blackBumpers());
        look.addProperty("plateStyle", a.plateStyle());
        look.addProperty("lensStyle", a.lensStyle());
        o.add("appearance", look);
        o.add("camera", camera(view));
        OrbitCamera cam = view.camera();
        JsonArray wheels = new JsonArray();
        float aspect = (float) width / height;
        for (WheelAnchor w : job.geometry().body().wheels()) {
            float[] clip = cam.project(new float[] {w.centerX(), w.centerY(), w.centerZ()}, aspect);
            JsonObject wo = new JsonObject();
            wo.addProperty("position", w.position().name());
            wo.add("pixel", floats(new float[] {(clip[0] / clip[3] + 1f) * 0.5f * width,
                (1f - clip[1] / clip[3]) * 0.5f * height}));
            wo.addProperty("depth", clip[3]);
            int visible = 0;
            int tyre = LabelIds.TYRE + w.position().ordinal();
            int rim = LabelIds.RIM + w.position().ordinal();
            for (byte p : parts) {
                int id = p & 0xFF;
                visible += (id == tyre || id == rim) ? 1 : 0;
            }
            wo.addProperty("visiblePixels", visible);
            wheels.add(wo);
        }
        o.add("wheels", wheels);
        o.addProperty("carPixels", carPixels);
        o.addProperty("occluderPixels", occluded);
        JsonObject scene = new JsonObject();
        scene.addProperty("environment", environmentNames[view.environment()]);
        scene.addProperty("environmentIndex", view.environment());
        scene.addProperty("environmentRotationDeg", view.envRotationDeg());
        scene.addProperty("exposure", view.exposure());
        scene.addProperty("ground", view.ground().name());
        scene.addProperty("backgroundBlur", view.backgroundBlur());
        scene.addProperty("occluder", view.occluder() == null ? "NONE" : view.occluder().kind().name());
        scene.addProperty("noiseSigma", view.noiseSigma());
        scene.addProperty("blurRadius", view.blurRadius());
        scene.addProperty("jpegQuality", view.jpegQuality());
        scene.addProperty("backdrop", view.backdrop());
        o.add("scene", scene);
        return o;
    }

    private JsonObject camera(ViewSpec view) {
        OrbitCamera c = view.camera();
        JsonObject o = new JsonObject();
        o.addProperty("azimuthDeg", c.azimuthDeg());
        o.addProperty("elevationDeg", c.elevationDeg());
        o.addProperty("distance", c.distance());
        o.addProperty("fovYDeg", c.fovYDeg());
        o.addProperty("principalX", c.principalX());
        o.addProperty("principalY", c.principalY());
        o.addProperty("rollDeg", c.rollDeg());
        o.add("target", floats(new float[] {c.targetX(), c.targetY(), c.targetZ()}));
        o.addProperty("near", c.near());
        o.addProperty("far", c.far());
        o.addProperty("focalMm35", view.focalMm());
        o.addProperty("fill", view.fill());
        // pinhole intrinsics in pixels (x right, y down, principal point from the NDC offset)
        double fy = 1 / Math.tan(Math.toRadians(c.fovYDeg()) / 2);
        double fx = fy * height / width;
        o.add("intrinsics", floats(new float[] {(float) (fx * width / 2), 0f, (float) (width / 2.0 * (1 + c.principalX())),
            0f, (float) (fy * height / 2), (float) (height / 2.0 * (1 - c.principalY())), 0f, 0f, 1f}));
        o.add("worldToCamera", floats(worldToCamera(c)));
        o.add("eye", floats(c.eye()));
        return o;
    }

    /**
     * Row-major 4x4 world-to-camera matrix in the computer-vision convention (x right, y down,
     * z forward), matching the intrinsics.
     */
    static float[] worldToCamera(OrbitCamera c) {
        // project three axis points to recover the rolled frame without duplicating OrbitCamera's maths
        float[] eye = c.eye();
        OrbitCamera unshifted = new OrbitCamera(c.azimuthDeg(), c.elevationDeg(), c.distance(), 90f, 0f, 0f,
                c.rollDeg(), c.targetX(), c.targetY(), c.targetZ(), c.near(), c.far());
        float[] pts = {eye[0] + 1, eye[1], eye[2], eye[0], eye[1] + 1, eye[2], eye[0], eye[1], eye[2] + 1};
        float[] clip = unshifted.project(pts, 1f);
        // with fovY 90 and aspect 1, clip x = xe, clip y = ye, clip w = -ze for unit world axes
        float[] m = new float[16];
        for (int axis = 0; axis < 3; axis++) {
            m[axis] = clip[4 * axis];
            m[4 + axis] = -clip[4 * axis + 1];
            m[8 + axis] = clip[4 * axis + 3];
        }
        for (int row = 0; row < 3; row++) {
            m[4 * row + 3] = -(m[4 * row] * eye[0] + m[4 * row + 1] * eye[1] + m[4 * row + 2] * eye[2]);
        }
        m[15] = 1f;
        return m;
    }

    private static float[] srgb(float[] linear) {
        float[] out = new float[3];
        for (int i = 0; i < 3; i++) {
            out[i] = Srgb.fromLinear(linear[i]);
        }
        return out;
    }

    private static JsonArray floats(float[] values) {
        JsonArray a = new JsonArray();
        for (float v : values) {
            a.add(v);
        }
        return a;
    }

    /**
     * Rebuilds the shape parameters of a stored label record.
     *
     * @param labels a sample's label record (not null)
     * @return the parameters the car was built from
     */
    static CarParams params(JsonObject labels) {
        JsonArray a = labels.getAsJsonArray("params");
        CarParams.Builder b = CarParams.builder();
        for (int i = 0; i < a.size(); i++) {
            b.set(i, a.get(i).getAsFloat());
        }
        return b.build();
    }
}
