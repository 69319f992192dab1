#version 430
// Fine rasterization, one 16x16 work group per (tile, view). The depth test is face-major, like
// JavaRasterBackend's tile loop: the group's invocations share the tile's bin, each face visits
// only the pixels of its box inside the tile, and the per-pixel winner is the lexicographic
// minimum of (float depth, face id) over the sub-triangles whose edge functions are all >= 0 at
// the centre (edges inclusive) and whose depth z/w is <= 1. Without 64-bit atomics that takes two
// passes over the bin with shared-memory atomicMin: first the order-preserving key of the depth,
// then the face id among the fragments at that depth, so exact ties go to the lower id as in
// Java. Then each invocation resolves its own pixel: id, perspective-correct barycentrics from
// the 2D homogeneous edge functions of the original triangle, depth.

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

shared uint tileDepth[TILE * TILE];
shared uint tileFace[TILE * TILE];

// Maps a float to a uint with the same order (negative values flipped), -0 folded onto +0.
uint depthKey(float z) {
    uint bits = floatBitsToUint(z == 0.0 ? 0.0 : z);
    return (bits & 0x80000000u) != 0u ? ~bits : bits | 0x80000000u;
}

float keyDepth(uint key) {
    return uintBitsToFloat((key & 0x80000000u) != 0u ? key & 0x7FFFFFFFu : ~key);
}

// Visits the covered pixels of the tile for one sub-triangle: pass 0 lowers the pixel's depth
// key, pass 1 lowers its face id where the fragment's key is the minimum found in pass 0.
void visit(int s, int face, ivec2 tileMin, ivec2 tileMax, int pass) {
    int ib = SUB_I * s;
    if (subI[ib + I_VALID] == 0 || subI[ib + I_HASBOX] == 0) {
        return;
    }
    int x0 = max(subI[ib + I_BOX], tileMin.x);
    int x1 = min(subI[ib + I_BOX + 1], tileMax.x);
    int y0 = max(subI[ib + I_BOX + 2], tileMin.y);
    int y1 = min(subI[ib + I_BOX + 3], tileMax.y);
    int e = SUB_D * s + D_EDGE;
    int pl = SUB_D * s + D_PLANE;
    for (int y = y0; y <= y1; y++) {
        double cy = double(y) + 0.5LF;
        precise double r0 = subD[e + 1] * cy + subD[e + 2];
        precise double r1 = subD[e + 4] * cy + subD[e + 5];
        precise double r2 = subD[e + 7] * cy + subD[e + 8];
        precise double rz = subD[pl + 1] * cy + subD[pl + 2];
        for (int x = x0; x <= x1; x++) {
            double cx = double(x) + 0.5LF;
            precise double e0 = subD[e] * cx + r0;
            precise double e1 = subD[e + 3] * cx + r1;
            precise double e2 = subD[e + 6] * cx + r2;
            if (e0 < 0.0LF || e1 < 0.0LF || e2 < 0.0LF) {
                continue;
            }
            precise double z = subD[pl] * cx + rz;
            if (z > 1.0LF) {
                continue; // beyond the far plane
            }
            uint key = depthKey(float(z));
            int local = (y - tileMin.y) * TILE + (x - tileMin.x);
            if (pass == 0) {
                atomicMin(tileDepth[local], key);
            } else if (key == tileDepth[local]) {
                atomicMin(tileFace[local], uint(face));
            }
        }
    }
}

void main() {
    int x = int(gl_GlobalInvocationID.x);
    int y = int(gl_GlobalInvocationID.y);
    int view = int(gl_WorkGroupID.z);
    uint local = gl_LocalInvocationIndex;
    ivec2 tileMin = ivec2(gl_WorkGroupID.xy) * TILE;
    ivec2 tileMax = min(tileMin + TILE, ivec2(width, height)) - 1;
    tileDepth[local] = 0xFFFFFFFFu;
    tileFace[local] = 0xFFFFFFFFu;
    int tile = view * tilesX * tilesY + int(gl_WorkGroupID.y) * tilesX + int(gl_WorkGroupID.x);
    uint start = tileStarts[tile];
    uint end = tileStarts[tile + 1];
    for (int pass = 0; pass < 2; pass++) {
        barrier();
        for (uint it = start + local; it < end; it += uint(TILE * TILE)) {
            int face = binItems[it];
            int s = 2 * (view * faceCount + face);
            visit(s, face, tileMin, tileMax, pass);
            visit(s + 1, face, tileMin, tileMax, pass);
        }
    }
    barrier();
    if (x >= width || y >= height) {
        return;
    }
    int best = tileFace[local] == 0xFFFFFFFFu ? -1 : int(tileFace[local]);
    int p = (view * height + y) * width + x;
    ids[p] = best;
    if (best < 0) {
        bary[p] = vec2(0.0);
        depths[p] = 1.0;
        return;
    }
    depths[p] = keyDepth(tileDepth[local]);
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
