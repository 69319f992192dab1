package io.github.photo2car.trainer.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Command line of {@code ./photo2car eval-template}: how well can the parametric car template
 * express real cars? Fits the template to every .glb model in a folder (voxel IoU at unit length,
 * see {@link TemplateFitter} and {@link UnitLengthGrid}), prints progress per model, writes a JSON
 * report ({@link TemplateEvalReport}) and optionally one side-by-side picture per model
 * ({@link SideBySideRenderer}).
 *
 * <pre>
 * eval-template --models DIR --json FILE [--pictures DIR] [--grid N] [--seed S]
 * </pre>
 */
public final class EvalTemplate {

    private EvalTemplate() {
    }

    /**
     * Runs the evaluation.
     *
     * @param args command-line arguments, see the class comment (not modified)
     * @throws IOException if a model cannot be listed or the report or a picture cannot be written
     */
    public static void main(String[] args) throws IOException {
        Path models = null;
        Path json = null;
        Path pictures = null;
        TemplateFitter.Options defaults = TemplateFitter.Options.defaults();
        int grid = defaults.gridSize();
        long seed = defaults.seed();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("-h") || a.equals("--help")) {
                System.out.println(usage());
                return;
            }
            if (i + 1 >= args.length) {
                fail("missing value after " + a);
            }
            String value = args[++i];
            switch (a) {
                case "--models" -> models = Paths.get(value);
                case "--json" -> json = Paths.get(value);
                case "--pictures" -> pictures = Paths.get(value);
                case "--grid" -> grid = parseInt(a, value);
                case "--seed" -> seed = parseInt(a, value);
                default -> fail("unknown option " + a);
            }
        }
        if (models == null || json == null) {
            fail("--models and --json are required");
        }
        if (!Files.isDirectory(models)) {
            fail("no such folder: " + models);
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(models)) {
            files = list.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".glb"))
                    .sorted().toList();
        }
        if (files.isEmpty()) {
            fail("no .glb models in " + models);
        }

        TemplateFitter fitter = new TemplateFitter(new TemplateFitter.Options(grid, defaults.searches(),
                defaults.evaluationsPerSearch(), defaults.polishEvaluations(), defaults.threads(), seed));
        List<TemplateEvalReport.Entry> entries = new ArrayList<>();
        List<CarModel> loaded = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int i = 0; i < files.size(); i++) {
            CarModel model = CarModel.load(files.get(i));
            TemplateFit fit = fitter.fit(model);
            entries.add(new TemplateEvalReport.Entry(model.name(), fit));
            loaded.add(model);
            System.out.printf(Locale.ROOT, "[%2d/%d] %-16s IoU %.3f  (start %s, %d evaluations, %.1f s)%n", i + 1,
                    files.size(), model.name(), fit.iou(), fit.start(), fit.evaluations(), fit.seconds());
        }
        TemplateEvalReport.write(entries, grid, json);
        System.out.printf(Locale.ROOT, "median IoU %.3f, min IoU %.3f over %d models in %.0f s; wrote %s%n",
                TemplateEvalReport.medianIou(entries), TemplateEvalReport.minIou(entries), entries.size(),
                (System.nanoTime() - t0) / 1e9, json);
        if (pictures != null) {
            List<Path> written = SideBySideRenderer.render(files, entries, pictures);
            System.out.println("wrote " + written.size() + " pictures to " + pictures);
        }
    }

    private static int parseInt(String option, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            fail(option + " expects an integer, got " + value);
            return 0;
        }
    }

    private static String usage() {
        return "usage: eval-template --models DIR --json FILE [--pictures DIR] [--grid N] [--seed S]";
    }

    private static void fail(String message) {
        System.err.println("eval-template: " + message);
        System.err.println(usage());
        System.exit(2);
    }
}
