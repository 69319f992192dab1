package io.github.photo2car.trainer.eval;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.photo2car.template.BodyType;
import io.github.photo2car.template.CarParams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TemplateEvalReportTest {

    @Test
    void writesEveryField(@TempDir Path dir) throws Exception {
        List<TemplateEvalReport.Entry> entries = List.of(
                new TemplateEvalReport.Entry("a", new TemplateFit(CarParams.preset(BodyType.SEDAN), 0.9, BodyType.SEDAN, 10, 1.5)),
                new TemplateEvalReport.Entry("b", new TemplateFit(CarParams.preset(BodyType.VAN), 0.7, BodyType.VAN, 12, 2.0)),
                new TemplateEvalReport.Entry("c", new TemplateFit(CarParams.preset(BodyType.SUV), 0.8, BodyType.SUV, 11, 1.0)));
        Path file = dir.resolve("sub/out.json");
        TemplateEvalReport.write(entries, 64, file);

        JsonObject root = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();
        assertEquals(3, root.getAsJsonArray("models").size());
        JsonObject b = root.getAsJsonArray("models").get(1).getAsJsonObject();
        assertEquals("b", b.get("name").getAsString());
        assertEquals(0.7, b.get("iou3d").getAsDouble(), 1e-9);
        assertEquals(2.0, b.get("seconds").getAsDouble(), 1e-9);
        JsonObject params = b.getAsJsonObject("params");
        assertEquals(CarParams.vectorSize(), params.size());
        assertEquals(CarParams.preset(BodyType.VAN).wheelbase(), params.get("wheelbase").getAsDouble(), 1e-4);
        assertEquals(0.8, root.get("median_iou3d").getAsDouble(), 1e-9);
        assertEquals(0.7, root.get("min_iou3d").getAsDouble(), 1e-9);
        assertEquals(64, root.get("grid").getAsInt());
        assertTrue(root.get("normalisation").getAsString().contains("unit length"));
    }
}
