package io.github.photo2car.template;

/**
 * A plain indexed triangle mesh ready for a renderer: positions (x, y, z interleaved, metres),
 * unit normals (x, y, z interleaved), texture coordinates (u, v interleaved, v up) and
 * triangles (three vertex indices each, counter-clockwise seen from outside). Immutable: getters
 * return copies, so callers may modify what they get.
 */
public final class SurfaceMesh {

    private final float[] positions;
    private final float[] normals;
    private final float[] uvs;
    private final int[] triangles;

    /** Takes ownership of the arrays (package-private: builders hand over fresh arrays). */
    SurfaceMesh(float[] positions, float[] normals, float[] uvs, int[] triangles) {
        int n = positions.length / 3;
        if (positions.length != 3 * n || normals.length != 3 * n || uvs.length != 2 * n
                || triangles.length % 3 != 0) {
            throw new IllegalArgumentException("inconsistent array lengths");
        }
        this.positions = positions;
        this.normals = normals;
        this.uvs = uvs;
        this.triangles = triangles;
    }

    /** @return number of vertices */
    public int vertexCount() {
        return positions.length / 3;
    }

    /** @return number of triangles */
    public int triangleCount() {
        return triangles.length / 3;
    }

    /** @return a new array, 3 floats per vertex (m) */
    public float[] positions() {
        return positions.clone();
    }

    /** @return a new array, 3 floats per vertex, unit length */
    public float[] normals() {
        return normals.clone();
    }

    /** @return a new array, 2 floats per vertex, in [0, 1] */
    public float[] uvs() {
        return uvs.clone();
    }

    /** @return a new array, 3 vertex indices per triangle */
    public int[] triangles() {
        return triangles.clone();
    }
}
