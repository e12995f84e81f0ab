package io.hyperfusion.app.cli;

import io.hyperfusion.app.embed.EmbedOptions;
import io.hyperfusion.app.embed.EmbeddingRun;
import io.hyperfusion.data.Post;
import io.hyperfusion.data.PostDataset;
import io.hyperfusion.data.PostKey;
import io.hyperfusion.ensemble.PopularityBundle;
import io.hyperfusion.ensemble.catboost.CatBoostExport;
import io.hyperfusion.ensemble.config.HierarchyConfig;
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
 * the label) as CSV or Parquet, so models can be trained elsewhere and imported back; or, with
 * {@code --catboost-tables}, the training table of every fit each {@code catboost} member of a configuration will ask
 * for ({@link CatBoostExport}; docs/CATBOOST.md).
 */
@Command(name = "export-features", mixinStandardHelpOptions = true,
        description = {"Writes the feature table (CSV or Parquet) of a data set's posts for training elsewhere,",
                "or (--catboost-tables) the per-fold training tables of a configuration's catboost members."})
public final class ExportFeaturesCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions data;

    @Mixin
    LabelOptions labels;

    @Mixin
    EmbedOptions embed;

    @Option(names = "--out", paramLabel = "FILE", description = "FILE.csv or FILE.parquet.")
    Path out;

    @Option(names = "--catboost-tables", paramLabel = "DIR",
            description = "Instead of --out: run the training of --config (with the same flags train will get) and "
                    + "write, for each catboost member, DIR/<member>/tables.json and one table per fit it will ask "
                    + "for; train them with scripts/catboost/train_tables.py.")
    Path catboostTables;

    @Option(names = "--split", defaultValue = "train", paramLabel = "SPLIT",
            description = "train: labelled posts with labels, as training rows (target statistics out-of-fold); "
                    + "test: unlabelled posts (default: ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--model", paramLabel = "MODEL_DIR",
            description = "Use this bundle's fitted pipeline (the columns a model of it was trained on); "
                    + "without it the pipeline is fitted on the labelled posts here.")
    Path model;

    @Mixin
    EnsembleOptions ensemble;

    @Override
    public Integer call() throws java.io.IOException {
        if (!split.equals("train") && !split.equals("test")) {
            throw new IllegalArgumentException("--split must be train or test, got '" + split + "'");
        }
        if ((out == null) == (catboostTables == null)) {
            throw new IllegalArgumentException("give exactly one of --out FILE and --catboost-tables DIR");
        }
        var err = spec.commandLine().getErr();
        PostDataset ds = labels.check(data.read(err), data.policy(), err);
        if (catboostTables != null) {
            return writeCatBoostTables(ds, err);
        }
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
            FeatureContext ctx = EmbeddingRun.context(ds, FeatureGroups.parse(ensemble.features), embed, enc, err);
            FeaturePipeline.Fit fit = FeatureGroups.select(ensemble.features).fit(ds.labelled(), ctx, ensemble.seed);
            x = split.equals("train") ? fit.trainMatrix() : fit.pipeline().transform(posts, ctx);
        }
        List<PostKey> keys = posts.stream().map(Post::key).toList();
        double[] labels = split.equals("train") ? posts.stream().mapToDouble(Post::label).toArray() : null;
        FeatureTableWriter.write(out, new FeatureTable(keys, x, labels));
        spec.commandLine().getOut().printf("wrote %,d rows x %,d features to %s%n", x.rows(), x.cols(), out);
        spec.commandLine().getOut().flush();
        return 0;
    }

    private Integer writeCatBoostTables(PostDataset ds, java.io.PrintWriter err) {
        HierarchyConfig config = ensemble.config();
        Map<String, String> enc = new TreeMap<>();
        FeatureContext ctx = EmbeddingRun.context(ds, FeatureGroups.parse(config.features()), embed, enc, err);
        Map<String, Path> dirs = CatBoostExport.write(config, ds, ctx, catboostTables, line -> {
            err.println(line);
            err.flush();
        });
        for (Map.Entry<String, Path> e : dirs.entrySet()) {
            spec.commandLine().getOut().printf("member %s: tables in %s; next: scripts/catboost/train_tables.py %s%n",
                    e.getKey(), e.getValue(), e.getValue());
        }
        spec.commandLine().getOut().flush();
        return 0;
    }
}
