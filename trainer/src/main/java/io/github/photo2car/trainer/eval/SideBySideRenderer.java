package io.github.photo2car.trainer.eval;

import com.jme3.app.SimpleApplication;
import com.jme3.asset.plugins.FileLocator;
import com.jme3.light.AmbientLight;
import com.jme3.light.DirectionalLight;
import com.jme3.light.Light;
import com.jme3.material.MatParam;
import com.jme3.material.Material;
import com.jme3.material.RenderState;
import com.jme3.math.ColorRGBA;
import com.jme3.math.FastMath;
import com.jme3.math.Quaternion;
import com.jme3.math.Vector3f;
import com.jme3.renderer.Camera;
import com.jme3.renderer.queue.RenderQueue;
import com.jme3.scene.Geometry;
import com.jme3.scene.Node;
import com.jme3.scene.Spatial;
import com.jme3.texture.Texture;
import io.github.photo2car.headless.HeadlessSession;
import io.github.photo2car.rig.JmeMeshes;
import io.github.photo2car.rig.RigMaterials;
import io.github.photo2car.template.CarMesh;
import io.github.photo2car.template.CarParams;
import io.github.photo2car.template.CarPart;
import io.github.photo2car.template.CarTemplate;
import io.github.photo2car.template.SurfaceMesh;
import io.github.photo2car.template.WheelAnchor;
import io.github.photo2car.template.WheelMesh;
import io.github.photo2car.template.WheelMeshBuilder;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Renders each real car model next to its best template fit, offscreen with jME
 * ({@link HeadlessSession}), and writes one PNG per model ({@code <name>.png}: model left, template
 * right) plus a contact sheet {@code all.png}.
 *
 * <p>Both cars are shown exactly as the IoU compares them: in the car frame, centred on their
 * bounding box along Z and scaled to unit length (see {@link UnitLengthGrid}), from the same
 * front-left 3/4 camera (azimuth 35°, elevation 20°). The model keeps its own glTF materials; the
 * template gets the rig's neutral materials (grey paint, dark glass and trim, rubber, chrome).
 */
public final class SideBySideRenderer {

    private static final int TILE_W = 560;
    private static final int TILE_H = 360;
    private static final int SHEET_COLUMNS = 3;
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Set<CarPart> PAINTED = EnumSet.of(CarPart.PAINT, CarPart.BUMPER_FRONT, CarPart.BUMPER_REAR);
    private static final Set<CarPart> TRIM = EnumSet.of(CarPart.GRILLE, CarPart.UNDERBODY);

    private SideBySideRenderer() {
    }

    /**
     * Renders the pictures. Starts (and stops) a headless jME application, so it must not be called
     * while another {@link HeadlessSession} runs in this JVM.
     *
     * @param modelFiles the .glb files, in the same order as entries (not modified)
     * @param entries    the fits, one per file (not modified)
     * @param dir        output folder, created if missing (not null)
     * @return the files written: one per model, then the contact sheet
     * @throws IOException if a picture cannot be written
     */
    public static List<Path> render(List<Path> modelFiles, List<TemplateEvalReport.Entry> entries, Path dir)
            throws IOException {
        Objects.requireNonNull(dir, "dir");
        if (modelFiles == null || entries == null || modelFiles.size() != entries.size() || entries.isEmpty()) {
            throw new IllegalArgumentException("one fit per model file expected");
        }
        Files.createDirectories(dir);
        Stage stage = new Stage();
        List<Path> written = new ArrayList<>();
        List<BufferedImage> pairs = new ArrayList<>();
        try (HeadlessSession session = HeadlessSession.start(stage, TILE_W, TILE_H, Duration.ofSeconds(120))) {
            Set<Path> located = new HashSet<>();
            for (int i = 0; i < entries.size(); i++) {
                Path file = modelFiles.get(i).toAbsolutePath();
                TemplateEvalReport.Entry entry = entries.get(i);
                CarModel model = CarModel.load(file);
                if (located.add(file.getParent())) {
                    session.onRenderThread(() -> {
                        stage.getAssetManager().registerLocator(file.getParent().toString(), FileLocator.class);
                        return null;
                    });
                }
                BufferedImage left = shoot(session, stage, () -> modelNode(stage, file, model));
                BufferedImage right = shoot(session, stage, () -> templateNode(stage, entry.fit().params()));
                BufferedImage pair = compose(left, right, entry);
                Path out = dir.resolve(entry.name() + ".png");
                ImageIO.write(pair, "png", out.toFile());
                written.add(out);
                pairs.add(pair);
            }
        }
        Path sheet = dir.resolve("all.png");
        ImageIO.write(contactSheet(pairs), "png", sheet.toFile());
        written.add(sheet);
        return written;
    }

    /** Replaces the car on stage by the one the factory builds (on the render thread) and shoots it. */
    private static BufferedImage shoot(HeadlessSession session, Stage stage, java.util.function.Supplier<Node> car) {
        session.onRenderThread(() -> {
            stage.car.detachAllChildren();
            stage.car.attachChild(car.get());
            return null;
        });
        session.awaitFrames(2, TIMEOUT);
        return session.screenshot(TIMEOUT);
    }

    /**
     * The glTF scene in the car frame, normalised to unit length. The file's own lights are removed,
     * and its PBR materials are swapped for Phong ones of the same base colour (and base-colour
     * texture, if any): without an environment map jME's PBR shading renders metallic flat colours
     * almost black, and both cars should be lit alike.
     */
    private static Node modelNode(SimpleApplication app, Path file, CarModel model) {
        Spatial scene = app.getAssetManager().loadModel(file.getFileName().toString());
        scene.depthFirstTraversal(s -> {
            for (Light light : s.getLocalLightList().clone()) {
                s.removeLight(light);
            }
            if (s instanceof Geometry g) {
                g.setMaterial(phong(app, g.getMaterial()));
            }
        });
        Node aligned = new Node("aligned");
        aligned.setLocalTransform(model.fileToCar());
        aligned.attachChild(scene);
        return normalised(aligned, model.all());
    }

    private static Material phong(SimpleApplication app, Material pbr) {
        Material m = new Material(app.getAssetManager(), "Common/MatDefs/Light/Lighting.j3md");
        MatParam color = pbr.getParam("BaseColor");
        ColorRGBA base = color != null ? (ColorRGBA) color.getValue() : ColorRGBA.White;
        m.setBoolean("UseMaterialColors", true);
        m.setColor("Diffuse", base);
        m.setColor("Ambient", base);
        m.setColor("Specular", ColorRGBA.White.mult(0.2f));
        m.setFloat("Shininess", 24f);
        // Kenney files mirror parts with negative node scales, which flips their winding: draw both sides
        m.getAdditionalRenderState().setFaceCullMode(RenderState.FaceCullMode.Off);
        MatParam texture = pbr.getParam("BaseColorMap");
        if (texture != null) {
            m.setTexture("DiffuseMap", (Texture) texture.getValue());
        }
        return m;
    }

    /** The template car with neutral materials, normalised to unit length. */
    private static Node templateNode(SimpleApplication app, CarParams params) {
        RigMaterials materials = new RigMaterials(app.getAssetManager());
        CarMesh mesh = CarTemplate.build(params);
        Node car = new Node("template");
        add(car, mesh.extract(PAINTED), materials.paint(new ColorRGBA(0.55f, 0.58f, 0.62f, 1f)));
        add(car, mesh.extract(TRIM), materials.trim());
        add(car, mesh.extract(EnumSet.of(CarPart.WINDOW)), materials.trim());
        Set<CarPart> rest = EnumSet.of(CarPart.PLATE_FRONT, CarPart.PLATE_REAR);
        for (CarPart p : CarPart.values()) {
            if (p.isLight()) {
                rest.add(p);
            }
        }
        add(car, mesh.extract(rest), materials.plate());
        WheelMesh wheel = WheelMeshBuilder.build(params);
        for (WheelAnchor a : mesh.wheels()) {
            Node w = new Node("wheel");
            w.setLocalTranslation(a.centerX(), a.centerY(), a.centerZ());
            if (!a.position().isLeft()) {
                // the wheel mesh's rim faces +X; right-hand wheels turn round to face outward
                w.setLocalRotation(new Quaternion().fromAngleAxis(FastMath.PI, Vector3f.UNIT_Y));
            }
            add(w, wheel.tyre(), materials.rubber());
            add(w, wheel.rim(), materials.chrome());
            car.attachChild(w);
        }
        return normalised(car, TemplateSolid.of(params));
    }

    private static void add(Node parent, SurfaceMesh surface, Material material) {
        if (surface.triangleCount() == 0) {
            return;
        }
        Geometry g = new Geometry("part", JmeMeshes.toJme(surface));
        g.setMaterial(material);
        parent.attachChild(g);
    }

    /** Wraps a car-frame node so that it appears as {@link UnitLengthGrid} normalises its surface. */
    private static Node normalised(Node carFrame, TriangleSoup surface) {
        float[] b = surface.bounds();
        float scale = 1f / (b[5] - b[2]);
        Node n = new Node("unit-length");
        n.setLocalScale(scale);
        n.setLocalTranslation(0, 0, -0.5f * (b[2] + b[5]) * scale);
        n.attachChild(carFrame);
        return n;
    }

    private static BufferedImage compose(BufferedImage model, BufferedImage template, TemplateEvalReport.Entry e) {
        BufferedImage out = new BufferedImage(2 * TILE_W, TILE_H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.drawImage(model, 0, 0, null);
        g.drawImage(template, TILE_W, 0, null);
        g.setColor(new Color(90, 90, 90));
        g.fillRect(TILE_W - 1, 0, 2, TILE_H);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
        g.setColor(new Color(30, 30, 30));
        g.drawString(e.name() + "  (Kenney model)", 12, 26);
        g.drawString(String.format(Locale.ROOT, "template  IoU %.3f  (from %s)", e.fit().iou(),
                e.fit().start().name().toLowerCase(Locale.ROOT)), TILE_W + 12, 26);
        g.dispose();
        return out;
    }

    private static BufferedImage contactSheet(List<BufferedImage> pairs) {
        int w = TILE_W;
        int h = TILE_H / 2;
        int rows = (pairs.size() + SHEET_COLUMNS - 1) / SHEET_COLUMNS;
        BufferedImage sheet = new BufferedImage(SHEET_COLUMNS * w, rows * h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sheet.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, sheet.getWidth(), sheet.getHeight());
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        for (int i = 0; i < pairs.size(); i++) {
            g.drawImage(pairs.get(i), (i % SHEET_COLUMNS) * w, (i / SHEET_COLUMNS) * h, w, h, null);
        }
        g.dispose();
        return sheet;
    }

    /** A light-grey studio: key light from the front left, fill light, soft ambient; camera at 3/4 front. */
    private static final class Stage extends SimpleApplication {
        final Node car = new Node("stage");

        @Override
        public void simpleInitApp() {
            flyCam.setEnabled(false);
            setDisplayFps(false);
            setDisplayStatView(false);
            viewPort.setBackgroundColor(new ColorRGBA(0.86f, 0.87f, 0.89f, 1f));
            rootNode.attachChild(car);
            rootNode.addLight(new AmbientLight(new ColorRGBA(0.45f, 0.45f, 0.47f, 1f)));
            rootNode.addLight(new DirectionalLight(new Vector3f(-0.4f, -0.8f, -0.45f).normalizeLocal(),
                    new ColorRGBA(1.1f, 1.08f, 1.02f, 1f)));
            rootNode.addLight(new DirectionalLight(new Vector3f(0.5f, -0.3f, 0.6f).normalizeLocal(),
                    new ColorRGBA(0.35f, 0.36f, 0.4f, 1f)));
            car.setQueueBucket(RenderQueue.Bucket.Opaque);
            Camera c = cam;
            c.setFrustumPerspective(30f, (float) c.getWidth() / c.getHeight(), 0.05f, 50f);
            float az = 35f * FastMath.DEG_TO_RAD;
            float el = 20f * FastMath.DEG_TO_RAD;
            float dist = 1.75f;
            Vector3f target = new Vector3f(0, 0.17f, 0);
            c.setLocation(target.add(dist * FastMath.cos(el) * FastMath.sin(az), dist * FastMath.sin(el),
                    dist * FastMath.cos(el) * FastMath.cos(az)));
            c.lookAt(target, Vector3f.UNIT_Y);
        }
    }
}
