package io.github.photo2car.trainer.bench;

import com.jme3.app.SimpleApplication;
import com.jme3.app.state.AppState;
import com.jme3.bullet.BulletAppState;
import com.jme3.bullet.collision.shapes.PlaneCollisionShape;
import com.jme3.bullet.objects.PhysicsRigidBody;
import com.jme3.light.AmbientLight;
import com.jme3.light.DirectionalLight;
import com.jme3.material.Material;
import com.jme3.math.ColorRGBA;
import com.jme3.math.FastMath;
import com.jme3.math.Plane;
import com.jme3.math.Quaternion;
import com.jme3.math.Vector3f;
import com.jme3.scene.Geometry;
import com.jme3.scene.shape.Quad;

import io.github.photo2car.app.PhotoToCarAppState;

/**
 * The small game the in-game harnesses ({@code bench-game}, {@code soak}) run: a grass field with
 * physics, a sun and a camera looking at where converted cars appear, with the photo-to-car state
 * attached last.
 */
final class BenchGame {

    private BenchGame() {
    }

    /**
     * @param clock a state that records frames, attached first (not null)
     * @param state the photo-to-car state, attached last (not null)
     * @return the application, not started
     */
    static SimpleApplication create(AppState clock, PhotoToCarAppState state) {
        return new SimpleApplication() {
            @Override
            public void simpleInitApp() {
                // jME counts the GL objects it makes and deletes only while its statistics are on
                // (soak reports them); the counting costs nothing measurable
                renderer.getStatistics().setEnabled(true);
                stateManager.attach(clock);
                flyCam.setEnabled(false);
                setDisplayFps(false);
                setDisplayStatView(false);
                BulletAppState physics = new BulletAppState();
                stateManager.attach(physics);
                physics.getPhysicsSpace().addCollisionObject(new PhysicsRigidBody(
                        new PlaneCollisionShape(new Plane(Vector3f.UNIT_Y, 0)), PhysicsRigidBody.massForStatic));
                Geometry ground = new Geometry("ground", new Quad(200, 200));
                Material grass = new Material(assetManager, "Common/MatDefs/Light/Lighting.j3md");
                grass.setBoolean("UseMaterialColors", true);
                grass.setColor("Diffuse", new ColorRGBA(0.35f, 0.5f, 0.3f, 1));
                grass.setColor("Ambient", new ColorRGBA(0.35f, 0.5f, 0.3f, 1));
                ground.setMaterial(grass);
                ground.setLocalRotation(new Quaternion().fromAngleAxis(-FastMath.HALF_PI, Vector3f.UNIT_X));
                ground.setLocalTranslation(-100, 0, 100);
                rootNode.attachChild(ground);
                rootNode.addLight(new AmbientLight(ColorRGBA.White.mult(0.4f)));
                rootNode.addLight(new DirectionalLight(new Vector3f(-0.3f, -1, -0.4f).normalizeLocal()));
                viewPort.setBackgroundColor(new ColorRGBA(0.6f, 0.75f, 0.9f, 1));
                cam.setLocation(new Vector3f(0, 2, 12));
                cam.lookAt(new Vector3f(0, 0.5f, 0), Vector3f.UNIT_Y);
                stateManager.attach(state);
            }
        };
    }
}
