package io.hyperfusion.features;

import io.hyperfusion.data.Jackson;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hyperfusion.data.Post;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Fitted feature groups side by side: transforms any posts into a {@link FeatureMatrix} with a fixed
 * schema. Immutable and thread-safe; saved as one JSON file in the model bundle.
 */
public final class FittedPipeline {
    /** The uncompressed file name, which bundles written before 2026-12-07 hold (still read). */
    public static final String FILE = "pipeline.json";
    /** The file name written now. */
    public static final String FILE_GZ = "pipeline.json.gz";

    private final List<FittedGroup> groups;
    private final FeatureSchema schema;
    /** Columns of each group, from its names (computed once: a group may count its width more cheaply itself). */
    private final int[] widths;

    public FittedPipeline(List<FittedGroup> groups) {
        this.groups = List.copyOf(groups);
        this.schema = FeaturePipeline.schemaOf(this.groups);
        this.widths = this.groups.stream().mapToInt(g -> g.names().size()).toArray();
    }

    public FeatureSchema schema() {
        return schema;
    }

    public List<FittedGroup> groups() {
        return groups;
    }

    /** The feature matrix of {@code posts}, one row each, in order. */
    public FeatureMatrix transform(List<Post> posts, FeatureContext ctx) {
        List<double[][]> blocks = new ArrayList<>(groups.size());
        for (int k = 0; k < groups.size(); k++) {
            FittedGroup g = groups.get(k);
            double[][] b = g.transform(posts, ctx);
            if (b.length != posts.size()) {
                throw new IllegalStateException("group " + g.names() + " returned " + b.length + " rows for "
                        + posts.size() + " posts");
            }
            for (double[] row : b) {
                if (row.length != widths[k]) {
                    throw new IllegalStateException("group " + g.names() + " returned a row of " + row.length
                            + " values for its " + widths[k] + " columns");
                }
            }
            blocks.add(b);
        }
        return FeaturePipeline.assemble(schema, posts.size(), blocks);
    }

    /**
     * Writes {@value #FILE_GZ} (the JSON, gzip-compressed: per-author state makes it tens of MB at SMPD scale, and
     * it compresses about 4×) into {@code dir}. The bytes depend only on the pipeline (gzip's header carries no time).
     */
    public void save(Path dir) {
        Path file = dir.resolve(FILE_GZ);
        try (OutputStream out = new GZIPOutputStream(new BufferedOutputStream(Files.newOutputStream(file)), 1 << 16)) {
            mapper().writeValue(out, new Saved(groups));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write feature pipeline " + file, e);
        }
    }

    /** Reads {@value #FILE_GZ} from {@code dir}, or {@value #FILE} (bundles written before it was compressed). */
    public static FittedPipeline load(Path dir) {
        Path gz = dir.resolve(FILE_GZ);
        Path file = Files.isRegularFile(gz) ? gz : dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no feature pipeline at " + gz + " (nor " + FILE + ")");
        }
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
             InputStream in = file == gz ? new GZIPInputStream(raw, 1 << 16) : raw) {
            return new FittedPipeline(mapper().readValue(in, Saved.class).groups());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read feature pipeline " + file + ": " + e.getMessage(), e);
        }
    }

    /** The on-disk form. */
    record Saved(List<FittedGroup> groups) { }

    private static ObjectMapper mapper() {
        ObjectMapper m = Jackson.json(); // compact: the file is compressed, not read by eye
        FeatureGroups.registerFittedTypes(m);
        return m;
    }
}
