package io.github.photo2car.demo;

import com.jme3.app.Application;
import com.jme3.app.SimpleApplication;
import com.jme3.app.state.BaseAppState;
import com.jme3.asset.AssetManager;
import com.jme3.bullet.BulletAppState;
import com.jme3.bullet.PhysicsSpace;
import com.jme3.bullet.collision.PhysicsCollisionObject;
import com.jme3.bullet.collision.shapes.BoxCollisionShape;
import com.jme3.bullet.collision.shapes.PlaneCollisionShape;
import com.jme3.bullet.control.RigidBodyControl;
import com.jme3.bullet.objects.PhysicsRigidBody;
import com.jme3.light.AmbientLight;
import com.jme3.light.DirectionalLight;
import com.jme3.material.Material;
import com.jme3.math.ColorRGBA;
import com.jme3.math.FastMath;
import com.jme3.math.Plane;
import com.jme3.math.Quaternion;
import com.jme3.math.Vector2f;
import com.jme3.math.Vector3f;
import com.jme3.renderer.queue.RenderQueue;
import com.jme3.scene.Geometry;
import com.jme3.scene.Node;
import com.jme3.scene.Spatial;
import com.jme3.scene.shape.Box;
import com.jme3.scene.shape.Quad;
import com.jme3.texture.Texture;
import com.jme3.util.SkyFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * The demo's world: a lit grass field with a long asphalt road (lane markings included) along +Z,
 * concrete blocks and pushable crates, a procedural sky, a sun and ambient light. Day or night.
 * Needs a {@link BulletAppState} attached before it.
 */
public final class DemoWorldState extends BaseAppState {

    /** Length of the road and size of the field, metres. */
    static final float FIELD_SIZE = 400f;
    /** Road width, metres (two 3.5 m lanes plus shoulders). */
    static final float ROAD_WIDTH = 9f;

    private static final Vector3f SUN_DIRECTION = new Vector3f(-0.45f, -0.8f, 0.4f).normalizeLocal();

    private final Node world = new Node("demo-world");
    private final List<PhysicsCollisionObject> bodies = new ArrayList<>();
    private DirectionalLight sun;
    private AmbientLight ambient;
    private Spatial daySky;
    private Spatial nightSky;
    private boolean night;

    @Override
    protected void initialize(Application app) {
        AssetManager assets = app.getAssetManager();
        world.attachChild(flat("grass", FIELD_SIZE, FIELD_SIZE, 0f,
                textured(assets, ProceduralTextures.grass(256, 11)), 8f));
        world.attachChild(flat("road", ROAD_WIDTH, FIELD_SIZE, 0.01f,
                textured(assets, ProceduralTextures.asphalt(256, 12)), 6f));
        Material paint = plain(assets, new ColorRGBA(0.92f, 0.92f, 0.88f, 1f));
        Material yellow = plain(assets, new ColorRGBA(0.95f, 0.78f, 0.15f, 1f));
        for (float z = -FIELD_SIZE / 2 + 2; z < FIELD_SIZE / 2 - 3; z += 9f) {
            Geometry dash = flat("lane-dash", 0.15f, 3f, 0.02f, yellow, 0f);
            dash.move(0, 0, z + 1.5f);
            world.attachChild(dash);
        }
        for (float side : new float[] {-1f, 1f}) {
            Geometry edge = flat("edge-line", 0.15f, FIELD_SIZE, 0.02f, paint, 0f);
            edge.move(side * (ROAD_WIDTH / 2 - 0.5f), 0, 0);
            world.attachChild(edge);
        }
        world.setShadowMode(RenderQueue.ShadowMode.Receive);
        addPhysics(app, assets);

        sun = new DirectionalLight(SUN_DIRECTION.clone());
        ambient = new AmbientLight();
        Vector3f towardsSun = SUN_DIRECTION.negate();
        daySky = SkyFactory.createSky(assets, ProceduralTextures.sky(1024, towardsSun, false), SkyFactory.EnvMapType.EquirectMap);
        nightSky = SkyFactory.createSky(assets, ProceduralTextures.sky(1024, towardsSun, true), SkyFactory.EnvMapType.EquirectMap);
        applyTimeOfDay();
    }

    /**
     * A static ground plane and a few obstacles to drive around: concrete blocks beside the road and
     * a row of light crates that can be pushed.
     */
    private void addPhysics(Application app, AssetManager assets) {
        PhysicsSpace space = app.getStateManager().getState(BulletAppState.class).getPhysicsSpace();
        PhysicsRigidBody ground = new PhysicsRigidBody(new PlaneCollisionShape(new Plane(Vector3f.UNIT_Y, 0f)),
                PhysicsRigidBody.massForStatic);
        ground.setFriction(1f);
        space.addCollisionObject(ground);
        bodies.add(ground);
        Material concrete = plain(assets, new ColorRGBA(0.62f, 0.6f, 0.56f, 1f));
        Material crate = plain(assets, new ColorRGBA(0.75f, 0.45f, 0.15f, 1f));
        for (int i = 0; i < 6; i++) {
            float z = 25f + i * 22f;
            float x = (i % 2 == 0 ? 1 : -1) * (ROAD_WIDTH / 2 + 2.5f);
            world.attachChild(box(space, "concrete-block", concrete, new Vector3f(1f, 0.45f, 2f),
                    new Vector3f(x, 0.45f, z), 0f));
        }
        for (int i = 0; i < 5; i++) {
            world.attachChild(box(space, "crate", crate, new Vector3f(0.4f, 0.4f, 0.4f),
                    new Vector3f(-1.5f + i * 0.85f, 0.4f, 60f), 25f));
        }
    }

    private Geometry box(PhysicsSpace space, String name, Material material, Vector3f halfExtents, Vector3f at,
                         float mass) {
        Geometry g = new Geometry(name, new Box(halfExtents.x, halfExtents.y, halfExtents.z));
        g.setMaterial(material);
        g.setLocalTranslation(at);
        g.setShadowMode(RenderQueue.ShadowMode.CastAndReceive);
        RigidBodyControl body = new RigidBodyControl(new BoxCollisionShape(halfExtents), mass);
        g.addControl(body);
        space.add(body);
        bodies.add(body);
        return g;
    }

    /**
     * Switches between day and night lighting. Call on the render thread.
     *
     * @param nightTime true for night (dim moonlight, dark sky), false for day
     */
    public void setNight(boolean nightTime) {
        night = nightTime;
        if (isInitialized()) {
            applyTimeOfDay();
        }
    }

    /** @return true if it is night in the demo world */
    public boolean isNight() {
        return night;
    }

    private void applyTimeOfDay() {
        sun.setColor(night ? new ColorRGBA(0.08f, 0.09f, 0.14f, 1f) : new ColorRGBA(1.0f, 0.96f, 0.88f, 1f).multLocal(1.1f));
        ambient.setColor(night ? new ColorRGBA(0.04f, 0.045f, 0.07f, 1f) : new ColorRGBA(0.45f, 0.5f, 0.58f, 1f));
        world.detachChild(night ? daySky : nightSky);
        world.attachChild(night ? nightSky : daySky);
        ((SimpleApplication) getApplication()).getViewPort().setBackgroundColor(
                night ? new ColorRGBA(0.01f, 0.01f, 0.03f, 1f) : new ColorRGBA(0.7f, 0.8f, 0.9f, 1f));
    }

    /** @return the sun, to share with shadow renderers */
    public DirectionalLight sun() {
        return sun;
    }

    /**
     * A rectangle lying on the ground, centred on the origin in X and Z.
     *
     * @param tileMetres edge length of one texture tile in metres; 0 stretches the texture once
     */
    private static Geometry flat(String name, float width, float length, float height, Material material,
                                 float tileMetres) {
        Quad quad = new Quad(width, length);
        if (tileMetres > 0) {
            quad.scaleTextureCoordinates(new Vector2f(width / tileMetres, length / tileMetres));
        }
        Geometry g = new Geometry(name, quad);
        g.setMaterial(material);
        // a Quad lies in XY facing +Z; turn it to lie on the ground facing +Y
        g.setLocalRotation(new Quaternion().fromAngleAxis(-FastMath.HALF_PI, Vector3f.UNIT_X));
        g.setLocalTranslation(-width / 2, height, length / 2);
        return g;
    }

    private static Material textured(AssetManager assets, Texture texture) {
        Material m = new Material(assets, "Common/MatDefs/Light/Lighting.j3md");
        m.setTexture("DiffuseMap", texture);
        m.setBoolean("UseMaterialColors", true);
        m.setColor("Diffuse", ColorRGBA.White);
        m.setColor("Ambient", ColorRGBA.White);
        m.setFloat("Shininess", 1f);
        m.setColor("Specular", ColorRGBA.Black);
        return m;
    }

    private static Material plain(AssetManager assets, ColorRGBA color) {
        Material m = new Material(assets, "Common/MatDefs/Light/Lighting.j3md");
        m.setBoolean("UseMaterialColors", true);
        m.setColor("Diffuse", color);
        m.setColor("Ambient", color);
        m.setColor("Specular", ColorRGBA.Black);
        return m;
    }

    @Override
    protected void cleanup(Application app) {
        world.removeFromParent();
        BulletAppState physics = app.getStateManager().getState(BulletAppState.class);
        if (physics != null && physics.getPhysicsSpace() != null) {
            bodies.forEach(b -> physics.getPhysicsSpace().removeCollisionObject(b));
        }
    }

    @Override
    protected void onEnable() {
        SimpleApplication app = (SimpleApplication) getApplication();
        app.getRootNode().attachChild(world);
        app.getRootNode().addLight(sun);
        app.getRootNode().addLight(ambient);
    }

    @Override
    protected void onDisable() {
        SimpleApplication app = (SimpleApplication) getApplication();
        world.removeFromParent();
        app.getRootNode().removeLight(sun);
        app.getRootNode().removeLight(ambient);
    }
}
