package io.hyperfusion.spark;

import io.hyperfusion.data.Post;
import io.hyperfusion.data.UserProfile;
import io.hyperfusion.features.FeatureContext;
import io.hyperfusion.features.embed.Embeddings;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Puts together what a feature transform needs per post, so that each partition is self-contained: posts
 * left-joined with their author's profile (struct column {@link UserRows#COLUMN}) and, when given, with their
 * embeddings (columns {@code emb_<space>}). A partition then rebuilds its posts and a {@link FeatureContext}
 * of exactly its authors and vectors; no feature group reads more than that when transforming (only fitting
 * looks at the corpus).
 */
final class Inputs {
    private Inputs() {
    }

    /** Posts with their profile and (if {@code embeddings} is not null) their vectors. */
    static Dataset<Row> join(Dataset<Row> posts, Dataset<Row> users, Dataset<Row> embeddings, EmbedJob.Meta meta) {
        Column[] userCols = java.util.Arrays.stream(users.columns()).map(users::col).toArray(Column[]::new);
        Dataset<Row> u = users.select(users.col(PostRows.UID).as("__uid"), functions.struct(userCols).as(UserRows.COLUMN));
        Dataset<Row> joined = posts.join(u, posts.col(PostRows.UID).equalTo(u.col("__uid")), "left").drop("__uid");
        if (embeddings == null) {
            return joined;
        }
        List<Column> cols = new ArrayList<>();
        cols.add(embeddings.col(PostRows.UID).as("__uid"));
        cols.add(embeddings.col(PostRows.PID).as("__pid"));
        for (String space : meta.spaces().keySet()) {
            cols.add(embeddings.col(space).as(EmbedJob.JOINED_PREFIX + space));
        }
        Dataset<Row> e = embeddings.select(cols.toArray(Column[]::new));
        return joined.join(e, joined.col(PostRows.UID).equalTo(e.col("__uid"))
                .and(joined.col(PostRows.PID).equalTo(e.col("__pid"))), "left").drop("__uid", "__pid");
    }

    /**
     * The posts of joined rows and their feature context.
     *
     * @param meta the embeddings' description, or null when the rows carry none
     */
    record Partition(List<Post> posts, FeatureContext context) {
        static Partition of(List<Row> rows, EmbedJob.Meta meta) {
            List<Post> posts = new ArrayList<>(rows.size());
            Map<String, UserProfile> users = new HashMap<>();
            for (Row r : rows) {
                Post p = PostRows.toPost(r);
                posts.add(p);
                int ui = r.fieldIndex(UserRows.COLUMN);
                if (!r.isNullAt(ui) && !users.containsKey(p.userId())) {
                    users.put(p.userId(), UserRows.toProfile(r.getStruct(ui)));
                }
            }
            Embeddings e = meta == null ? Embeddings.none() : EmbedJob.table(rows, meta);
            // Image paths are absolute (ingest resolved them), so no image root is needed.
            return new Partition(posts, new FeatureContext(users, null, e, List.of()));
        }
    }

    /** Splits a partition's rows into chunks of at most {@code size}, each handled as one batch. */
    static List<List<Row>> chunks(java.util.Iterator<Row> rows, int size) {
        List<List<Row>> out = new ArrayList<>();
        List<Row> cur = new ArrayList<>(size);
        while (rows.hasNext()) {
            cur.add(rows.next());
            if (cur.size() == size) {
                out.add(cur);
                cur = new ArrayList<>(size);
            }
        }
        if (!cur.isEmpty()) {
            out.add(cur);
        }
        return out;
    }
}
