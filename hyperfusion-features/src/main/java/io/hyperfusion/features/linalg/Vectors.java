package io.hyperfusion.features.linalg;

/** Small helpers on dense vectors: dot products, norms, cosine similarity, conversions. */
public final class Vectors {
    private Vectors() { }

    /** The dot product; lengths must match. */
    public static double dot(double[] a, double[] b) {
        requireSameLength(a.length, b.length);
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** Cosine similarity, or NaN when either vector is zero (or null). */
    public static double cosine(double[] a, double[] b) {
        if (a == null || b == null) {
            return Double.NaN;
        }
        double na = Math.sqrt(dot(a, a));
        double nb = Math.sqrt(dot(b, b));
        return na == 0 || nb == 0 ? Double.NaN : dot(a, b) / (na * nb);
    }

    /** Cosine similarity of float vectors, or NaN when either vector is zero (or null). */
    public static double cosine(float[] a, float[] b) {
        return a == null || b == null ? Double.NaN : cosine(toDouble(a), toDouble(b));
    }

    /** Squared Euclidean distance; lengths must match. */
    public static double squaredDistance(double[] a, double[] b) {
        requireSameLength(a.length, b.length);
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            s += d * d;
        }
        return s;
    }

    /** Squared distance to a float centroid. */
    public static double squaredDistance(double[] a, float[] b) {
        requireSameLength(a.length, b.length);
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            s += d * d;
        }
        return s;
    }

    /** Whether every component is zero (the text encoders' vector of an empty text). */
    public static boolean isZero(float[] v) {
        for (float x : v) {
            if (x != 0f) {
                return false;
            }
        }
        return true;
    }

    public static double[] toDouble(float[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i];
        }
        return out;
    }

    public static float[] toFloat(double[] v) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) v[i];
        }
        return out;
    }

    private static void requireSameLength(int a, int b) {
        if (a != b) {
            throw new IllegalArgumentException("vector lengths differ: expected " + a + ", got " + b);
        }
    }
}
