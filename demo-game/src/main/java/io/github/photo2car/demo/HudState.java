package io.github.photo2car.demo;

import com.jme3.app.Application;
import com.jme3.app.SimpleApplication;
import com.jme3.app.state.BaseAppState;
import com.jme3.math.ColorRGBA;
import com.simsilica.lemur.Container;
import com.simsilica.lemur.GuiGlobals;
import com.simsilica.lemur.Label;
import com.simsilica.lemur.style.BaseStyles;
import io.github.photo2car.gl.GlInfo;

import java.util.Locale;

/**
 * The demo's heads-up display, drawn with Lemur's glass style: a title, a status line (frame rate,
 * renderer) and a line of key hints. The status text is rebuilt twice a second, not every frame.
 */
public final class HudState extends BaseAppState {

    private static final float STATUS_PERIOD = 0.5f;

    private final String title;
    private Container panel;
    private Label status;
    private Label hints;
    private String message = "";
    private String hintText = "";
    private String rendererName = "";
    private float sinceStatus;
    private int framesSinceStatus;

    /**
     * @param title the game's title shown at the top of the panel
     */
    public HudState(String title) {
        this.title = title;
    }

    @Override
    protected void initialize(Application app) {
        GuiGlobals.initialize(app);
        BaseStyles.loadGlassStyle();
        GuiGlobals.getInstance().getStyles().setDefaultStyle(BaseStyles.GLASS);

        panel = new Container();
        Label heading = panel.addChild(new Label(title));
        heading.setFontSize(22f);
        heading.setColor(new ColorRGBA(1f, 0.85f, 0.4f, 1f));
        status = panel.addChild(new Label("starting…"));
        hints = panel.addChild(new Label(hintText));
        hints.setColor(new ColorRGBA(0.8f, 0.9f, 1f, 0.9f));
        rendererName = GlInfo.probeCurrentContext().renderer();
    }

    /**
     * Shows a message after the frame-rate figures (e.g. what the game is doing). Render thread only.
     *
     * @param text the message, may be empty (not null)
     */
    public void setMessage(String text) {
        message = text;
    }

    /**
     * Sets the line of key hints under the status line. Render thread only.
     *
     * @param text the hints (not null)
     */
    public void setHints(String text) {
        hintText = text;
        if (hints != null) {
            hints.setText(text);
        }
    }

    /** @return the status line as currently displayed */
    public String statusText() {
        return status.getText();
    }

    @Override
    public void update(float tpf) {
        sinceStatus += tpf;
        framesSinceStatus++;
        if (sinceStatus >= STATUS_PERIOD) {
            float fps = framesSinceStatus / sinceStatus;
            status.setText(String.format(Locale.ROOT, "%.0f FPS  |  %s%s", fps, rendererName,
                    message.isEmpty() ? "" : "  |  " + message));
            sinceStatus = 0;
            framesSinceStatus = 0;
        }
    }

    @Override
    protected void cleanup(Application app) {
        panel.removeFromParent();
    }

    @Override
    protected void onEnable() {
        SimpleApplication app = (SimpleApplication) getApplication();
        panel.setLocalTranslation(12, app.getCamera().getHeight() - 12, 0);
        app.getGuiNode().attachChild(panel);
    }

    @Override
    protected void onDisable() {
        panel.removeFromParent();
    }
}
