package io.hyperfusion.spark.train;

import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * One member fit's rows as DataFrames for Spark's distributed learners: {@value #FEATURES} (a dense vector, NaN =
 * missing), {@value #LABEL}, {@value #WEIGHT} and {@value #VALID} (true for the validation rows of early
 * stopping). The data travels once per executor as a broadcast variable (not inside the tasks, which are limited
 * by {@code spark.rpc.message.maxSize}); each of the frame's partitions builds its slice of rows from it, so the
 * driver never creates a {@link Row} per training row.
 */
public final class TrainingFrames {
    public static final String FEATURES = "features";
    public static final String LABEL = "label";
    public static final String WEIGHT = "weight";
    public static final String VALID = "is_valid";

    /** The frames' schema. */
    public static final StructType SCHEMA = new StructType()
            .add(FEATURES, SQLDataTypes.VectorType(), false)
            .add(LABEL, DataTypes.DoubleType, false)
            .add(WEIGHT, DataTypes.DoubleType, false)
            .add(VALID, DataTypes.BooleanType, false);

    private TrainingFrames() {
    }

    /** The training rows (and, with {@code withValidation}, the validation rows after them) in {@code partitions}. */
    public static Dataset<Row> frame(SparkSession spark, Broadcast<FitData> data, int partitions, boolean withValidation) {
        FitData d = data.value();
        long n = d.x().rows() + (withValidation && d.hasValidation() ? d.validX().rows() : 0);
        MapPartitionsFunction<Row, Row> rows = ids -> rows(ids, data.value());
        return spark.range(0, n, 1, Math.max(1, partitions)).toDF("id")
                .mapPartitions(rows, Encoders.row(SCHEMA));
    }

    /** Only the validation rows, as a frame of its own ({@link #VALID} true). */
    public static Dataset<Row> validation(SparkSession spark, Broadcast<FitData> data, int partitions) {
        FitData d = data.value();
        long from = d.x().rows();
        MapPartitionsFunction<Row, Row> rows = ids -> rows(ids, data.value());
        return spark.range(from, from + d.validX().rows(), 1, Math.max(1, partitions)).toDF("id")
                .mapPartitions(rows, Encoders.row(SCHEMA));
    }

    /** Row {@code id}: a training row below {@code x.rows()}, a validation row from there on. */
    private static Iterator<Row> rows(Iterator<Row> ids, FitData d) {
        List<Row> out = new ArrayList<>();
        int n = d.x().rows();
        int cols = d.x().cols();
        while (ids.hasNext()) {
            int id = (int) ids.next().getLong(0);
            boolean valid = id >= n;
            int r = valid ? id - n : id;
            double[] values = valid ? d.validX().values() : d.x().values();
            double[] row = Arrays.copyOfRange(values, r * cols, (r + 1) * cols);
            double label = valid ? d.validY()[r] : d.y()[r];
            double weight = valid || d.w() == null ? 1.0 : d.w()[r];
            out.add(RowFactory.create(Vectors.dense(row), label, weight, valid));
        }
        return out.iterator();
    }
}
