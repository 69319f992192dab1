#version 430
// Triangle setup, one invocation per (view, face): clip against the near plane z + w >= 0 in
// homogeneous space (Sutherland-Hodgman on one plane, 0, 1 or 2 sub-triangles), project to pixel
// coordinates, and store per sub-triangle its corners' provenance, pixel corners, normalized edge
// functions, depth plane and pixel bounding box. Sub-triangle slots are fixed: slot
// view * 2T + 2 face + k, k = 0 for the fan (0, 1, 2) and 1 for (0, 2, 3); an unused slot has
// valid = 0. Mirrors ClippedView.build, add and setupEdges operation for operation.

layout(local_size_x = 64) in;

layout(std430, binding = 1) readonly buffer Positions { vec4 positions[]; };
layout(std430, binding = 2) readonly buffer Triangles { int triangles[]; };
layout(std430, binding = 3) writeonly buffer SubDoubles { double subD[]; };
layout(std430, binding = 4) writeonly buffer SubInts { int subI[]; };

uniform int views;
uniform int vertexCount;
uniform int faceCount;
uniform int width;
uniform int height;

const double MIN_AREA2 = 1e-9LF;
const double MIN_W = 1e-12LF;

double lerpD(double a, double b, double t) {
    precise double r = a + t * (b - a);
    return t == 0.0LF ? a : r;
}

// Writes sub-triangle slot s from polygon corners c0, c1, c2; returns nothing, marks validity.
void addSub(int s, int view, ivec4 pa, ivec4 pb, vec4 pt, int c0, int c1, int c2) {
    int base = SUB_D * s;
    int ib = SUB_I * s;
    subI[ib + I_VALID] = 0;
    double sx[3];
    double sy[3];
    double sz[3];
    for (int k = 0; k < 3; k++) {
        int c = k == 0 ? c0 : (k == 1 ? c1 : c2);
        int a = pa[c];
        int b = pb[c];
        double t = double(pt[c]);
        dvec4 va = dvec4(positions[view * vertexCount + a]);
        dvec4 vb = dvec4(positions[view * vertexCount + b]);
        double x = lerpD(va.x, vb.x, t);
        double y = lerpD(va.y, vb.y, t);
        double z = lerpD(va.z, vb.z, t);
        double w = lerpD(va.w, vb.w, t);
        if (!(w > MIN_W)) {
            return; // a projection that is not a camera: w <= 0 inside the near plane
        }
        subI[ib + I_VA + k] = a;
        subI[ib + I_VB + k] = b;
        subI[ib + I_VT + k] = floatBitsToInt(pt[c]);
        precise double px = (x / w * 0.5LF + 0.5LF) * double(width);
        precise double py = (0.5LF - 0.5LF * y / w) * double(height);
        precise double pz = z / w;
        sx[k] = px;
        sy[k] = py;
        sz[k] = pz;
    }
    precise double area2 = (sx[1] - sx[0]) * (sy[2] - sy[0]) - (sy[1] - sy[0]) * (sx[2] - sx[0]);
    if (!(abs(area2) > MIN_AREA2) || isinf(area2) || isnan(area2)) {
        return;
    }
    // edges e_k = A x + B y + C opposite corner k, normalized by the doubled area
    double e[9];
    double area = 0.0LF;
    for (int k = 0; k < 3; k++) {
        int i = (k + 1) % 3;
        int j = (k + 2) % 3;
        precise double ea = -(sy[j] - sy[i]);
        precise double eb = sx[j] - sx[i];
        precise double ec = -(ea * sx[i] + eb * sy[i]);
        e[3 * k] = ea;
        e[3 * k + 1] = eb;
        e[3 * k + 2] = ec;
        if (k == 0) {
            precise double a0 = ea * sx[0] + eb * sy[0] + ec;
            area = a0;
        }
    }
    precise double inv = 1.0LF / area;
    for (int k = 0; k < 9; k++) {
        precise double en = e[k] * inv;
        e[k] = en;
    }
    precise double p = 0.0LF;
    precise double q = 0.0LF;
    precise double r = 0.0LF;
    for (int k = 0; k < 3; k++) {
        p += sz[k] * e[3 * k];
        q += sz[k] * e[3 * k + 1];
        r += sz[k] * e[3 * k + 2];
    }
    for (int k = 0; k < 3; k++) {
        subD[base + D_SX + k] = sx[k];
        subD[base + D_SY + k] = sy[k];
        subD[base + D_SZ + k] = sz[k];
    }
    for (int k = 0; k < 9; k++) {
        subD[base + D_EDGE + k] = e[k];
    }
    subD[base + D_PLANE] = p;
    subD[base + D_PLANE + 1] = q;
    subD[base + D_PLANE + 2] = r;
    // pixel box (centres at x + 0.5) without margin, as ClippedView.bounds(s, 0)
    double minX = min(sx[0], min(sx[1], sx[2]));
    double maxX = max(sx[0], max(sx[1], sx[2]));
    double minY = min(sy[0], min(sy[1], sy[2]));
    double maxY = max(sy[0], max(sy[1], sy[2]));
    double x0 = ceil(minX - 0.5LF);
    double x1 = floor(maxX - 0.5LF);
    double y0 = ceil(minY - 0.5LF);
    double y1 = floor(maxY - 0.5LF);
    bool inside = !(x1 < 0.0LF || y1 < 0.0LF || x0 > double(width - 1) || y0 > double(height - 1)
            || x0 > x1 || y0 > y1);
    subI[ib + I_HASBOX] = inside ? 1 : 0;
    if (inside) {
        subI[ib + I_BOX] = int(max(0.0LF, x0));
        subI[ib + I_BOX + 1] = int(min(double(width - 1), x1));
        subI[ib + I_BOX + 2] = int(max(0.0LF, y0));
        subI[ib + I_BOX + 3] = int(min(double(height - 1), y1));
    }
    subI[ib + I_VALID] = 1;
}

void main() {
    uint id = LINEAR_INVOCATION();
    if (id >= uint(views * faceCount)) {
        return;
    }
    int view = int(id) / faceCount;
    int face = int(id) % faceCount;
    int s0 = 2 * int(id);
    subI[SUB_I * s0 + I_VALID] = 0;
    subI[SUB_I * (s0 + 1) + I_VALID] = 0;
    ivec3 idx = ivec3(triangles[3 * face], triangles[3 * face + 1], triangles[3 * face + 2]);
    if (idx.x == idx.y || idx.y == idx.z || idx.x == idx.z) {
        return;
    }
    double d[3];
    int insideCount = 0;
    for (int k = 0; k < 3; k++) {
        vec4 p = positions[view * vertexCount + idx[k]];
        precise double dk = double(p.z) + double(p.w);
        d[k] = dk;
        insideCount += dk >= 0.0LF ? 1 : 0;
    }
    if (insideCount == 0) {
        return;
    }
    ivec4 pa = ivec4(0);
    ivec4 pb = ivec4(0);
    vec4 pt = vec4(0.0);
    int n = 0;
    for (int k = 0; k < 3; k++) {
        int k2 = (k + 1) % 3;
        if (d[k] >= 0.0LF) {
            pa[n] = idx[k];
            pb[n] = idx[k];
            pt[n] = 0.0;
            n++;
        }
        if ((d[k] >= 0.0LF) != (d[k2] >= 0.0LF)) {
            pa[n] = idx[k];
            pb[n] = idx[k2];
            precise double tk = d[k] / (d[k] - d[k2]);
            pt[n] = float(tk);
            n++;
        }
    }
    for (int k = 1; k + 1 < n; k++) {
        addSub(s0 + k - 1, view, pa, pb, pt, 0, k, k + 1);
    }
}
