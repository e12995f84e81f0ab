package io.hyperfusion.app.cli;

import io.hyperfusion.app.embed.EmbedOptions;
import io.hyperfusion.app.embed.EmbeddingRun;
import io.hyperfusion.app.io.ScoreFiles;
import io.hyperfusion.ensemble.PopularityModel;
import io.hyperfusion.app.io.Scored;
import io.hyperfusion.data.Post;
import io.hyperfusion.data.PostDataset;
import io.hyperfusion.ensemble.PopularityBundle;
import io.hyperfusion.ensemble.explain.Explainer;
import io.hyperfusion.ensemble.explain.ExplanationWriter;
import io.hyperfusion.features.FeatureContext;
import io.hyperfusion.features.encode.mobilenet.MobileNetV2Encoder;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hyperfusion predict}: scores a data set's posts with a model bundle. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Scores posts with a model bundle; writes CSV (uid,pid,popularity_score) or SMP submission JSON.")
public final class PredictCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions data;

    @Mixin
    EmbedOptions embed;

    @Option(names = "--model", required = true, paramLabel = "MODEL_DIR", description = "Model bundle folder.")
    Path model;

    @Option(names = "--split", defaultValue = "test", paramLabel = "SPLIT",
            description = "test (unlabelled posts), train (labelled posts) or all (default: ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Output: FILE.csv or FILE.json.")
    Path out;

    @Option(names = "--explain", paramLabel = "FILE.jsonl",
            description = "Also write one explanation per post (JSON lines): tier outputs, blend terms that sum to the "
                    + "score, and the top 10 TreeSHAP feature contributions of the heaviest tier-2 member.")
    Path explain;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        // Load (and verify) the bundle first: a bad bundle fails before minutes of reading data.
        int written;
        try (PopularityBundle.Loaded loaded = PopularityBundle.load(model)) {
            PostDataset ds = data.read(err);
            List<Post> posts = switch (split) {
                case "test" -> ds.unlabelled();
                case "train" -> ds.labelled();
                case "all" -> ds.all();
                default -> throw new IllegalArgumentException("--split must be test, train or all, got '" + split + "'");
            };
            if (posts.isEmpty()) {
                throw new IllegalArgumentException("split '" + split + "' of " + data.data + " has no posts");
            }
            FeatureContext ctx = context(loaded.model(), ds, posts, embed, err);
            double[] scores = new double[posts.size()];
            int batch = 4096;
            Explainer explainer = explain == null ? null : Explainer.of(loaded.model());
            try (Progress p = Progress.start("predict", posts.size(), "posts", posts.size() < 20_000);
                 ExplanationWriter ew = explain == null ? null : new ExplanationWriter(explain)) {
                for (int from = 0; from < posts.size(); from += batch) {
                    List<Post> chunk = posts.subList(from, Math.min(posts.size(), from + batch));
                    double[] s;
                    if (explainer == null) {
                        s = loaded.model().predict(chunk, ctx);
                    } else {
                        // The explanation's score is the prediction (same tiers, same blend), so compute both once.
                        List<Explainer.Explanation> ex = explainer.explain(loaded.model().features(chunk, ctx), chunk, 10);
                        ew.write(ex);
                        s = ex.stream().mapToDouble(Explainer.Explanation::score).toArray();
                    }
                    System.arraycopy(s, 0, scores, from, s.length);
                    p.stepBy(chunk.size());
                }
            }
            List<Scored> rows = new ArrayList<>(posts.size());
            for (int i = 0; i < posts.size(); i++) {
                rows.add(new Scored(posts.get(i).userId(), posts.get(i).postId(), scores[i]));
            }
            ScoreFiles.write(out, rows);
            written = rows.size();
        }
        spec.commandLine().getOut().printf("wrote %,d predictions to %s%n", written, out);
        if (explain != null) {
            spec.commandLine().getOut().printf("wrote %,d explanations to %s%n", written, explain);
        }
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** The posts' context, with embeddings from the encoders the model was trained with (shared with report). */
    public static FeatureContext context(PopularityModel model, PostDataset ds, List<Post> posts, EmbedOptions embed,
                                  PrintWriter err) {
        FeatureContext ctx = FeatureContext.of(ds);
        if (model.encoders().isEmpty()) {
            return ctx;
        }
        if (EmbeddingRun.usesClip(model.encoders()) && embed.clipModel() == null) {
            throw new IllegalArgumentException("the model was trained with CLIP embeddings: pass --clip-model DIR with the same export");
        }
        // The image encoder's precision is the one the model was trained with, whatever the options say.
        EmbedOptions same = embed.withImagePrecision(
                MobileNetV2Encoder.precisionOf(model.encoders().get(MobileNetV2Encoder.ID)));
        EmbeddingRun.Output e = EmbeddingRun.embed(ds, posts, same, EmbeddingRun.usesImages(model.encoders()),
                EmbeddingRun.usesText(model.encoders()), err);
        model.requireEncoders(e.encoders());
        return ctx.withEmbeddings(e.result().table());
    }
}
