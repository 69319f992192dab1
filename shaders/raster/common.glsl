// Shared by every shader of the GLSL raster backend (GlslRasterBackend). The Java side inserts
// this text after the #version line and the defines of each raster/*.comp file.
//
// Geometry runs in double precision with the operation order of the Java backend, so triangle
// ids, barycentrics and depths come out bit-identical to JavaRasterBackend on an IEEE double
// implementation; 'precise' stops the compiler from fusing multiply-adds, which would round
// differently.

#extension GL_ARB_gpu_shader_fp64 : enable

// Tile side in pixels (ClippedView.TILE); pixel kernels run one 16x16 work group per tile.
#define TILE 16
// Words per sub-triangle record: SUB_D doubles and SUB_I ints (see setup.comp).
#define SUB_D 24
#define SUB_I 16
// Offsets inside a double record: corner pixel x, y, NDC depth, normalized edges, depth plane.
#define D_SX 0
#define D_SY 3
#define D_SZ 6
#define D_EDGE 9
#define D_PLANE 18
// Offsets inside an int record: valid flag, corner provenance (va, vb, t bits), pixel box, box flag.
#define I_VALID 0
#define I_VA 1
#define I_VB 4
#define I_VT 7
#define I_BOX 10
#define I_HASBOX 14

// Adds a float to a uint-typed SSBO element (GLSL 4.3 has no float atomics): compare-and-swap
// on the bit pattern until no other invocation got in between.
#define ATOMIC_ADD_FLOAT(buf, index, value) { \
    float add_ = (value); \
    if (add_ != 0.0) { \
        uint seen_ = buf[index]; \
        uint expected_; \
        do { \
            expected_ = seen_; \
            seen_ = atomicCompSwap(buf[index], expected_, floatBitsToUint(uintBitsToFloat(expected_) + add_)); \
        } while (seen_ != expected_); \
    } \
}

// NDC x of the centre of pixel column x (Homogeneous.ndcX).
double ndcX(int x, int width) {
    precise double r = (double(x) + 0.5LF) * 2.0LF / double(width) - 1.0LF;
    return r;
}

// NDC y of the centre of pixel row y, row 0 at the top (Homogeneous.ndcY).
double ndcY(int y, int height) {
    precise double r = 1.0LF - (double(y) + 0.5LF) * 2.0LF / double(height);
    return r;
}

// 2D homogeneous edge function f_ij(P) = a_i x a_j with a = (x - px w, y - py w) (Olano and
// Greer 1997); pi and pj are clip positions (x, y, z, w).
double homogeneousEdge(dvec4 pi, dvec4 pj, double px, double py) {
    precise double aix = pi.x - px * pi.w;
    precise double aiy = pi.y - py * pi.w;
    precise double ajx = pj.x - px * pj.w;
    precise double ajy = pj.y - py * pj.w;
    precise double r = aix * ajy - aiy * ajx;
    return r;
}

// g * d f_ij / d(x, y, w) of vertex i (into gi) and of vertex j (into gj); z gets nothing.
void homogeneousEdgeGradient(double g, dvec4 pi, dvec4 pj, double px, double py, inout dvec3 gi, inout dvec3 gj) {
    double aix = pi.x - px * pi.w;
    double aiy = pi.y - py * pi.w;
    double ajx = pj.x - px * pj.w;
    double ajy = pj.y - py * pj.w;
    gi += g * dvec3(ajy, -ajx, -px * ajy + py * ajx);
    gj += g * dvec3(-aiy, aix, px * aiy - py * aix);
}

// Signed orientation of a triangle in 2D homogeneous space: det of rows (x, y, w).
double orientation(dvec4 p0, dvec4 p1, dvec4 p2) {
    precise double r = p0.x * (p1.y * p2.w - p1.w * p2.y) - p0.y * (p1.x * p2.w - p1.w * p2.x)
            + p0.w * (p1.x * p2.y - p1.y * p2.x);
    return r;
}

// Linear index of this invocation in a 1D job dispatched as a 2D grid of 1D groups (a grid
// dimension holds at most 65535 groups). A macro because gl_WorkGroupSize exists only after the
// shader's layout declaration, which follows this text.
#define LINEAR_INVOCATION() ((gl_WorkGroupID.y * gl_NumWorkGroups.x + gl_WorkGroupID.x) * gl_WorkGroupSize.x \
        + gl_LocalInvocationID.x)
