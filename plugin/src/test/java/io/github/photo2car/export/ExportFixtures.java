package io.github.photo2car.export;

import com.jme3.asset.AssetManager;
import com.jme3.math.ColorRGBA;
import com.jme3.system.JmeSystem;
import com.jme3.texture.Image;
import com.jme3.texture.Texture;
import com.jme3.texture.Texture2D;
import com.jme3.texture.image.ColorSpace;
import com.jme3.texture.image.ImageRaster;
import com.jme3.util.BufferUtils;
import io.github.photo2car.rig.CarRig;
import io.github.photo2car.rig.CarRigBuilder;
import io.github.photo2car.rig.PhysicsNatives;
import io.github.photo2car.template.BodyType;
import io.github.photo2car.template.CarParams;
import io.github.photo2car.template.CarTemplate;

/** Cars and textures shared by the export tests. */
final class ExportFixtures {

    static final AssetManager ASSETS = JmeSystem.newAssetManager(
            Thread.currentThread().getContextClassLoader().getResource("com/jme3/asset/Desktop.cfg"));

    /** Texture size, texels. */
    static final int TEXTURE_SIZE = 64;

    private ExportFixtures() {
    }

    /**
     * A hatchback bent by a smooth residual (so its shape is not the parametric one), painted with
     * a gradient texture whose colour tells where in the atlas a texel is.
     */
    static CarRig texturedCar() {
        PhysicsNatives.ensureLoaded();
        float[] residual = new float[3 * CarTemplate.SHAPE_VERTICES];
        for (int i = 0; i < CarTemplate.SHAPE_VERTICES; i++) {
            residual[3 * i + 1] = 0.03f * (float) Math.sin(0.05 * i);
        }
        return new CarRigBuilder(ASSETS).paint(new ColorRGBA(0.1f, 0.3f, 0.6f, 1f)).paintTexture(gradient())
                .allWheelDrive(true).build(CarTemplate.build(CarParams.preset(BodyType.HATCHBACK), residual));
    }

    /** A plain sedan with flat paint. */
    static CarRig plainCar() {
        PhysicsNatives.ensureLoaded();
        return new CarRigBuilder(ASSETS).build(CarTemplate.build(CarParams.preset(BodyType.SEDAN), null));
    }

    /** Red grows with x, green with y (jME rows: y = 0 at the bottom), blue constant. */
    static Texture gradient() {
        int n = TEXTURE_SIZE;
        Image image = new Image(Image.Format.RGBA8, n, n, BufferUtils.createByteBuffer(4 * n * n), ColorSpace.sRGB);
        ImageRaster raster = ImageRaster.create(image);
        ColorRGBA c = new ColorRGBA();
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                raster.setPixel(x, y, c.set((x + 0.5f) / n, (y + 0.5f) / n, 0.5f, 1f));
            }
        }
        return new Texture2D(image);
    }
}
