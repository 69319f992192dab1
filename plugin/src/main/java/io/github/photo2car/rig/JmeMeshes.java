package io.github.photo2car.rig;

import com.jme3.scene.Mesh;
import com.jme3.scene.VertexBuffer;
import com.jme3.util.BufferUtils;
import io.github.photo2car.template.SurfaceMesh;

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
}
