package io.github.photo2car.raster;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;

import io.github.photo2car.headless.HeadlessSession;
import io.github.photo2car.template.BodyType;
import io.github.photo2car.template.CarMesh;
import io.github.photo2car.template.CarParams;
import io.github.photo2car.template.CarTemplate;

/**
 * Times {@link GlslRasterBackend} beside {@link JavaRasterBackend} on the sedan template in one
 * view (the scene of {@link RasterBench}), inside a headless jME application: medians of
 * rasterize + interpolate and of the soft silhouette forward and backward, read-back included.
 * Run under {@code xvfb-run -a} without a screen. Not a test.
 */
public final class GlslRasterBench {

    private GlslRasterBench() {
    }

    /**
     * @param args optional [repeats, sizes...], default 21 repeats at 256
     */
    public static void main(String[] args) {
        int repeats = args.length > 0 ? Integer.parseInt(args[0]) : 21;
        int[] sizes = args.length > 1 ? Arrays.stream(args).skip(1).mapToInt(Integer::parseInt).toArray()
                : new int[] {256};
        CarMesh car = CarTemplate.build(CarParams.preset(BodyType.SEDAN), null);
        float[] world = car.shapePositions();
        int[] tris = car.triangles();
        float[][] pos = {OrbitCamera.lookingAt(35, 15, 6.5f, 40, 0, 0.7f, 0).project(world, 1f)};
        float[][] attr = {world};
        HeadlessSession session = HeadlessSession.start(new BareApp(), 64, 64, Duration.ofSeconds(60));
        try (GlslRasterBackend glsl = GlslRasterBackend.create(session.app())) {
            System.out.printf(Locale.ROOT, "car template: %d vertices, %d triangles; %s%n", world.length / 3,
                    tris.length / 3, session.glInfo());
            RasterBackend[] backends = {glsl, new JavaRasterBackend()};
            for (int size : sizes) {
                for (RasterBackend backend : backends) {
                    double[] raster = new double[repeats];
                    double[] softF = new double[repeats];
                    double[] softB = new double[repeats];
                    for (int r = -5; r < repeats; r++) {
                        long t0 = System.nanoTime();
                        RasterOutput out = backend.rasterize(pos, tris, size, size);
                        backend.interpolate(out, tris, attr, 3);
                        long t1 = System.nanoTime();
                        float[][] soft = backend.softSilhouette(pos, tris, size, size, 2f);
                        long t2 = System.nanoTime();
                        backend.softSilhouetteBackward(pos, tris, size, size, 2f, soft);
                        long t3 = System.nanoTime();
                        if (r >= 0) {
                            raster[r] = (t1 - t0) / 1e6;
                            softF[r] = (t2 - t1) / 1e6;
                            softB[r] = (t3 - t2) / 1e6;
                        }
                    }
                    if (backend == glsl) {
                        double[] direct = new double[repeats];
                        session.onRenderThread(() -> {
                            for (int r = 0; r < repeats; r++) {
                                long t0 = System.nanoTime();
                                RasterOutput out = backend.rasterize(pos, tris, size, size);
                                backend.interpolate(out, tris, attr, 3);
                                direct[r] = (System.nanoTime() - t0) / 1e6;
                            }
                            return null;
                        });
                        System.out.printf(Locale.ROOT, "glsl on the render thread: rasterize+interpolate %7.2f%n",
                                median(direct));
                    }
                    System.out.printf(Locale.ROOT, "%-5s %4dx%-4d median ms: rasterize+interpolate %7.2f"
                            + " | softSilhouette fwd %7.2f bwd %7.2f%n", backend.name(), size, size,
                            median(raster), median(softF), median(softB));
                }
            }
        } finally {
            session.close();
        }
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
