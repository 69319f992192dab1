package io.github.photo2car.trainer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A folder's photos each get their own output name, and nothing is passed over without a word. */
class BatchFolderTest {

    @Test
    void photosDifferingOnlyInExtensionGetOutputsOfTheirOwn(@TempDir Path dir) throws Exception {
        for (String name : List.of("ok.jpg", "ok.webp", "OK.png", "red.jpg", "ok_jpg.png", "car.heic", "car.avif",
                "anim.gif", "notes.txt", "red_mask.png", ".DS_Store")) {
            Files.write(dir.resolve(name), new byte[] {1});
        }
        Files.createDirectory(dir.resolve("more"));
        BatchFolder.Plan plan = BatchFolder.plan(dir);
        Map<String, String> stems = plan.photos().stream().collect(Collectors.toMap(
                e -> e.photo().getFileName().toString(), BatchFolder.Entry::stem));
        assertEquals(Map.of("OK.png", "OK_png", "anim.gif", "anim", "car.avif", "car_avif", "car.heic", "car_heic",
                "ok.jpg", "ok_jpg", "ok.webp", "ok_webp", "ok_jpg.png", "ok_jpg-2", "red.jpg", "red"), stems);
        assertEquals(stems.size(), stems.values().stream().map(s -> s.toLowerCase(java.util.Locale.ROOT))
                .distinct().count(), "no two outputs share a name, whatever the case");
        Map<String, String> skipped = plan.skipped().stream().collect(Collectors.toMap(
                s -> s.path().getFileName().toString(), BatchFolder.Skipped::reason));
        assertEquals(Map.of("more", "a folder (sub-folders are not searched)",
                "notes.txt", "not a photo (no image file extension)",
                "red_mask.png", "an evaluation label of another photo, not a photo"), skipped);
    }

    @Test
    void aPhotoAloneKeepsItsPlainStem() {
        assertEquals(List.of(new BatchFolder.Entry(Path.of("a/b.c.jpg"), "b.c")),
                BatchFolder.uniqueStems(List.of(Path.of("a/b.c.jpg"))));
    }
}
