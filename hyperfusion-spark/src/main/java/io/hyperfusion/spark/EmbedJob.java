package io.hyperfusion.spark;

import io.hyperfusion.data.Jackson;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hyperfusion.data.Post;
import io.hyperfusion.features.embed.EmbeddingTable;
import io.hyperfusion.features.embed.PostEmbedder;
import io.hyperfusion.features.embed.Spaces;
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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code embed}: computes every post's embeddings on the executors and writes them as a Parquet table,
 * {@code uid, pid} and one {@code array<float>} column per space ({@code image, nsfw, imgstats} with images,
 * {@code title, tags} with texts; null when a post has no vector, e.g. no or an unreadable image), plus
 * {@value #META_FILE} with the encoders' versions and each space's component names (the leading underscore
 * keeps Spark's Parquet reader from taking it for a data file).
 *
 * <p>Each partition runs {@link PostEmbedder} on chunks of {@value #CHUNK} posts with the executor's encoders
 * and cache from {@link ExecutorEmbedder} (opened once per executor JVM): images are decoded and encoded on
 * the executor that holds the post, and vectors found in the executor's cache are not recomputed.
 */
public final class EmbedJob {
    /** The sidecar written next to the Parquet files: {@code {"encoders": {...}, "spaces": {...}}}. */
    public static final String META_FILE = "_embeddings.json";
    static final int CHUNK = 256;
    private static final ObjectMapper JSON = Jackson.json();

    private EmbedJob() {
    }

    /**
     * What the embeddings table holds besides vectors.
     *
     * @param encoders encoder id → version
     * @param spaces   space → component names, in column order
     */
    public record Meta(Map<String, String> encoders, Map<String, List<String>> spaces) implements java.io.Serializable {
        private static final long serialVersionUID = 1L;

        /** Copies into serialisable collections: a description travels to the executors with every task. */
        public Meta {
            encoders = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(encoders));
            Map<String, List<String>> s = new LinkedHashMap<>();
            spaces.forEach((k, v) -> s.put(k, java.util.Collections.unmodifiableList(new ArrayList<>(v))));
            spaces = java.util.Collections.unmodifiableMap(s);
        }

        /** Reads {@value #META_FILE} from an embeddings folder. */
        public static Meta read(String dir) {
            Path f = Path.of(dir, META_FILE);
            try {
                return JSON.readValue(f.toFile(), Meta.class);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read embeddings description " + f + ": " + e.getMessage(), e);
            }
        }
    }

    /** The spaces {@code s} produces, in column order. */
    public static List<String> spaces(EmbedSettings s) {
        List<String> out = new ArrayList<>();
        if (s.images()) {
            out.addAll(List.of(Spaces.IMAGE, Spaces.NSFW, Spaces.IMGSTATS));
        }
        if (s.texts()) {
            out.addAll(List.of(Spaces.TITLE, Spaces.TAGS));
        }
        return out;
    }

    /** The output schema for {@code s}. */
    public static StructType schema(EmbedSettings s) {
        List<StructField> f = new ArrayList<>();
        f.add(DataTypes.createStructField(PostRows.UID, DataTypes.StringType, false));
        f.add(DataTypes.createStructField(PostRows.PID, DataTypes.StringType, false));
        for (String space : spaces(s)) {
            f.add(DataTypes.createStructField(space, DataTypes.createArrayType(DataTypes.FloatType, false), true));
        }
        return new StructType(f.toArray(StructField[]::new));
    }

    /** The embeddings of {@code posts} (rows with the posts table's columns), computed lazily on executors. */
    public static Dataset<Row> embed(Dataset<Row> posts, EmbedSettings s) {
        List<String> spaces = spaces(s);
        MapPartitionsFunction<Row, Row> f = rows -> embedPartition(rows, s, spaces);
        return posts.mapPartitions(f, Encoders.row(schema(s)));
    }

    /** Embeds {@code posts} and writes the table and {@value #META_FILE} to {@code out}; returns the rows. */
    public static long run(SparkSession spark, Dataset<Row> posts, EmbedSettings s, String out, boolean overwrite) {
        Dataset<Row> e = embed(posts, s);
        e.write().mode(overwrite ? SaveMode.Overwrite : SaveMode.ErrorIfExists).parquet(out);
        // The driver opens the same encoders once (in local mode they are the executors' own) to describe them.
        ExecutorEmbedder local = ExecutorEmbedder.of(s);
        Meta meta = new Meta(local.encoders(), local.spaces());
        try {
            JSON.writerWithDefaultPrettyPrinter().writeValue(Path.of(out, META_FILE).toFile(), meta);
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot write " + Path.of(out, META_FILE) + ": " + ex.getMessage(), ex);
        }
        return spark.read().parquet(out).count();
    }

    private static Iterator<Row> embedPartition(Iterator<Row> rows, EmbedSettings s, List<String> spaces) {
        if (!rows.hasNext()) {
            return java.util.Collections.emptyIterator();
        }
        PostEmbedder embedder = ExecutorEmbedder.of(s).embedder();
        List<Row> out = new ArrayList<>();
        List<Post> chunk = new ArrayList<>(CHUNK);
        while (rows.hasNext()) {
            chunk.add(PostRows.toPost(rows.next()));
            if (chunk.size() == CHUNK || !rows.hasNext()) {
                EmbeddingTable t = embedder.embed(chunk, EmbedJob::imageFile, PostEmbedder.Progress.NONE).table();
                for (Post p : chunk) {
                    Object[] v = new Object[2 + spaces.size()];
                    v[0] = p.userId();
                    v[1] = p.postId();
                    for (int i = 0; i < spaces.size(); i++) {
                        float[] vec = t.get(spaces.get(i), p.key());
                        v[2 + i] = vec == null ? null : UserRows.floats(vec);
                    }
                    out.add(RowFactory.create(v));
                }
                chunk.clear();
            }
        }
        return out.iterator();
    }

    static Path imageFile(Post p) {
        return p.imagePath() == null ? null : Path.of(p.imagePath());
    }

    /** Prefix of the embedding columns once joined onto the posts ({@code title} is also a post column). */
    static final String JOINED_PREFIX = "emb_";

    /** The vectors of joined rows ({@link #JOINED_PREFIX} + space columns) as a table for a feature context. */
    static EmbeddingTable table(List<Row> rows, Meta meta) {
        EmbeddingTable.Builder b = EmbeddingTable.builder();
        Map<String, Integer> columns = new LinkedHashMap<>();
        meta.spaces().forEach((space, names) -> b.space(space, names));
        for (Row r : rows) {
            for (String space : meta.spaces().keySet()) {
                int i = columns.computeIfAbsent(space, k -> r.fieldIndex(JOINED_PREFIX + k));
                if (!r.isNullAt(i)) {
                    b.put(space, new io.hyperfusion.data.PostKey(r.getAs(PostRows.UID), r.getAs(PostRows.PID)),
                            UserRows.floats(r, JOINED_PREFIX + space));
                }
            }
        }
        return b.build();
    }

    static boolean exists(String dir) {
        return Files.isRegularFile(Path.of(dir, META_FILE));
    }
}
