#version 430
// DIB-R style soft silhouette (SoftSilhouette.java), one 16x16 work group per (tile, view), one
// invocation per pixel; faces are binned with the cutoff radius as margin. Each face in the
// pixel's bin gives d2, the squared pixel distance from the centre to the nearer of its
// sub-triangles (0 inside); faces with d2 < cut2 multiply q by 1 - exp(-d2 / sigma) and the
// mask is 1 - q (exactly 1 when covered). With BACKWARD defined, a second walk over the bin
// carries dmask/dd2 = -g (q / (1 - p)) p / sigma through the closest segment, the projection and
// the near-plane clipping to the clip positions, added with float atomics.

layout(local_size_x = TILE, local_size_y = TILE) in;

layout(std430, binding = 0) readonly buffer Params { uint params[]; };
layout(std430, binding = 1) readonly buffer Positions { vec4 positions[]; };
layout(std430, binding = 3) readonly buffer SubDoubles { double subD[]; };
layout(std430, binding = 4) readonly buffer SubInts { int subI[]; };
layout(std430, binding = 6) readonly buffer TileStarts { uint tileStarts[]; };
layout(std430, binding = 10) readonly buffer BinItems { int binItems[]; };
#ifdef BACKWARD
layout(std430, binding = 26) readonly buffer GradMask { float gradMask[]; };
layout(std430, binding = 15) buffer GradPositions { uint gradPos[]; };
#else
layout(std430, binding = 25) writeonly buffer Mask { float mask[]; };
#endif

uniform int vertexCount;
uniform int faceCount;
uniform int width;
uniform int height;
uniform int tilesX;
uniform int tilesY;

const double FAR = 1e300LF;
const double LN2 = 0.6931471805599453LF;

// exp(-x) for x >= 0 in double precision (GLSL has no double exp): exp(-x) = 2^-k exp(-r) with
// |r| <= ln(2) / 2 and a Taylor series of exp(-r) to degree 16 (truncation below 1e-18). Near 1 it
// keeps the digits that 1 - exp(-x) needs for pixels just outside an edge.
double expNegative(double x) {
    double k = floor(x / LN2 + 0.5LF);
    double r = x - k * LN2;
    double term = 1.0LF;
    double sum = 1.0LF;
    for (int n = 1; n <= 16; n++) {
        term *= -r / double(n);
        sum += term;
    }
    return ldexp(sum, -int(k));
}

double param(int i) {
    return packDouble2x32(uvec2(params[2 * i], params[2 * i + 1]));
}

// Squared pixel distance from (px, py) to sub-triangle s: 0 inside, FAR when the bounding box is
// farther than r, else to the nearest edge segment, whose corners (a, b) and fraction t of the
// closest point a + t (b - a) go to hit.
double distance2(int s, double px, double py, double r, out ivec2 corners, out double t) {
    corners = ivec2(0);
    t = 0.0LF;
    int base = SUB_D * s;
    double sx[3] = double[3](subD[base + D_SX], subD[base + D_SX + 1], subD[base + D_SX + 2]);
    double sy[3] = double[3](subD[base + D_SY], subD[base + D_SY + 1], subD[base + D_SY + 2]);
    if (px < min(sx[0], min(sx[1], sx[2])) - r || px > max(sx[0], max(sx[1], sx[2])) + r
            || py < min(sy[0], min(sy[1], sy[2])) - r || py > max(sy[0], max(sy[1], sy[2])) + r) {
        return FAR;
    }
    int e = base + D_EDGE;
    precise double e0 = subD[e] * px + subD[e + 1] * py + subD[e + 2];
    precise double e1 = subD[e + 3] * px + subD[e + 4] * py + subD[e + 5];
    precise double e2 = subD[e + 6] * px + subD[e + 7] * py + subD[e + 8];
    if (e0 >= 0.0LF && e1 >= 0.0LF && e2 >= 0.0LF) {
        return 0.0LF;
    }
    double best = FAR;
    for (int k = 0; k < 3; k++) {
        int a = k;
        int b = (k + 1) % 3;
        precise double ex = sx[b] - sx[a];
        precise double ey = sy[b] - sy[a];
        precise double len2 = ex * ex + ey * ey;
        precise double tk = len2 > 0.0LF ? ((px - sx[a]) * ex + (py - sy[a]) * ey) / len2 : 0.0LF;
        tk = max(0.0LF, min(1.0LF, tk));
        precise double dx = px - (sx[a] + tk * ex);
        precise double dy = py - (sy[a] + tk * ey);
        precise double d2 = dx * dx + dy * dy;
        if (d2 < best) {
            best = d2;
            corners = ivec2(3 * s + a, 3 * s + b);
            t = tk;
        }
    }
    return best;
}

#ifdef BACKWARD
int view;

double lerpD(double a, double b, double t) {
    return t == 0.0LF ? a : a + t * (b - a);
}

void addVertex(int v, int component, double g) {
    ATOMIC_ADD_FLOAT(gradPos, 4 * (view * vertexCount + v) + component, float(g));
}

// Carries a gradient on the pixel position of a sub-triangle corner back to clip space through
// X = (x / w * 0.5 + 0.5) W, Y = (0.5 - 0.5 y / w) H and the near-plane intersection
// c = v[a] + t (v[b] - v[a]), t = d_a / (d_a - d_b), d = z + w.
void addScreenGradient(int corner, double gX, double gY) {
    int ib = SUB_I * (corner / 3);
    int k = corner % 3;
    int va = subI[ib + I_VA + k];
    int vb = subI[ib + I_VB + k];
    double t = double(intBitsToFloat(subI[ib + I_VT + k]));
    dvec4 pa = dvec4(positions[view * vertexCount + va]);
    dvec4 pb = dvec4(positions[view * vertexCount + vb]);
    double x = lerpD(pa.x, pb.x, t);
    double y = lerpD(pa.y, pb.y, t);
    double w = lerpD(pa.w, pb.w, t);
    double hw = 0.5LF * double(width);
    double hh = 0.5LF * double(height);
    double gx = gX * hw / w;
    double gy = -gY * hh / w;
    double gw = -gX * hw * x / (w * w) + gY * hh * y / (w * w);
    if (va == vb) {
        addVertex(va, 0, gx);
        addVertex(va, 1, gy);
        addVertex(va, 3, gw);
        return;
    }
    double da = pa.z + pa.w;
    double db = pb.z + pb.w;
    double den = (da - db) * (da - db);
    double gt = gx * (pb.x - pa.x) + gy * (pb.y - pa.y) + gw * (pb.w - pa.w);
    double dtda = den > 0.0LF ? -db / den : 0.0LF;
    double dtdb = den > 0.0LF ? da / den : 0.0LF;
    addVertex(va, 0, (1.0LF - t) * gx);
    addVertex(va, 1, (1.0LF - t) * gy);
    addVertex(va, 2, gt * dtda);
    addVertex(va, 3, (1.0LF - t) * gw + gt * dtda);
    addVertex(vb, 0, t * gx);
    addVertex(vb, 1, t * gy);
    addVertex(vb, 2, gt * dtdb);
    addVertex(vb, 3, t * gw + gt * dtdb);
}
#endif

void main() {
    int x = int(gl_GlobalInvocationID.x);
    int y = int(gl_GlobalInvocationID.y);
    int viewIndex = int(gl_WorkGroupID.z);
    if (x >= width || y >= height) {
        return;
    }
    int p = (viewIndex * height + y) * width + x;
#ifdef BACKWARD
    view = viewIndex;
    double g = double(gradMask[p]);
    if (g == 0.0LF) {
        return;
    }
#endif
    double cut2 = param(1);
    double sigma = param(2);
    double r = param(3);
    int tile = viewIndex * tilesX * tilesY + int(gl_WorkGroupID.y) * tilesX + int(gl_WorkGroupID.x);
    uint start = tileStarts[tile];
    uint end = tileStarts[tile + 1];
    double px = double(x) + 0.5LF;
    double py = double(y) + 0.5LF;
    double q = 1.0LF;
    ivec2 corners;
    double t;
    for (uint it = start; it < end && q > 0.0LF; it++) {
        int s0 = 2 * (viewIndex * faceCount + binItems[it]);
        double d2 = FAR;
        for (int s = s0; s < s0 + 2; s++) {
            if (subI[SUB_I * s + I_VALID] != 0) {
                d2 = min(d2, distance2(s, px, py, r, corners, t));
            }
        }
        if (d2 == 0.0LF) {
            q = 0.0LF; // covered: the mask is exactly 1
        } else if (d2 < cut2) {
            q *= 1.0LF - expNegative(d2 / sigma);
        }
    }
#ifdef BACKWARD
    if (!(q > 0.0LF)) {
        return;
    }
    for (uint it = start; it < end; it++) {
        int s0 = 2 * (viewIndex * faceCount + binItems[it]);
        double best = FAR;
        ivec2 bestCorners = ivec2(0);
        double bestT = 0.0LF;
        for (int s = s0; s < s0 + 2; s++) {
            if (subI[SUB_I * s + I_VALID] == 0) {
                continue;
            }
            double d2 = distance2(s, px, py, r, corners, t);
            if (d2 < best) {
                best = d2;
                bestCorners = corners;
                bestT = t;
            }
        }
        if (best < cut2 && best > 0.0LF) {
            double pf = expNegative(best / sigma);
            double dd2 = -g * (q / (1.0LF - pf)) * pf / sigma;
            // d(d2)/da = -2 (P - c)(1 - t), d(d2)/db = -2 (P - c) t at the closest point c
            int a = bestCorners.x;
            int b = bestCorners.y;
            int ba = SUB_D * (a / 3);
            int bb = SUB_D * (b / 3);
            double cx = subD[ba + D_SX + a % 3] + bestT * (subD[bb + D_SX + b % 3] - subD[ba + D_SX + a % 3]);
            double cy = subD[ba + D_SY + a % 3] + bestT * (subD[bb + D_SY + b % 3] - subD[ba + D_SY + a % 3]);
            double gx = -2.0LF * (px - cx) * dd2;
            double gy = -2.0LF * (py - cy) * dd2;
            addScreenGradient(a, gx * (1.0LF - bestT), gy * (1.0LF - bestT));
            addScreenGradient(b, gx * bestT, gy * bestT);
        }
    }
#else
    mask[p] = float(1.0LF - q);
#endif
}
