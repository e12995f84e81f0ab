package io.hyperfusion.features;

import io.hyperfusion.data.Post;
import io.hyperfusion.data.Seeds;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * An ordered list of unfitted feature groups. Fitting on labelled posts yields a {@link FittedPipeline}
 * (saved in the model bundle and applied identically to new posts) plus the training matrix.
 */
public final class FeaturePipeline {
    private final List<FeatureGroup> groups;

    public FeaturePipeline(List<FeatureGroup> groups) {
        if (groups.isEmpty()) {
            throw new IllegalArgumentException("a feature pipeline needs at least one group");
        }
        Set<String> seen = new LinkedHashSet<>();
        for (FeatureGroup g : groups) {
            if (!seen.add(g.name())) {
                throw new IllegalArgumentException("feature group '" + g.name() + "' is listed twice");
            }
        }
        this.groups = List.copyOf(groups);
    }

    public List<FeatureGroup> groups() {
        return groups;
    }

    /** The fitted pipeline and the training rows' feature matrix. */
    public record Fit(FittedPipeline pipeline, FeatureMatrix trainMatrix) { }

    /**
     * Fits every group on the labelled training posts. Each group gets its own seed, derived from
     * {@code seed} and the group's name, so adding a group never changes another's values.
     */
    public Fit fit(List<Post> train, FeatureContext ctx, long seed) {
        if (train.isEmpty()) {
            throw new IllegalArgumentException("cannot fit features on 0 training posts");
        }
        double[] labels = new double[train.size()];
        for (int i = 0; i < labels.length; i++) {
            Post p = train.get(i);
            if (!p.isLabelled()) {
                throw new IllegalArgumentException("training post " + p.key() + " has no label");
            }
            labels[i] = p.label();
        }
        Seeds seeds = new Seeds(seed);
        List<FittedGroup> fitted = new ArrayList<>();
        List<double[][]> blocks = new ArrayList<>();
        for (FeatureGroup g : groups) {
            FeatureGroup.Fit f = g.fit(train, labels, ctx, seeds.child(g.name()));
            fitted.add(f.group());
            blocks.add(f.trainValues());
        }
        FittedPipeline pipeline = new FittedPipeline(fitted);
        return new Fit(pipeline, assemble(pipeline.schema(), train.size(), blocks));
    }

    /** Lays the groups' per-row blocks side by side into one matrix. */
    static FeatureMatrix assemble(FeatureSchema schema, int rows, List<double[][]> blocks) {
        double[] values = new double[rows * schema.size()];
        int offset = 0;
        for (double[][] block : blocks) {
            int width = block.length == 0 ? 0 : block[0].length;
            for (int r = 0; r < rows; r++) {
                System.arraycopy(block[r], 0, values, r * schema.size() + offset, block[r].length);
            }
            offset += width;
        }
        return new FeatureMatrix(schema, rows, values);
    }

    /** The schema of fitted groups laid side by side. */
    static FeatureSchema schemaOf(List<FittedGroup> groups) {
        List<String> names = new ArrayList<>();
        BitSet cat = new BitSet();
        for (FittedGroup g : groups) {
            for (int i = 0; i < g.names().size(); i++) {
                if (g.isCategorical(i)) {
                    cat.set(names.size());
                }
                names.add(g.names().get(i));
            }
        }
        return new FeatureSchema(names, cat);
    }
}
