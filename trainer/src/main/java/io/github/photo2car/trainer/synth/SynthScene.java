package io.github.photo2car.trainer.synth;

import com.jme3.asset.AssetManager;
import com.jme3.material.MatParamOverride;
import com.jme3.material.Material;
import com.jme3.material.RenderState;
import com.jme3.math.ColorRGBA;
import com.jme3.math.FastMath;
import com.jme3.math.Quaternion;
import com.jme3.math.Vector2f;
import com.jme3.math.Vector3f;
import com.jme3.renderer.Camera;
import com.jme3.renderer.queue.RenderQueue;
import com.jme3.scene.Geometry;
import com.jme3.scene.Mesh;
import com.jme3.scene.Node;
import com.jme3.scene.Spatial;
import com.jme3.scene.VertexBuffer;
import com.jme3.scene.shape.Cylinder;
import com.jme3.scene.shape.Quad;
import com.jme3.scene.shape.Sphere;
import com.jme3.shader.VarType;
import com.jme3.texture.Texture2D;
import com.jme3.texture.TextureCubeMap;
import com.jme3.util.BufferUtils;
import io.github.photo2car.raster.OrbitCamera;
import io.github.photo2car.template.WheelAnchor;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The two scene graphs the synthetic renderer draws from one camera: the photo scene (sky,
 * ground with a contact shadow, the car with its materials, an optional occluder; lit by one
 * {@link SkyEnvironment} through {@code SynthLit.j3md}) and the label scene (the same car and
 * occluder meshes, flat-coloured with {@link LabelIds} in the red channel). Long-lived: materials,
 * textures and the sky, ground and pole are made once; per car only the car meshes are replaced
 * and per view only parameters change. Render thread only.
 */
final class SynthScene {

    private static final String LIT = "photo2car/synth/SynthLit.j3md";
    private static final float GROUND_SIZE = 300f;

    private final AssetManager assets;
    private final Node photoRoot = new Node("synth-photo");
    private final Node labelRoot = new Node("synth-labels");
    private final Node car = new Node("car");
    private final Node labelCar = new Node("car-labels");
    private final Node occluder = new Node("occluder");
    private final Node labelOccluder = new Node("occluder-labels");
    private final Geometry sky;
    private final Geometry ground;
    private final Geometry shadow;
    private final Map<SynthTextures.Ground, Texture2D> groundTextures = new EnumMap<>(SynthTextures.Ground.class);
    private final Texture2D[] plates = new Texture2D[CarAppearance.PLATE_STYLES];
    private final List<SkyEnvironment> environments;
    private final List<Texture2D> backdrops;
    private final TextureCubeMap[] envMaps;
    private final float[][] skyAmbient;
    private final float[] autoExposure;
    private final Map<CarGeometry.Group, Material> carMaterials = new EnumMap<>(CarGeometry.Group.class);
    private final Material tyre;
    private final Material rim;
    private final Material otherPaint;
    private final Material otherGlass;
    private final Material otherTrim;
    private final Material pole;
    private final Material labelVertexColors;
    private final Material labelOccluderMaterial;
    private final MatParamOverride envMap;
    private final MatParamOverride envRotation = new MatParamOverride(VarType.Vector2, "EnvRotation", new Vector2f(1, 0));
    private final MatParamOverride sunDirection = new MatParamOverride(VarType.Vector3, "SunDirection", new Vector3f(0, 1, 0));
    private final MatParamOverride sunColor = new MatParamOverride(VarType.Vector3, "SunColor", new Vector3f(1, 1, 1));
    private final MatParamOverride groundRadiance = new MatParamOverride(VarType.Vector3, "GroundRadiance", new Vector3f());
    private final MatParamOverride exposure = new MatParamOverride(VarType.Float, "Exposure", 1f);
    private final MatParamOverride envMaxLod;
    /** Scratch values reused every view. */
    private final Vector3f sunWorld = new Vector3f();
    private final com.jme3.math.Vector4f backdropCrop = new com.jme3.math.Vector4f();

    /**
     * Builds the long-lived parts of both scenes.
     *
     * @param assets       the application's asset manager (not null)
     * @param environments the lighting environments (not null, not empty)
     * @param envSize      cube-map face size in pixels
     * @param seed         seed of the textures
     * @param backdrops    backdrop photos (not null, may be empty)
     */
    SynthScene(AssetManager assets, List<SkyEnvironment> environments, int envSize, long seed,
               List<Texture2D> backdrops) {
        this.assets = Objects.requireNonNull(assets, "assets");
        this.environments = List.copyOf(environments);
        this.backdrops = List.copyOf(backdrops);
        envMaps = new TextureCubeMap[environments.size()];
        skyAmbient = new float[environments.size()][];
        autoExposure = new float[environments.size()];
        for (int i = 0; i < envMaps.length; i++) {
            envMaps[i] = environments.get(i).toCubeMap(envSize);
            skyAmbient[i] = hemisphereAverage(environments.get(i));
            autoExposure[i] = autoExposure(environments.get(i), skyAmbient[i]);
        }
        envMap = new MatParamOverride(VarType.TextureCubeMap, "EnvMap", envMaps[0]);
        envMaxLod = new MatParamOverride(VarType.Float, "EnvMaxLod", (float) (Integer.numberOfTrailingZeros(envSize) - 1));
        for (MatParamOverride o : new MatParamOverride[] {envMap, envMaxLod, envRotation, sunDirection, sunColor,
            groundRadiance, exposure}) {
            photoRoot.addMatParamOverride(o);
        }
        for (SynthTextures.Ground g : SynthTextures.Ground.values()) {
            groundTextures.put(g, SynthTextures.ground(g, 256, seed + g.ordinal()));
        }
        for (int i = 0; i < plates.length; i++) {
            plates[i] = SynthTextures.plate(i, seed * 31 + i);
        }

        Material skyMaterial = new Material(assets, "photo2car/synth/SynthSky.j3md");
        sky = new Geometry("sky", new Sphere(12, 24, 60f, false, true));
        sky.setMaterial(skyMaterial);
        sky.setQueueBucket(RenderQueue.Bucket.Sky);
        sky.setCullHint(Spatial.CullHint.Never);
        photoRoot.attachChild(sky);

        Material groundMaterial = lit(ColorRGBA.White, 0.9f, 0f, 0.03f);
        groundMaterial.setBoolean("Fog", true);
        groundMaterial.setFloat("TexScale", GROUND_SIZE / SynthTextures.Ground.ASPHALT.tileMetres());
        ground = new Geometry("ground", new Quad(GROUND_SIZE, GROUND_SIZE));
        ground.setMaterial(groundMaterial);
        ground.setLocalRotation(new Quaternion().fromAngleAxis(-FastMath.HALF_PI, Vector3f.UNIT_X));
        photoRoot.attachChild(ground);

        Material shadowMaterial = new Material(assets, "Common/MatDefs/Misc/Unshaded.j3md");
        shadowMaterial.setTexture("ColorMap", SynthTextures.contactShadow());
        shadowMaterial.getAdditionalRenderState().setBlendMode(RenderState.BlendMode.Modulate);
        shadowMaterial.getAdditionalRenderState().setDepthWrite(false);
        shadowMaterial.getAdditionalRenderState().setPolyOffset(-2f, -2f);
        shadow = new Geometry("contact-shadow", new Quad(1f, 1f));
        shadow.setMaterial(shadowMaterial);
        shadow.setQueueBucket(RenderQueue.Bucket.Transparent);
        shadow.setLocalRotation(new Quaternion().fromAngleAxis(-FastMath.HALF_PI, Vector3f.UNIT_X));
        photoRoot.attachChild(shadow);

        for (CarGeometry.Group g : CarGeometry.Group.values()) {
            carMaterials.put(g, lit(ColorRGBA.Gray, 0.5f, 0f, 0.04f));
        }
        tyre = lit(new ColorRGBA(0.022f, 0.022f, 0.024f, 1f), 0.8f, 0f, 0.03f);
        rim = lit(ColorRGBA.Gray, 0.25f, 1f, 0.04f);
        otherPaint = lit(ColorRGBA.Gray, 0.3f, 0f, 0.04f);
        otherPaint.setFloat("ClearCoat", 1f);
        otherGlass = lit(new ColorRGBA(0.02f, 0.02f, 0.025f, 1f), 0.03f, 0f, 0.06f);
        otherTrim = lit(new ColorRGBA(0.02f, 0.02f, 0.022f, 1f), 0.6f, 0f, 0.03f);
        pole = lit(ColorRGBA.Gray, 0.5f, 0f, 0.04f);
        photoRoot.attachChild(car);
        photoRoot.attachChild(occluder);

        labelVertexColors = new Material(assets, "Common/MatDefs/Misc/Unshaded.j3md");
        labelVertexColors.setBoolean("VertexColor", true);
        labelOccluderMaterial = new Material(assets, "Common/MatDefs/Misc/Unshaded.j3md");
        labelOccluderMaterial.setColor("Color", new ColorRGBA(LabelIds.OCCLUDER / 255f, 0f, 0f, 1f));
        labelRoot.attachChild(labelCar);
        labelRoot.attachChild(labelOccluder);
    }

    /** @return the root of the photo scene */
    Node photoRoot() {
        return photoRoot;
    }

    /** @return the root of the label scene */
    Node labelRoot() {
        return labelRoot;
    }

    /**
     * Replaces the car by another one.
     *
     * @param job the car (not null)
     */
    void showCar(CarJob job) {
        CarGeometry g = job.geometry();
        CarAppearance a = job.appearance();
        car.detachAllChildren();
        labelCar.detachAllChildren();
        styleMaterials(a);
        carMaterials.get(CarGeometry.Group.PLATE_FRONT).setTexture("BaseMap", plates[a.plateStyle()]);
        carMaterials.get(CarGeometry.Group.PLATE_REAR).setTexture("BaseMap", plates[(a.plateStyle() + 1) % plates.length]);
        for (CarGeometry.Group group : CarGeometry.Group.values()) {
            CarGeometry.Arrays arrays = g.group(group);
            if (arrays.triangles().length > 0) {
                attach(car, group.name(), mesh(arrays), carMaterials.get(group));
            }
        }
        Mesh tyreMesh = mesh(g.wheel().tyre().positions(), g.wheel().tyre().normals(), g.wheel().tyre().uvs(),
                g.wheel().tyre().triangles());
        Mesh rimMesh = mesh(g.wheel().rim().positions(), g.wheel().rim().normals(), g.wheel().rim().uvs(),
                g.wheel().rim().triangles());
        for (WheelAnchor anchor : g.body().wheels()) {
            Node wheel = new Node("wheel_" + anchor.position().name());
            wheel.setLocalTranslation(anchor.centerX(), anchor.centerY(), anchor.centerZ());
            if (!anchor.position().isLeft()) {
                // same turn as CarGeometry.toCarFrame: the rim faces outward on the right side too
                wheel.setLocalRotation(new Quaternion().fromAngleAxis(FastMath.PI, Vector3f.UNIT_Y));
            }
            attach(wheel, "tyre", tyreMesh, tyre);
            attach(wheel, "rim", rimMesh, rim);
            car.attachChild(wheel);
        }
        attach(labelCar, "labels", labelMesh(g.soup()), labelVertexColors);
        float length = job.params().length();
        float width = job.params().width();
        shadow.setUserData("length", length);
        shadow.setUserData("width", width);
        shadow.setUserData("centreZ", 0.5f * (job.params().frontOverhang() - job.params().rearOverhang()));
    }

    private void styleMaterials(CarAppearance a) {
        Material paint = carMaterials.get(CarGeometry.Group.PAINT);
        paintFinish(paint, a.paint(), a.finish());
        paintFinish(carMaterials.get(CarGeometry.Group.ROOF), a.roof() != null ? a.roof() : a.paint(), a.finish());
        if (a.blackBumpers()) {
            plastic(carMaterials.get(CarGeometry.Group.BUMPER), 0.025f);
        } else {
            paintFinish(carMaterials.get(CarGeometry.Group.BUMPER), a.paint(), a.finish());
        }
        Material grille = carMaterials.get(CarGeometry.Group.GRILLE);
        if (a.chromeGrille()) {
            set(grille, new float[] {0.85f, 0.85f, 0.86f}, 0.08f, 1f, 0.04f, 0f, 0f);
        } else {
            plastic(grille, 0.018f);
        }
        plastic(carMaterials.get(CarGeometry.Group.UNDERBODY), 0.012f);
        float glass = 0.05f * (1 - a.glassTint()) + 0.004f;
        set(carMaterials.get(CarGeometry.Group.GLASS), new float[] {glass, glass * 1.05f, glass * 1.1f}, 0.02f, 0f,
                0.05f, 0f, 0f);
        set(carMaterials.get(CarGeometry.Group.PLATE_FRONT), new float[] {1, 1, 1}, 0.45f, 0f, 0.04f, 0f, 0f);
        set(carMaterials.get(CarGeometry.Group.PLATE_REAR), new float[] {1, 1, 1}, 0.45f, 0f, 0.04f, 0f, 0f);
        boolean smoked = a.lensStyle() == 1;
        float head = smoked ? 0.12f : 0.55f;
        set(carMaterials.get(CarGeometry.Group.HEADLAMP), new float[] {head, head, head * 1.03f}, 0.06f, 0.9f, 0.05f, 0f, 1f);
        float[] tail = smoked ? new float[] {0.12f, 0.004f, 0.004f} : new float[] {0.38f, 0.012f, 0.01f};
        set(carMaterials.get(CarGeometry.Group.TAILLAMP), tail, 0.05f, 0f, 0.05f, 0f, 1f);
        float[] indicator = a.lensStyle() == 2 ? new float[] {0.65f, 0.25f, 0.01f} : new float[] {head, head, head};
        set(carMaterials.get(CarGeometry.Group.INDICATOR), indicator, 0.06f, a.lensStyle() == 2 ? 0f : 0.9f, 0.05f, 0f, 1f);
        set(carMaterials.get(CarGeometry.Group.REVERSE), new float[] {head, head, head}, 0.06f, 0.9f, 0.05f, 0f, 1f);
        set(rim, a.rimColor(), a.rimMetal() ? 0.22f : 0.45f, a.rimMetal() ? 1f : 0f, 0.04f, 0f, a.rimMetal() ? 0f : 0.6f);
    }

    private static void paintFinish(Material m, float[] color, CarAppearance.Finish finish) {
        switch (finish) {
            case SOLID -> set(m, color, 0.35f, 0f, 0.04f, 0f, 1f);
            case METALLIC -> set(m, color, 0.38f, 0.35f, 0.04f, 0.35f, 1f);
            case PEARL -> set(m, color, 0.3f, 0.15f, 0.06f, 0.6f, 1f);
            default -> set(m, color, 0.75f, 0f, 0.03f, 0f, 0f);
        }
    }

    private static void plastic(Material m, float grey) {
        set(m, new float[] {grey, grey, grey * 1.05f}, 0.55f, 0f, 0.035f, 0f, 0f);
    }

    private static void set(Material m, float[] color, float roughness, float metallic, float reflectance, float flake,
                            float clearCoat) {
        m.setColor("BaseColor", new ColorRGBA(color[0], color[1], color[2], 1f));
        m.setFloat("Roughness", roughness);
        m.setFloat("Metallic", metallic);
        m.setFloat("Reflectance", reflectance);
        m.setFloat("Flake", flake);
        m.setFloat("ClearCoat", clearCoat);
    }

    /**
     * Sets the camera, lighting, ground and occluder of one picture.
     *
     * @param view   the picture (not null)
     * @param camera the jME camera both views render with (modified)
     * @param aspect image width / height
     */
    void showView(ViewSpec view, Camera camera, float aspect) {
        OrbitCamera oc = view.camera();
        JmeCameras.apply(oc, camera, aspect);
        float[] eye = oc.eye();
        sky.setLocalTranslation(eye[0], eye[1], eye[2]);
        SkyEnvironment env = environments.get(view.environment());
        envMap.setValue(envMaps[view.environment()]);
        float rot = view.envRotationDeg() * FastMath.DEG_TO_RAD;
        float c = FastMath.cos(rot);
        float s = FastMath.sin(rot);
        ((Vector2f) envRotation.getValue()).set(c, s);
        float[] sun = env.sunDirection();
        // the environment is turned by Ry(rot) into world directions' frame: the world sun is Ry(-rot) sun
        Vector3f sunWorld = this.sunWorld.set(c * sun[0] - s * sun[2], sun[1], s * sun[0] + c * sun[2]);
        ((Vector3f) sunDirection.getValue()).set(sunWorld);
        float[] sc = env.sunColor();
        ((Vector3f) sunColor.getValue()).set(sc[0], sc[1], sc[2]);
        float[] albedo = groundAlbedo(view.ground());
        float[] amb = skyAmbient[view.environment()];
        float up = Math.max(sunWorld.y, 0f);
        ((Vector3f) groundRadiance.getValue()).set(albedo[0] * (sc[0] * up + amb[0]), albedo[1] * (sc[1] * up + amb[1]),
                albedo[2] * (sc[2] * up + amb[2]));
        exposure.setValue(view.exposure() * autoExposure[view.environment()]);
        Material skyMaterial = sky.getMaterial();
        skyMaterial.setFloat("Blur", view.backgroundBlur());
        if (view.backdrop() >= 0) {
            float[] crop = view.backdropCrop();
            skyMaterial.setTexture("Backdrop", backdrops.get(view.backdrop()));
            skyMaterial.setVector4("BackdropCrop", backdropCrop.set(crop[0], crop[1], crop[2], crop[3]));
            skyMaterial.setFloat("BackdropGain", (float) Math.pow(view.exposure(), 1 / 2.2));
            // the photo has its own ground: the car stands on it with only its contact shadow
            ground.setCullHint(Spatial.CullHint.Always);
        } else {
            skyMaterial.clearParam("Backdrop");
            ground.setCullHint(Spatial.CullHint.Inherit);
        }

        Material gm = ground.getMaterial();
        gm.setTexture("BaseMap", groundTextures.get(view.ground()));
        gm.setFloat("TexScale", GROUND_SIZE / view.ground().tileMetres());
        float shiftX = view.groundShift()[0] % view.ground().tileMetres();
        float shiftZ = view.groundShift()[1] % view.ground().tileMetres();
        ground.setLocalTranslation(-GROUND_SIZE / 2 - shiftX, 0f, GROUND_SIZE / 2 - shiftZ);

        float length = shadow.getUserData("length");
        float width = shadow.getUserData("width");
        // a longer, offset shadow under a low sun; a tight one under an overcast sky
        float offX = 0f;
        float offZ = 0f;
        float stretch = 0f;
        if (env.kind() == SkyEnvironment.Kind.SUNNY || env.kind() == SkyEnvironment.Kind.DUSK) {
            float k = Math.min(0.6f, 0.3f / Math.max(sunWorld.y, 0.25f));
            offX = -sunWorld.x * k;
            offZ = -sunWorld.z * k;
            stretch = Math.abs(offX) + Math.abs(offZ);
        }
        float sx = width + 0.45f + stretch;
        float sz = length + 0.5f + stretch;
        shadow.setLocalScale(sx, sz, 1f);
        float centreZ = shadow.getUserData("centreZ");
        shadow.setLocalTranslation(-sx / 2 + offX, 0.004f, sz / 2 + offZ + centreZ);

        showOccluder(view.occluder());
    }

    private void showOccluder(ViewSpec.Occluder o) {
        occluder.detachAllChildren();
        labelOccluder.detachAllChildren();
        if (o == null) {
            return;
        }
        if (o.kind() == ViewSpec.Occluder.Kind.POLE) {
            Cylinder cylinder = new Cylinder(2, 16, o.radius(), o.height(), true);
            pole.setColor("BaseColor", new ColorRGBA(o.color()[0], o.color()[1], o.color()[2], 1f));
            Node at = new Node("pole");
            at.setLocalTranslation(o.x(), o.height() / 2, o.z());
            at.setLocalRotation(new Quaternion().fromAngleAxis(FastMath.HALF_PI, Vector3f.UNIT_X));
            attach(at, "pole", cylinder, pole);
            occluder.attachChild(at);
            Node labelAt = new Node("pole-label");
            labelAt.setLocalTransform(at.getLocalTransform());
            attach(labelAt, "pole", cylinder, labelOccluderMaterial);
            labelOccluder.attachChild(labelAt);
            return;
        }
        CarGeometry g = o.car();
        Node other = new Node("other-car");
        other.setLocalTranslation(o.x(), 0f, o.z());
        other.setLocalRotation(new Quaternion().fromAngleAxis(o.heading(), Vector3f.UNIT_Y));
        otherPaint.setColor("BaseColor", new ColorRGBA(o.color()[0], o.color()[1], o.color()[2], 1f));
        for (CarGeometry.Group group : CarGeometry.Group.values()) {
            CarGeometry.Arrays arrays = g.group(group);
            if (arrays.triangles().length == 0) {
                continue;
            }
            Material m = switch (group) {
                case PAINT, ROOF, BUMPER -> otherPaint;
                case GLASS -> otherGlass;
                default -> otherTrim;
            };
            attach(other, group.name(), mesh(arrays), m);
        }
        Mesh tyreMesh = mesh(g.wheel().tyre().positions(), g.wheel().tyre().normals(), g.wheel().tyre().uvs(),
                g.wheel().tyre().triangles());
        for (WheelAnchor anchor : g.body().wheels()) {
            Node wheel = new Node("wheel");
            wheel.setLocalTranslation(anchor.centerX(), anchor.centerY(), anchor.centerZ());
            attach(wheel, "tyre", tyreMesh, tyre);
            other.attachChild(wheel);
        }
        occluder.attachChild(other);
        Node labelOther = new Node("other-car-label");
        labelOther.setLocalTransform(other.getLocalTransform());
        CarGeometry.Soup soup = g.soup();
        attach(labelOther, "labels", mesh(soup.positions(), null, null, soup.triangles()), labelOccluderMaterial);
        labelOccluder.attachChild(labelOther);
    }

    /**
     * A camera's automatic exposure for an environment: a mid-grey (18 %) surface facing up comes
     * out mid-grey after tone mapping, whatever the sun and sky brightness.
     */
    private static float autoExposure(SkyEnvironment env, float[] ambient) {
        float[] sun = env.sunColor();
        float up = Math.max(env.sunDirection()[1], 0f);
        float irradiance = 0.2126f * (sun[0] * up + ambient[0]) + 0.7152f * (sun[1] * up + ambient[1])
                + 0.0722f * (sun[2] * up + ambient[2]);
        return 0.9f / Math.max(irradiance, 0.05f);
    }

    private static float[] groundAlbedo(SynthTextures.Ground g) {
        return switch (g) {
            case ASPHALT -> new float[] {0.065f, 0.065f, 0.068f};
            case CONCRETE -> new float[] {0.28f, 0.27f, 0.26f};
            case GRASS -> new float[] {0.05f, 0.10f, 0.03f};
            default -> new float[] {0.30f, 0.30f, 0.30f};
        };
    }

    /** Cosine-weighted average radiance of the upper hemisphere: the sky light on a flat ground. */
    private static float[] hemisphereAverage(SkyEnvironment env) {
        float[] sum = new float[3];
        float[] rgb = new float[3];
        int n = 0;
        for (int i = 0; i < 16; i++) {
            for (int j = 0; j < 32; j++) {
                double u = (i + 0.5) / 16;
                double phi = 2 * Math.PI * (j + 0.5) / 32;
                double sinT = Math.sqrt(u);
                double cosT = Math.sqrt(1 - u);
                env.radiance(sinT * Math.cos(phi), cosT, sinT * Math.sin(phi), rgb);
                for (int c = 0; c < 3; c++) {
                    sum[c] += Math.min(rgb[c], 4f);
                }
                n++;
            }
        }
        return new float[] {sum[0] / n, sum[1] / n, sum[2] / n};
    }

    private Material lit(ColorRGBA color, float roughness, float metallic, float reflectance) {
        Material m = new Material(assets, LIT);
        m.setColor("BaseColor", color.clone());
        m.setFloat("Roughness", roughness);
        m.setFloat("Metallic", metallic);
        m.setFloat("Reflectance", reflectance);
        return m;
    }

    private static void attach(Node parent, String name, Mesh mesh, Material material) {
        Geometry g = new Geometry(name, mesh);
        g.setMaterial(material);
        parent.attachChild(g);
    }

    private static Mesh mesh(CarGeometry.Arrays a) {
        return mesh(a.positions(), a.normals(), a.uvs(), a.triangles());
    }

    private static Mesh mesh(float[] positions, float[] normals, float[] uvs, int[] triangles) {
        Mesh m = new Mesh();
        m.setBuffer(VertexBuffer.Type.Position, 3, BufferUtils.createFloatBuffer(positions));
        if (normals != null) {
            m.setBuffer(VertexBuffer.Type.Normal, 3, BufferUtils.createFloatBuffer(normals));
        }
        if (uvs != null) {
            m.setBuffer(VertexBuffer.Type.TexCoord, 2, BufferUtils.createFloatBuffer(uvs));
        }
        m.setBuffer(VertexBuffer.Type.Index, 3, BufferUtils.createIntBuffer(triangles));
        m.updateBound();
        m.updateCounts();
        return m;
    }

    /**
     * The label mesh: the soup with a vertex colour per vertex holding its triangle's label in
     * red; a vertex shared by triangles of different labels is duplicated, so every triangle is
     * flat-coloured exactly.
     */
    static Mesh labelMesh(CarGeometry.Soup soup) {
        float[] pos = soup.positions();
        int[] tris = soup.triangles();
        int[] labels = soup.labels();
        int n = pos.length / 3;
        int[] vertexLabel = new int[n];
        java.util.Arrays.fill(vertexLabel, -1);
        int[] outTris = tris.clone();
        float[] extra = new float[0];
        int extraCount = 0;
        int[] extraLabel = new int[0];
        for (int t = 0; t < labels.length; t++) {
            for (int c = 0; c < 3; c++) {
                int v = tris[3 * t + c];
                if (vertexLabel[v] < 0) {
                    vertexLabel[v] = labels[t];
                } else if (vertexLabel[v] != labels[t]) {
                    if (extraCount == extraLabel.length) {
                        extra = java.util.Arrays.copyOf(extra, Math.max(48, extra.length * 2));
                        extraLabel = java.util.Arrays.copyOf(extraLabel, Math.max(16, extraLabel.length * 2));
                    }
                    System.arraycopy(pos, 3 * v, extra, 3 * extraCount, 3);
                    extraLabel[extraCount] = labels[t];
                    outTris[3 * t + c] = n + extraCount;
                    extraCount++;
                }
            }
        }
        float[] allPos = java.util.Arrays.copyOf(pos, 3 * (n + extraCount));
        System.arraycopy(extra, 0, allPos, 3 * n, 3 * extraCount);
        float[] colors = new float[4 * (n + extraCount)];
        for (int v = 0; v < n + extraCount; v++) {
            int label = v < n ? Math.max(vertexLabel[v], 0) : extraLabel[v - n];
            colors[4 * v] = label / 255f;
            colors[4 * v + 3] = 1f;
        }
        Mesh m = mesh(allPos, null, null, outTris);
        m.setBuffer(VertexBuffer.Type.Color, 4, BufferUtils.createFloatBuffer(colors));
        return m;
    }
}
