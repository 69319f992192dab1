package io.github.photo2car.raster;

import java.util.Arrays;
import java.util.Locale;

import io.github.photo2car.template.BodyType;
import io.github.photo2car.template.CarMesh;
import io.github.photo2car.template.CarParams;
import io.github.photo2car.template.CarTemplate;

/**
 * Benchmark harness (a main, not a timed unit test): median milliseconds of rasterize +
 * interpolate (3 channels) of the sedan car template, one view, at 128^2, 256^2 and 512^2 on the
 * Java backend, and, separately, of the backward passes (interpolate + rasterize, antialias)
 * and the soft silhouette's forward and backward; at 128^2 and 256^2 also the naive
 * single-threaded reference ({@link NaiveRasterizer}) for the speed-up. Run from the plugin module after {@code mvn test-compile}:
 * {@code java -cp target/classes:target/test-classes:<dependencies> io.github.photo2car.raster.RasterBench}.
 * Optional arguments: repeats (default 21), threads (default all processors).
 */
public final class RasterBench {

    private RasterBench() {
    }

    /**
     * @param args optional [repeats, threads]
     */
    public static void main(String[] args) {
        int repeats = args.length > 0 ? Integer.parseInt(args[0]) : 21;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : Runtime.getRuntime().availableProcessors();
        CarMesh car = CarTemplate.build(CarParams.preset(BodyType.SEDAN), null);
        float[] world = car.shapePositions();
        int[] tris = car.triangles();
        EdgeTopology topo = EdgeTopology.of(tris);
        JavaRasterBackend backend = new JavaRasterBackend(threads);
        OrbitCamera cam = OrbitCamera.lookingAt(35, 15, 6.5f, 40, 0, 0.7f, 0);
        float[][] pos = {cam.project(world, 1f)};
        float[][] attr = {world};
        System.out.printf(Locale.ROOT, "car template: %d vertices, %d triangles; %d threads; %s %s%n",
                world.length / 3, tris.length / 3, threads, System.getProperty("java.vm.name"),
                System.getProperty("java.version"));
        for (int size : new int[] {128, 256, 512}) {
            double[] fwd = new double[repeats];
            double[] bwd = new double[repeats];
            double[] softF = new double[repeats];
            double[] softB = new double[repeats];
            double[] aaB = new double[repeats];
            int covered = 0;
            for (int r = -20; r < repeats; r++) {
                long t0 = System.nanoTime();
                RasterOutput raster = backend.rasterize(pos, tris, size, size);
                float[][] img = backend.interpolate(raster, tris, attr, 3);
                long t1 = System.nanoTime();
                float[][] g = {img[0]};
                InterpolateGradients ig = backend.interpolateBackward(raster, tris, attr, 3, g);
                backend.rasterizeBackward(raster, pos, tris, ig.barycentrics());
                long t2 = System.nanoTime();
                float[][] mask = {raster.mask(0)};
                backend.antialiasBackward(mask, 1, raster, pos, tris, topo, mask);
                long t3 = System.nanoTime();
                float[][] soft = backend.softSilhouette(pos, tris, size, size, 2f);
                long t4 = System.nanoTime();
                backend.softSilhouetteBackward(pos, tris, size, size, 2f, soft);
                long t5 = System.nanoTime();
                if (r >= 0) {
                    fwd[r] = (t1 - t0) / 1e6;
                    bwd[r] = (t2 - t1) / 1e6;
                    aaB[r] = (t3 - t2) / 1e6;
                    softF[r] = (t4 - t3) / 1e6;
                    softB[r] = (t5 - t4) / 1e6;
                }
                covered = 0;
                for (int id : raster.triangleIds(0)) {
                    covered += id >= 0 ? 1 : 0;
                }
            }
            System.out.printf(Locale.ROOT,
                    "%4dx%-4d median ms: rasterize+interpolate %7.2f | interpolate+rasterize backward %7.2f"
                            + " | antialias backward %7.2f | softSilhouette fwd %7.2f bwd %7.2f | coverage %.1f%%%n",
                    size, size, median(fwd), median(bwd), median(aaB), median(softF), median(softB),
                    100.0 * covered / (size * size));
            if (size <= 256) {
                double[] naive = new double[3];
                for (int r = 0; r < naive.length; r++) {
                    long t0 = System.nanoTime();
                    RasterOutput raster = NaiveRasterizer.rasterize(pos, tris, size, size);
                    backend.interpolate(raster, tris, attr, 3);
                    naive[r] = (System.nanoTime() - t0) / 1e6;
                }
                System.out.printf(Locale.ROOT, "%4dx%-4d naive single-threaded rasterize + interpolate median %8.1f ms%n",
                        size, size, median(naive));
            }
        }
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
