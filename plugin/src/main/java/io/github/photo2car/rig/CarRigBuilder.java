package io.github.photo2car.rig;

import com.jme3.asset.AssetManager;
import com.jme3.bullet.control.VehicleControl;
import com.jme3.material.Material;
import com.jme3.math.ColorRGBA;
import com.jme3.math.FastMath;
import com.jme3.math.Quaternion;
import com.jme3.math.Transform;
import com.jme3.math.Vector3f;
import com.jme3.renderer.queue.RenderQueue;
import com.jme3.scene.Geometry;
import com.jme3.scene.Mesh;
import com.jme3.scene.Node;
import com.jme3.scene.Spatial;
import com.jme3.texture.Texture;
import io.github.photo2car.drive.CarDriver;
import io.github.photo2car.lights.CarLightsControl;
import io.github.photo2car.lights.CarLightsControl.Lamp;
import io.github.photo2car.lights.CarLightsControl.Side;
import io.github.photo2car.template.CarMesh;
import io.github.photo2car.template.CarPart;
import io.github.photo2car.template.LightAnchor;
import io.github.photo2car.template.SurfaceMesh;
import io.github.photo2car.template.WheelAnchor;
import io.github.photo2car.template.WheelMesh;
import io.github.photo2car.template.WheelMeshBuilder;
import io.github.photo2car.template.WheelPosition;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Turns a {@link CarMesh} into a {@link CarRig}: geometries with materials per part, wheel nodes at
 * the wheel anchors, lamp lenses wired to a {@link CarLightsControl}, headlight beams at the
 * headlight anchors, a Minie vehicle sized from the car, and a {@link CarDriver}. Building happens in
 * two steps, {@link #parts} (the visible pieces) and {@link #rig} (physics, lamps, driver), so a car
 * loaded from a file is rigged by the same code. Everything the rig
 * needs comes from the mesh's fixed part labels and anchors, so any car the template can express
 * (including one fitted to a photo) is rigged the same way.
 */
public final class CarRigBuilder {

    private static final Set<CarPart> PAINTED = EnumSet.of(CarPart.PAINT, CarPart.BUMPER_FRONT, CarPart.BUMPER_REAR);
    private static final Set<CarPart> TRIM = EnumSet.of(CarPart.GRILLE, CarPart.UNDERBODY);
    private static final Set<CarPart> PLATES = EnumSet.of(CarPart.PLATE_FRONT, CarPart.PLATE_REAR);

    private final AssetManager assets;
    private ColorRGBA paint = new ColorRGBA(0.55f, 0.06f, 0.05f, 1f);
    private Texture paintTexture;
    private boolean allWheelDrive;

    /**
     * @param assets the application's asset manager (not null)
     */
    public CarRigBuilder(AssetManager assets) {
        this.assets = Objects.requireNonNull(assets, "assets");
    }

    /**
     * @param color body colour (not null, copied)
     * @return this
     */
    public CarRigBuilder paint(ColorRGBA color) {
        paint = Objects.requireNonNull(color, "color").clone();
        return this;
    }

    /**
     * @param texture a texture in the mesh's UV atlas for the painted panels (e.g. baked from a
     *                photo), or null for plain paint
     * @return this
     */
    public CarRigBuilder paintTexture(Texture texture) {
        paintTexture = texture;
        return this;
    }

    /**
     * @param awd true to drive all four wheels (default: rear-wheel drive)
     * @return this
     */
    public CarRigBuilder allWheelDrive(boolean awd) {
        allWheelDrive = awd;
        return this;
    }

    /**
     * Builds the rig. It makes Bullet objects, so call it on the thread that steps the physics
     * space the car will join (a Bullet object made on another thread while a space steps can
     * corrupt that space: docs/TESTING.md, "the backwards car"); to keep that thread's share
     * small, make {@link #parts} and {@link CarPhysics#hullPoints} elsewhere and then call
     * {@link #rig(CarMesh, RigParts, CarPhysics.Tuning, float[])} there.
     *
     * @param mesh the car body (not null, not modified)
     * @return a new rig, not yet attached to a scene or physics space
     */
    public CarRig build(CarMesh mesh) {
        Objects.requireNonNull(mesh, "mesh");
        return rig(mesh, parts(mesh), tuningFor(mesh));
    }

    /**
     * The physical constants {@link #build} gives a car: sized from the body's bounding box.
     *
     * @param mesh the car body (not null, not modified)
     * @return the tuning
     */
    public static CarPhysics.Tuning tuningFor(CarMesh mesh) {
        float[] b = bounds(Objects.requireNonNull(mesh, "mesh").shapePositions());
        return CarPhysics.tuningFor(b[5] - b[2], b[3] - b[0], b[4] - b[1]);
    }

    /**
     * Makes the visible pieces of a car: per-part geometries with this builder's materials, one
     * node per lamp ({@link CarRig#lampName}) at its anchor holding the lens, and the wheel models.
     *
     * @param mesh the car body (not null, not modified)
     * @return new parts, in the car frame
     */
    public RigParts parts(CarMesh mesh) {
        Objects.requireNonNull(mesh, "mesh");
        RigMaterials materials = new RigMaterials(assets);
        Node chassis = new Node(CarRig.CHASSIS_NAME);
        Material paintMaterial = materials.paint(paint);
        if (paintTexture != null) {
            paintMaterial.setTexture("DiffuseMap", paintTexture);
            paintMaterial.setColor("Diffuse", ColorRGBA.White);
            paintMaterial.setColor("Ambient", ColorRGBA.White);
        }
        addPart(chassis, "paint", JmeMeshes.toJme(mesh.extract(PAINTED)), paintMaterial);
        addPart(chassis, "trim", JmeMeshes.toJme(mesh.extract(TRIM)), materials.trim());
        addPart(chassis, "plates", JmeMeshes.toJme(mesh.extract(PLATES)), materials.plate());
        Geometry glass = addPart(chassis, "glass", JmeMeshes.toJme(mesh.extract(EnumSet.of(CarPart.WINDOW))),
                materials.glass());
        glass.setQueueBucket(RenderQueue.Bucket.Transparent);

        Map<CarPart, Geometry> lenses = new EnumMap<>(CarPart.class);
        for (LightAnchor a : mesh.lights()) {
            SurfaceMesh lens = mesh.extract(EnumSet.of(a.part()));
            if (lens.triangleCount() == 0) {
                continue;
            }
            Node lamp = new Node(CarRig.lampName(a.part()));
            lamp.setLocalTranslation(a.position(null));
            lamp.setLocalRotation(lampRotation(a));
            Mesh local = JmeMeshes.toJme(lens);
            JmeMeshes.toLocal(local, lamp.getLocalTranslation(), lamp.getLocalRotation());
            lenses.put(a.part(), addPart(lamp, CarRig.lampName(a.part()) + "_lens", local, materials.lens()));
            chassis.attachChild(lamp);
        }

        Spatial[] models = new Spatial[4];
        WheelMesh wheelMesh = WheelMeshBuilder.build(mesh.params());
        Mesh tyre = JmeMeshes.toJme(wheelMesh.tyre());
        Mesh rim = JmeMeshes.toJme(wheelMesh.rim());
        Material rubber = materials.rubber();
        Material chrome = materials.chrome();
        for (WheelPosition p : WheelPosition.values()) {
            Node model = new Node(CarRig.wheelName(p) + "_model");
            if (!p.isLeft()) {
                // the wheel mesh's outer face looks along +X (the left side); turn it for the right
                model.setLocalRotation(new Quaternion().fromAngleAxis(FastMath.PI, Vector3f.UNIT_Y));
            }
            addPart(model, "tyre", tyre, rubber);
            addPart(model, "rim", rim, chrome);
            models[p.ordinal()] = model;
        }
        return new RigParts(chassis, lenses, models);
    }

    /**
     * Rigs a car whose visible pieces exist already (built by {@link #parts} or loaded from a
     * file): puts the chassis under a root node at the centre of mass, the wheel models into wheel
     * nodes at the wheel anchors, wires the lenses and headlight beams to a
     * {@link CarLightsControl}, and adds the Minie vehicle and a {@link CarDriver}. The builder's
     * paint settings are not used here; {@link #allWheelDrive} is.
     *
     * @param mesh   the car body the parts belong to: anchors and the collision hull come from it
     *               (not null, not modified)
     * @param parts  the visible pieces (not null); its spatials are renamed, re-parented and moved
     * @param tuning mass, centre of mass and forces (not null)
     * @return a new rig, not yet attached to a scene or physics space
     */
    public CarRig rig(CarMesh mesh, RigParts parts, CarPhysics.Tuning tuning) {
        Objects.requireNonNull(mesh, "mesh");
        return rig(mesh, parts, tuning, CarPhysics.hullPoints(mesh.shapePositions()));
    }

    /**
     * As {@link #rig(CarMesh, RigParts, CarPhysics.Tuning)}, with the collision hull's points
     * computed beforehand ({@link CarPhysics#hullPoints}), say on a worker thread: what is left
     * then takes about a millisecond and makes the rig's Bullet objects, which belong on the
     * thread that steps the physics space (docs/TESTING.md, "the backwards car").
     *
     * @param mesh   the car body the parts belong to: anchors come from it (not null, not modified)
     * @param parts  the visible pieces (not null); its spatials are renamed, re-parented and moved
     * @param tuning mass, centre of mass and forces (not null)
     * @param hull   collision hull points in the car frame, metres, xyz interleaved (not null,
     *               length a multiple of 3 and ≥ 12; not modified)
     * @return a new rig, not yet attached to a scene or physics space
     */
    public CarRig rig(CarMesh mesh, RigParts parts, CarPhysics.Tuning tuning, float[] hull) {
        Objects.requireNonNull(mesh, "mesh");
        Objects.requireNonNull(hull, "hull");
        Objects.requireNonNull(parts, "parts");
        Objects.requireNonNull(tuning, "tuning");
        Node root = new Node(CarRig.ROOT_NAME);
        Node chassis = parts.chassis();
        chassis.removeFromParent();
        chassis.setName(CarRig.CHASSIS_NAME);
        chassis.setLocalTransform(Transform.IDENTITY);
        chassis.setLocalTranslation(0, -tuning.centreOfMassHeight(), 0);
        root.attachChild(chassis);

        CarLightsControl lights = new CarLightsControl();
        for (Map.Entry<CarPart, Geometry> e : parts.lenses().entrySet()) {
            lights.addLens(lampOf(e.getKey()), sideOf(e.getKey()), e.getValue());
        }
        Vector3f comOffset = new Vector3f(0, -tuning.centreOfMassHeight(), 0);
        for (LightAnchor a : mesh.lights()) {
            if (a.part() == CarPart.HEADLIGHT_L || a.part() == CarPart.HEADLIGHT_R) {
                // beams aim straight ahead: lens normals lean outwards with the body's curve
                lights.addHeadlightBeam(a.position(null).addLocal(comOffset), Vector3f.UNIT_Z);
            }
        }
        root.addControl(lights);

        Node[] wheelNodes = new Node[4];
        WheelMount[] mounts = new WheelMount[4];
        Spatial[] models = parts.wheelModels();
        for (WheelPosition p : WheelPosition.values()) {
            WheelAnchor a = mesh.wheel(p);
            Node node = new Node(CarRig.wheelName(p));
            models[p.ordinal()].removeFromParent();
            node.attachChild(models[p.ordinal()]);
            node.setLocalTranslation(a.center(null).addLocal(comOffset));
            root.attachChild(node);
            wheelNodes[p.ordinal()] = node;
            mounts[p.ordinal()] = new WheelMount(a.center(null), a.radius(), a.width(), p.isFront());
        }
        VehicleControl vehicle = CarPhysics.createVehicle(hull, mounts, wheelNodes, tuning);
        root.addControl(vehicle);
        CarDriver driver = new CarDriver(vehicle, lights.state(), tuning.engineForce(), tuning.brakeForce(),
                tuning.dragCoefficient(), allWheelDrive);
        root.setShadowMode(RenderQueue.ShadowMode.CastAndReceive);
        return new CarRig(root, chassis, wheelNodes, vehicle, lights, driver, mesh, tuning);
    }

    /**
     * How a lamp node is turned: its -Z axis points the way the lamp shines (the glTF convention
     * for lights), so front lamps are turned half a turn about Y and rear lamps not at all.
     *
     * @param anchor the lamp (not null)
     * @return a new rotation
     */
    public static Quaternion lampRotation(LightAnchor anchor) {
        return anchor.directionZ() > 0f ? new Quaternion().fromAngleAxis(FastMath.PI, Vector3f.UNIT_Y)
                : new Quaternion();
    }

    private static Geometry addPart(Node parent, String name, Mesh mesh, Material material) {
        Geometry g = new Geometry(name, mesh);
        g.setMaterial(material);
        parent.attachChild(g);
        return g;
    }

    /**
     * @param part a light part (see {@link CarPart#isLight()})
     * @return the lamp role its lens plays
     * @throws IllegalArgumentException if part is not a lamp
     */
    public static Lamp lampOf(CarPart part) {
        return switch (part) {
            case HEADLIGHT_L, HEADLIGHT_R -> Lamp.HEAD;
            case TAILLIGHT_L, TAILLIGHT_R -> Lamp.TAIL_BRAKE;
            case BLINKER_FRONT_L, BLINKER_FRONT_R, BLINKER_REAR_L, BLINKER_REAR_R -> Lamp.BLINKER;
            case REVERSE_L, REVERSE_R -> Lamp.REVERSE;
            default -> throw new IllegalArgumentException(part + " is not a lamp");
        };
    }

    /**
     * @param part a part whose name ends in _L or _R
     * @return the side of the car it is on (L is +X, the car's left)
     */
    public static Side sideOf(CarPart part) {
        return part.name().endsWith("_L") ? Side.LEFT : Side.RIGHT;
    }

    private static float[] bounds(float[] xyz) {
        float[] b = {Float.MAX_VALUE, Float.MAX_VALUE, Float.MAX_VALUE, -Float.MAX_VALUE, -Float.MAX_VALUE, -Float.MAX_VALUE};
        for (int i = 0; i < xyz.length; i += 3) {
            for (int a = 0; a < 3; a++) {
                b[a] = Math.min(b[a], xyz[i + a]);
                b[a + 3] = Math.max(b[a + 3], xyz[i + a]);
            }
        }
        return b;
    }
}
