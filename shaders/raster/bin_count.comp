#version 430
// Binning, pass 1 of 3, one invocation per (view, face): the face's pixel box (the union of its
// sub-triangles' boxes grown by a margin, as ClippedView.bounds) becomes a tile range, stored for
// bin_fill, and every tile in it counts the face once (integer atomics).

layout(local_size_x = 64) in;

layout(std430, binding = 0) readonly buffer Params { uint params[]; };
layout(std430, binding = 3) readonly buffer SubDoubles { double subD[]; };
layout(std430, binding = 4) readonly buffer SubInts { int subI[]; };
layout(std430, binding = 5) buffer TileCounts { uint tileCounts[]; };
layout(std430, binding = 8) writeonly buffer FaceTiles { ivec4 faceTiles[]; };

uniform int views;
uniform int faceCount;
uniform int width;
uniform int height;
uniform int tilesX;
uniform int tilesY;

void main() {
    uint id = LINEAR_INVOCATION();
    if (id >= uint(views * faceCount)) {
        return;
    }
    int view = int(id) / faceCount;
    double margin = packDouble2x32(uvec2(params[0], params[1]));
    ivec4 box = ivec4(width, -1, height, -1);
    for (int k = 0; k < 2; k++) {
        int s = 2 * int(id) + k;
        if (subI[SUB_I * s + I_VALID] == 0) {
            continue;
        }
        int base = SUB_D * s;
        double minX = min(subD[base + D_SX], min(subD[base + D_SX + 1], subD[base + D_SX + 2])) - margin;
        double maxX = max(subD[base + D_SX], max(subD[base + D_SX + 1], subD[base + D_SX + 2])) + margin;
        double minY = min(subD[base + D_SY], min(subD[base + D_SY + 1], subD[base + D_SY + 2])) - margin;
        double maxY = max(subD[base + D_SY], max(subD[base + D_SY + 1], subD[base + D_SY + 2])) + margin;
        double x0 = ceil(minX - 0.5LF);
        double x1 = floor(maxX - 0.5LF);
        double y0 = ceil(minY - 0.5LF);
        double y1 = floor(maxY - 0.5LF);
        if (x1 < 0.0LF || y1 < 0.0LF || x0 > double(width - 1) || y0 > double(height - 1) || x0 > x1 || y0 > y1) {
            continue;
        }
        box.x = min(box.x, int(max(0.0LF, x0)));
        box.y = max(box.y, int(min(double(width - 1), x1)));
        box.z = min(box.z, int(max(0.0LF, y0)));
        box.w = max(box.w, int(min(double(height - 1), y1)));
    }
    if (box.x > box.y) {
        faceTiles[id] = ivec4(0, -1, 0, -1);
        return;
    }
    ivec4 tiles = box / TILE;
    faceTiles[id] = tiles;
    int first = view * tilesX * tilesY;
    for (int ty = tiles.z; ty <= tiles.w; ty++) {
        for (int tx = tiles.x; tx <= tiles.y; tx++) {
            atomicAdd(tileCounts[first + ty * tilesX + tx], 1u);
        }
    }
}
