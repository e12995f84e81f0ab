package io.hyperfusion.spark;

import io.hyperfusion.app.cli.TrainGate;
import io.hyperfusion.app.page.TrainingSummary;
import io.hyperfusion.data.LoadSummary;
import io.hyperfusion.data.Post;
import io.hyperfusion.data.PostDataset;
import io.hyperfusion.data.UserProfile;
import io.hyperfusion.ensemble.PopularityBundle;
import io.hyperfusion.ensemble.PopularityTrainer;
import io.hyperfusion.ensemble.PseudoLabeler;
import io.hyperfusion.ensemble.TrainReport;
import io.hyperfusion.ensemble.config.HierarchyConfig;
import io.hyperfusion.features.FeatureContext;
import io.hyperfusion.features.FeatureGroups;
import io.hyperfusion.features.embed.Embeddings;
import io.hyperfusion.features.encode.mobilenet.MobileNetV2Encoder;
import io.hyperfusion.features.encode.text.MiniLmTextEncoder;
import io.hyperfusion.spark.train.Placement;
import io.hyperfusion.spark.train.SparkTrainers;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * {@code train}: the whole HyperFusion training with its member fits on the cluster. The driver reads the ingested
 * posts, profiles and (when the feature groups need them) the embeddings in the order the single-machine reader
 * returns them, and runs {@link PopularityTrainer}: the time hold-out, the feature pipeline fit (global statistics),
 * the one fold plan, the tier-3 blend and the pseudo-label decisions stay on the driver, while every member fit (each
 * fold and full fit of every member, every seed) runs where the {@link Placement} says ({@link SparkTrainers}). The
 * bundle it writes is the {@code train} command's: the same files, checksums, report and drafting-page summary, so
 * {@code predict}, {@code serve} and Spark {@code score} load it alike.
 */
public final class TrainJob {
    /** Feature groups that read image embeddings (as the CLI's embedding run decides). */
    private static final Set<String> IMAGE_GROUPS = Set.of("image", "crossmodal", "cluster");
    /** Feature groups that read text embeddings. */
    private static final Set<String> TEXT_GROUPS = Set.of("textemb", "crossmodal", "cluster");

    private TrainJob() {
    }

    /**
     * What the driver holds to train: the data set in reader order, its feature context and the encoders the model
     * will need at scoring time.
     */
    record Inputs(PostDataset data, FeatureContext context, Map<String, String> encoders) { }

    /**
     * Trains on the ingested {@code tables} (and {@code embeddings}, or null) and writes the bundle to {@code out}.
     *
     * @param parallelFits member fits submitted at once (Spark runs them as its slots allow)
     * @return the training report
     */
    public static TrainReport run(SparkSession spark, String tables, String embeddings, HierarchyConfig config,
                                  Placement placement, int parallelFits, Path out, Consumer<String> log) {
        Inputs in = read(spark, tables, embeddings, FeatureGroups.parse(config.features()));
        log.accept(String.format("driver holds %,d labelled and %,d unlabelled posts, %,d profiles; encoders %s",
                in.data().labelled().size(), in.data().unlabelled().size(), in.data().users().size(), in.encoders()));
        PopularityTrainer trainer = new PopularityTrainer(config, progress(log),
                new SparkTrainers(spark, placement, parallelFits));
        PopularityTrainer.Outcome o = trainer.train(in.data(), in.context(), in.encoders(), log);
        try (var model = o.model()) {
            TrainGate.check(model, o.report(), in.data(), in.context());
            List<String> tags = in.data().labelled().stream().flatMap(p -> p.tags().stream()).toList();
            PopularityBundle.save(out, model, config, o.report(), o.pseudoLabels(),
                    TableFiles.of(spark, tables, embeddings), tags, TrainingSummary.of(in.data()).files());
        }
        return o.report();
    }

    /** Collects the tables onto the driver, posts in the reader's order. */
    static Inputs read(SparkSession spark, String tables, String embeddings, List<String> groups) {
        List<Row> rows = new ArrayList<>(Ingest.readPosts(spark, tables).collectAsList());
        rows.sort(order(rows));
        List<Post> labelled = new ArrayList<>();
        List<Post> unlabelled = new ArrayList<>();
        for (Row r : rows) {
            Post p = PostRows.toPost(r);
            (p.isLabelled() ? labelled : unlabelled).add(p);
        }
        Map<String, UserProfile> users = new HashMap<>();
        for (Row r : Ingest.readUsers(spark, tables).collectAsList()) {
            UserProfile u = UserRows.toProfile(r);
            users.put(u.userId(), u);
        }
        PostDataset ds = new PostDataset(Path.of(tables), labelled, unlabelled, users, LoadSummary.builder().build());
        boolean images = groups.stream().anyMatch(IMAGE_GROUPS::contains);
        boolean texts = groups.stream().anyMatch(TEXT_GROUPS::contains);
        Map<String, String> encoders = new TreeMap<>();
        Embeddings vectors = Embeddings.none();
        if (images || texts) {
            if (embeddings == null) {
                throw new IllegalArgumentException("the feature groups " + groups + " read " + (images ? "image" : "text")
                        + " embeddings: run 'embed' and pass its output with --embeddings, or leave those groups out"
                        + " (e.g. --features all,-image,-textemb,-crossmodal,-cluster)");
            }
            EmbedJob.Meta meta = EmbedJob.Meta.read(embeddings);
            require(meta, images, MobileNetV2Encoder.ID, "image", embeddings);
            require(meta, texts, MiniLmTextEncoder.ID, "text", embeddings);
            meta.encoders().forEach((id, version) -> {
                if ((images && id.equals(MobileNetV2Encoder.ID)) || (texts && id.equals(MiniLmTextEncoder.ID))) {
                    encoders.put(id, version);
                }
            });
            vectors = vectors(spark, embeddings, meta);
        }
        return new Inputs(ds, FeatureContext.of(ds).withEmbeddings(vectors), encoders);
    }

    private static void require(EmbedJob.Meta meta, boolean needed, String id, String what, String dir) {
        if (needed && !meta.encoders().containsKey(id)) {
            throw new IllegalArgumentException("the feature groups read " + what + " embeddings (" + id + ") but "
                    + dir + " has only " + meta.encoders().keySet() + ": embed again with them");
        }
    }

    /** Every vector of the embeddings table, collected onto the driver. */
    static Embeddings vectors(SparkSession spark, String dir, EmbedJob.Meta meta) {
        Dataset<Row> e = spark.read().parquet(dir);
        List<Column> cols = new ArrayList<>(List.of(e.col(PostRows.UID), e.col(PostRows.PID)));
        meta.spaces().keySet().forEach(s -> cols.add(e.col(s).as(EmbedJob.JOINED_PREFIX + s)));
        return EmbedJob.table(e.select(cols.toArray(Column[]::new)).collectAsList(), meta);
    }

    /** The reader's order ({@link PostRows#SEQ}); tables without it: by time, author and post. */
    private static Comparator<Row> order(List<Row> rows) {
        boolean seq = rows.stream().noneMatch(r -> r.isNullAt(r.fieldIndex(PostRows.SEQ)));
        if (seq) {
            return Comparator.comparingLong(r -> r.getLong(r.fieldIndex(PostRows.SEQ)));
        }
        return Comparator.comparing((Row r) -> String.valueOf(PostRows.instant(r.getAs("posted_at"))))
                .thenComparing(r -> (String) r.getAs(PostRows.UID)).thenComparing(r -> (String) r.getAs(PostRows.PID));
    }

    /** One log line per tenth of each hierarchy fit's member fits. */
    private static PseudoLabeler.StageProgress progress(Consumer<String> log) {
        Map<String, Integer> last = new LinkedHashMap<>();
        return (stage, done, total) -> {
            int tenth = total == 0 ? 10 : done * 10 / total;
            synchronized (last) {
                if (last.getOrDefault(stage, -1) < tenth) {
                    last.put(stage, tenth);
                    log.accept(String.format("  %s: %d of %d member fits done", stage, done, total));
                }
            }
        };
    }
}
