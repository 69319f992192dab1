#version 430
// Bilinear texture lookup with clamp-to-edge addressing (Bilinear.java), one invocation per
// sample of all views (uv of the views concatenated). With BACKWARD defined: texel gradients
// scattered with float atomics (summed over views) and uv gradients per sample.

layout(local_size_x = 256) in;

layout(std430, binding = 19) readonly buffer Texels { float texels[]; };
layout(std430, binding = 20) readonly buffer Uv { vec2 uv[]; };
#ifdef BACKWARD
layout(std430, binding = 17) readonly buffer GradOutput { float gradOut[]; };
layout(std430, binding = 18) buffer GradTexels { uint gradTex[]; };
layout(std430, binding = 21) writeonly buffer GradUv { vec2 gradUv[]; };
#else
layout(std430, binding = 17) writeonly buffer Output { float outputs[]; };
#endif

uniform int samples;
uniform int texWidth;
uniform int texHeight;
uniform int channels;

int clampIndex(double index, int size) {
    return int(max(0.0LF, min(double(size - 1), index)));
}

void main() {
    uint i = LINEAR_INVOCATION();
    if (i >= uint(samples)) {
        return;
    }
    precise double sx = double(uv[i].x) * double(texWidth) - 0.5LF;
    precise double sy = double(uv[i].y) * double(texHeight) - 0.5LF;
    double x0 = floor(sx);
    double y0 = floor(sy);
    precise double fx = sx - x0;
    precise double fy = sy - y0;
    int xa = clampIndex(x0, texWidth);
    int xb = clampIndex(x0 + 1.0LF, texWidth);
    int ya = clampIndex(y0, texHeight);
    int yb = clampIndex(y0 + 1.0LF, texHeight);
    int i00 = (ya * texWidth + xa) * channels;
    int i10 = (ya * texWidth + xb) * channels;
    int i01 = (yb * texWidth + xa) * channels;
    int i11 = (yb * texWidth + xb) * channels;
    int o = int(i) * channels;
#ifdef BACKWARD
    double du = 0.0LF;
    double dv = 0.0LF;
    for (int c = 0; c < channels; c++) {
        double g = double(gradOut[o + c]);
        ATOMIC_ADD_FLOAT(gradTex, i00 + c, float(g * (1.0LF - fx) * (1.0LF - fy)));
        ATOMIC_ADD_FLOAT(gradTex, i10 + c, float(g * fx * (1.0LF - fy)));
        ATOMIC_ADD_FLOAT(gradTex, i01 + c, float(g * (1.0LF - fx) * fy));
        ATOMIC_ADD_FLOAT(gradTex, i11 + c, float(g * fx * fy));
        double t00 = double(texels[i00 + c]);
        double t10 = double(texels[i10 + c]);
        double t01 = double(texels[i01 + c]);
        double t11 = double(texels[i11 + c]);
        du += g * ((1.0LF - fy) * (t10 - t00) + fy * (t11 - t01));
        dv += g * ((1.0LF - fx) * (t01 - t00) + fx * (t11 - t10));
    }
    gradUv[i] = vec2(float(du * double(texWidth)), float(dv * double(texHeight)));
#else
    for (int c = 0; c < channels; c++) {
        precise double value = (1.0LF - fx) * (1.0LF - fy) * double(texels[i00 + c])
                + fx * (1.0LF - fy) * double(texels[i10 + c])
                + (1.0LF - fx) * fy * double(texels[i01 + c]) + fx * fy * double(texels[i11 + c]);
        outputs[o + c] = float(value);
    }
#endif
}
