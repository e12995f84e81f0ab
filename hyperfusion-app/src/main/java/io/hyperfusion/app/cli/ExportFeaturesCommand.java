package io.hyperfusion.app.cli;

import io.hyperfusion.app.embed.EmbedOptions;
import io.hyperfusion.app.embed.EmbeddingRun;
import io.hyperfusion.data.Post;
import io.hyperfusion.data.PostDataset;
import io.hyperfusion.data.PostKey;
import io.hyperfusion.ensemble.PopularityBundle;
import io.hyperfusion.features.FeatureContext;
import io.hyperfusion.features.FeatureGroups;
import io.hyperfusion.features.FeatureMatrix;
import io.hyperfusion.features.FeaturePipeline;
import io.hyperfusion.features.io.FeatureTable;
import io.hyperfusion.features.io.FeatureTableWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hyperfusion export-features}: writes the feature table (uid, pid, every {@code group#name} column and
 * the label) as CSV or Parquet, so models can be trained elsewhere (e.g. CatBoost in Python, docs/CATBOOST.md)
 * and imported back.
 */
@Command(name = "export-features", mixinStandardHelpOptions = true,
        description = "Writes the feature table (CSV or Parquet) of a data set's posts for training elsewhere.")
public final class ExportFeaturesCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions data;

    @Mixin
    LabelOptions labels;

    @Mixin
    EmbedOptions embed;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "FILE.csv or FILE.parquet.")
    Path out;

    @Option(names = "--split", defaultValue = "train", paramLabel = "SPLIT",
            description = "train: labelled posts with labels, as training rows (target statistics out-of-fold); "
                    + "test: unlabelled posts (default: ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--model", paramLabel = "MODEL_DIR",
            description = "Use this bundle's fitted pipeline (the columns a model of it was trained on); "
                    + "without it the pipeline is fitted on the labelled posts here.")
    Path model;

    @Option(names = "--features", defaultValue = "all", paramLabel = "GROUPS", description = "Feature groups when fitting (default: ${DEFAULT-VALUE}).")
    String features;

    @Option(names = "--seed", defaultValue = "42", description = "Seed when fitting (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws java.io.IOException {
        if (!split.equals("train") && !split.equals("test")) {
            throw new IllegalArgumentException("--split must be train or test, got '" + split + "'");
        }
        var err = spec.commandLine().getErr();
        PostDataset ds = labels.check(data.read(err), data.policy(), err);
        List<Post> posts = split.equals("train") ? ds.labelled() : ds.unlabelled();
        if (posts.isEmpty()) {
            throw new IllegalArgumentException("split '" + split + "' of " + data.data + " has no posts");
        }
        FeatureMatrix x;
        if (model != null) {
            try (PopularityBundle.Loaded loaded = PopularityBundle.load(model)) {
                Map<String, String> enc = new TreeMap<>();
                List<String> groups = loaded.model().pipeline().schema().names().stream()
                        .map(n -> n.substring(0, n.indexOf('#'))).distinct().toList();
                FeatureContext ctx = EmbeddingRun.context(ds, groups, embed, enc, err);
                x = loaded.model().features(posts, ctx);
            }
        } else {
            Map<String, String> enc = new TreeMap<>();
            FeatureContext ctx = EmbeddingRun.context(ds, FeatureGroups.parse(features), embed, enc, err);
            FeaturePipeline.Fit fit = FeatureGroups.select(features).fit(ds.labelled(), ctx, seed);
            x = split.equals("train") ? fit.trainMatrix() : fit.pipeline().transform(posts, ctx);
        }
        List<PostKey> keys = posts.stream().map(Post::key).toList();
        double[] labels = split.equals("train") ? posts.stream().mapToDouble(Post::label).toArray() : null;
        FeatureTableWriter.write(out, new FeatureTable(keys, x, labels));
        spec.commandLine().getOut().printf("wrote %,d rows x %,d features to %s%n", x.rows(), x.cols(), out);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
