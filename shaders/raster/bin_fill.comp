#version 430
// Binning, pass 3 of 3, one invocation per (view, face): appends the face to the item list of
// every tile in its range. Order inside a bin is whatever the atomics give; the kernels that read
// bins do not depend on it (the depth test is a lexicographic minimum over (depth, face id)).

layout(local_size_x = 64) in;

layout(std430, binding = 7) buffer Cursors { uint cursors[]; };
layout(std430, binding = 8) readonly buffer FaceTiles { ivec4 faceTiles[]; };
layout(std430, binding = 10) writeonly buffer BinItems { int binItems[]; };

uniform int views;
uniform int faceCount;
uniform int tilesX;
uniform int tilesY;

void main() {
    uint id = LINEAR_INVOCATION();
    if (id >= uint(views * faceCount)) {
        return;
    }
    int view = int(id) / faceCount;
    int face = int(id) % faceCount;
    ivec4 tiles = faceTiles[id];
    int first = view * tilesX * tilesY;
    for (int ty = tiles.z; ty <= tiles.w; ty++) {
        for (int tx = tiles.x; tx <= tiles.y; tx++) {
            uint slot = atomicAdd(cursors[first + ty * tilesX + tx], 1u);
            binItems[slot] = face;
        }
    }
}
