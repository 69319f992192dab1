package io.github.photo2car.trainer.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What {@code convert FOLDER -o OUTFOLDER} does with each entry of the folder: every file that
 * looks like a photo is converted under an output name no other photo of the folder gets, and
 * every other entry is listed with the reason it is not, so nothing is skipped without a word and
 * no output overwrites another.
 *
 * <p>A photo's output stem is its file name without the extension ({@code red.jpg → red}); when
 * two photos share that stem ({@code ok.jpg}, {@code ok.webp}) each keeps its extension in the
 * stem ({@code ok_jpg}, {@code ok_webp}); a stem still taken after that gets {@code -2},
 * {@code -3}, … Files are taken in name order, so the names are the same on every run.
 */
public final class BatchFolder {

    /**
     * Extensions converted (lower case). Formats the decoder refuses (GIF frames aside, HEIC and
     * AVIF) are still handed to it, so that the user reads the decoder's own reason.
     */
    static final Set<String> PHOTO_EXTENSIONS = Set.of("jpg", "jpeg", "png", "webp", "gif", "bmp", "tif", "tiff",
            "heic", "heif", "avif");

    /**
     * One photo of the folder and the stem its outputs get.
     *
     * @param photo the photo file
     * @param stem  output file name without extension, unique within the folder's plan
     */
    public record Entry(Path photo, String stem) {
    }

    /**
     * A folder entry that is not converted.
     *
     * @param path   the entry
     * @param reason why, in words
     */
    public record Skipped(Path path, String reason) {
    }

    /**
     * @param photos  the photos to convert, in name order
     * @param skipped the other entries, in name order
     */
    public record Plan(List<Entry> photos, List<Skipped> skipped) {
    }

    private BatchFolder() {
    }

    /**
     * Lists a folder (not its sub-folders) and decides what becomes of each entry.
     *
     * @param folder the folder (not null)
     * @return the plan
     * @throws IOException if the folder cannot be listed
     */
    public static Plan plan(Path folder) throws IOException {
        Objects.requireNonNull(folder, "folder");
        List<Path> entries;
        try (Stream<Path> list = Files.list(folder)) {
            entries = list.sorted().toList();
        }
        List<Path> photos = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        for (Path p : entries) {
            String name = p.getFileName().toString();
            String lower = name.toLowerCase(Locale.ROOT);
            if (name.startsWith(".")) {
                continue; // hidden files (.DS_Store, editors' swap files) are not the user's photos
            }
            if (Files.isDirectory(p)) {
                skipped.add(new Skipped(p, "a folder (sub-folders are not searched)"));
            } else if (lower.endsWith("_mask.png") || lower.endsWith("_parts.png")) {
                skipped.add(new Skipped(p, "an evaluation label of another photo, not a photo"));
            } else if (!PHOTO_EXTENSIONS.contains(extension(lower))) {
                skipped.add(new Skipped(p, "not a photo (no image file extension)"));
            } else if (!Files.isReadable(p)) {
                skipped.add(new Skipped(p, "cannot be read (permissions)"));
            } else {
                photos.add(p);
            }
        }
        return new Plan(uniqueStems(photos), skipped);
    }

    /**
     * Gives each photo an output stem no other photo of the list gets.
     *
     * @param photos photo files (not null, not modified)
     * @return one entry per photo, in the same order
     */
    static List<Entry> uniqueStems(List<Path> photos) {
        Map<String, Integer> byStem = new HashMap<>();
        for (Path p : photos) {
            byStem.merge(stem(p).toLowerCase(Locale.ROOT), 1, Integer::sum);
        }
        Set<String> taken = new HashSet<>();
        List<Entry> out = new ArrayList<>();
        for (Path p : photos) {
            String stem = stem(p);
            String ext = extension(p.getFileName().toString());
            String wanted = byStem.get(stem.toLowerCase(Locale.ROOT)) > 1 && !ext.isEmpty() ? stem + "_" + ext : stem;
            String unique = wanted;
            // output folders may be case-insensitive (Windows, macOS): compare names without case
            for (int k = 2; !taken.add(unique.toLowerCase(Locale.ROOT)); k++) {
                unique = wanted + "-" + k;
            }
            out.add(new Entry(p, unique));
        }
        return out;
    }

    /** @return the file name without its last extension */
    static String stem(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    private static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(dot + 1) : "";
    }
}
