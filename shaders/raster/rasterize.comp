#version 430
// Fine rasterization, one 16x16 work group per (tile, view), one invocation per pixel. Each
// pixel walks its tile's bin and keeps the lexicographic minimum of (float depth, face id) over
// the sub-triangles whose edge functions are all >= 0 at its centre (edges inclusive) and whose
// depth z/w is <= 1: the nearest wins, exact float ties go to the lower triangle id, as in
// JavaRasterBackend. The invocation owns its pixel, so the depth test needs no atomics. Then it
// writes the id, the perspective-correct barycentrics from the 2D homogeneous edge functions of
// the original triangle, and the depth.

layout(local_size_x = TILE, local_size_y = TILE) in;

layout(std430, binding = 1) readonly buffer Positions { vec4 positions[]; };
layout(std430, binding = 2) readonly buffer Triangles { int triangles[]; };
layout(std430, binding = 3) readonly buffer SubDoubles { double subD[]; };
layout(std430, binding = 4) readonly buffer SubInts { int subI[]; };
layout(std430, binding = 6) readonly buffer TileStarts { uint tileStarts[]; };
layout(std430, binding = 10) readonly buffer BinItems { int binItems[]; };
layout(std430, binding = 11) writeonly buffer Ids { int ids[]; };
layout(std430, binding = 12) writeonly buffer Barycentrics { vec2 bary[]; };
layout(std430, binding = 13) writeonly buffer Depths { float depths[]; };

uniform int vertexCount;
uniform int faceCount;
uniform int width;
uniform int height;
uniform int tilesX;
uniform int tilesY;

void main() {
    int x = int(gl_GlobalInvocationID.x);
    int y = int(gl_GlobalInvocationID.y);
    int view = int(gl_WorkGroupID.z);
    if (x >= width || y >= height) {
        return;
    }
    int tile = view * tilesX * tilesY + int(gl_WorkGroupID.y) * tilesX + int(gl_WorkGroupID.x);
    double cx = double(x) + 0.5LF;
    double cy = double(y) + 0.5LF;
    float bestZ = 1.0 / 0.0;
    int best = -1;
    uint end = tileStarts[tile + 1];
    for (uint it = tileStarts[tile]; it < end; it++) {
        int face = binItems[it];
        for (int k = 0; k < 2; k++) {
            int s = 2 * (view * faceCount + face) + k;
            int ib = SUB_I * s;
            if (subI[ib + I_VALID] == 0 || subI[ib + I_HASBOX] == 0
                    || x < subI[ib + I_BOX] || x > subI[ib + I_BOX + 1]
                    || y < subI[ib + I_BOX + 2] || y > subI[ib + I_BOX + 3]) {
                continue;
            }
            int e = SUB_D * s + D_EDGE;
            precise double r0 = subD[e + 1] * cy + subD[e + 2];
            precise double r1 = subD[e + 4] * cy + subD[e + 5];
            precise double r2 = subD[e + 7] * cy + subD[e + 8];
            precise double e0 = subD[e] * cx + r0;
            precise double e1 = subD[e + 3] * cx + r1;
            precise double e2 = subD[e + 6] * cx + r2;
            if (e0 < 0.0LF || e1 < 0.0LF || e2 < 0.0LF) {
                continue;
            }
            int pl = SUB_D * s + D_PLANE;
            precise double rz = subD[pl + 1] * cy + subD[pl + 2];
            precise double z = subD[pl] * cx + rz;
            if (z > 1.0LF) {
                continue; // beyond the far plane
            }
            float zf = float(z);
            if (zf < bestZ || (zf == bestZ && face < best)) {
                bestZ = zf;
                best = face;
            }
        }
    }
    int p = (view * height + y) * width + x;
    ids[p] = best;
    if (best < 0) {
        bary[p] = vec2(0.0);
        depths[p] = 1.0;
        return;
    }
    depths[p] = bestZ;
    int first = view * vertexCount;
    dvec4 p0 = dvec4(positions[first + triangles[3 * best]]);
    dvec4 p1 = dvec4(positions[first + triangles[3 * best + 1]]);
    dvec4 p2 = dvec4(positions[first + triangles[3 * best + 2]]);
    double px = ndcX(x, width);
    double py = ndcY(y, height);
    double f0 = homogeneousEdge(p1, p2, px, py);
    double f1 = homogeneousEdge(p2, p0, px, py);
    double f2 = homogeneousEdge(p0, p1, px, py);
    precise double sum = f0 + f1 + f2;
    if (sum == 0.0LF) {
        bary[p] = vec2(1.0 / 3.0);
    } else {
        precise double u = f0 / sum;
        precise double v = f1 / sum;
        bary[p] = vec2(float(u), float(v));
    }
}
