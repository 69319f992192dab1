#version 430
// Binning, pass 2 of 3, a single work group: exclusive prefix sum of the per-tile counts into
// tileStarts (n + 1 entries, the last one the total, also written to total[0]) and a copy into
// the fill cursors. Each invocation sums a contiguous chunk, the chunk sums are scanned in
// shared memory (Hillis-Steele), then each chunk is written out.

layout(local_size_x = 1024) in;

layout(std430, binding = 5) readonly buffer TileCounts { uint tileCounts[]; };
layout(std430, binding = 6) writeonly buffer TileStarts { uint tileStarts[]; };
layout(std430, binding = 7) writeonly buffer Cursors { uint cursors[]; };
layout(std430, binding = 9) writeonly buffer Total { uint total[]; };

uniform int tileCount;

shared uint sums[1024];

void main() {
    uint l = gl_LocalInvocationID.x;
    uint n = uint(tileCount);
    uint chunk = (n + 1023u) / 1024u;
    uint from = min(n, l * chunk);
    uint to = min(n, from + chunk);
    uint s = 0u;
    for (uint i = from; i < to; i++) {
        s += tileCounts[i];
    }
    sums[l] = s;
    barrier();
    for (uint stride = 1u; stride < 1024u; stride <<= 1u) {
        uint add = l >= stride ? sums[l - stride] : 0u;
        barrier();
        sums[l] += add;
        barrier();
    }
    uint running = sums[l] - s; // exclusive prefix of this chunk
    for (uint i = from; i < to; i++) {
        tileStarts[i] = running;
        cursors[i] = running;
        running += tileCounts[i];
    }
    if (l == 1023u) {
        tileStarts[n] = sums[l];
        total[0] = sums[l];
    }
}
