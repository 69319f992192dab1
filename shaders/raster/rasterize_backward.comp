#version 430
// Backward of rasterize through the barycentrics, one invocation per pixel: with f_k the
// homogeneous edge functions of the visible triangle, u = f0 / sum and v = f1 / sum; the
// quotient rule gives each f a weight, carried to the clip (x, y, w) of the triangle's vertices
// and added into the gradient with float atomics (9 per pixel).

layout(local_size_x = TILE, local_size_y = TILE) in;

layout(std430, binding = 1) readonly buffer Positions { vec4 positions[]; };
layout(std430, binding = 2) readonly buffer Triangles { int triangles[]; };
layout(std430, binding = 11) readonly buffer Ids { int ids[]; };
layout(std430, binding = 14) readonly buffer GradBary { vec2 gradBary[]; };
layout(std430, binding = 15) buffer GradPositions { uint gradPos[]; };

uniform int vertexCount;
uniform int width;
uniform int height;

void main() {
    int x = int(gl_GlobalInvocationID.x);
    int y = int(gl_GlobalInvocationID.y);
    int view = int(gl_WorkGroupID.z);
    if (x >= width || y >= height) {
        return;
    }
    int p = (view * height + y) * width + x;
    int t = ids[p];
    dvec2 g = dvec2(gradBary[p]);
    if (t < 0 || (g.x == 0.0LF && g.y == 0.0LF)) {
        return;
    }
    int first = view * vertexCount;
    ivec3 v = ivec3(triangles[3 * t], triangles[3 * t + 1], triangles[3 * t + 2]);
    dvec4 p0 = dvec4(positions[first + v.x]);
    dvec4 p1 = dvec4(positions[first + v.y]);
    dvec4 p2 = dvec4(positions[first + v.z]);
    double px = ndcX(x, width);
    double py = ndcY(y, height);
    double f0 = homogeneousEdge(p1, p2, px, py);
    double f1 = homogeneousEdge(p2, p0, px, py);
    double f2 = homogeneousEdge(p0, p1, px, py);
    double sum = f0 + f1 + f2;
    if (!(abs(sum) > 1e-300LF)) {
        return;
    }
    double quotient = (g.x * f0 + g.y * f1) / (sum * sum);
    dvec3 g0 = dvec3(0.0LF);
    dvec3 g1 = dvec3(0.0LF);
    dvec3 g2 = dvec3(0.0LF);
    homogeneousEdgeGradient(g.x / sum - quotient, p1, p2, px, py, g1, g2);
    homogeneousEdgeGradient(g.y / sum - quotient, p2, p0, px, py, g2, g0);
    homogeneousEdgeGradient(-quotient, p0, p1, px, py, g0, g1);
    for (int k = 0; k < 3; k++) {
        dvec3 gk = k == 0 ? g0 : (k == 1 ? g1 : g2);
        int o = 4 * (first + v[k]);
        ATOMIC_ADD_FLOAT(gradPos, o, float(gk.x));
        ATOMIC_ADD_FLOAT(gradPos, o + 1, float(gk.y));
        ATOMIC_ADD_FLOAT(gradPos, o + 3, float(gk.z));
    }
}
