package io.github.photo2car.trainer.eval;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.github.photo2car.template.CarParams;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The JSON report of the template-expressiveness evaluation:
 * <pre>
 * {"models": [{"name", "iou3d", "params": {name: value, …}, "start", "evaluations", "seconds"}, …],
 *  "median_iou3d", "min_iou3d", "grid", "normalisation"}
 * </pre>
 * Parameter values are in the units of {@link CarParams}' getters (metres, degrees, ratios); as
 * shapes are compared at unit length only their proportions are meaningful.
 */
public final class TemplateEvalReport {

    /**
     * One evaluated model.
     *
     * @param name model name (file name without extension)
     * @param fit  its best template fit
     */
    public record Entry(String name, TemplateFit fit) {
        /** Validates the components. */
        public Entry {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(fit, "fit");
        }
    }

    private TemplateEvalReport() {
    }

    /**
     * Median IoU of the entries (mean of the two middle values for an even count).
     *
     * @param entries at least one entry (not modified)
     * @return the median of the entries' IoU
     */
    public static double medianIou(List<Entry> entries) {
        double[] v = ious(entries);
        Arrays.sort(v);
        int m = v.length / 2;
        return v.length % 2 == 1 ? v[m] : 0.5 * (v[m - 1] + v[m]);
    }

    /**
     * Smallest IoU of the entries.
     *
     * @param entries at least one entry (not modified)
     * @return the minimum of the entries' IoU
     */
    public static double minIou(List<Entry> entries) {
        return Arrays.stream(ious(entries)).min().orElseThrow();
    }

    private static double[] ious(List<Entry> entries) {
        if (entries == null || entries.isEmpty()) {
            throw new IllegalArgumentException("at least one entry is needed");
        }
        return entries.stream().mapToDouble(e -> e.fit().iou()).toArray();
    }

    /**
     * @param params a car (not modified)
     * @return a new JSON object: each parameter by name, metres or as documented in {@link CarParams}
     */
    public static JsonObject paramsJson(CarParams params) {
        String[] names = CarParams.names();
        JsonObject o = new JsonObject();
        for (int i = 0; i < names.length; i++) {
            o.addProperty(names[i], round(params.get(i)));
        }
        return o;
    }

    /**
     * Builds the report as a JSON tree.
     *
     * @param entries  evaluated models in report order (at least one; not modified)
     * @param gridSize voxels per axis of the IoU grid (&gt; 0)
     * @return a new JSON object
     */
    public static JsonObject toJson(List<Entry> entries, int gridSize) {
        if (gridSize <= 0) {
            throw new IllegalArgumentException("gridSize must be positive, got " + gridSize);
        }
        JsonArray models = new JsonArray();
        for (Entry e : entries) {
            JsonObject m = new JsonObject();
            m.addProperty("name", e.name());
            m.addProperty("iou3d", round(e.fit().iou()));
            m.add("params", paramsJson(e.fit().params()));
            m.addProperty("start", e.fit().start().name());
            m.addProperty("evaluations", e.fit().evaluations());
            m.addProperty("seconds", Math.round(e.fit().seconds() * 10) / 10.0);
            models.add(m);
        }
        JsonObject root = new JsonObject();
        root.add("models", models);
        root.addProperty("median_iou3d", round(medianIou(entries)));
        root.addProperty("min_iou3d", round(minIou(entries)));
        root.addProperty("grid", gridSize);
        root.addProperty("normalisation", UnitLengthGrid.DESCRIPTION);
        return root;
    }

    /**
     * Writes the report as pretty-printed UTF-8 JSON, creating parent directories.
     *
     * @param entries  evaluated models (at least one; not modified)
     * @param gridSize voxels per axis of the IoU grid
     * @param file     the output file (not null; overwritten)
     * @throws IOException if the file cannot be written
     */
    public static void write(List<Entry> entries, int gridSize, Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        JsonObject json = toJson(entries, gridSize);
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Gson gson = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            gson.toJson(json, w);
            w.write('\n');
        }
    }

    /** Four decimals: more would only report voxel noise. */
    private static double round(double v) {
        return Math.round(v * 1e4) / 1e4;
    }
}
