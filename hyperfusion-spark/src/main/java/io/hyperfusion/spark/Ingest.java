package io.hyperfusion.spark;

import io.hyperfusion.data.DataFormat;
import io.hyperfusion.data.LoadSummary;
import io.hyperfusion.data.Post;
import io.hyperfusion.data.PostDataset;
import io.hyperfusion.data.ReadOptions;
import io.hyperfusion.data.Readers;
import io.hyperfusion.data.UserProfile;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * {@code ingest}: reads an SMPD-Image, SMPD-Video or JSONL data set with the project's own readers and writes
 * it as two Parquet tables, {@code <out>/posts} ({@link PostRows#SCHEMA}) and {@code <out>/users}
 * ({@link UserRows#SCHEMA}).
 *
 * <p>The metadata is read on the driver and then parallelised: the SMPD files are a handful of JSON documents
 * (the column-oriented user file cannot be split anyway), about 0.5 GB for the full 486K posts, and the
 * readers' join and bad-row policy must see whole files. Images, the large part, are not read here: their
 * paths are stored absolute, so executors read them later from the same shared file system.
 */
public final class Ingest {
    /** Sub-folder of the posts table. */
    public static final String POSTS = "posts";
    /** Sub-folder of the users table. */
    public static final String USERS = "users";

    private Ingest() {
    }

    /**
     * What an ingest wrote.
     *
     * @param posts   rows of the posts table
     * @param users   rows of the users table
     * @param summary the reader's account of the input (skips, missing images)
     */
    public record Result(long posts, long users, LoadSummary summary) { }

    /** Reads {@code data} in {@code format} and writes both tables under {@code out}. */
    public static Result run(SparkSession spark, DataFormat format, Path data, ReadOptions options, String out,
                             int partitions, boolean overwrite) {
        PostDataset ds = Readers.forFormat(format).read(data, options);
        SaveMode mode = overwrite ? SaveMode.Overwrite : SaveMode.ErrorIfExists;
        posts(spark, ds, partitions).write().mode(mode).parquet(out + "/" + POSTS);
        users(spark, ds).write().mode(mode).parquet(out + "/" + USERS);
        return new Result(ds.labelled().size() + ds.unlabelled().size(), ds.users().size(), ds.summary());
    }

    /** The posts of a loaded data set as a DataFrame of {@code partitions} partitions, labelled ones first. */
    public static Dataset<Row> posts(SparkSession spark, PostDataset ds, int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1, got " + partitions);
        }
        List<Row> rows = new ArrayList<>(ds.labelled().size() + ds.unlabelled().size());
        List<Post> all = ds.all();
        for (int i = 0; i < all.size(); i++) {
            Path image = ds.imageFile(all.get(i));
            rows.add(PostRows.toRow(all.get(i), image == null ? null : image.toAbsolutePath().toString(), i));
        }
        return Sessions.prepare(spark).createDataFrame(rows, PostRows.SCHEMA).repartition(partitions);
    }

    /** The authors' profiles of a loaded data set, ordered by user id. */
    public static Dataset<Row> users(SparkSession spark, PostDataset ds) {
        List<Row> rows = new ArrayList<>(ds.users().size());
        for (UserProfile u : new TreeMap<>(ds.users()).values()) {
            rows.add(UserRows.toRow(u));
        }
        return Sessions.prepare(spark).createDataFrame(rows, UserRows.SCHEMA).coalesce(1);
    }

    /** Reads the posts table written by {@link #run}. */
    public static Dataset<Row> readPosts(SparkSession spark, String dir) {
        return Sessions.prepare(spark).read().schema(PostRows.SCHEMA).parquet(dir + "/" + POSTS);
    }

    /** Reads the users table written by {@link #run}. */
    public static Dataset<Row> readUsers(SparkSession spark, String dir) {
        return Sessions.prepare(spark).read().schema(UserRows.SCHEMA).parquet(dir + "/" + USERS);
    }
}
