package io.hyperfusion.features;

import io.hyperfusion.data.Jackson;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.hyperfusion.data.Post;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Fitted feature groups side by side: transforms any posts into a {@link FeatureMatrix} with a fixed
 * schema. Immutable and thread-safe; saved as one JSON file in the model bundle.
 */
public final class FittedPipeline {
    /** File name inside a bundle folder. */
    public static final String FILE = "pipeline.json";

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

    /** Writes {@value #FILE} into {@code dir}. */
    public void save(Path dir) {
        Path file = dir.resolve(FILE);
        try {
            mapper().writeValue(file.toFile(), new Saved(groups));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write feature pipeline " + file, e);
        }
    }

    /** Reads {@value #FILE} from {@code dir}. */
    public static FittedPipeline load(Path dir) {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no feature pipeline at " + file);
        }
        try {
            return new FittedPipeline(mapper().readValue(file.toFile(), Saved.class).groups());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read feature pipeline " + file + ": " + e.getMessage(), e);
        }
    }

    /** The on-disk form. */
    record Saved(List<FittedGroup> groups) { }

    private static ObjectMapper mapper() {
        ObjectMapper m = Jackson.json().enable(SerializationFeature.INDENT_OUTPUT);
        FeatureGroups.registerFittedTypes(m);
        return m;
    }
}
