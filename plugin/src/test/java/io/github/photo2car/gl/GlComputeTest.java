package io.github.photo2car.gl;

import com.jme3.app.SimpleApplication;
import com.jme3.light.DirectionalLight;
import com.jme3.material.Material;
import com.jme3.math.ColorRGBA;
import com.jme3.math.Vector3f;
import com.jme3.scene.Geometry;
import com.jme3.scene.shape.Box;
import io.github.photo2car.headless.HeadlessSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.io.File;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Compute shaders dispatched inside a real jME application on whatever GL this machine has (Mesa llvmpipe in CI). */
class GlComputeTest {

    private static HeadlessSession session;

    @BeforeAll
    static void startApp() {
        session = HeadlessSession.start(new SimpleApplication() {
            @Override
            public void simpleInitApp() {
                flyCam.setEnabled(false);
                setDisplayStatView(false);
                setDisplayFps(false);
                viewPort.setBackgroundColor(new ColorRGBA(0.05f, 0.05f, 0.25f, 1f));
                Material m = new Material(assetManager, "Common/MatDefs/Light/Lighting.j3md");
                m.setBoolean("UseMaterialColors", true);
                m.setColor("Diffuse", ColorRGBA.Orange);
                m.setColor("Ambient", ColorRGBA.Orange);
                Geometry box = new Geometry("box", new Box(1, 1, 1));
                box.setMaterial(m);
                box.rotate(0.5f, 0.7f, 0f);
                rootNode.attachChild(box);
                rootNode.addLight(new DirectionalLight(new Vector3f(-0.5f, -0.7f, -1f).normalizeLocal()));
                cam.setLocation(new Vector3f(0, 0, 6));
                cam.lookAt(Vector3f.ZERO, Vector3f.UNIT_Y);
            }
        }, 320, 240, Duration.ofSeconds(60));
    }

    @AfterAll
    static void stopApp() {
        if (session != null) {
            session.close();
        }
    }

    @Test
    void probesComputeCapableContext() {
        GlInfo info = session.glInfo();
        System.out.println("[gl] " + info + " via " + session.platform());
        assertTrue(info.compute(), "compute shaders available: " + info);
        assertTrue(info.maxWorkGroupInvocations() >= 256, info.toString());
        assertFalse(info.renderer().isBlank());
    }

    @Test
    void selfTestNumbersAreExact() {
        ComputeSelfTest.Result r = session.onRenderThread(() -> ComputeSelfTest.run(100_003, 7));
        System.out.printf("[gl] self-test over %d elements: %.1f ms%n", r.elements(), r.dispatchNanos() / 1e6);
        assertTrue(r.passed(), String.join("; ", r.failures()));
        // an odd size leaves a partial last group: the bounds check in the shader is exercised
        assertEquals(100_003, r.elements());
    }

    @Test
    void compileErrorCarriesGlslLog() {
        ShaderException e = assertThrows(ShaderException.class, () -> session.onRenderThread(() ->
                ComputeProgram.compile("broken.comp", "#version 430\nlayout(local_size_x=1) in;\nvoid main() { undefinedThing = 1; }\n")),
                "a compile error must surface");
        assertTrue(e.getMessage().contains("broken.comp") && e.getMessage().contains("compile"), e.getMessage());
        assertFalse(e.infoLog().isBlank(), "driver log is passed through");
        assertTrue(e.infoLog().contains("undefinedThing") || e.infoLog().contains("undeclared"), e.infoLog());
    }

    @Test
    void missingShaderIsATypedError() {
        ShaderException e = assertThrows(ShaderException.class,
                () -> session.onRenderThread(() -> ComputeProgram.load("no/such.comp", Map.of())));
        assertTrue(e.getMessage().contains("no/such.comp"), e.getMessage());
    }

    @Test
    void definesKeepLineNumbers() {
        String src = "#version 430\n// a\nvoid main() {}\n";
        String out = ComputeProgram.withDefines(src, Map.of("N", "4"));
        assertTrue(out.startsWith("#version 430\n#define N 4\n#line 2\n"), out);
    }

    @Test
    void renderingStillWorksAfterComputeAndScreenshotShowsTheScene() throws Exception {
        session.onRenderThread(() -> ComputeSelfTest.run(4096, 1)); // touches GL state behind jME's back
        session.awaitFrames(2, Duration.ofSeconds(30));
        BufferedImage img = session.screenshot(Duration.ofSeconds(30));
        File out = new File("target/test-output/gl-compute-box.png");
        out.getParentFile().mkdirs();
        javax.imageio.ImageIO.write(img, "png", out);
        int centre = img.getRGB(img.getWidth() / 2, img.getHeight() / 2);
        int corner = img.getRGB(3, 3);
        int r = centre >> 16 & 0xFF;
        int b = centre & 0xFF;
        assertTrue(r > 100 && r > b + 40, String.format("lit orange box in the centre, got #%06X", centre & 0xFFFFFF));
        assertTrue((corner & 0xFF) > 40 && (corner >> 16 & 0xFF) < 40, String.format("background in the corner, got #%06X", corner & 0xFFFFFF));
    }
}
