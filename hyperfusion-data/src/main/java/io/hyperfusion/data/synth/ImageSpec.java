package io.hyperfusion.data.synth;

/**
 * How one synthetic image is drawn: its size, the scene, the visible properties the label depends on, the
 * JPEG quality and the seed of its shapes and noise texture.
 *
 * @param width       pixels
 * @param height      pixels
 * @param scene       what it depicts
 * @param saturation  colour factor: 0 = grey, 1 = as drawn, above 1 = more vivid
 * @param blurSigma   Gaussian blur sd in pixels, 0 for a sharp image
 * @param gain        brightness gain: below 1 darker, above 1 brighter (clipped, so highlights blow out)
 * @param jpegQuality JPEG quality in (0, 1]
 * @param seed        seed of the drawing (positions, sizes, colour jitter, texture)
 */
record ImageSpec(int width, int height, Scene scene, double saturation, double blurSigma, double gain,
        float jpegQuality, long seed) {
}
