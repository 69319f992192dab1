package io.github.photo2car.raster;

import com.jme3.app.SimpleApplication;

/** An empty jME application (no fly camera, no statistics) to host GL compute in tests and benchmarks. */
final class BareApp extends SimpleApplication {

    @Override
    public void simpleInitApp() {
        flyCam.setEnabled(false);
        setDisplayStatView(false);
        setDisplayFps(false);
    }
}
