package io.hyperfusion.models.djl;

import io.hyperfusion.features.FeatureMatrix;
import io.hyperfusion.features.FeatureSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns feature rows into network inputs, with statistics fitted on the training rows only.
 *
 * <p><b>Numeric columns</b> are scaled per {@link InputScaling}: by default mapped through their training
 * quantiles onto a standard normal ({@link RankGauss}); or standardised with the training mean and standard
 * deviation (a constant column gets sd 1). A missing or infinite value becomes 0, i.e. the training median or
 * mean (no missing indicator, for simplicity). <b>Categorical columns</b> are one-hot encoded: a column whose codes seen in
 * training reach {@code L - 1} gets {@code min(L, maxLevels)} slots plus one reserved slot for unseen codes,
 * codes beyond the cap, negative codes and NaN. One-hot rather than embeddings keeps the input a plain vector
 * TabNet's attention can select from; categoricals in this project are low-cardinality (hour, weekday, levels).
 * The optional <b>key column</b> (the MLP's author code) is not part of the vector: {@link #keys} maps the codes
 * present in the training rows to embedding rows {@code 0..keyVocabulary-1}, and every other code (one below the
 * largest training code that no training row carries, as an author missing from an out-of-fold fit's rows;
 * codes beyond the vocabulary; NaN) to the unknown row {@code keyVocabulary}, so no untrained embedding row is
 * ever read. The <b>target</b> is standardised with the training mean and sd.
 *
 * <p>Immutable and thread-safe; {@link #toMap}/{@link #fromMap} carry it through {@code model.json}.
 */
public final class TabularEncoder {
    private final int[] numeric;
    private final double[] mean;
    private final double[] sd;
    private final RankGauss[] gauss; // null: standardise; an entry is null for a column with no finite value
    private final int[] categorical;
    private final int[] levels;
    private final int keyColumn;
    private final int keyVocabulary;
    private final java.util.BitSet keysSeen; // codes < keyVocabulary present in the training rows
    private final double yMean;
    private final double ySd;
    private final int width;

    private TabularEncoder(int[] numeric, double[] mean, double[] sd, RankGauss[] gauss, int[] categorical,
                           int[] levels, int keyColumn, int keyVocabulary, java.util.BitSet keysSeen, double yMean,
                           double ySd) {
        this.numeric = numeric;
        this.mean = mean;
        this.sd = sd;
        this.gauss = gauss;
        this.categorical = categorical;
        this.levels = levels;
        this.keyColumn = keyColumn;
        this.keyVocabulary = keyVocabulary;
        this.keysSeen = (java.util.BitSet) keysSeen.clone();
        this.yMean = yMean;
        this.ySd = ySd;
        int w = numeric.length;
        for (int l : levels) {
            w += l + 1;
        }
        this.width = w;
    }

    /**
     * Fits the encoder on training rows.
     *
     * @param keyColumn name of a categorical column to use as embedding key, or null for none
     * @param maxKeys   largest key vocabulary (codes {@code >= maxKeys} share the unknown row)
     * @param scaling   how numeric columns are scaled
     */
    public static TabularEncoder fit(FeatureMatrix x, double[] y, int maxLevels, String keyColumn, int maxKeys,
                                     InputScaling scaling) {
        FeatureSchema schema = x.schema();
        int key = -1;
        if (keyColumn != null) {
            key = schema.indexOf(keyColumn);
            if (key < 0 || !schema.isCategorical(key)) {
                throw new IllegalArgumentException("key column '" + keyColumn + "': expected a categorical column of "
                        + "the schema, got " + (key < 0 ? "no such column" : "a numeric column") + " in " + schema.names());
            }
        }
        List<Integer> num = new ArrayList<>();
        List<Integer> cat = new ArrayList<>();
        for (int c = 0; c < schema.size(); c++) {
            if (c == key) {
                continue;
            }
            (schema.isCategorical(c) ? cat : num).add(c);
        }
        int[] numeric = num.stream().mapToInt(Integer::intValue).toArray();
        double[] mean = new double[numeric.length];
        double[] sd = new double[numeric.length];
        for (int i = 0; i < numeric.length; i++) {
            double[] ms = meanSd(x, numeric[i]);
            mean[i] = ms[0];
            sd[i] = ms[1];
        }
        RankGauss[] gauss = null;
        if (scaling == InputScaling.QUANTILE) {
            gauss = new RankGauss[numeric.length];
            double[] col = new double[x.rows()];
            for (int i = 0; i < numeric.length; i++) {
                for (int r = 0; r < col.length; r++) {
                    col[r] = x.get(r, numeric[i]);
                }
                gauss[i] = RankGauss.fit(col);
            }
        }
        int[] categorical = cat.stream().mapToInt(Integer::intValue).toArray();
        int[] levels = new int[categorical.length];
        for (int i = 0; i < categorical.length; i++) {
            levels[i] = Math.min(maxCode(x, categorical[i]) + 1, maxLevels);
        }
        int vocab = key < 0 ? 0 : Math.min(maxCode(x, key) + 1, maxKeys);
        java.util.BitSet seen = new java.util.BitSet();
        for (int r = 0; key >= 0 && r < x.rows(); r++) {
            double v = x.get(r, key);
            if (v >= 0 && v < vocab && v == Math.rint(v)) {
                seen.set((int) v);
            }
        }
        double ym = 0;
        for (double v : y) {
            ym += v;
        }
        ym /= y.length;
        double ss = 0;
        for (double v : y) {
            ss += (v - ym) * (v - ym);
        }
        double ysd = Math.sqrt(ss / y.length);
        return new TabularEncoder(numeric, mean, sd, gauss, categorical, levels, key, vocab, seen, ym,
                ysd > 1e-12 ? ysd : 1);
    }

    /** Length of one encoded row. */
    public int width() { return width; }

    /**
     * The schema column each encoded slot comes from ({@code [width]}): a numeric column has one slot, a categorical
     * column its one-hot block; lets a linear model add its slots' shares back up per column.
     */
    public int[] slotColumns() {
        int[] out = new int[width];
        int o = 0;
        for (int c : numeric) {
            out[o++] = c;
        }
        for (int i = 0; i < categorical.length; i++) {
            java.util.Arrays.fill(out, o, o + levels[i] + 1, categorical[i]);
            o += levels[i] + 1;
        }
        return out;
    }

    /** Rows of the key embedding table, including the unknown row; 0 without a key column. */
    public int keyRows() { return keyColumn < 0 ? 0 : keyVocabulary + 1; }

    public boolean hasKey() { return keyColumn >= 0; }

    /** Encoded rows, row-major {@code [rows][width]}. */
    public float[] encode(FeatureMatrix x) {
        int rows = x.rows();
        float[] out = new float[rows * width];
        for (int r = 0; r < rows; r++) {
            int o = r * width;
            for (int i = 0; i < numeric.length; i++) {
                double v = x.get(r, numeric[i]);
                double z = gauss == null ? (v - mean[i]) / sd[i] : gauss[i] == null ? 0 : gauss[i].apply(v);
                out[o++] = Double.isFinite(z) ? (float) z : 0f;
            }
            for (int i = 0; i < categorical.length; i++) {
                out[o + slot(x.get(r, categorical[i]), levels[i])] = 1f;
                o += levels[i] + 1;
            }
        }
        return out;
    }

    /** Embedding rows of the key column: codes seen in training as they are, anything else → {@code keyVocabulary}. */
    public long[] keys(FeatureMatrix x) {
        if (keyColumn < 0) {
            throw new IllegalStateException("encoder has no key column");
        }
        long[] out = new long[x.rows()];
        for (int r = 0; r < out.length; r++) {
            int s = slot(x.get(r, keyColumn), keyVocabulary);
            out[r] = s < keyVocabulary && keysSeen.get(s) ? s : keyVocabulary;
        }
        return out;
    }

    /** Standardised targets. */
    public float[] scaleTarget(double[] y) {
        float[] out = new float[y.length];
        for (int i = 0; i < y.length; i++) {
            out[i] = (float) ((y[i] - yMean) / ySd);
        }
        return out;
    }

    /** A standardised prediction back on the target's scale. */
    public double unscaleTarget(float z) {
        return z * ySd + yMean;
    }

    private static int slot(double code, int known) {
        return code >= 0 && code < known && code == Math.rint(code) ? (int) code : known;
    }

    private static double[] meanSd(FeatureMatrix x, int col) {
        double sum = 0;
        long n = 0;
        for (int r = 0; r < x.rows(); r++) {
            double v = x.get(r, col);
            if (Double.isFinite(v)) {
                sum += v;
                n++;
            }
        }
        double m = n == 0 ? 0 : sum / n;
        double ss = 0;
        for (int r = 0; r < x.rows(); r++) {
            double v = x.get(r, col);
            if (Double.isFinite(v)) {
                ss += (v - m) * (v - m);
            }
        }
        double s = n == 0 ? 1 : Math.sqrt(ss / n);
        return new double[] {m, s > 1e-12 ? s : 1};
    }

    private static int maxCode(FeatureMatrix x, int col) {
        int max = -1;
        for (int r = 0; r < x.rows(); r++) {
            double v = x.get(r, col);
            if (v >= 0 && v == Math.rint(v) && v < Integer.MAX_VALUE) {
                max = Math.max(max, (int) v);
            }
        }
        return max;
    }

    /** The fitted statistics as JSON-friendly lists and numbers. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("numericColumns", ints(numeric));
        m.put("mean", doubles(mean));
        m.put("sd", doubles(sd));
        m.put("scaling", (gauss == null ? InputScaling.STANDARD : InputScaling.QUANTILE).optionValue());
        if (gauss != null) {
            m.put("quantiles", java.util.Arrays.stream(gauss)
                    .map(g -> g == null ? List.<Double>of() : doubles(g.points())).toList());
        }
        m.put("categoricalColumns", ints(categorical));
        m.put("levels", ints(levels));
        m.put("keyColumn", keyColumn);
        m.put("keyVocabulary", keyVocabulary);
        m.put("keysSeen", java.util.Arrays.stream(keysSeen.toLongArray()).boxed().toList());
        m.put("targetMean", yMean);
        m.put("targetSd", ySd);
        return m;
    }

    /** Reads {@link #toMap()} output back; a missing or malformed entry → IllegalArgumentException naming it. */
    public static TabularEncoder fromMap(Map<?, ?> m, FeatureSchema schema) {
        int[] numeric = toInts(m, "numericColumns");
        double[] mean = toDoubles(m, "mean");
        double[] sd = toDoubles(m, "sd");
        int[] categorical = toInts(m, "categoricalColumns");
        int[] levels = toInts(m, "levels");
        if (mean.length != numeric.length || sd.length != numeric.length || levels.length != categorical.length) {
            throw new IllegalArgumentException("encoder: expected one mean/sd per numeric column and one level count "
                    + "per categorical column, got " + m);
        }
        for (int c : concat(numeric, categorical)) {
            if (c < 0 || c >= schema.size()) {
                throw new IllegalArgumentException("encoder: column " + c + " outside the schema of " + schema.size());
            }
        }
        // Models saved before input_scaling existed carry no "scaling": they were standardised.
        RankGauss[] gauss = null;
        if (m.get("scaling") != null && InputScaling.parse(m.get("scaling")) == InputScaling.QUANTILE) {
            List<?> q = toList(m, "quantiles");
            if (q.size() != numeric.length) {
                throw new IllegalArgumentException("encoder: expected " + numeric.length + " quantile lists, got "
                        + q.size());
            }
            gauss = new RankGauss[numeric.length];
            for (int i = 0; i < gauss.length; i++) {
                if (!(q.get(i) instanceof List<?> pts)) {
                    throw new IllegalArgumentException("encoder: quantiles[" + i + "] is not a list");
                }
                gauss[i] = pts.isEmpty() ? null
                        : new RankGauss(pts.stream().mapToDouble(v -> ((Number) v).doubleValue()).toArray());
            }
        }
        int vocab = toNumber(m, "keyVocabulary").intValue();
        // Models saved before "keysSeen" existed read every code below the vocabulary as trained.
        java.util.BitSet seen = new java.util.BitSet();
        if (m.get("keysSeen") != null) {
            seen = java.util.BitSet.valueOf(toList(m, "keysSeen").stream().mapToLong(v -> ((Number) v).longValue()).toArray());
        } else {
            seen.set(0, Math.max(0, vocab));
        }
        return new TabularEncoder(numeric, mean, sd, gauss, categorical, levels, toNumber(m, "keyColumn").intValue(),
                vocab, seen, toNumber(m, "targetMean").doubleValue(), toNumber(m, "targetSd").doubleValue());
    }

    private static int[] concat(int[] a, int[] b) {
        int[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private static List<Integer> ints(int[] a) {
        return java.util.Arrays.stream(a).boxed().toList();
    }

    private static List<Double> doubles(double[] a) {
        return java.util.Arrays.stream(a).boxed().toList();
    }

    private static Number toNumber(Map<?, ?> m, String key) {
        if (!(m.get(key) instanceof Number n)) {
            throw new IllegalArgumentException("encoder: expected number '" + key + "', got " + m.get(key));
        }
        return n;
    }

    private static List<?> toList(Map<?, ?> m, String key) {
        if (!(m.get(key) instanceof List<?> l)) {
            throw new IllegalArgumentException("encoder: expected list '" + key + "', got " + m.get(key));
        }
        return l;
    }

    private static int[] toInts(Map<?, ?> m, String key) {
        return toList(m, key).stream().mapToInt(v -> ((Number) v).intValue()).toArray();
    }

    private static double[] toDoubles(Map<?, ?> m, String key) {
        return toList(m, key).stream().mapToDouble(v -> ((Number) v).doubleValue()).toArray();
    }
}
