package io.github.photo2car.trainer.synth;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.github.photo2car.headless.HeadlessSession;
import io.github.photo2car.raster.JavaRasterBackend;
import io.github.photo2car.raster.OrbitCamera;
import io.github.photo2car.raster.RasterOutput;
import io.github.photo2car.template.CarParams;
import io.github.photo2car.template.WheelAnchor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The generator end to end on one offscreen jME session: a tiny data set is written, read back
 * and checked against an independent re-rendering with the differentiable rasterizer; the same
 * seed gives the same bytes; a damaged shard is detected and regenerated.
 */
class SyntheticGeneratorTest {

    private static final SyntheticGenerator.Config TINY = new SyntheticGenerator.Config(96, 80, 4, 3, 2, 7, 4, 32);
    private static HeadlessSession session;
    private static Path first;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() throws IOException {
        session = SyntheticGenerator.startSession();
        first = tmp.resolve("first");
        SyntheticGenerator.generate(session, TINY, first, null);
    }

    @AfterAll
    static void stop() {
        if (session != null) {
            session.close();
        }
    }

    @Test
    void writesAReadableDataSetWithAllLabels() throws IOException {
        SyntheticDataset data = SyntheticDataset.open(first);
        assertEquals(2, data.manifest().shards().size());
        List<SyntheticSample> samples = new ArrayList<>();
        data.forEach(samples::add);
        assertEquals(12, samples.size());
        for (int i = 0; i < samples.size(); i++) {
            SyntheticSample s = samples.get(i);
            JsonObject l = s.labels();
            assertEquals(i, l.get("sample").getAsLong());
            assertEquals(i / 3, l.get("car").getAsLong(), "views of one car are consecutive");
            BufferedImage rgb = s.rgb();
            assertEquals(96, rgb.getWidth());
            assertEquals(80, rgb.getHeight());
            byte[] mask = s.mask();
            int car = 0;
            for (byte b : mask) {
                car += b != 0 ? 1 : 0;
            }
            assertTrue(car > 200, "the car is visible in sample " + i + " (" + car + " pixels)");
            assertEquals(car, l.get("carPixels").getAsInt());
            assertEquals(22, l.getAsJsonArray("params").size());
            assertEquals(4, l.getAsJsonArray("wheels").size());
        }
        // the views of a car share the car and differ in camera
        assertEquals(samples.get(0).labels().get("params"), samples.get(1).labels().get("params"));
        assertNotEquals(samples.get(0).labels().getAsJsonObject("camera").get("azimuthDeg"),
                samples.get(1).labels().getAsJsonObject("camera").get("azimuthDeg"));
    }

    @Test
    void labelsMatchARerenderingWithTheRasterizer() throws IOException {
        JavaRasterBackend raster = new JavaRasterBackend(1);
        double worstIou = 1;
        for (SyntheticSample s : SyntheticDataset.open(first)) {
            JsonObject l = s.labels();
            int w = l.get("width").getAsInt();
            int h = l.get("height").getAsInt();
            CarParams params = SampleEncoder.params(l);
            JsonObject look = l.getAsJsonObject("appearance");
            CarAppearance appearance = new CarAppearance("any", new float[3], CarAppearance.Finish.SOLID, null, 0f,
                    look.get("rimSpokes").getAsInt(), look.get("rimRatio").getAsFloat(), new float[3], true, false,
                    false, 0, 0);
            CarGeometry geometry = CarGeometry.build(params, appearance);
            OrbitCamera cam = camera(l.getAsJsonObject("camera"));
            float aspect = (float) w / h;
            RasterOutput out = raster.rasterize(new float[][] {cam.project(geometry.soup().positions(), aspect)},
                    geometry.soup().triangles(), w, h);
            int[] ids = out.triangleIds(0);
            byte[] mask = s.mask();
            byte[] parts = s.parts();
            int inter = 0;
            int union = 0;
            int agree = 0;
            for (int p = 0; p < ids.length; p++) {
                if ((parts[p] & 0xFF) == LabelIds.OCCLUDER) {
                    continue; // hidden by a pole or another car: not part of the visible mask
                }
                boolean stored = mask[p] != 0;
                boolean rendered = ids[p] >= 0;
                inter += stored && rendered ? 1 : 0;
                union += stored || rendered ? 1 : 0;
                if (stored && rendered && (parts[p] & 0xFF) == geometry.soup().labels()[ids[p]]) {
                    agree++;
                }
            }
            double iou = (double) inter / union;
            assertTrue(iou >= 0.99, "sample " + s.key() + ": mask IoU " + iou);
            worstIou = Math.min(worstIou, iou);
            assertTrue(agree >= 0.97 * inter, "sample " + s.key() + ": part labels agree on " + agree + " of " + inter);
            JsonArray wheels = l.getAsJsonArray("wheels");
            for (WheelAnchor a : geometry.body().wheels()) {
                JsonObject stored = wheels.get(a.position().ordinal()).getAsJsonObject();
                float[] clip = cam.project(new float[] {a.centerX(), a.centerY(), a.centerZ()}, aspect);
                float u = (clip[0] / clip[3] + 1) * 0.5f * w;
                float v = (1 - clip[1] / clip[3]) * 0.5f * h;
                JsonArray px = stored.getAsJsonArray("pixel");
                assertEquals(u, px.get(0).getAsFloat(), 1f, "wheel " + a.position() + " u in " + s.key());
                assertEquals(v, px.get(1).getAsFloat(), 1f, "wheel " + a.position() + " v in " + s.key());
            }
            // the stored intrinsics and extrinsics project the wheel centres to the same pixels
            JsonObject c = l.getAsJsonObject("camera");
            float[] k = floats(c.getAsJsonArray("intrinsics"));
            float[] m = floats(c.getAsJsonArray("worldToCamera"));
            WheelAnchor a = geometry.body().wheels().get(0);
            float[] pw = {a.centerX(), a.centerY(), a.centerZ()};
            float xc = m[0] * pw[0] + m[1] * pw[1] + m[2] * pw[2] + m[3];
            float yc = m[4] * pw[0] + m[5] * pw[1] + m[6] * pw[2] + m[7];
            float zc = m[8] * pw[0] + m[9] * pw[1] + m[10] * pw[2] + m[11];
            JsonArray px = wheels.get(0).getAsJsonObject().getAsJsonArray("pixel");
            assertEquals(px.get(0).getAsFloat(), k[0] * xc / zc + k[2], 0.01f);
            assertEquals(px.get(1).getAsFloat(), k[4] * yc / zc + k[5], 0.01f);
        }
        System.out.println("SyntheticGeneratorTest: lowest mask IoU against the rasterizer " + worstIou);
    }

    @Test
    void sameSeedGivesTheSameBytes() throws IOException {
        Path second = tmp.resolve("second");
        SyntheticGenerator.generate(session, TINY, second, null);
        for (String shard : new String[] {"shard-00000.tar", "shard-00001.tar"}) {
            assertArrayEquals(Files.readAllBytes(first.resolve(shard)), Files.readAllBytes(second.resolve(shard)), shard);
        }
        assertEquals(Files.readString(first.resolve(DatasetManifest.FILE_NAME)),
                Files.readString(second.resolve(DatasetManifest.FILE_NAME)));
    }

    @Test
    void aDamagedShardIsRefusedThenRegenerated() throws IOException {
        Path dir = tmp.resolve("damaged");
        SyntheticGenerator.generate(session, TINY, dir, null);
        Path shard = dir.resolve("shard-00001.tar");
        byte[] good = Files.readAllBytes(shard);
        byte[] bad = good.clone();
        bad[bad.length / 2] ^= 0x40;
        Files.write(shard, bad);
        SyntheticDataset data = SyntheticDataset.open(dir);
        CorruptShardException e = assertThrows(CorruptShardException.class, () -> data.forEach(s -> { }));
        assertTrue(e.getMessage().contains("shard-00001.tar") && e.getMessage().contains("SHA-256"), e.getMessage());
        SyntheticGenerator.Result resumed = SyntheticGenerator.generate(session, TINY, dir, null);
        assertEquals(1, resumed.shardsKept());
        assertEquals(1, resumed.shardsWritten());
        assertArrayEquals(good, Files.readAllBytes(shard), "the regenerated shard is the original one");
        SyntheticGenerator.Config other = new SyntheticGenerator.Config(96, 80, 4, 3, 2, 8, 4, 32);
        assertThrows(IOException.class, () -> SyntheticGenerator.generate(session, other, dir, null),
                "a folder of another seed is not overwritten");
    }

    private static OrbitCamera camera(JsonObject c) {
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
