package io.hyperfusion.spark;

import io.hyperfusion.features.cache.Hashing;
import io.hyperfusion.models.bundle.Manifest;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Parquet files a Spark training read, with their SHA-256 and row counts, for the bundle's manifest (as the
 * single-machine {@code train} records the data set's files).
 */
final class TableFiles {
    private TableFiles() {
    }

    /** The files of the posts and users tables (and the embeddings table, when given), names relative to their root. */
    static List<Manifest.InputFile> of(SparkSession spark, String tables, String embeddings) {
        List<Manifest.InputFile> out = new ArrayList<>();
        out.addAll(files(spark, tables + "/" + Ingest.POSTS, Ingest.POSTS));
        out.addAll(files(spark, tables + "/" + Ingest.USERS, Ingest.USERS));
        if (embeddings != null) {
            out.addAll(files(spark, embeddings, "embeddings"));
        }
        return out;
    }

    private static List<Manifest.InputFile> files(SparkSession spark, String dir, String prefix) {
        Map<String, Long> rows = new TreeMap<>();
        for (Row r : spark.read().parquet(dir).groupBy(functions.input_file_name().as("f")).count().collectAsList()) {
            rows.put(r.getString(0), r.getLong(1));
        }
        List<Manifest.InputFile> out = new ArrayList<>();
        for (Map.Entry<String, Long> e : rows.entrySet()) {
            Path f = Path.of(java.net.URI.create(e.getKey()));
            out.add(new Manifest.InputFile(prefix + "/" + f.getFileName(), Hashing.sha256(f), e.getValue()));
        }
        return out;
    }
}
