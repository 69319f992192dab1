package io.github.photo2car.trainer.eval;

import com.jme3.asset.AssetManager;
import com.jme3.asset.plugins.FileLocator;
import com.jme3.material.Material;
import com.jme3.math.ColorRGBA;
import com.jme3.math.Matrix4f;
import com.jme3.math.Quaternion;
import com.jme3.math.Transform;
import com.jme3.math.Vector3f;
import com.jme3.scene.Geometry;
import com.jme3.scene.Mesh;
import com.jme3.scene.Node;
import com.jme3.scene.Spatial;
import com.jme3.scene.VertexBuffer;
import com.jme3.system.JmeSystem;
import com.jme3.texture.Texture;
import com.jme3.texture.image.ImageRaster;

import io.github.photo2car.trainer.Srgb;

import java.nio.Buffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.ShortBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A real car model (glTF) brought into photo2car's car frame: metres-like units as in the file,
 * origin on the ground under the middle of the wheelbase, +Y up, +Z forward, +X to the car's left.
 *
 * <p>Wheels are recognised by node name ({@code wheel_frontLeft}, {@code wheel_backRight}, … as in
 * Kenney's car kit); the forward axis is the direction from the rear axle to the front axle and
 * "left" follows from it, so any model orientation is handled. Non-mesh nodes (cameras, lights)
 * are ignored.
 *
 * @param name        model name (file name without extension)
 * @param body        body triangles in the car frame (everything that is not a wheel)
 * @param wheels      wheel triangles in the car frame
 * @param wheelCentres wheel centres FL, FR, RL, RR in the car frame, 3 floats each
 * @param wheelRadius mean wheel radius
 * @param fileToCar   rigid transform from the file's world frame to the car frame (rotation, then
 *                    translation; no scale): put the loaded scene under a node with this local
 *                    transform to see it as {@link #body()} and {@link #wheels()} describe it
 * @param colours     the colour of every triangle of {@link #all()} (the body's, then the
 *                    wheels'), sRGB in 0..1, 3 floats per triangle: its material's base colour,
 *                    times its base-colour texture at the triangle's centre where it has one
 */
public record CarModel(String name, TriangleSoup body, TriangleSoup wheels, float[] wheelCentres, float wheelRadius,
                       Transform fileToCar, float[] colours) {

    /**
     * Loads a .glb/.gltf car and aligns it to the car frame.
     *
     * @param file the model file (not null)
     * @return the aligned model
     * @throws IllegalArgumentException if the model lacks the four named wheels
     */
    public static CarModel load(Path file) {
        Objects.requireNonNull(file, "file");
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no such model file: " + file);
        }
        AssetManager assets = JmeSystem.newAssetManager(
                Thread.currentThread().getContextClassLoader().getResource("com/jme3/asset/Desktop.cfg"));
        assets.registerLocator(file.toAbsolutePath().getParent().toString(), FileLocator.class);
        Spatial root = assets.loadModel(file.getFileName().toString());
        root.updateGeometricState();

        List<Geometry> bodyParts = new ArrayList<>();
        List<Geometry> wheelGeoms = new ArrayList<>();
        Vector3f[] wheelWorld = new Vector3f[4];
        collect(root, bodyParts, wheelGeoms, wheelWorld, -1);
        for (int i = 0; i < 4; i++) {
            if (wheelWorld[i] == null) {
                throw new IllegalArgumentException(file + ": no wheel node for " + WHEEL_NAMES[i][0]
                        + " (expected node names like wheel_frontLeft, wheel_backRight)");
            }
        }
        // car frame axes from the wheels: forward = rear axle → front axle, left = right → left wheels
        Vector3f frontMid = wheelWorld[0].add(wheelWorld[1]).multLocal(0.5f);
        Vector3f rearMid = wheelWorld[2].add(wheelWorld[3]).multLocal(0.5f);
        Vector3f forward = frontMid.subtract(rearMid).normalizeLocal();
        Vector3f left = wheelWorld[0].add(wheelWorld[2]).subtractLocal(wheelWorld[1]).subtractLocal(wheelWorld[3]);
        left.subtractLocal(forward.mult(left.dot(forward))).normalizeLocal();
        Vector3f up = forward.cross(left).normalizeLocal();
        // rows of the rotation are the new axes: X = left, Y = up, Z = forward
        Quaternion toCar = new Quaternion().fromAxes(left, up, forward).inverse();

        TriangleSoup bodyRaw = soup(bodyParts, toCar, Vector3f.ZERO);
        TriangleSoup wheelRaw = soup(wheelGeoms, toCar, Vector3f.ZERO);
        float[] all = TriangleSoup.concat(bodyRaw, wheelRaw).bounds();
        Vector3f mid = toCar.mult(frontMid.add(rearMid).multLocal(0.5f));
        Vector3f shift = new Vector3f(-mid.x, -all[1], -mid.z);
        TriangleSoup body = translate(bodyRaw, shift);
        TriangleSoup wheels = translate(wheelRaw, shift);
        float[] centres = new float[12];
        float radius = 0;
        for (int i = 0; i < 4; i++) {
            Vector3f c = toCar.mult(wheelWorld[i]).addLocal(shift);
            centres[3 * i] = c.x;
            centres[3 * i + 1] = c.y;
            centres[3 * i + 2] = c.z;
            radius += c.y / 4f; // wheels touch the ground: centre height = radius
        }
        String name = file.getFileName().toString().replaceFirst("\\.(glb|gltf)$", "");
        List<Geometry> bodyThenWheels = new ArrayList<>(bodyParts);
        bodyThenWheels.addAll(wheelGeoms);
        return new CarModel(name, body, wheels, centres, radius, new Transform(shift, toCar), colours(bodyThenWheels));
    }

    /** sRGB colour per triangle of the geometries, in the order {@link #soup} lists them. */
    private static float[] colours(List<Geometry> geoms) {
        int triangles = 0;
        for (Geometry g : geoms) {
            triangles += indexCount(g.getMesh()) / 3;
        }
        float[] out = new float[3 * triangles];
        int at = 0;
        ColorRGBA texel = new ColorRGBA();
        for (Geometry g : geoms) {
            Mesh m = g.getMesh();
            VertexBuffer ib = m.getBuffer(VertexBuffer.Type.Index);
            ColorRGBA base = ColorRGBA.White;
            Texture map = null;
            Material mat = g.getMaterial();
            if (mat != null) {
                if (mat.getParamValue("BaseColor") instanceof ColorRGBA c) {
                    base = c;
                } else if (mat.getParamValue("Diffuse") instanceof ColorRGBA c) {
                    base = c;
                }
                if (mat.getParamValue("BaseColorMap") instanceof Texture t) {
                    map = t;
                } else if (mat.getParamValue("DiffuseMap") instanceof Texture t) {
                    map = t;
                }
            }
            VertexBuffer uvs = m.getBuffer(VertexBuffer.Type.TexCoord);
            ImageRaster raster = map != null && uvs != null && map.getImage() != null
                    ? ImageRaster.create(map.getImage()) : null;
            for (int t = 0; t < indexCount(m) / 3; t++, at += 3) {
                float r = base.r;
                float gr = base.g;
                float b = base.b;
                if (raster != null) {
                    FloatBuffer uv = (FloatBuffer) uvs.getData();
                    float u = 0;
                    float v = 0;
                    for (int k = 0; k < 3; k++) {
                        int vi = ib == null ? 3 * t + k : index(ib.getData(), 3 * t + k);
                        u += uv.get(2 * vi) / 3f;
                        v += uv.get(2 * vi + 1) / 3f;
                    }
                    int x = Math.floorMod((int) Math.floor(u * raster.getWidth()), raster.getWidth());
                    int y = Math.floorMod((int) Math.floor(v * raster.getHeight()), raster.getHeight());
                    raster.getPixel(x, y, texel);
                    // textures hold sRGB; the base colour factor is linear
                    r *= Srgb.toLinear(texel.r);
                    gr *= Srgb.toLinear(texel.g);
                    b *= Srgb.toLinear(texel.b);
                }
                out[at] = Srgb.fromLinear(r);
                out[at + 1] = Srgb.fromLinear(gr);
                out[at + 2] = Srgb.fromLinear(b);
            }
        }
        return out;
    }

    /** Corners a triangle mesh lists: its index count, or its vertex count without indices. */
    private static int indexCount(Mesh m) {
        VertexBuffer ib = m.getBuffer(VertexBuffer.Type.Index);
        return ib == null ? m.getVertexCount() : ib.getData().limit();
    }

    private static final String[][] WHEEL_NAMES = {
        {"frontleft", "fl"}, {"frontright", "fr"}, {"backleft", "rearleft", "rl"}, {"backright", "rearright", "rr"}};

    private static int wheelIndex(String nodeName) {
        if (nodeName == null) {
            return -1;
        }
        String n = nodeName.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
        if (!n.startsWith("wheel")) {
            return -1;
        }
        String rest = n.substring(5);
        for (int i = 0; i < 4; i++) {
            for (String alias : WHEEL_NAMES[i]) {
                if (rest.startsWith(alias)) {
                    return i;
                }
            }
        }
        return -1;
    }

    private static void collect(Spatial s, List<Geometry> body, List<Geometry> wheels, Vector3f[] wheelCentres,
                                int wheel) {
        int w = wheel >= 0 ? wheel : wheelIndex(s.getName());
        if (w >= 0 && wheelCentres[w] == null) {
            wheelCentres[w] = s.getWorldBound() != null ? s.getWorldBound().getCenter().clone() : s.getWorldTranslation().clone();
        }
        if (s instanceof Geometry g) {
            if (g.getMesh().getMode() == Mesh.Mode.Triangles) {
                if (w >= 0) {
                    wheels.add(g);
                } else {
                    body.add(g);
                }
            }
        } else if (s instanceof Node node) {
            for (Spatial child : node.getChildren()) {
                collect(child, body, wheels, wheelCentres, w);
            }
        }
    }

    private static TriangleSoup soup(List<Geometry> geoms, Quaternion rotation, Vector3f shift) {
        List<float[]> parts = new ArrayList<>();
        for (Geometry g : geoms) {
            if (g == null) {
                continue;
            }
            Matrix4f world = g.getWorldMatrix();
            Mesh m = g.getMesh();
            FloatBuffer pos = (FloatBuffer) m.getBuffer(VertexBuffer.Type.Position).getData();
            VertexBuffer ib = m.getBuffer(VertexBuffer.Type.Index);
            int nIdx = indexCount(m);
            float[] out = new float[nIdx * 3];
            Vector3f p = new Vector3f();
            // a mirrored node (negative scale) turns faces inside out; swap two corners to undo it
            boolean mirrored = world.determinant() < 0;
            for (int k = 0; k < nIdx; k++) {
                int corner = mirrored && k % 3 == 1 ? k + 1 : mirrored && k % 3 == 2 ? k - 1 : k;
                int vi = ib == null ? corner : index(ib.getData(), corner);
                p.set(pos.get(3 * vi), pos.get(3 * vi + 1), pos.get(3 * vi + 2));
                world.mult(p, p);
                rotation.mult(p, p).addLocal(shift);
                out[3 * k] = p.x;
                out[3 * k + 1] = p.y;
                out[3 * k + 2] = p.z;
            }
            parts.add(out);
        }
        return TriangleSoup.concat(parts.stream().map(TriangleSoup::new).toArray(TriangleSoup[]::new));
    }

    private static int index(Buffer b, int k) {
        if (b instanceof ShortBuffer sb) {
            return sb.get(k) & 0xFFFF;
        }
        if (b instanceof IntBuffer ib) {
            return ib.get(k);
        }
        return ((java.nio.ByteBuffer) b).get(k) & 0xFF;
    }

    private static TriangleSoup translate(TriangleSoup s, Vector3f shift) {
        float[] xyz = s.xyz().clone();
        for (int i = 0; i < xyz.length; i += 3) {
            xyz[i] += shift.x;
            xyz[i + 1] += shift.y;
            xyz[i + 2] += shift.z;
        }
        return new TriangleSoup(xyz);
    }

    /** @return body and wheels together */
    public TriangleSoup all() {
        return TriangleSoup.concat(body, wheels);
    }

    /** @return overall length along Z (bounding box) */
    public float length() {
        float[] b = all().bounds();
        return b[5] - b[2];
    }

    /** @return wheelbase: distance between axle centres along Z */
    public float wheelbase() {
        return (wheelCentres[2] + wheelCentres[5]) / 2f - (wheelCentres[8] + wheelCentres[11]) / 2f;
    }
}
