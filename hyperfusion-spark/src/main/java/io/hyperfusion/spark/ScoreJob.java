package io.hyperfusion.spark;

import io.hyperfusion.ensemble.PopularityModel;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * {@code score}: predicts the popularity of any number of posts with a model bundle on the executors and
 * writes {@code uid, pid, popularity_score} as Parquet ({@code <out>/parquet}) and CSV with a header
 * ({@code <out>/csv}, one file per partition).
 *
 * <p>Each executor loads the bundle once ({@link ExecutorModels#bundle}, verified against its checksums) and
 * scores its partitions in chunks of {@value #CHUNK} posts with {@link PopularityModel#predict}, exactly as
 * the single-machine {@code predict} command does (the feature transform of a post depends only on the post,
 * its author's profile and its vectors, which the joined row carries).
 */
public final class ScoreJob {
    /** Name of the prediction column. */
    public static final String SCORE = "popularity_score";
    static final int CHUNK = 4096;

    /** The predictions' schema. */
    public static final StructType SCHEMA = new StructType(new StructField[] {
            DataTypes.createStructField(PostRows.UID, DataTypes.StringType, false),
            DataTypes.createStructField(PostRows.PID, DataTypes.StringType, false),
            DataTypes.createStructField(SCORE, DataTypes.DoubleType, false)});

    private ScoreJob() {
    }

    /**
     * Scores joined rows ({@link Inputs#join}).
     *
     * @param meta the embeddings' description when the model needs embeddings, else null
     * @throws IllegalArgumentException when the model needs embeddings of other encoders than {@code meta}'s
     */
    public static Dataset<Row> score(Dataset<Row> joined, String bundleDir, EmbedJob.Meta meta) {
        PopularityModel model = ExecutorModels.bundle(bundleDir).model(); // fail early, on the driver
        if (!model.encoders().isEmpty()) {
            if (meta == null) {
                throw new IllegalArgumentException("the model at " + bundleDir + " was trained on embeddings of "
                        + model.encoders() + ": run 'embed' and pass its output with --embeddings");
            }
            model.requireEncoders(meta.encoders());
        }
        EmbedJob.Meta used = model.encoders().isEmpty() ? null : meta;
        MapPartitionsFunction<Row, Row> f = rows -> scorePartition(rows, bundleDir, used);
        return joined.mapPartitions(f, Encoders.row(SCHEMA));
    }

    /** Scores and writes Parquet and CSV under {@code out}. */
    public static void write(Dataset<Row> scores, String out, boolean overwrite) {
        SaveMode mode = overwrite ? SaveMode.Overwrite : SaveMode.ErrorIfExists;
        scores.write().mode(mode).parquet(out + "/parquet");
        // CSV from the Parquet copy: scoring runs once, not once per output format.
        scores.sparkSession().read().parquet(out + "/parquet").write().mode(mode).option("header", "true")
                .csv(out + "/csv");
    }

    private static Iterator<Row> scorePartition(Iterator<Row> rows, String bundleDir, EmbedJob.Meta meta) {
        PopularityModel model = ExecutorModels.bundle(bundleDir).model();
        List<Row> out = new ArrayList<>();
        for (List<Row> chunk : Inputs.chunks(rows, CHUNK)) {
            Inputs.Partition part = Inputs.Partition.of(chunk, meta);
            double[] s = model.predict(part.posts(), part.context());
            for (int i = 0; i < s.length; i++) {
                out.add(RowFactory.create(part.posts().get(i).userId(), part.posts().get(i).postId(), s[i]));
            }
        }
        return out.iterator();
    }
}
