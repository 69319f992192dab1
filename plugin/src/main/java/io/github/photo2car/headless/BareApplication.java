package io.github.photo2car.headless;

import com.jme3.app.SimpleApplication;

/**
 * An empty jME application (no fly camera, no statistics) to host GL compute work, offscreen
 * rendering or benchmarks in a {@link HeadlessSession}.
 */
public final class BareApplication extends SimpleApplication {

    @Override
    public void simpleInitApp() {
        flyCam.setEnabled(false);
        setDisplayStatView(false);
        setDisplayFps(false);
    }
}
