/**
 * The built-in synthetic world: SMPD-Image files, JPEG images and a known popularity formula with a
 * documented ceiling; entry point {@link io.hyperfusion.data.synth.SyntheticWorld}.
 */
package io.hyperfusion.data.synth;
