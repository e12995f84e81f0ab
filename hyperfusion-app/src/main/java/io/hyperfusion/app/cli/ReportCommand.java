package io.hyperfusion.app.cli;

import io.hyperfusion.app.embed.EmbedOptions;
import io.hyperfusion.app.io.ScoreFiles;
import io.hyperfusion.app.io.Scored;
import io.hyperfusion.app.report.HtmlReport;
import io.hyperfusion.app.report.ReportData;
import io.hyperfusion.data.Post;
import io.hyperfusion.data.PostDataset;
import io.hyperfusion.data.split.Split;
import io.hyperfusion.data.split.TimeHoldout;
import io.hyperfusion.ensemble.PopularityBundle;
import io.hyperfusion.ensemble.TrainReport;
import io.hyperfusion.ensemble.config.HierarchyConfig;
import io.hyperfusion.ensemble.explain.Explainer;
import io.hyperfusion.features.FeatureContext;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hyperfusion report}: one self-contained HTML file about a model bundle. The posts it evaluates are, in
 * order of preference: the data set's posts with a label in {@code --labels} (e.g. the test split's hidden
 * labels); the training run's time hold-out when the bundle was trained without refit (the model never saw it);
 * otherwise the labelled posts in-sample, flagged as optimistic on every figure.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Writes a self-contained HTML report (inline SVG): predicted vs true, SRC per category, feature "
                + "importance, tier contributions, pseudo-label rounds, leaderboard and provenance.")
public final class ReportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions data;

    @Mixin
    EmbedOptions embed;

    @Option(names = "--model", required = true, paramLabel = "MODEL_DIR", description = "Model bundle folder.")
    Path model;

    @Option(names = "--labels", paramLabel = "FILE",
            description = "True labels of posts to evaluate (CSV uid,pid,popularity_score|label, submission or SMPD label JSON), "
                    + "e.g. the test split's hidden labels. Without it: the hold-out if the model was not refitted, else in-sample.")
    Path labels;

    @Option(names = "--out", defaultValue = "report.html", paramLabel = "FILE", description = "HTML file (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--title", defaultValue = "HyperFusion model report", description = "Report title (default: ${DEFAULT-VALUE}).")
    String title;

    /** The evaluated posts, their labels, what they are, and whether the model never saw them. */
    record Evaluation(List<Post> posts, double[] truth, String source, boolean honest) { }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        try (PopularityBundle.Loaded loaded = PopularityBundle.load(model)) {
            TrainReport train = PopularityBundle.report(loaded.bundle());
            HierarchyConfig config = HierarchyConfig.load(loaded.bundle().resolve(PopularityBundle.REPORT_DIR + "/config.json"));
            long pseudo = pseudoLabels(loaded.bundle().resolve(PopularityBundle.REPORT_DIR + "/pseudo_labels.csv"));
            PostDataset ds = data.read(err);
            Evaluation ev = evaluation(ds, config);
            err.printf("report: evaluating %,d posts: %s%n", ev.posts().size(), ev.source());
            FeatureContext ctx = PredictCommand.context(loaded.model(), ds, ev.posts(), embed, err);
            ReportData d = ReportData.compute(title, ev.source(), ev.honest(), ev.posts(), ev.truth(),
                    loaded.model().features(ev.posts(), ctx), Explainer.of(loaded.model()), train, config,
                    loaded.bundle().manifest(), pseudo);
            HtmlReport.write(out, d);
            spec.commandLine().getOut().printf("report written to %s (%s: SRC %.4f, MAE %.4f on %,d posts)%n", out,
                    ev.honest() ? "held out" : "IN-SAMPLE", d.metrics().src(), d.metrics().mae(), d.metrics().n());
        }
        spec.commandLine().getOut().flush();
        return 0;
    }

    Evaluation evaluation(PostDataset ds, HierarchyConfig config) {
        if (labels != null) {
            List<Scored> ls = ScoreFiles.read(labels);
            boolean byUser = ls.stream().allMatch(s -> s.uid() != null && !s.uid().isEmpty());
            Map<String, Double> truth = new HashMap<>();
            ls.forEach(s -> truth.put(byUser ? s.uid() + "/" + s.pid() : s.pid(), s.score()));
            List<Post> posts = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (Post p : ds.all()) {
                Double v = truth.get(byUser ? p.userId() + "/" + p.postId() : p.postId());
                if (v != null) {
                    posts.add(p);
                    y.add(v);
                }
            }
            if (posts.isEmpty()) {
                throw new IllegalArgumentException("no post of " + data.data + " has a label in " + labels);
            }
            long unlabelledPosts = posts.stream().filter(p -> !p.isLabelled()).count();
            boolean honest = unlabelledPosts == posts.size();
            String what = honest ? "unlabelled (test) posts" : "posts, " + (posts.size() - unlabelledPosts) + " of them training posts";
            return new Evaluation(posts, y.stream().mapToDouble(Double::doubleValue).toArray(),
                    String.format("%,d %s with true labels from %s", posts.size(), what, labels.getFileName()), honest);
        }
        List<Post> labelled = ds.labelled();
        if (!config.refit()) {
            Split split = new TimeHoldout(config.validFraction()).split(labelled);
            List<Post> posts = Arrays.stream(split.valid()).mapToObj(labelled::get).toList();
            return new Evaluation(posts, posts.stream().mapToDouble(Post::label).toArray(), String.format(
                    "the time hold-out: latest %,d labelled posts (the model, trained without refit, never saw them)",
                    posts.size()), true);
        }
        return new Evaluation(labelled, labelled.stream().mapToDouble(Post::label).toArray(), String.format(
                "IN-SAMPLE: the %,d labelled posts the final model was fitted on", labelled.size()), false);
    }

    private static long pseudoLabels(Path csv) {
        try {
            return Files.isRegularFile(csv) ? Math.max(0, Files.readAllLines(csv).size() - 1) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + csv + ": " + e.getMessage(), e);
        }
    }
}
