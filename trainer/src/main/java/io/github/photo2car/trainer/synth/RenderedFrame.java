package io.github.photo2car.trainer.synth;

/**
 * A pooled buffer pair the renderer fills for one picture: the photo's RGBA and the label pass's
 * RGBA, both as OpenGL reads them (row 0 at the bottom), plus what was rendered. The encoder
 * returns it to the pool when done, so the render loop allocates no pixel buffers per picture.
 */
final class RenderedFrame {

    final byte[] rgba;
    final byte[] labels;
    CarJob job;
    ViewSpec view;

    RenderedFrame(int width, int height) {
        rgba = new byte[width * height * 4];
        labels = new byte[width * height * 4];
    }
}
