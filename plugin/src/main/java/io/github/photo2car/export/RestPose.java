package io.github.photo2car.export;

import com.jme3.scene.Node;
import com.jme3.scene.Spatial;
import io.github.photo2car.rig.CarRig;
import io.github.photo2car.template.WheelAnchor;
import io.github.photo2car.template.WheelPosition;

import java.util.Objects;

/**
 * The visible part of a rig as a file holds it: a tree in the car frame (metres, +Y up, +Z
 * forward, origin on the ground under mid-wheelbase), wheels at rest (on their anchors, not spun,
 * steered or compressed), without controls or lights.
 *
 * <pre>
 * car
 * ├── body                 paint, trim, plates, glass, one node per lamp (e.g. headlight_L)
 * ├── wheel_FL             at the wheel centre; holds wheel_FL_model (tyre, rim)
 * ├── wheel_FR, wheel_RL, wheel_RR
 * </pre>
 */
final class RestPose {

    private RestPose() {
    }

    /**
     * @param rig a rig, moving or not (not null, not modified)
     * @return a new tree whose geometries share meshes and materials with the rig's
     */
    static Node of(CarRig rig) {
        Objects.requireNonNull(rig, "rig");
        Node car = new Node(CarRig.ROOT_NAME);
        Node body = rig.chassis().clone(false);
        body.setLocalTranslation(0, 0, 0);
        car.attachChild(body);
        for (WheelPosition p : WheelPosition.values()) {
            WheelAnchor a = rig.mesh().wheel(p);
            Node wheel = new Node(CarRig.wheelName(p));
            wheel.setLocalTranslation(a.center(null));
            for (Spatial model : rig.wheel(p).getChildren()) {
                wheel.attachChild(model.clone(false));
            }
            car.attachChild(wheel);
        }
        return car;
    }
}
