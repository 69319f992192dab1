package io.github.photo2car.drive;

import com.jme3.app.Application;
import com.jme3.app.state.BaseAppState;
import com.jme3.input.InputManager;
import com.jme3.input.KeyInput;
import com.jme3.input.controls.ActionListener;
import com.jme3.input.controls.KeyTrigger;
import io.github.photo2car.lights.LightsState;

/**
 * Keyboard driving: W/↑ throttle, S/↓ brake and reverse, A/← and D/→ steer, Space handbrake,
 * H cycles the headlights, Q/E left/right indicator, X hazards. Drives whichever {@link CarDriver}
 * is set; the car's lamp state gets the light keys. Allocates nothing per frame.
 */
public final class DrivingInputState extends BaseAppState implements ActionListener {

    // input-mapping names: a game may delete a mapping and add its own triggers under the same name
    /** Mapping name of the accelerator. */
    public static final String THROTTLE = "photo2car.throttle";
    public static final String BRAKE = "photo2car.brake";
    public static final String LEFT = "photo2car.steerLeft";
    public static final String RIGHT = "photo2car.steerRight";
    public static final String HANDBRAKE = "photo2car.handbrake";
    public static final String HEADLIGHTS = "photo2car.headlights";
    public static final String BLINK_LEFT = "photo2car.blinkLeft";
    public static final String BLINK_RIGHT = "photo2car.blinkRight";
    public static final String HAZARDS = "photo2car.hazards";
    private static final String[] ALL = {THROTTLE, BRAKE, LEFT, RIGHT, HANDBRAKE, HEADLIGHTS, BLINK_LEFT,
        BLINK_RIGHT, HAZARDS};

    private final DriverInput input = new DriverInput();
    private CarDriver driver;
    private LightsState lights;
    private boolean throttleKey;
    private boolean brakeKey;
    private boolean leftKey;
    private boolean rightKey;

    /**
     * Chooses the car the keys drive.
     *
     * @param carDriver the car's driver (null: keys do nothing)
     * @param lamps     the car's lamp state for the light keys (may be null)
     */
    public void setCar(CarDriver carDriver, LightsState lamps) {
        driver = carDriver;
        lights = lamps;
        input.clear();
    }

    /** @return the controls as the keys currently set them (live object; do not modify) */
    public DriverInput input() {
        return input;
    }

    @Override
    protected void initialize(Application app) {
        InputManager im = app.getInputManager();
        im.addMapping(THROTTLE, new KeyTrigger(KeyInput.KEY_W), new KeyTrigger(KeyInput.KEY_UP));
        im.addMapping(BRAKE, new KeyTrigger(KeyInput.KEY_S), new KeyTrigger(KeyInput.KEY_DOWN));
        im.addMapping(LEFT, new KeyTrigger(KeyInput.KEY_A), new KeyTrigger(KeyInput.KEY_LEFT));
        im.addMapping(RIGHT, new KeyTrigger(KeyInput.KEY_D), new KeyTrigger(KeyInput.KEY_RIGHT));
        im.addMapping(HANDBRAKE, new KeyTrigger(KeyInput.KEY_SPACE));
        im.addMapping(HEADLIGHTS, new KeyTrigger(KeyInput.KEY_H));
        im.addMapping(BLINK_LEFT, new KeyTrigger(KeyInput.KEY_Q));
        im.addMapping(BLINK_RIGHT, new KeyTrigger(KeyInput.KEY_E));
        im.addMapping(HAZARDS, new KeyTrigger(KeyInput.KEY_X));
    }

    @Override
    protected void cleanup(Application app) {
        InputManager im = app.getInputManager();
        for (String m : ALL) {
            if (im.hasMapping(m)) {
                im.deleteMapping(m);
            }
        }
    }

    @Override
    protected void onEnable() {
        getApplication().getInputManager().addListener(this, ALL);
    }

    @Override
    protected void onDisable() {
        getApplication().getInputManager().removeListener(this);
        input.clear();
        throttleKey = brakeKey = leftKey = rightKey = false;
    }

    @Override
    public void onAction(String name, boolean pressed, float tpf) {
        switch (name) {
            case THROTTLE -> throttleKey = pressed;
            case BRAKE -> brakeKey = pressed;
            case LEFT -> leftKey = pressed;
            case RIGHT -> rightKey = pressed;
            case HANDBRAKE -> input.handbrake = pressed;
            default -> {
                if (pressed && lights != null) {
                    lightKey(name);
                }
            }
        }
        input.throttle = throttleKey ? 1f : 0f;
        input.brake = brakeKey ? 1f : 0f;
        input.steer = (leftKey ? 1f : 0f) - (rightKey ? 1f : 0f);
    }

    private void lightKey(String name) {
        switch (name) {
            case HEADLIGHTS -> lights.cycleHeadlights();
            case BLINK_LEFT -> lights.toggleBlinker(LightsState.Blinker.LEFT);
            case BLINK_RIGHT -> lights.toggleBlinker(LightsState.Blinker.RIGHT);
            case HAZARDS -> lights.setHazards(!lights.hazards());
            default -> throw new IllegalStateException("unmapped action " + name);
        }
    }

    @Override
    public void update(float tpf) {
        if (driver != null) {
            driver.update(input, tpf);
        }
    }
}
