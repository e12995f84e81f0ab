package io.hyperfusion.features.encode.mobilenet;

import java.util.Locale;

/** Arithmetic of the MobileNetV2 encoder: the converted float model, or its int8 derivative ({@link MobileNetInt8}). */
public enum MobileNetPrecision {
    /** The converted model as is (float32). */
    FP32,
    /** The data-free int8 QDQ model derived from it: about 1.6× the images per CPU second, features within 0.99 cosine. */
    INT8;

    /** Parses {@code fp32} or {@code int8} (any case); fails naming the accepted values. */
    public static MobileNetPrecision parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("image precision must be fp32 or int8, got '" + s + "'");
        }
    }

    /** The lower-case name used on the command line and in encoder versions. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
