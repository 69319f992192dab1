package io.github.photo2car.photo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.jme3.app.SimpleApplication;
import com.jme3.bullet.BulletAppState;
import com.jme3.bullet.PhysicsSpace;
import com.jme3.bullet.collision.shapes.PlaneCollisionShape;
import com.jme3.bullet.objects.PhysicsRigidBody;
import com.jme3.light.AmbientLight;
import com.jme3.math.Plane;
import com.jme3.math.Vector3f;

import io.github.photo2car.app.ConversionHandle;
import io.github.photo2car.app.PhotoToCarAppState;
import io.github.photo2car.headless.HeadlessSession;
import io.github.photo2car.pipeline.ConversionException;
import io.github.photo2car.rig.CarRig;

/**
 * Bad and awkward input through the running game's state, with the shipped networks: every kind
 * either becomes a car or fails with a typed error ({@link PhotoException} or
 * {@link ConversionException}, the reason checked where one is certain), and afterwards the scene
 * and the physics space hold what they held before. The kinds are listed in docs/PHOTO-INPUT.md.
 */
class BadInputConversionTest {

    @TempDir
    static Path dir;
    private static HeadlessSession session;
    private static PhotoToCarAppState state;
    private static BufferedImage car;

    /** What a kind must come to: a car, a typed error of any reason, or this reason. */
    private record Expect(boolean car, Object reason) {
        static Expect aCar() {
            return new Expect(true, null);
        }

        static Expect carOrTypedError() {
            return new Expect(false, null);
        }

        static Expect refused(Object reason) {
            return new Expect(false, reason);
        }
    }

    @BeforeAll
    static void start() throws Exception {
        try (InputStream in = BadInputConversionTest.class.getResourceAsStream("/photo2car/assets/samples/sample-car.png")) {
            assertNotNull(in, "the sample photo ships in the jar");
            BufferedImage withAlpha = ImageIO.read(in);
            // without its alpha channel, so that the shipped segmenter has to find the car
            car = new BufferedImage(withAlpha.getWidth(), withAlpha.getHeight(), BufferedImage.TYPE_INT_RGB);
            Graphics2D g = car.createGraphics();
            g.setColor(new Color(150, 160, 150));
            g.fillRect(0, 0, car.getWidth(), car.getHeight());
            g.drawImage(withAlpha, 0, 0, null);
            g.dispose();
        }
        SimpleApplication app = new SimpleApplication() {
            @Override
            public void simpleInitApp() {
                flyCam.setEnabled(false);
                setDisplayFps(false);
                setDisplayStatView(false);
                BulletAppState physics = new BulletAppState();
                stateManager.attach(physics);
                physics.startPhysics();
                physics.getPhysicsSpace().addCollisionObject(new PhysicsRigidBody(
                        new PlaneCollisionShape(new Plane(Vector3f.UNIT_Y, 0)), PhysicsRigidBody.massForStatic));
                rootNode.addLight(new AmbientLight());
                state = new PhotoToCarAppState(); // the shipped networks
                stateManager.attach(state);
            }
        };
        session = HeadlessSession.start(app, 320, 240, Duration.ofSeconds(120));
        state.ready().get(300, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() {
        if (session != null) {
            session.close();
        }
    }

    private static byte[] encode(BufferedImage image, String format) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(image, format, out), "no writer for " + format);
        return out.toByteArray();
    }

    private static byte[] progressiveJpeg(BufferedImage image) throws Exception {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    /** The car drawn into a picture of another size, at (x, y), scaled by s, over a plain background. */
    private static BufferedImage placed(int w, int h, int x, int y, double s, Color background) {
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(background);
        g.fillRect(0, 0, w, h);
        g.drawImage(car, x, y, (int) (car.getWidth() * s), (int) (car.getHeight() * s), null);
        g.dispose();
        return out;
    }

    private static BufferedImage darkened(BufferedImage image, float factor) {
        BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int p = image.getRGB(x, y);
                int r = (int) ((p >> 16 & 255) * factor);
                int gr = (int) ((p >> 8 & 255) * factor);
                int b = (int) ((p & 255) * factor);
                out.setRGB(x, y, r << 16 | gr << 8 | b);
            }
        }
        return out;
    }

    private static BufferedImage convert(BufferedImage image, int type) {
        BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), type);
        Graphics2D g = out.createGraphics();
        g.drawImage(image, 0, 0, null);
        g.dispose();
        return out;
    }

    private static PhotoSource file(String name, byte[] bytes) throws Exception {
        return PhotoSource.fromFile(Files.write(dir.resolve(name), bytes));
    }

    /** The kinds, by name: the input and what it must come to. */
    private static Map<String, Map.Entry<Supplier<PhotoSource>, Expect>> kinds() throws Exception {
        Map<String, Map.Entry<Supplier<PhotoSource>, Expect>> k = new LinkedHashMap<>();
        byte[] jpeg = encode(car, "jpg");
        byte[] png = encode(car, "png");
        k.put("zero bytes", Map.entry(bytes(new byte[0], "empty.jpg"), Expect.refused(PhotoException.Reason.EMPTY)));
        byte[] noise = new byte[50_000];
        new java.util.Random(3).nextBytes(noise);
        k.put("random bytes", Map.entry(bytes(noise, "noise.jpg"), Expect.carOrTypedError()));
        k.put("text named .jpg", Map.entry(bytes("my car, as text".getBytes(StandardCharsets.UTF_8), "car.jpg"),
                Expect.refused(PhotoException.Reason.NOT_AN_IMAGE)));
        k.put("a web page", Map.entry(bytes("<!DOCTYPE html><html><body>car</body></html>"
                .getBytes(StandardCharsets.UTF_8), "car.png"), Expect.refused(PhotoException.Reason.NOT_AN_IMAGE)));
        k.put("a PDF", Map.entry(bytes("%PDF-1.7\n%car".getBytes(StandardCharsets.US_ASCII), "car.jpg"),
                Expect.refused(PhotoException.Reason.NOT_AN_IMAGE)));
        k.put("truncated JPEG", Map.entry(bytes(Arrays.copyOf(jpeg, jpeg.length / 3), "cut.jpg"),
                Expect.refused(PhotoException.Reason.TRUNCATED)));
        k.put("truncated PNG", Map.entry(bytes(Arrays.copyOf(png, png.length / 3), "cut.png"),
                Expect.refused(PhotoException.Reason.TRUNCATED)));
        byte[] scrambled = jpeg.clone();
        for (int i = 600; i < scrambled.length - 2; i += 97) {
            scrambled[i] ^= 0x5a;
        }
        k.put("corrupt JPEG data", Map.entry(bytes(scrambled, "scrambled.jpg"), Expect.carOrTypedError()));
        k.put("PNG header claiming 50,000x50,000", Map.entry(bytes(TestImages.pngHeaderOnly(50_000, 50_000),
                "huge.png"), Expect.refused(PhotoException.Reason.TRUNCATED)));
        k.put("JPEG header claiming 50,000x50,000", Map.entry(bytes(TestImages.withJpegSize(jpeg, 50_000, 50_000),
                "huge.jpg"), Expect.refused(PhotoException.Reason.CORRUPT)));
        k.put("1x1 image", Map.entry(image(new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB), "dot.png"),
                Expect.refused(PhotoException.Reason.TOO_SMALL)));
        k.put("8x8 image", Map.entry(bytes(encode(placed(8, 8, 0, 0, 0.01, Color.GRAY), "png"), "tiny.png"),
                Expect.refused(PhotoException.Reason.TOO_SMALL)));
        k.put("one flat colour", Map.entry(bytes(encode(placed(320, 240, 0, 0, 0.0, Color.BLACK), "png"),
                "lens-cap.png"), Expect.refused(PhotoException.Reason.BLANK)));
        k.put("16-bit PNG", Map.entry(bytes(encode(TestImages.rgb16(320, 240, 9000, 30000, 52000), "png"),
                "deep.png"), Expect.carOrTypedError()));
        k.put("greyscale photo", Map.entry(bytes(encode(convert(car, BufferedImage.TYPE_BYTE_GRAY), "png"),
                "grey.png"), Expect.carOrTypedError()));
        k.put("palette PNG", Map.entry(bytes(encode(convert(car, BufferedImage.TYPE_BYTE_INDEXED), "png"),
                "palette.png"), Expect.carOrTypedError()));
        k.put("CMYK JPEG", Map.entry(bytes(TestImages.cmykJpeg(320, 240), "cmyk.jpg"), Expect.carOrTypedError()));
        k.put("progressive JPEG", Map.entry(bytes(progressiveJpeg(car), "progressive.jpg"), Expect.aCar()));
        for (int o = 1; o <= 8; o++) {
            k.put("EXIF orientation " + o, Map.entry(bytes(TestImages.withExifOrientation(jpeg, o), "exif" + o + ".jpg"),
                    Expect.carOrTypedError()));
        }
        k.put("GIF", Map.entry(bytes(encode(convert(car, BufferedImage.TYPE_BYTE_INDEXED), "gif"), "car.gif"),
                Expect.carOrTypedError()));
        k.put("lossless WebP", Map.entry(bytes(TestImages.losslessWebp(320, 240), "car.webp"), Expect.carOrTypedError()));
        k.put("HEIC", Map.entry(bytes(new byte[] {0, 0, 0, 24, 'f', 't', 'y', 'p', 'h', 'e', 'i', 'c', 0, 0, 0, 0,
            'm', 'i', 'f', '1', 'h', 'e', 'i', 'c'}, "IMG_0001.HEIC"), Expect.refused(PhotoException.Reason.UNSUPPORTED_FORMAT)));
        k.put("AVIF", Map.entry(bytes(new byte[] {0, 0, 0, 28, 'f', 't', 'y', 'p', 'a', 'v', 'i', 'f', 0, 0, 0, 0,
            'a', 'v', 'i', 'f', 'm', 'i', 'f', '1', 'm', 'i', 'a', 'f'}, "car.avif"),
                Expect.refused(PhotoException.Reason.UNSUPPORTED_FORMAT)));
        k.put("a photo without a car", Map.entry(bytes(encode(TestImages.noisy(320, 240, 30), "png"), "field.png"),
                Expect.carOrTypedError()));
        BufferedImage two = placed(1280, 480, 0, 0, 1.0, new Color(150, 160, 150));
        Graphics2D g = two.createGraphics();
        g.drawImage(car, 640, 0, null);
        g.dispose();
        k.put("two cars", Map.entry(image(two, "two.png"), Expect.aCar()));
        k.put("a car cut by the frame", Map.entry(image(placed(400, 300, -200, 0, 1.0, new Color(150, 160, 150)),
                "cut-by-frame.png"), Expect.carOrTypedError()));
        k.put("a night photo", Map.entry(image(darkened(car, 0.18f), "night.png"), Expect.carOrTypedError()));
        k.put("12,000 px wide", Map.entry(bytes(encode(placed(12_000, 1_200, 5_000, 0, 2.5, new Color(150, 160, 150)),
                "jpg"), "panorama.jpg"), Expect.carOrTypedError()));
        k.put("a folder given as the photo", Map.entry(() -> PhotoSource.fromFile(dir),
                Expect.refused(PhotoException.Reason.NOT_A_FILE)));
        k.put("a missing file", Map.entry(() -> PhotoSource.fromFile(dir.resolve("missing.jpg")),
                Expect.refused(PhotoException.Reason.NOT_FOUND)));
        k.put("the photo itself", Map.entry(image(car, "car.png"), Expect.aCar()));
        return k;
    }

    private static Supplier<PhotoSource> bytes(byte[] data, String name) {
        return () -> {
            try {
                return file(name, data);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
    }

    private static Supplier<PhotoSource> image(BufferedImage image, String name) {
        return () -> PhotoSource.fromImage(image, name);
    }

    /** What the game holds: scene children, cars, physics objects. */
    private static List<Integer> holdings() throws Exception {
        return session.onRenderThread(() -> {
            PhysicsSpace space = session.app().getStateManager().getState(BulletAppState.class).getPhysicsSpace();
            return List.of(session.app().getRootNode().getQuantity(), state.cars().size(),
                    space.getPcoList().size());
        });
    }

    @Test
    void everyKindBecomesACarOrATypedErrorAndLeavesTheGameAsItWas() throws Exception {
        List<Integer> before = holdings();
        List<String> wrong = new ArrayList<>();
        List<String> report = new ArrayList<>();
        Map<String, Map.Entry<Supplier<PhotoSource>, Expect>> kinds = kinds();
        for (Map.Entry<String, Map.Entry<Supplier<PhotoSource>, Expect>> e : kinds.entrySet()) {
            String kind = e.getKey();
            Expect expect = e.getValue().getValue();
            ConversionHandle handle = state.convert(e.getValue().getKey().get());
            String outcome;
            try {
                CarRig rig = handle.result().get(300, TimeUnit.SECONDS);
                outcome = "car" + (handle.warnings().isEmpty() ? "" : " (" + String.join("; ", handle.warnings()) + ")");
                if (expect.reason() != null) {
                    wrong.add(kind + ": became a car, expected " + expect.reason());
                }
                assertTrue(session.onRenderThread(() -> state.remove(rig)), kind + ": the car is removed");
            } catch (ExecutionException x) {
                Throwable cause = x.getCause();
                Object reason = cause instanceof PhotoException p ? p.reason()
                        : cause instanceof ConversionException c ? c.reason() : null;
                outcome = reason == null ? "UNTYPED " + cause : reason + ": " + cause.getMessage();
                if (reason == null || expect.car() || (expect.reason() != null && expect.reason() != reason)) {
                    wrong.add(kind + ": " + outcome + (expect.car() ? " (expected a car)" : ""));
                }
            }
            report.add(String.format("| %s | %s |", kind, outcome.replace('|', '/')));
            List<Integer> after = holdings();
            if (!after.equals(before)) {
                wrong.add(kind + ": the game holds " + after + " (scene, cars, physics) instead of " + before);
            }
        }
        System.out.println("[bad input] " + kinds.size() + " kinds:\n" + String.join("\n", report));
        assertTrue(kinds.size() >= 30, "at least 30 kinds: " + kinds.size());
        assertEquals(List.of(), wrong);
    }

    @Test
    void aConversionCancelledAtEachStageLeavesNothingBehind() throws Exception {
        List<Integer> before = holdings();
        for (io.github.photo2car.pipeline.Stage stage : io.github.photo2car.pipeline.Stage.values()) {
            ConversionHandle handle = state.convert(PhotoSource.fromImage(car, "cancel-at-" + stage + ".png"));
            handle.addListener((s, fraction, message) -> {
                if (s == stage) {
                    handle.cancel();
                }
            });
            try {
                CarRig rig = handle.result().get(300, TimeUnit.SECONDS);
                // a stage after the last cancellation point completes the car: take it away again
                session.onRenderThread(() -> state.remove(rig));
            } catch (ExecutionException x) {
                assertTrue(x.getCause() instanceof ConversionException c
                        && c.reason() == ConversionException.Reason.CANCELLED, stage + ": " + x.getCause());
            } catch (java.util.concurrent.CancellationException x) {
                // cancelled before the worker took it up
            }
            assertEquals(before, holdings(), "after cancelling at " + stage);
        }
    }

    @Test
    void aFailingConversionQueuedFirstDoesNotStopTheNext() throws Exception {
        ConversionHandle bad = state.convert(PhotoSource.fromBytes(new byte[0], "empty.jpg"));
        ConversionHandle good = state.convert(PhotoSource.fromImage(car, "car.png"));
        try {
            bad.result().get(300, TimeUnit.SECONDS);
            fail("an empty file became a car");
        } catch (ExecutionException x) {
            assertTrue(x.getCause() instanceof PhotoException, String.valueOf(x.getCause()));
        }
        CarRig rig = good.result().get(300, TimeUnit.SECONDS);
        assertTrue(session.onRenderThread(() -> state.remove(rig)));
    }
}
