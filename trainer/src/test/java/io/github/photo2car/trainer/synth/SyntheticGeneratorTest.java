package io.github.photo2car.trainer.synth;

import com.google.gson.JsonObject;
import io.github.photo2car.headless.HeadlessSession;
import io.github.photo2car.raster.JavaRasterBackend;
import io.github.photo2car.template.CarMesh;
import io.github.photo2car.template.CarParams;
import io.github.photo2car.template.CarTemplate;
import io.github.photo2car.trainer.nn.InverseData;
import io.github.photo2car.trainer.nn.SyntheticInverseData;
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

    /** Bodies leave the template (a residual), so every label check covers that too. */
    private static final SyntheticGenerator.Config TINY = new SyntheticGenerator.Config(96, 80, 4, 3, 2, 7, 4, 32,
            Backdrops.none(), 0.05f);
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
        LabelCheck check = new LabelCheck(1);
        double worstIou = 1;
        for (SyntheticSample s : SyntheticDataset.open(first)) {
            LabelCheck.Result r = check.check(s);
            assertTrue(r.maskIou() >= 0.99, "sample " + s.key() + ": mask IoU " + r.maskIou());
            assertTrue(r.partAgreement() >= 0.97, "sample " + s.key() + ": part labels agree on " + r.partAgreement());
            assertTrue(r.wheelErrorPx() <= 1, "sample " + s.key() + ": wheel centre off by " + r.wheelErrorPx() + " px");
            assertTrue(r.pinholeErrorPx() <= 0.01, "sample " + s.key() + ": intrinsics/extrinsics off by "
                    + r.pinholeErrorPx() + " px");
            worstIou = Math.min(worstIou, r.maskIou());
        }
        System.out.println("SyntheticGeneratorTest: lowest mask IoU against the rasterizer " + worstIou);
    }

    @Test
    void inverseCropsAndTheirCamerasAgreeWithTheRasterizerAlsoMirrored() throws IOException {
        int size = 64;
        SyntheticInverseData data = SyntheticInverseData.load(List.of(first), size, 100, true);
        assertEquals(8, data.cars(), "4 cars and their mirror images");
        assertEquals(3, data.views());
        JavaRasterBackend raster = new JavaRasterBackend(1);
        double worst = 1;
        double sum = 0;
        for (int car = 0; car < data.cars(); car++) {
            for (int view = 0; view < data.views(); view++) {
                InverseData.View v = data.read(car, view);
                assertEquals(3 * CarTemplate.SHAPE_VERTICES, v.residual().length, "the body's residual is known");
                CarMesh mesh = CarTemplate.build(CarParams.fromVector(v.params()), v.residual());
                int[] ids = raster.rasterize(new float[][] {v.camera().project(mesh.shapePositions(), 1f)},
                        mesh.triangles(), size, size).triangleIds(0);
                long both = 0;
                long either = 0;
                for (int p = 0; p < size * size; p++) {
                    boolean a = ids[p] >= 0;
                    boolean b = v.crop()[4 * p + 3] > 0.5f;
                    both += a && b ? 1 : 0;
                    either += a || b ? 1 : 0;
                }
                double iou = both / (double) Math.max(1, either);
                // an occluder can hide part of the car from the mask; the rasterizer draws all of it
                assertTrue(iou > 0.85, "car " + car + " view " + view + ": crop mask vs its camera IoU " + iou);
                worst = Math.min(worst, iou);
                sum += iou;
            }
        }
        double mean = sum / (data.cars() * data.views());
        assertTrue(mean > 0.92, "mean crop mask vs camera IoU " + mean);
        // the mirror image of a view is that view's crop read right to left
        InverseData.View a = data.read(1, 2);
        InverseData.View b = data.read(5, 2);
        assertEquals(a.crop()[4 * (10 * size + 3)], b.crop()[4 * (10 * size + size - 4)], 0f);
        assertEquals(-a.camera().azimuthDeg(), b.camera().azimuthDeg(), 0f);
        assertArrayEquals(a.params(), b.params(), 0f);
        System.out.printf("SyntheticGeneratorTest: inverse crops vs their cameras: IoU mean %.4f, lowest %.4f%n",
                mean, worst);
    }

    @Test
    void backdropPhotosReplaceSkyAndGroundWithExactLabels() throws IOException {
        Path photos = Files.createDirectories(tmp.resolve("photos"));
        for (int i = 0; i < 2; i++) {
            BufferedImage photo = new BufferedImage(160, 100, BufferedImage.TYPE_INT_RGB);
            java.awt.Graphics2D g = photo.createGraphics();
            g.setPaint(new java.awt.GradientPaint(0, 0, new java.awt.Color(40 + 100 * i, 90, 160), 0, 100,
                    new java.awt.Color(200, 180 - 60 * i, 120)));
            g.fillRect(0, 0, 160, 100);
            g.dispose();
            javax.imageio.ImageIO.write(photo, "png", photos.resolve("photo" + i + ".png").toFile());
        }
        SyntheticGenerator.Config config = new SyntheticGenerator.Config(64, 64, 2, 4, 2, 11, 2, 32,
                Backdrops.scan(photos));
        Path dir = tmp.resolve("backdrops");
        SyntheticGenerator.generate(session, config, dir, null);
        LabelCheck check = new LabelCheck(1);
        int withPhoto = 0;
        for (SyntheticSample s : SyntheticDataset.open(dir)) {
            withPhoto += s.labels().getAsJsonObject("scene").get("backdrop").getAsInt() >= 0 ? 1 : 0;
            assertTrue(check.check(s).maskIou() >= 0.99, "sample " + s.key());
        }
        assertTrue(withPhoto > 0 && withPhoto < 8, withPhoto + " of 8 views show a backdrop photo");
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
}
