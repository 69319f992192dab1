package io.github.photo2car.trainer.nn;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import com.google.gson.GsonBuilder;

/**
 * The card that ships beside an exported network ({@code MODEL_CARD.md}, and the same facts as
 * {@code metrics.json}): what it is, the command that reproduces it, the data, the training run
 * and the measured quality. Built up with {@link #put} in the order the sections should read.
 */
public final class ModelCard {

    private final String name;
    private final String summary;
    private final Map<String, Map<String, Object>> sections = new LinkedHashMap<>();

    /**
     * @param name    the network's name, e.g. "segmenter"
     * @param summary one paragraph saying what it does
     */
    public ModelCard(String name, String summary) {
        this.name = name;
        this.summary = summary;
    }

    /**
     * Adds a fact.
     *
     * @param section the section heading, e.g. "Training"
     * @param key     the fact's name
     * @param value   a string, number or boolean
     * @return this card
     */
    public ModelCard put(String section, String key, Object value) {
        sections.computeIfAbsent(section, s -> new LinkedHashMap<>()).put(key, value);
        return this;
    }

    /**
     * Writes MODEL_CARD.md and metrics.json into dir, and the total size of the SavedModel files.
     *
     * @param dir the exported model's directory
     * @throws IOException if writing fails
     */
    public void write(Path dir) throws IOException {
        long bytes;
        try (Stream<Path> files = Files.walk(dir)) {
            bytes = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
        put("Files", "SavedModel size (MB)", Math.round(bytes / 1e4) / 100.0);
        StringBuilder md = new StringBuilder();
        md.append("# Model card: ").append(name).append("\n\n").append(summary).append("\n");
        for (Map.Entry<String, Map<String, Object>> section : sections.entrySet()) {
            md.append("\n## ").append(section.getKey()).append("\n\n| | |\n|---|---|\n");
            for (Map.Entry<String, Object> fact : section.getValue().entrySet()) {
                md.append("| ").append(fact.getKey()).append(" | ").append(format(fact.getValue())).append(" |\n");
            }
        }
        Files.writeString(dir.resolve("MODEL_CARD.md"), md.toString(), StandardCharsets.UTF_8);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", name);
        json.putAll(sections);
        Files.writeString(dir.resolve("metrics.json"),
                new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create().toJson(json),
                StandardCharsets.UTF_8);
    }

    private static String format(Object value) {
        if (value instanceof Double d) {
            return String.format(Locale.ROOT, "%.4f", d);
        }
        if (value instanceof Float f) {
            return String.format(Locale.ROOT, "%.4f", f);
        }
        return String.valueOf(value).replace("|", "\\|");
    }
}
