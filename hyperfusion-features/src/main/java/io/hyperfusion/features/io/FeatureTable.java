package io.hyperfusion.features.io;

import io.hyperfusion.data.PostKey;
import io.hyperfusion.features.FeatureMatrix;
import java.util.List;
import java.util.Objects;

/**
 * A feature matrix with its row keys and optional labels: the content of an exported feature table.
 *
 * <p>On disk the columns are {@code uid}, {@code pid}, the schema's feature columns in order under their
 * names as they are (e.g. {@code time#hour}), and {@code label} when labels are present. Missing values (NaN)
 * are empty CSV fields or Parquet NULLs.
 *
 * @param keys     one (uid, pid) per row
 * @param features the feature values
 * @param labels   one label per row, NaN = unknown, or null for a table without labels
 */
public record FeatureTable(List<PostKey> keys, FeatureMatrix features, double[] labels) {
    /** The user-id key column's name. */
    public static final String UID = "uid";
    /** The post-id key column's name. */
    public static final String PID = "pid";
    /** The label column's name. */
    public static final String LABEL = "label";

    public FeatureTable {
        Objects.requireNonNull(features, "features");
        keys = List.copyOf(Objects.requireNonNull(keys, "keys"));
        if (keys.size() != features.rows()) {
            throw new IllegalArgumentException("keys: expected " + features.rows() + " (one per row), got "
                    + keys.size());
        }
        if (labels != null) {
            if (labels.length != features.rows()) {
                throw new IllegalArgumentException("labels: expected " + features.rows() + " (one per row), got "
                        + labels.length);
            }
            labels = labels.clone();
        }
    }

    /** A copy of the labels, or null. */
    @Override
    public double[] labels() {
        return labels == null ? null : labels.clone();
    }

    public boolean hasLabels() {
        return labels != null;
    }

    public int rows() {
        return features.rows();
    }
}
