package io.hyperfusion.spark;

import io.hyperfusion.data.Post;
import io.hyperfusion.features.FeatureGroups;
import io.hyperfusion.features.FeatureMatrix;
import io.hyperfusion.features.FeaturePipeline;
import io.hyperfusion.features.FittedPipeline;
import io.hyperfusion.data.Seeds;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;

/**
 * {@code features}: the wide feature table of every post ({@code uid, pid, split, label} and one double column
 * per feature, NaN = missing, see {@link FeatureColumns}), written as Parquet with {@value FeatureColumns#FILE}.
 *
 * <p>Two ways to get the fitted pipeline:
 * <ul>
 *   <li>{@link #fromBundle}: the pipeline of a trained model bundle; every post is transformed on the
 *       executors. This is what scoring needs and what scales to any number of posts.</li>
 *   <li>{@link #fit}: fits a new pipeline <em>on the driver</em>, because fitting needs global statistics
 *       (vocabularies, per-user histories over the whole corpus, out-of-fold target statistics): every post
 *       and profile is collected to the driver. The labelled rows keep the values the fit produced (target
 *       statistics out-of-fold, as single-machine training uses them); unlabelled rows are transformed on the
 *       executors with the saved pipeline ({@value #PIPELINE_DIR}/pipeline.json.gz in the table folder).</li>
 * </ul>
 */
public final class FeaturesJob {
    /** Sub-folder of a fitted table folder that holds the fitted pipeline. */
    public static final String PIPELINE_DIR = "_pipeline";
    static final int CHUNK = 4096;

    private FeaturesJob() {
    }

    /** The table's schema for {@code cols}. */
    public static StructType schema(FeatureColumns cols) {
        List<StructField> f = new ArrayList<>();
        f.add(DataTypes.createStructField(PostRows.UID, DataTypes.StringType, false));
        f.add(DataTypes.createStructField(PostRows.PID, DataTypes.StringType, false));
        f.add(DataTypes.createStructField(PostRows.SPLIT, DataTypes.StringType, false));
        f.add(DataTypes.createStructField(PostRows.LABEL, DataTypes.DoubleType, true));
        for (String c : cols.columns()) {
            f.add(DataTypes.createStructField(c, DataTypes.DoubleType, false));
        }
        return new StructType(f.toArray(StructField[]::new));
    }

    /** Transforms joined rows ({@link Inputs#join}) with the bundle's pipeline, on the executors. */
    public static Dataset<Row> fromBundle(Dataset<Row> joined, String bundleDir, EmbedJob.Meta meta) {
        FeatureColumns cols = FeatureColumns.of(ExecutorModels.bundle(bundleDir).model().pipeline().schema());
        return transform(joined, cols, meta, () -> ExecutorModels.bundle(bundleDir).model().pipeline());
    }

    /**
     * Fits a pipeline of the groups {@code features} names on the driver and writes the table to {@code out}.
     *
     * @return the table's columns
     */
    public static FeatureColumns fit(SparkSession spark, Dataset<Row> joined, EmbedJob.Meta meta, String features,
                                     long seed, String out, boolean overwrite) {
        List<Row> all = new ArrayList<>(joined.collectAsList());
        all.sort(Comparator.comparing((Row r) -> String.valueOf(PostRows.instant(r.getAs("posted_at"))))
                .thenComparing(r -> (String) r.getAs(PostRows.UID)).thenComparing(r -> (String) r.getAs(PostRows.PID)));
        Inputs.Partition part = Inputs.Partition.of(all, meta);
        List<Post> labelled = part.posts().stream().filter(Post::isLabelled).toList();
        FeaturePipeline pipeline = FeatureGroups.select(features);
        FeaturePipeline.Fit fit = pipeline.fit(labelled, new io.hyperfusion.features.FeatureContext(
                part.context().users(), null, part.context().embeddings(), part.posts()),
                new Seeds(seed).child("features"));
        FeatureColumns cols = FeatureColumns.of(fit.pipeline().schema());
        StructType schema = schema(cols);
        List<Row> trainRows = rows(labelled, fit.trainMatrix());
        Dataset<Row> train = spark.createDataFrame(trainRows, schema);

        String pipelineDir = out + "/" + PIPELINE_DIR;
        String tmpDir = out + ".pipeline-tmp";
        Path tmpPipeline = Path.of(tmpDir);
        saveQuietly(fit.pipeline(), tmpPipeline);
        Dataset<Row> test = transform(joined.filter(joined.col(PostRows.LABEL).isNull()), cols, meta,
                () -> ExecutorModels.pipeline(tmpDir));
        train.union(test).write().mode(overwrite ? SaveMode.Overwrite : SaveMode.ErrorIfExists).parquet(out);
        saveQuietly(fit.pipeline(), Path.of(pipelineDir));
        cols.write(out);
        deleteQuietly(tmpPipeline);
        return cols;
    }

    /** Writes a bundle-pipeline table and its sidecar; returns the columns. */
    public static FeatureColumns writeFromBundle(Dataset<Row> joined, String bundleDir, EmbedJob.Meta meta, String out,
                                                 boolean overwrite) {
        FeatureColumns cols = FeatureColumns.of(ExecutorModels.bundle(bundleDir).model().pipeline().schema());
        fromBundle(joined, bundleDir, meta).write().mode(overwrite ? SaveMode.Overwrite : SaveMode.ErrorIfExists)
                .parquet(out);
        cols.write(out);
        return cols;
    }

    /** A serialisable way for a task to get this JVM's pipeline. */
    interface PipelineRef extends java.io.Serializable, java.util.function.Supplier<FittedPipeline> { }

    static Dataset<Row> transform(Dataset<Row> joined, FeatureColumns cols, EmbedJob.Meta meta, PipelineRef ref) {
        MapPartitionsFunction<Row, Row> f = rows -> transformPartition(rows, meta, ref);
        return joined.mapPartitions(f, Encoders.row(schema(cols)));
    }

    private static Iterator<Row> transformPartition(Iterator<Row> rows, EmbedJob.Meta meta, PipelineRef ref) {
        List<Row> out = new ArrayList<>();
        for (List<Row> chunk : Inputs.chunks(rows, CHUNK)) {
            Inputs.Partition part = Inputs.Partition.of(chunk, meta);
            FeatureMatrix m = ref.get().transform(part.posts(), part.context());
            out.addAll(rows(part.posts(), m));
        }
        return out.iterator();
    }

    static List<Row> rows(List<Post> posts, FeatureMatrix m) {
        List<Row> out = new ArrayList<>(posts.size());
        for (int i = 0; i < posts.size(); i++) {
            Post p = posts.get(i);
            Object[] v = new Object[4 + m.cols()];
            v[0] = p.userId();
            v[1] = p.postId();
            v[2] = p.isLabelled() ? PostRows.TRAIN : PostRows.TEST;
            v[3] = p.label();
            double[] row = m.row(i);
            for (int c = 0; c < row.length; c++) {
                v[4 + c] = row[c];
            }
            out.add(RowFactory.create(v));
        }
        return out;
    }

    private static void saveQuietly(FittedPipeline p, Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot create " + dir, e);
        }
        p.save(dir);
    }

    private static void deleteQuietly(Path dir) {
        try (var s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (java.io.IOException e) {
            // leftover temporary pipeline; harmless
        }
    }
}
