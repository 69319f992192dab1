package io.github.photo2car.export;

import com.jme3.material.Material;
import com.jme3.material.MatParam;
import com.jme3.material.RenderState;
import com.jme3.math.ColorRGBA;
import com.jme3.math.Quaternion;
import com.jme3.math.Vector3f;
import com.jme3.scene.Geometry;
import com.jme3.scene.Mesh;
import com.jme3.scene.Node;
import com.jme3.scene.Spatial;
import com.jme3.scene.VertexBuffer;
import com.jme3.scene.mesh.IndexBuffer;
import com.jme3.texture.Image;
import com.jme3.texture.Texture;
import com.jme3.texture.image.ImageRaster;
import de.javagl.jgltf.model.GltfConstants;
import de.javagl.jgltf.model.GltfModel;
import de.javagl.jgltf.model.MaterialModel;
import de.javagl.jgltf.model.creation.GltfModelBuilder;
import de.javagl.jgltf.model.creation.MaterialBuilder;
import de.javagl.jgltf.model.creation.MeshPrimitiveBuilder;
import de.javagl.jgltf.model.creation.TextureModels;
import de.javagl.jgltf.model.impl.DefaultGltfModel;
import de.javagl.jgltf.model.impl.DefaultImageModel;
import de.javagl.jgltf.model.impl.DefaultMeshModel;
import de.javagl.jgltf.model.impl.DefaultNodeModel;
import de.javagl.jgltf.model.impl.DefaultSceneModel;
import de.javagl.jgltf.model.impl.DefaultTextureModel;
import de.javagl.jgltf.model.io.v2.GltfAssetV2;
import de.javagl.jgltf.model.io.v2.GltfAssetWriterV2;
import de.javagl.jgltf.model.io.v2.GltfAssetsV2;
import de.javagl.jgltf.model.v2.MaterialModelV2;
import io.github.photo2car.lights.CarLightsControl;
import io.github.photo2car.rig.CarRig;
import io.github.photo2car.rig.CarRigBuilder;
import io.github.photo2car.template.LightAnchor;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes a {@link CarRig} as a binary glTF 2.0 file ({@code .glb}) with the jgltf library.
 *
 * <p>The file holds the rig's visible tree at rest ({@code car} → {@code body} with the panels,
 * glass, trim and one node per lamp, and {@code wheel_FL}, {@code wheel_FR}, {@code wheel_RL},
 * {@code wheel_RR}), metallic-roughness materials for paint, glass (alpha blended), rubber, chrome,
 * trim and plates, the paint texture as an embedded PNG when the rig has one, lamp lenses whose
 * emissive colour is the lamp's lit colour, a {@code KHR_lights_punctual} spot light on each
 * headlight node, and the {@link RigData} under {@code extras.photo2car} of the {@code car} node so
 * {@link CarImporter} can rig it again.
 *
 * <p>No axis conversion is needed: photo2car's car frame (metres, +Y up, +Z forward, +X the car's
 * left) is glTF's frame for a model that faces +Z. Lamp nodes turn so that their -Z axis points the
 * way the lamp shines, which is where glTF spot lights point. Texture coordinates are written with
 * glTF's v axis (down from the image's top row).
 */
public final class GlbExporter {

    /** The glTF extension for lights. */
    public static final String LIGHTS_EXTENSION = "KHR_lights_punctual";
    /** Peak luminous intensity of a headlight beam, candela (a dipped beam's order of magnitude). */
    public static final float HEADLIGHT_CANDELA = 20_000f;

    /**
     * Writes a rig to a file, replacing it if it exists.
     *
     * @param rig  the car (not null, not modified; may be moving: wheels are written at rest)
     * @param file where to write, normally ending in {@code .glb} (not null; its folder must exist)
     * @throws IOException if the file cannot be written
     */
    public void write(CarRig rig, Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(rig, "rig");
        GltfModel model = new Conversion(RigData.of(rig), rig).build(RestPose.of(rig));
        GltfAssetV2 asset = GltfAssetsV2.createBinary(model);
        // jgltf 2.0.4 writes a material's emissiveFactor only together with an emissive texture
        List<de.javagl.jgltf.impl.v2.Material> materials = asset.getGltf().getMaterials();
        for (int i = 0; i < materials.size(); i++) {
            float[] emissive = ((MaterialModelV2) model.getMaterialModels().get(i)).getEmissiveFactor();
            if (emissive != null && (emissive[0] != 0f || emissive[1] != 0f || emissive[2] != 0f)) {
                materials.get(i).setEmissiveFactor(emissive.clone());
            }
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            new GltfAssetWriterV2().writeBinary(asset, out);
        }
    }

    /** One export: caches so meshes, materials and textures shared in jME are shared in glTF. */
    private static final class Conversion {
        private final RigData data;
        private final Map<String, LightAnchor> lamps = new HashMap<>();
        private final Map<Material, MaterialModel> materials = new IdentityHashMap<>();
        private final Map<Texture, DefaultTextureModel> textures = new IdentityHashMap<>();
        private final Map<List<Object>, DefaultMeshModel> meshes = new HashMap<>();
        private final List<Object> lights = new ArrayList<>();

        Conversion(RigData data, CarRig rig) {
            this.data = data;
            for (LightAnchor a : rig.mesh().lights()) {
                lamps.put(CarRig.lampName(a.part()), a);
            }
        }

        GltfModel build(Node car) {
            DefaultNodeModel root = node(car, null);
            Map<String, Object> extras = new LinkedHashMap<>();
            extras.put(RigData.KEY, data.toTree());
            root.setExtras(extras);
            DefaultSceneModel scene = new DefaultSceneModel();
            scene.addNode(root);
            GltfModelBuilder builder = GltfModelBuilder.create();
            builder.addSceneModel(scene);
            DefaultGltfModel model = builder.build();
            model.getAssetModel().setGenerator("photo2car");
            if (!lights.isEmpty()) {
                model.addExtension(LIGHTS_EXTENSION, Map.of("lights", lights));
                model.getExtensionsModel().addExtensionUsed(LIGHTS_EXTENSION);
            }
            return model;
        }

        /** Converts a spatial and its subtree; a geometry becomes a node holding one mesh. */
        private DefaultNodeModel node(Spatial s, LightAnchor lamp) {
            DefaultNodeModel n = new DefaultNodeModel();
            n.setName(s.getName());
            Vector3f t = s.getLocalTranslation();
            if (!t.equals(Vector3f.ZERO)) {
                n.setTranslation(new float[] {t.x, t.y, t.z});
            }
            Quaternion r = s.getLocalRotation();
            if (!r.isIdentity()) {
                n.setRotation(new float[] {r.getX(), r.getY(), r.getZ(), r.getW()});
            }
            Vector3f sc = s.getLocalScale();
            if (!sc.equals(Vector3f.UNIT_XYZ)) {
                n.setScale(new float[] {sc.x, sc.y, sc.z});
            }
            LightAnchor own = lamps.get(s.getName());
            if (own != null) {
                lamp = own;
                decorateLamp(n, own);
            }
            if (s instanceof Geometry g) {
                n.addMeshModel(mesh(s.getName(), List.of(g), lamp));
                return n;
            }
            Node parent = (Node) s;
            // jME's glTF loader turns a node with a mesh into node → mesh node → geometries; fold
            // that back so a car that is imported and exported again keeps its shape
            while (parent.getQuantity() == 1 && parent.getChild(0) instanceof Node only
                    && only.getName() != null && only.getName().equals(s.getName()) && isIdentity(only)) {
                parent = only;
            }
            if (parent != s && parent.getQuantity() == 1 && parent.getChild(0) instanceof Geometry g
                    && isIdentity(g)) {
                n.addMeshModel(mesh(s.getName(), List.of(g), lamp));
            } else {
                for (Spatial child : parent.getChildren()) {
                    n.addChild(node(child, lamp));
                }
            }
            return n;
        }

        private void decorateLamp(DefaultNodeModel n, LightAnchor a) {
            CarLightsControl.Lamp role = CarRigBuilder.lampOf(a.part());
            Map<String, Object> extras = new LinkedHashMap<>();
            extras.put("lamp", role.name());
            extras.put("side", CarRigBuilder.sideOf(a.part()).name());
            n.setExtras(extras);
            if (role != CarLightsControl.Lamp.HEAD) {
                return;
            }
            Map<String, Object> spot = new LinkedHashMap<>();
            spot.put("innerConeAngle", CarLightsControl.BEAM_INNER_ANGLE);
            spot.put("outerConeAngle", CarLightsControl.BEAM_OUTER_ANGLE);
            Map<String, Object> light = new LinkedHashMap<>();
            light.put("name", n.getName() + "_beam");
            light.put("type", "spot");
            light.put("color", List.of(1f, 0.97f, 0.9f));
            light.put("intensity", HEADLIGHT_CANDELA);
            light.put("spot", spot);
            n.addExtension(LIGHTS_EXTENSION, Map.of("light", lights.size()));
            lights.add(light);
        }

        private static boolean isIdentity(Spatial s) {
            return s.getLocalTransform().equals(com.jme3.math.Transform.IDENTITY);
        }

        /** One glTF mesh with a primitive per geometry; shared where the same meshes and materials recur. */
        private DefaultMeshModel mesh(String name, List<Geometry> geometries, LightAnchor lamp) {
            List<Object> key = new ArrayList<>();
            List<MaterialModel> models = new ArrayList<>();
            for (Geometry g : geometries) {
                MaterialModel material = materials.computeIfAbsent(g.getMaterial(), m -> material(g, m, lamp));
                models.add(material);
                key.add(g.getMesh());
                key.add(material);
            }
            return meshes.computeIfAbsent(key, k -> {
                DefaultMeshModel mesh = new DefaultMeshModel();
                mesh.setName(name);
                for (int i = 0; i < geometries.size(); i++) {
                    mesh.addMeshPrimitiveModel(primitive(geometries.get(i).getMesh(), models.get(i)));
                }
                return mesh;
            });
        }

        private static de.javagl.jgltf.model.MeshPrimitiveModel primitive(Mesh m, MaterialModel material) {
            MeshPrimitiveBuilder b = MeshPrimitiveBuilder.create().setTriangles();
            if (m.getMode() != Mesh.Mode.Triangles) {
                throw new IllegalArgumentException("only triangle meshes can be exported, got " + m.getMode());
            }
            b.addPositions3D(floats(m, VertexBuffer.Type.Position, 3));
            if (m.getBuffer(VertexBuffer.Type.Normal) != null) {
                b.addNormals3D(floats(m, VertexBuffer.Type.Normal, 3));
            }
            if (m.getBuffer(VertexBuffer.Type.TexCoord) != null) {
                FloatBuffer uv = floats(m, VertexBuffer.Type.TexCoord, 2);
                for (int i = 1; i < uv.limit(); i += 2) {
                    uv.put(i, 1f - uv.get(i)); // jME's v runs up from the image's bottom row, glTF's down from its top
                }
                b.addTexCoords02D(uv);
            }
            IndexBuffer ib = m.getIndexBuffer();
            IntBuffer indices = IntBuffer.allocate(ib.size());
            for (int i = 0; i < ib.size(); i++) {
                indices.put(i, ib.get(i));
            }
            if (m.getVertexCount() <= 0xFFFF) {
                b.setIntIndicesAsShort(indices);
            } else {
                b.setIntIndices(indices);
            }
            de.javagl.jgltf.model.impl.DefaultMeshPrimitiveModel p = b.build();
            p.setMaterialModel(material);
            return p;
        }

        /** Copies a vertex buffer of any number type into a new float buffer. */
        private static FloatBuffer floats(Mesh m, VertexBuffer.Type type, int components) {
            VertexBuffer vb = m.getBuffer(type);
            if (vb.getNumComponents() != components) {
                throw new IllegalArgumentException(type + " must have " + components + " components, has "
                        + vb.getNumComponents());
            }
            int n = vb.getNumElements();
            FloatBuffer out = FloatBuffer.allocate(n * components);
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < components; c++) {
                    out.put(i * components + c, ((Number) vb.getElementComponent(i, c)).floatValue());
                }
            }
            return out;
        }

        /**
         * A metallic-roughness material: the colour (and texture) comes from the jME material, the
         * metal and roughness from the part's role unless the material is PBR already.
         */
        private MaterialModel material(Geometry g, Material m, LightAnchor lamp) {
            MaterialBuilder b = MaterialBuilder.create();
            MaterialModelV2 built;
            if (lamp != null) {
                CarLightsControl.Lamp role = CarRigBuilder.lampOf(lamp.part());
                ColorRGBA unlit = role.unlitColor();
                ColorRGBA lit = role.litColor();
                b.setBaseColorFactor(unlit.r, unlit.g, unlit.b, 1f).setMetallicRoughnessFactors(0f, 0.2f);
                built = b.build();
                built.setEmissiveFactor(new float[] {lit.r, lit.g, lit.b});
            } else {
                Role role = Role.of(g.getName(), m.getName());
                ColorRGBA c = color(m, "Diffuse", "BaseColor", "Color");
                boolean blend = m.getAdditionalRenderState().getBlendMode() == RenderState.BlendMode.Alpha
                        || c.a < 1f;
                b.setBaseColorFactor(c.r, c.g, c.b, blend ? c.a : 1f)
                        .setMetallicRoughnessFactors(number(m, "Metallic", role.metallic),
                                number(m, "Roughness", role.roughness));
                if (blend) {
                    b.setAlphaMode(MaterialModelV2.AlphaMode.BLEND);
                }
                Texture t = texture(m, "DiffuseMap", "BaseColorMap");
                if (t != null) {
                    b.setBaseColorTexture(textures.computeIfAbsent(t, Conversion::png), 0);
                }
                built = b.build();
            }
            built.setName(lamp != null ? CarRig.lampName(lamp.part()) : m.getName() != null ? m.getName() : g.getName());
            return built;
        }

        private static ColorRGBA color(Material m, String... names) {
            for (String name : names) {
                MatParam p = m.getParam(name);
                if (p != null && p.getValue() instanceof ColorRGBA c) {
                    return c;
                }
            }
            return ColorRGBA.White;
        }

        private static float number(Material m, String name, float fallback) {
            MatParam p = m.getParam(name);
            return p != null && p.getValue() instanceof Number n ? n.floatValue() : fallback;
        }

        private static Texture texture(Material m, String... names) {
            for (String name : names) {
                MatParam p = m.getParam(name);
                if (p != null && p.getValue() instanceof Texture t && t.getImage() != null) {
                    return t;
                }
            }
            return null;
        }

        /** Encodes a jME texture's image as PNG, top row first. */
        private static DefaultTextureModel png(Texture t) {
            Image image = t.getImage();
            int w = image.getWidth();
            int h = image.getHeight();
            ImageRaster raster = ImageRaster.create(image);
            BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
            ColorRGBA c = new ColorRGBA();
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    raster.getPixel(x, y, c);
                    out.setRGB(x, h - 1 - y, c.asIntARGB()); // jME's row 0 is the bottom
                }
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try {
                ImageIO.write(out, "png", bytes);
            } catch (IOException e) {
                throw new IllegalStateException("PNG encoding into memory failed", e);
            }
            DefaultImageModel im = new DefaultImageModel();
            im.setName("paint_texture");
            im.setMimeType("image/png");
            im.setImageData(ByteBuffer.wrap(bytes.toByteArray()));
            DefaultTextureModel texture = TextureModels.createFromImage(im);
            texture.setMagFilter(GltfConstants.GL_LINEAR);
            texture.setMinFilter(GltfConstants.GL_LINEAR_MIPMAP_LINEAR);
            texture.setWrapS(GltfConstants.GL_CLAMP_TO_EDGE);
            texture.setWrapT(GltfConstants.GL_CLAMP_TO_EDGE);
            return texture;
        }
    }

    /** Metal and roughness of the parts a rig names (jME's Phong materials carry neither). */
    private enum Role {
        PAINT(0.3f, 0.3f), GLASS(0f, 0.05f), TRIM(0f, 0.6f), PLATES(0f, 0.5f), TYRE(0f, 0.9f), RIM(1f, 0.15f),
        OTHER(0f, 0.5f);

        final float metallic;
        final float roughness;

        Role(float metallic, float roughness) {
            this.metallic = metallic;
            this.roughness = roughness;
        }

        /** The role named by the first of the names that names one (geometry, then material). */
        static Role of(String... names) {
            for (String name : names) {
                for (Role r : values()) {
                    if (r.name().equalsIgnoreCase(name)) {
                        return r;
                    }
                }
            }
            return OTHER;
        }
    }
}
