#version 430
// interpolate (forward) and, with BACKWARD defined, its backward; one invocation per pixel.
// Forward: out = u a0 + v a1 + (1 - u - v) a2 in double, as JavaRasterBackend. Backward: the
// barycentric gradient is written per pixel; attribute gradients are scattered with float
// atomics (into one shared [V*C] block when the attributes are shared by all views).

layout(local_size_x = TILE, local_size_y = TILE) in;

layout(std430, binding = 2) readonly buffer Triangles { int triangles[]; };
layout(std430, binding = 11) readonly buffer Ids { int ids[]; };
layout(std430, binding = 12) readonly buffer Barycentrics { vec2 bary[]; };
layout(std430, binding = 16) readonly buffer Attributes { float attributes[]; };
#ifdef BACKWARD
layout(std430, binding = 17) readonly buffer GradOutput { float gradOut[]; };
layout(std430, binding = 18) buffer GradAttributes { uint gradAttr[]; };
layout(std430, binding = 14) writeonly buffer GradBary { vec2 gradBary[]; };
#else
layout(std430, binding = 17) writeonly buffer Output { float outputs[]; };
#endif

uniform int vertexCount;
uniform int width;
uniform int height;
uniform int channels;
uniform int sharedAttributes;

void main() {
    int x = int(gl_GlobalInvocationID.x);
    int y = int(gl_GlobalInvocationID.y);
    int view = int(gl_WorkGroupID.z);
    if (x >= width || y >= height) {
        return;
    }
    int p = (view * height + y) * width + x;
    int t = ids[p];
    int o = p * channels;
    if (t < 0) {
#ifdef BACKWARD
        gradBary[p] = vec2(0.0);
#else
        for (int c = 0; c < channels; c++) {
            outputs[o + c] = 0.0;
        }
#endif
        return;
    }
    double u = double(bary[p].x);
    double v = double(bary[p].y);
    precise double r = 1.0LF - u - v;
    int block = (sharedAttributes != 0 ? 0 : view) * vertexCount * channels;
    int a0 = block + triangles[3 * t] * channels;
    int a1 = block + triangles[3 * t + 1] * channels;
    int a2 = block + triangles[3 * t + 2] * channels;
#ifdef BACKWARD
    double du = 0.0LF;
    double dv = 0.0LF;
    for (int c = 0; c < channels; c++) {
        double gc = double(gradOut[o + c]);
        ATOMIC_ADD_FLOAT(gradAttr, a0 + c, float(u * gc));
        ATOMIC_ADD_FLOAT(gradAttr, a1 + c, float(v * gc));
        ATOMIC_ADD_FLOAT(gradAttr, a2 + c, float(r * gc));
        // float differences, as in Java
        du += gc * double(attributes[a0 + c] - attributes[a2 + c]);
        dv += gc * double(attributes[a1 + c] - attributes[a2 + c]);
    }
    gradBary[p] = vec2(float(du), float(dv));
#else
    for (int c = 0; c < channels; c++) {
        precise double value = u * double(attributes[a0 + c]) + v * double(attributes[a1 + c])
                + r * double(attributes[a2 + c]);
        outputs[o + c] = float(value);
    }
#endif
}
