package io.hyperfusion.features;

import java.util.Arrays;

/**
 * A dense row-major matrix of features with a {@link FeatureSchema}; missing values are NaN.
 *
 * <p>Immutable once built: {@link #row(int)} and {@link #values()} return copies, so a matrix can be shared
 * between threads.
 */
public final class FeatureMatrix {
    private final FeatureSchema schema;
    private final int rows;
    private final double[] values;

    /** Wraps {@code values} (row-major, rows x schema.size()); the array is copied. */
    public FeatureMatrix(FeatureSchema schema, int rows, double[] values) {
        if (rows < 0) {
            throw new IllegalArgumentException("rows must be >= 0, got " + rows);
        }
        if ((long) rows * schema.size() != values.length) {
            throw new IllegalArgumentException("expected " + rows + " x " + schema.size() + " = "
                    + (long) rows * schema.size() + " values, got " + values.length);
        }
        this.schema = schema;
        this.rows = rows;
        this.values = values.clone();
    }

    public FeatureSchema schema() { return schema; }
    public int rows() { return rows; }
    public int cols() { return schema.size(); }

    public double get(int row, int col) {
        return values[row * schema.size() + col];
    }

    /** A copy of one row. */
    public double[] row(int row) {
        int c = schema.size();
        return Arrays.copyOfRange(values, row * c, (row + 1) * c);
    }

    /** A copy of the row-major values. */
    public double[] values() {
        return values.clone();
    }

    /** The row-major values as floats (for native libraries that take float32). */
    public float[] valuesAsFloat() {
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) values[i];
        }
        return f;
    }

    /** The rows at {@code idx}, in that order. */
    public FeatureMatrix selectRows(int[] idx) {
        int c = schema.size();
        double[] out = new double[idx.length * c];
        for (int i = 0; i < idx.length; i++) {
            System.arraycopy(values, idx[i] * c, out, i * c, c);
        }
        return new FeatureMatrix(schema, idx.length, out);
    }

    /** The columns at {@code cols}, in that order, with their names and categorical flags. */
    public FeatureMatrix selectColumns(int[] cols) {
        FeatureSchema selected = schema.select(cols);
        int c = schema.size();
        double[] out = new double[rows * cols.length];
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < cols.length; j++) {
                out[r * cols.length + j] = values[r * c + cols[j]];
            }
        }
        return new FeatureMatrix(selected, rows, out);
    }

    /** This matrix with numeric columns appended: {@code extra[j][r]} is column j of row r. */
    public FeatureMatrix appendColumns(java.util.List<String> names, double[][] extra) {
        if (names.size() != extra.length) {
            throw new IllegalArgumentException("expected one name per appended column: " + extra.length
                    + " columns, " + names.size() + " names");
        }
        FeatureSchema appended = schema.append(names);
        int c = schema.size();
        int w = c + extra.length;
        double[] out = new double[rows * w];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(values, r * c, out, r * w, c);
            for (int j = 0; j < extra.length; j++) {
                if (extra[j].length != rows) {
                    throw new IllegalArgumentException("appended column '" + names.get(j) + "' has " + extra[j].length
                            + " rows, expected " + rows);
                }
                out[r * w + c + j] = extra[j][r];
            }
        }
        return new FeatureMatrix(appended, rows, out);
    }

    /** The rows of this matrix followed by the rows of {@code other} (same schema). */
    public FeatureMatrix concatRows(FeatureMatrix other) {
        schema.requireSame(other.schema, "row concatenation");
        double[] out = java.util.Arrays.copyOf(values, values.length + other.values.length);
        System.arraycopy(other.values, 0, out, values.length, other.values.length);
        return new FeatureMatrix(schema, rows + other.rows, out);
    }

    /** A matrix builder that fills rows in place without copying per row. */
    public static Builder builder(FeatureSchema schema, int rows) {
        return new Builder(schema, rows);
    }

    /** Fills a matrix cell by cell; starts all-NaN (missing). */
    public static final class Builder {
        private final FeatureSchema schema;
        private final int rows;
        private final double[] values;

        private Builder(FeatureSchema schema, int rows) {
            this.schema = schema;
            this.rows = rows;
            this.values = new double[rows * schema.size()];
            Arrays.fill(values, Double.NaN);
        }

        public Builder set(int row, int col, double v) {
            values[row * schema.size() + col] = v;
            return this;
        }

        public Builder set(int row, String name, double v) {
            int col = schema.indexOf(name);
            if (col < 0) {
                throw new IllegalArgumentException("no feature '" + name + "' in " + schema);
            }
            return set(row, col, v);
        }

        public FeatureMatrix build() {
            return new FeatureMatrix(schema, rows, values);
        }
    }
}
