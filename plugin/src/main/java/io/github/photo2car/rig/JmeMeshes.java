package io.github.photo2car.rig;

import com.jme3.math.Quaternion;
import com.jme3.math.Vector3f;
import com.jme3.scene.Mesh;
import com.jme3.scene.VertexBuffer;
import com.jme3.util.BufferUtils;
import io.github.photo2car.template.SurfaceMesh;

import java.nio.FloatBuffer;
import java.util.Objects;

/** Converts photo2car's plain-array meshes into jME meshes. */
public final class JmeMeshes {

    private JmeMeshes() {
    }

    /**
     * @param surface a mesh in the car frame or a wheel frame (not null, not modified)
     * @return a new jME triangle mesh with positions, normals and texture coordinates, bounds set
     */
    public static Mesh toJme(SurfaceMesh surface) {
        Mesh m = new Mesh();
        m.setBuffer(VertexBuffer.Type.Position, 3, BufferUtils.createFloatBuffer(surface.positions()));
        m.setBuffer(VertexBuffer.Type.Normal, 3, BufferUtils.createFloatBuffer(surface.normals()));
        m.setBuffer(VertexBuffer.Type.TexCoord, 2, BufferUtils.createFloatBuffer(surface.uvs()));
        m.setBuffer(VertexBuffer.Type.Index, 3, BufferUtils.createIntBuffer(surface.triangles()));
        m.updateBound();
        m.updateCounts();
        return m;
    }

    /**
     * Moves a mesh's vertices into the frame of a node that sits at {@code translation}, turned by
     * {@code rotation}: p becomes rotation⁻¹·(p − translation), normals are turned alike, so the
     * mesh looks the same once attached to that node.
     *
     * @param mesh        a mesh with positions and optionally normals (not null; modified)
     * @param translation the node's translation in the mesh's current frame (not null, not modified)
     * @param rotation    the node's rotation (not null, not modified)
     */
    public static void toLocal(Mesh mesh, Vector3f translation, Quaternion rotation) {
        Objects.requireNonNull(mesh, "mesh");
        Objects.requireNonNull(translation, "translation");
        Quaternion inverse = Objects.requireNonNull(rotation, "rotation").inverse();
        Vector3f v = new Vector3f();
        FloatBuffer positions = mesh.getFloatBuffer(VertexBuffer.Type.Position);
        for (int i = 0; i < positions.limit(); i += 3) {
            v.set(positions.get(i), positions.get(i + 1), positions.get(i + 2)).subtractLocal(translation);
            inverse.multLocal(v);
            positions.put(i, v.x).put(i + 1, v.y).put(i + 2, v.z);
        }
        FloatBuffer normals = mesh.getFloatBuffer(VertexBuffer.Type.Normal);
        if (normals != null) {
            for (int i = 0; i < normals.limit(); i += 3) {
                v.set(normals.get(i), normals.get(i + 1), normals.get(i + 2));
                inverse.multLocal(v);
                normals.put(i, v.x).put(i + 1, v.y).put(i + 2, v.z);
            }
        }
        mesh.getBuffer(VertexBuffer.Type.Position).setUpdateNeeded();
        mesh.updateBound();
    }
}
