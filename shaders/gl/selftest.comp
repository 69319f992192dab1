#version 430
// Capability self-test for the features the differentiable rasterizer relies on:
// element-wise work, shared-memory reduction with barrier(), integer atomics and float
// atomics emulated by atomicCompSwap (GLSL 4.3 has no atomicAdd on floats).
// y[i] = scale * x[i] + offset; sums[group] = sum of x over the group;
// counter = number of invocations with x[i] > 0; floatTotal = sum of all x (CAS loop).

#ifndef GROUP_SIZE
#define GROUP_SIZE 256
#endif

layout(local_size_x = GROUP_SIZE) in;

layout(std430, binding = 0) readonly buffer Inputs { float x[]; };
layout(std430, binding = 1) writeonly buffer Outputs { float y[]; };
layout(std430, binding = 2) writeonly buffer GroupSums { float sums[]; };
layout(std430, binding = 3) buffer Totals { int positiveCount; uint floatTotalBits; };

uniform int count;
uniform float scale;
uniform float offset;

shared float partial[GROUP_SIZE];

void atomicAddFloat(float v) {
    uint seen = floatTotalBits;
    uint expected;
    do {
        expected = seen;
        seen = atomicCompSwap(floatTotalBits, expected, floatBitsToUint(uintBitsToFloat(expected) + v));
    } while (seen != expected);
}

void main() {
    uint i = gl_GlobalInvocationID.x;
    uint l = gl_LocalInvocationIndex;
    float v = i < uint(count) ? x[i] : 0.0;
    if (i < uint(count)) {
        y[i] = scale * v + offset;
        if (v > 0.0) {
            atomicAdd(positiveCount, 1);
        }
        atomicAddFloat(v);
    }
    partial[l] = v;
    barrier();
    for (uint stride = GROUP_SIZE / 2u; stride > 0u; stride >>= 1u) {
        if (l < stride) {
            partial[l] += partial[l + stride];
        }
        barrier();
    }
    if (l == 0u) {
        sums[gl_WorkGroupID.x] = partial[0];
    }
}
