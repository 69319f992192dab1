package io.github.photo2car.util;

import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Routes java.util.logging (which jMonkeyEngine logs through) into SLF4J, so a game sees the
 * engine's and photo2car's messages in one place, formatted by whatever SLF4J binding it chose.
 */
public final class Logging {

    private static volatile boolean bridged;

    private Logging() {
    }

    /**
     * Installs the java.util.logging → SLF4J bridge once per JVM. Idempotent and thread-safe;
     * replaces the handlers of the JUL root logger (the console handler would print twice).
     */
    public static synchronized void bridgeJavaUtilLogging() {
        if (bridged) {
            return;
        }
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        bridged = true;
    }

    /**
     * Tells whether {@link #bridgeJavaUtilLogging()} has run in this JVM.
     *
     * @return true once the bridge is installed
     */
    public static boolean isBridged() {
        return bridged;
    }
}
