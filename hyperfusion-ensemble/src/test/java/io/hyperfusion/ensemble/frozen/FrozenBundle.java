package io.hyperfusion.ensemble.frozen;

import io.hyperfusion.data.Post;
import io.hyperfusion.data.PostDataset;
import io.hyperfusion.data.ReadOptions;
import io.hyperfusion.data.jsonl.JsonlPostReader;
import io.hyperfusion.data.jsonl.JsonlPostWriter;
import io.hyperfusion.ensemble.PopularityBundle;
import io.hyperfusion.ensemble.PopularityModel;
import io.hyperfusion.ensemble.PopularityTrainer;
import io.hyperfusion.ensemble.TinyWorlds;
import io.hyperfusion.ensemble.config.HierarchyConfig;
import io.hyperfusion.features.FeatureContext;
import io.hyperfusion.models.bundle.Manifest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Writes the frozen-bundle fixture that {@link FrozenBundleTest} loads: a model bundle written by this build, the posts
 * it scores (JSONL, so the fixture does not depend on the synthetic-world generator of a later build) and the scores
 * this build gave them. Small on purpose: a generated world of 300 posts / 30 authors without images, the fast test
 * configuration (two LightGBM experts, LightGBM and XGBoost fusion), no refit.
 *
 * <p>Regenerate only when a change is meant to break old bundles (see "Bundle format versions" in docs/FORMATS.md):
 * {@code scripts/frozen-bundle.sh}, which runs {@link #main} with the fixture folder.
 */
public final class FrozenBundle {
    /** The fixture folder, under the module's test resources. */
    public static final String RESOURCE_DIR = "src/test/resources/io/hyperfusion/ensemble/frozen";
    static final String BUNDLE = "bundle";
    static final String POSTS = "posts.jsonl";
    static final String SCORES = "scores.csv";

    private FrozenBundle() {
    }

    /** The data set of the fixture's posts, as a later build reads it. */
    static PostDataset posts(Path dir) {
        return new JsonlPostReader().read(dir.resolve(POSTS), ReadOptions.strict());
    }

    /** Writes the fixture into {@code args[0]} (the module's {@value #RESOURCE_DIR}), replacing what is there. */
    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : RESOURCE_DIR);
        Path work = Files.createTempDirectory("hf-frozen");
        PostDataset world = TinyWorlds.world(work.resolve("world"), 300, 30, 11);
        deleteTree(out);
        Files.createDirectories(out);
        new JsonlPostWriter().write(withoutImages(world), out.resolve(POSTS));
        PostDataset ds = posts(out);
        HierarchyConfig config = TinyWorlds.fastConfig(0, 11);
        PopularityTrainer.Outcome o = new PopularityTrainer(config).train(ds, FeatureContext.of(ds), java.util.Map.of(),
                System.err::println);
        try (PopularityModel model = o.model()) {
            PopularityBundle.save(out.resolve(BUNDLE), model, config, o.report(), o.pseudoLabels(),
                    List.<Manifest.InputFile>of());
            List<String> lines = new ArrayList<>();
            lines.add("pid,score");
            double[] scores = model.predict(ds.all(), FeatureContext.of(ds));
            for (int i = 0; i < scores.length; i++) {
                // Double.toString is the shortest text that parses back to the same double: exact, not rounded.
                lines.add(ds.all().get(i).postId() + "," + scores[i]);
            }
            Files.write(out.resolve(SCORES), lines, StandardCharsets.UTF_8);
        }
        deleteTree(work);
        System.out.println("wrote the frozen bundle fixture to " + out);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** The same posts without image paths: the fixture's features need none, and the images stay out of git. */
    private static PostDataset withoutImages(PostDataset d) {
        java.util.function.UnaryOperator<Post> strip = p -> new Post(p.postId(), p.userId(), p.postedAt(), p.title(),
                p.tags(), null, p.category(), p.subcategory(), p.concept(), p.latitude(), p.longitude(),
                p.geoAccuracy(), p.numeric(), p.categorical(), p.label());
        return new PostDataset(d.root(), d.labelled().stream().map(strip).toList(),
                d.unlabelled().stream().map(strip).toList(), d.users(), d.summary());
    }
}
