package io.hyperfusion.spark;

import io.hyperfusion.data.Post;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The posts table of the Spark jobs (one row per post) and the conversion between a row and a {@link Post}.
 *
 * <p>Columns, in order: {@code uid} string, {@code pid} string (together unique), {@code posted_at} timestamp
 * (nullable), {@code title} string ("" when empty), {@code tags} array&lt;string&gt;, {@code image_path}
 * string (absolute, resolved against the data set's root at ingest, null when the post has none),
 * {@code category}, {@code subcategory}, {@code concept} strings, {@code latitude}, {@code longitude} double,
 * {@code geo_accuracy} int, {@code numeric} map&lt;string,double&gt;, {@code categorical}
 * map&lt;string,string&gt;, {@code label} double (null when unlabelled), {@code split} string ({@code train}
 * for labelled posts, {@code test} for unlabelled ones), {@code seq} long (the post's position in the data set as
 * the reader returned it, so training sees the posts in the single-machine order; null in tables written before it
 * existed). Every column but the ids is nullable.
 *
 * <p>Timestamps are written as {@link Instant}s; {@link Sessions#prepare} switches Spark's java.time API on
 * so rows hold Instants, but {@link #toPost} also accepts {@link Timestamp}. Stateless.
 */
public final class PostRows {
    public static final String UID = "uid";
    public static final String PID = "pid";
    public static final String LABEL = "label";
    public static final String SPLIT = "split";
    public static final String TRAIN = "train";
    public static final String TEST = "test";
    /** The post's position in the data set as its reader returned it (labelled posts first, in file order). */
    public static final String SEQ = "seq";

    /** The posts table's schema. */
    public static final StructType SCHEMA = new StructType(new StructField[] {
            DataTypes.createStructField(UID, DataTypes.StringType, false),
            DataTypes.createStructField(PID, DataTypes.StringType, false),
            DataTypes.createStructField("posted_at", DataTypes.TimestampType, true),
            DataTypes.createStructField("title", DataTypes.StringType, true),
            DataTypes.createStructField("tags", DataTypes.createArrayType(DataTypes.StringType, false), true),
            DataTypes.createStructField("image_path", DataTypes.StringType, true),
            DataTypes.createStructField("category", DataTypes.StringType, true),
            DataTypes.createStructField("subcategory", DataTypes.StringType, true),
            DataTypes.createStructField("concept", DataTypes.StringType, true),
            DataTypes.createStructField("latitude", DataTypes.DoubleType, true),
            DataTypes.createStructField("longitude", DataTypes.DoubleType, true),
            DataTypes.createStructField("geo_accuracy", DataTypes.IntegerType, true),
            DataTypes.createStructField("numeric",
                    DataTypes.createMapType(DataTypes.StringType, DataTypes.DoubleType, false), true),
            DataTypes.createStructField("categorical",
                    DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType, false), true),
            DataTypes.createStructField(LABEL, DataTypes.DoubleType, true),
            DataTypes.createStructField(SPLIT, DataTypes.StringType, false),
            DataTypes.createStructField(SEQ, DataTypes.LongType, true)});

    private PostRows() {
    }

    /**
     * The row of a post.
     *
     * @param imagePath the absolute image path to store (the caller resolves it), or null
     * @param seq       the post's position in its data set
     */
    public static Row toRow(Post p, String imagePath, long seq) {
        return RowFactory.create(p.userId(), p.postId(), p.postedAt(), p.title(),
                Scala.seq(p.tags()), imagePath, p.category(),
                p.subcategory(), p.concept(), p.latitude(), p.longitude(), p.geoAccuracy(),
                Scala.map(p.numeric()), Scala.map(p.categorical()), p.label(),
                p.isLabelled() ? TRAIN : TEST, seq);
    }

    /**
     * The post of a row that holds (at least) the posts table's columns, looked up by name, so joined rows with
     * more columns work too.
     *
     * @throws IllegalArgumentException naming the post and column when a value has the wrong type
     */
    public static Post toPost(Row r) {
        String uid = r.getAs(UID);
        String pid = r.getAs(PID);
        try {
            return new Post(pid, uid, instant(r.getAs("posted_at")), r.getAs("title"),
                    r.isNullAt(r.fieldIndex("tags")) ? List.of() : r.getList(r.fieldIndex("tags")),
                    r.getAs("image_path"), r.getAs("category"), r.getAs("subcategory"), r.getAs("concept"),
                    r.getAs("latitude"), r.getAs("longitude"), r.getAs("geo_accuracy"),
                    map(r, "numeric"), map(r, "categorical"), r.getAs(LABEL));
        } catch (ClassCastException e) {
            throw new IllegalArgumentException("post " + uid + "/" + pid + ": a column has the wrong type ("
                    + e.getMessage() + "); expected the schema " + SCHEMA.simpleString(), e);
        }
    }

    static Instant instant(Object v) {
        if (v == null || v instanceof Instant) {
            return (Instant) v;
        }
        if (v instanceof Timestamp t) {
            return t.toInstant();
        }
        throw new IllegalArgumentException("expected a timestamp, got " + v.getClass().getName() + " " + v);
    }

    private static <V> Map<String, V> map(Row r, String column) {
        int i = r.fieldIndex(column);
        if (r.isNullAt(i)) {
            return Map.of();
        }
        Map<String, V> m = r.getJavaMap(i);
        return new LinkedHashMap<>(m);
    }
}
