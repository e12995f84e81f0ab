package io.hyperfusion.features.encode.onnx;

import java.util.Objects;

/**
 * One named attribute of an ONNX node: an int, ints, float, floats or string (the ONNX {@code AttributeProto}
 * kinds a hand-built inference graph needs).
 *
 * @param name  the attribute name, e.g. {@code strides}
 * @param type  which of the value fields is in use
 * @param value a {@code Long}, {@code long[]}, {@code Float}, {@code float[]} or {@code String}, matching {@code type}
 */
public record OnnxAttribute(String name, Type type, Object value) {

    /** The ONNX {@code AttributeProto.AttributeType} codes of the supported kinds. */
    public enum Type {
        FLOAT(1), INT(2), STRING(3), FLOATS(6), INTS(7);

        final int code;

        Type(int code) {
            this.code = code;
        }
    }

    public OnnxAttribute {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("attribute name must not be empty");
        }
        Class<?> expected = switch (type) {
            case FLOAT -> Float.class;
            case INT -> Long.class;
            case STRING -> String.class;
            case FLOATS -> float[].class;
            case INTS -> long[].class;
        };
        if (!expected.isInstance(value)) {
            throw new IllegalArgumentException("attribute '" + name + "' of type " + type + " needs a "
                    + expected.getSimpleName() + ", got " + value.getClass().getSimpleName());
        }
        if (value instanceof long[] a) {
            value = a.clone();
        } else if (value instanceof float[] a) {
            value = a.clone();
        }
    }

    /** An INT attribute. */
    public static OnnxAttribute of(String name, long value) {
        return new OnnxAttribute(name, Type.INT, value);
    }

    /** An INTS attribute. */
    public static OnnxAttribute ints(String name, long... values) {
        return new OnnxAttribute(name, Type.INTS, values);
    }

    /** A FLOAT attribute. */
    public static OnnxAttribute of(String name, float value) {
        return new OnnxAttribute(name, Type.FLOAT, value);
    }

    /** A FLOATS attribute. */
    public static OnnxAttribute floats(String name, float... values) {
        return new OnnxAttribute(name, Type.FLOATS, values);
    }

    /** A STRING attribute (UTF-8). */
    public static OnnxAttribute of(String name, String value) {
        return new OnnxAttribute(name, Type.STRING, value);
    }
}
