#version 430
// Analytic antialiasing (EdgePairs.java), one invocation per pixel X, which evaluates the four
// pixel pairs it belongs to in the order JavaRasterBackend visits them (up, left, right, down).
// A pair of pixels showing different triangles is blended where a silhouette edge of the front
// triangle crosses the segment between the centres, at fraction t from the front centre; the
// pixel on the crossing's side moves toward its neighbour by |t - 0.5|.
// Forward: X's colour plus the contributions of the pairs that target X, added in float in
// Java's order. BACKWARD: X's colour gradient gathered from all four pairs, and the position
// gradient of the crossing for the two pairs X owns (right and down, so each pair is scattered
// once) added with float atomics.

layout(local_size_x = TILE, local_size_y = TILE) in;

layout(std430, binding = 1) readonly buffer Positions { vec4 positions[]; };
layout(std430, binding = 2) readonly buffer Triangles { int triangles[]; };
layout(std430, binding = 11) readonly buffer Ids { int ids[]; };
layout(std430, binding = 13) readonly buffer Depths { float depths[]; };
layout(std430, binding = 22) readonly buffer Neighbors { int neighbors[]; };
layout(std430, binding = 23) readonly buffer Colors { float colors[]; };
#ifdef BACKWARD
layout(std430, binding = 17) readonly buffer GradOutput { float gradOut[]; };
layout(std430, binding = 24) writeonly buffer GradColors { float gradColors[]; };
layout(std430, binding = 15) buffer GradPositions { uint gradPos[]; };
#else
layout(std430, binding = 17) writeonly buffer Output { float outputs[]; };
#endif

uniform int vertexCount;
uniform int width;
uniform int height;
uniform int channels;

int view;
int pixelBase;

dvec4 corner(int tri, int k) {
    return dvec4(positions[view * vertexCount + triangles[3 * tri + k]]);
}

double triangleEdge(int tri, int k, double px, double py) {
    return homogeneousEdge(corner(tri, (k + 1) % 3), corner(tri, (k + 2) % 3), px, py);
}

bool silhouette(int tri, int k) {
    int nb = neighbors[3 * tri + k];
    if (nb < 0) {
        return true;
    }
    double a = orientation(corner(tri, 0), corner(tri, 1), corner(tri, 2));
    double b = orientation(corner(nb, 0), corner(nb, 1), corner(nb, 2));
    return sign(a) != sign(b) || b == 0.0LF;
}

// The pair (p, q), p before q in scan order: false if nothing is blended; else f the front
// pixel, o its neighbour, target the blended pixel, t the crossing fraction, k the crossed edge.
bool pair(int p, int q, out int f, out int o, out int target, out double t, out int k) {
    f = p;
    o = q;
    target = p;
    t = 0.0LF;
    k = -1;
    int ip = ids[pixelBase + p];
    int iq = ids[pixelBase + q];
    if (ip == iq) {
        return false;
    }
    bool pFront;
    if (ip < 0) {
        pFront = false;
    } else if (iq < 0) {
        pFront = true;
    } else {
        float dp = depths[pixelBase + p];
        float dq = depths[pixelBase + q];
        pFront = dp < dq || (dp == dq && ip < iq);
    }
    f = pFront ? p : q;
    o = pFront ? q : p;
    int tri = pFront ? ip : iq;
    double fx = ndcX(f % width, width);
    double fy = ndcY(f / width, height);
    double ox = ndcX(o % width, width);
    double oy = ndcY(o / width, height);
    precise double sum = triangleEdge(tri, 0, fx, fy) + triangleEdge(tri, 1, fx, fy);
    sum += triangleEdge(tri, 2, fx, fy);
    if (sum == 0.0LF) {
        return false;
    }
    double s = sign(sum);
    double bestT = 2.0LF; // crossings lie in [0, 1]
    int bestK = -1;
    for (int e = 0; e < 3; e++) {
        double ef = s * triangleEdge(tri, e, fx, fy);
        double eo = s * triangleEdge(tri, e, ox, oy);
        if (ef >= 0.0LF && eo < 0.0LF) {
            precise double te = ef / (ef - eo);
            if (te < bestT) {
                bestT = te;
                bestK = e;
            }
        }
    }
    if (bestK < 0 || !silhouette(tri, bestK)) {
        return false;
    }
    t = bestT;
    k = bestK;
    target = t > 0.5LF ? o : f;
    return true;
}

#ifdef BACKWARD
// Adds dt * d t / d(clip positions) of the crossing of pair (f, q) through edge k.
void addCrossingGradient(double dt, int f, int q, int k) {
    int tri = ids[pixelBase + f];
    int i = triangles[3 * tri + (k + 1) % 3];
    int j = triangles[3 * tri + (k + 2) % 3];
    dvec4 pi = dvec4(positions[view * vertexCount + i]);
    dvec4 pj = dvec4(positions[view * vertexCount + j]);
    double fx = ndcX(f % width, width);
    double fy = ndcY(f / width, height);
    double qx = ndcX(q % width, width);
    double qy = ndcY(q / width, height);
    double ef = homogeneousEdge(pi, pj, fx, fy);
    double eq = homogeneousEdge(pi, pj, qx, qy);
    double den = (ef - eq) * (ef - eq);
    if (!(den > 0.0LF)) {
        return;
    }
    dvec3 gi = dvec3(0.0LF);
    dvec3 gj = dvec3(0.0LF);
    homogeneousEdgeGradient(dt * -eq / den, pi, pj, fx, fy, gi, gj);
    homogeneousEdgeGradient(dt * ef / den, pi, pj, qx, qy, gi, gj);
    int oi = 4 * (view * vertexCount + i);
    int oj = 4 * (view * vertexCount + j);
    ATOMIC_ADD_FLOAT(gradPos, oi, float(gi.x));
    ATOMIC_ADD_FLOAT(gradPos, oi + 1, float(gi.y));
    ATOMIC_ADD_FLOAT(gradPos, oi + 3, float(gi.z));
    ATOMIC_ADD_FLOAT(gradPos, oj, float(gj.x));
    ATOMIC_ADD_FLOAT(gradPos, oj + 1, float(gj.y));
    ATOMIC_ADD_FLOAT(gradPos, oj + 3, float(gj.z));
}
#endif

void main() {
    int x = int(gl_GlobalInvocationID.x);
    int y = int(gl_GlobalInvocationID.y);
    view = int(gl_WorkGroupID.z);
    if (x >= width || y >= height) {
        return;
    }
    pixelBase = view * width * height;
    int X = y * width + x;
    // the four pairs of X in Java's visiting order: (X-W, X), (X-1, X), (X, X+1), (X, X+W)
    int first[4] = int[4](X - width, X - 1, X, X);
    int second[4] = int[4](X, X, X + 1, X + width);
    bool exists[4] = bool[4](y > 0, x > 0, x + 1 < width, y + 1 < height);
    bool hit[4];
    double alpha[4];
    int other[4];
    int targets[4];
    int fronts[4];
    int edges[4];
    for (int n = 0; n < 4; n++) {
        int f;
        int o;
        int target;
        double t;
        int k;
        hit[n] = exists[n] && pair(first[n], second[n], f, o, target, t, k);
        // the target moves toward its neighbour by its uncovered (or covered) share
        alpha[n] = target == o ? t - 0.5LF : 0.5LF - t;
        other[n] = target == o ? f : o;
        targets[n] = target;
        fronts[n] = f;
        edges[n] = k;
        second[n] = o; // from here on: the non-front pixel of the pair
    }
    int cx = (pixelBase + X) * channels;
#ifdef BACKWARD
    for (int c = 0; c < channels; c++) {
        double g = double(gradOut[cx + c]);
        for (int n = 0; n < 4; n++) {
            if (!hit[n]) {
                continue;
            }
            if (other[n] == X) {
                g += alpha[n] * double(gradOut[(pixelBase + targets[n]) * channels + c]);
            } else if (targets[n] == X) {
                g -= alpha[n] * double(gradOut[cx + c]);
            }
        }
        gradColors[cx + c] = float(g);
    }
    for (int n = 2; n < 4; n++) {
        if (!hit[n]) {
            continue;
        }
        int f = fronts[n];
        int q = second[n];
        double dt = 0.0LF;
        for (int c = 0; c < channels; c++) {
            // in both cases d(out)/dt = colour(front) - colour(other side)
            dt += double(gradOut[(pixelBase + targets[n]) * channels + c])
                    * double(colors[(pixelBase + f) * channels + c] - colors[(pixelBase + q) * channels + c]);
        }
        if (dt != 0.0LF) {
            addCrossingGradient(dt, f, q, edges[n]);
        }
    }
#else
    for (int c = 0; c < channels; c++) {
        float value = colors[cx + c];
        for (int n = 0; n < 4; n++) {
            if (hit[n] && targets[n] == X) {
                // the colour difference is a float subtraction, as in Java
                value += float(alpha[n] * double(colors[(pixelBase + other[n]) * channels + c] - colors[cx + c]));
            }
        }
        outputs[cx + c] = value;
    }
#endif
}
