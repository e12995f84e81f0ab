package io.hyperfusion.features.coverage;

import io.hyperfusion.data.Post;
import io.hyperfusion.data.PostDataset;
import io.hyperfusion.data.PostKey;
import io.hyperfusion.data.PostReader;
import io.hyperfusion.data.ReadOptions;
import io.hyperfusion.features.FeatureContext;
import io.hyperfusion.features.FeatureGroups;
import io.hyperfusion.features.FeatureMatrix;
import io.hyperfusion.features.FeatureOptions;
import io.hyperfusion.features.FeaturePipeline;
import io.hyperfusion.features.FittedPipeline;
import io.hyperfusion.features.cache.EmbeddingCache;
import io.hyperfusion.features.cache.Hashing;
import io.hyperfusion.features.embed.PostEmbedder;
import io.hyperfusion.features.encode.image.ImageDecoder;
import io.hyperfusion.features.encode.mobilenet.InstalledModel;
import io.hyperfusion.features.encode.mobilenet.MobileNetV2Encoder;
import io.hyperfusion.features.encode.text.MiniLmTextEncoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Runs a format's coverage table end to end. The baseline: write the fixture, read it with the real reader (strict:
 * a bad row fails), embed it as the project does (MobileNetV2 from the repository's models/ folder, MiniLM, the
 * embedding cache), fit the "all" pipeline with default options and a fixed seed on the labelled posts, transform
 * every post. Then per mutated field: rewrite the fixture with only that change, read and embed it again, and
 * transform every post with the same fitted pipeline and a context of the mutated data set (as predict does).
 */
final class CoverageRun implements AutoCloseable {
    static final long SEED = 7;

    /** What reading and transforming one version of the fixture gave. */
    record Snapshot(PostDataset ds, Map<PostKey, double[]> rows, Map<PostKey, String> images) { }

    /**
     * The outcome of one mutation.
     *
     * @param groups  the feature groups with a changed value in the target's rows (empty when none changed)
     * @param failure why the field failed, or null
     */
    record Outcome(List<String> groups, String failure) { }

    private final String format;
    private final PostReader reader;
    private final Path work;
    private final EmbeddingCache cache;
    private final MobileNetV2Encoder image;
    private final MiniLmTextEncoder text;
    private final PostEmbedder embedder;
    private final String selection;
    private final Pictures pictures = new Pictures();
    private FittedPipeline pipeline;
    private Snapshot base;
    private int runs;

    /** A run of every group; {@code images} false skips MobileNetV2 for a format whose posts have no image. */
    CoverageRun(String format, PostReader reader, Path work, boolean images) {
        this(format, reader, work, "all", images, true);
    }

    /**
     * A run of the feature groups {@code selection} (see {@link FeatureGroups#select}); {@code images} and
     * {@code texts} open MobileNetV2 and MiniLM.
     */
    CoverageRun(String format, PostReader reader, Path work, String selection, boolean images, boolean texts) {
        this.format = format;
        this.reader = reader;
        this.work = work;
        this.cache = EmbeddingCache.open(work.resolve("embeddings.duckdb"));
        this.image = images ? MobileNetV2Encoder.open(InstalledModel.modelsDir(), 2) : null;
        this.text = texts ? MiniLmTextEncoder.create(MiniLmTextEncoder.Options.defaults().withIntraOpThreads(2)) : null;
        this.selection = selection;
        this.embedder = new PostEmbedder(cache, image, text, null, null, ImageDecoder.Options.defaults(), 32);
    }

    /** The baseline: reads, embeds and fits on the fixture; returns its snapshot. */
    Snapshot fit(FixtureFiles fixture) {
        Path dir = write(fixture);
        PostDataset ds = reader.read(dir, ReadOptions.strict());
        FeatureContext ctx = context(ds);
        FeaturePipeline.Fit fit = FeatureGroups.select(selection, FeatureOptions.defaults()).fit(ds.labelled(), ctx, SEED);
        pipeline = fit.pipeline();
        base = transform(ds, ctx);
        return base;
    }

    FittedPipeline pipeline() {
        return pipeline;
    }

    /** Writes, reads and transforms one version of the fixture with the fitted pipeline. */
    Snapshot snapshot(FixtureFiles fixture) {
        PostDataset ds = reader.read(write(fixture), ReadOptions.strict());
        return transform(ds, context(ds));
    }

    /** Applies each mutated field of the table to a fresh fixture and checks that its target's rows move. */
    Map<Field, Outcome> mutateAll(List<Field> table, Supplier<FixtureFiles> fixture) {
        Map<Field, Outcome> out = new LinkedHashMap<>();
        for (Field f : table) {
            if (!f.isIgnored()) {
                out.put(f, mutate(f, fixture.get()));
            }
        }
        return out;
    }

    private Outcome mutate(Field f, FixtureFiles files) {
        String where = "[" + format + "] " + f.kind() + " field '" + f.key() + "' (" + f.target() + ")";
        f.edit().accept(files);
        Snapshot m = snapshot(files);
        List<PostKey> posts = base.ds().all().stream().map(Post::key)
                .filter(k -> k.userId().equals(f.target().userId())
                        && (f.target().isUser() || k.postId().equals(f.target().postId())))
                .toList();
        if (posts.isEmpty()) {
            return new Outcome(List.of(), where + ": the fixture has no such post or author");
        }
        if (!readerSaw(f.target(), posts, m)) {
            return new Outcome(List.of(), where + ": the reader did not pick up the change (it does not read the field)");
        }
        TreeSet<String> groups = new TreeSet<>();
        List<String> names = pipeline.schema().names();
        for (PostKey k : posts) {
            double[] a = base.rows().get(k);
            double[] b = m.rows().get(k);
            for (int c = 0; c < a.length; c++) {
                // Key columns (the author code) are identifiers, not features: a change there would not count.
                if (Double.compare(a[c], b[c]) != 0 && !FeatureGroups.KEY_COLUMNS.contains(names.get(c))) {
                    groups.add(names.get(c).substring(0, names.get(c).indexOf('#')));
                }
            }
        }
        return new Outcome(List.copyOf(groups), groups.isEmpty()
                ? where + ": read, but no feature value of the " + (f.target().isUser() ? "author's posts" : "post")
                        + " changed: the field feeds no feature (fix it, or list it as ignored with the reason)"
                : null);
    }

    private boolean readerSaw(Field.Target t, List<PostKey> posts, Snapshot m) {
        if (t.isUser()) {
            return !Objects.equals(base.ds().users().get(t.userId()), m.ds().users().get(t.userId()));
        }
        PostKey k = posts.get(0);
        return !Objects.equals(post(base.ds(), k), post(m.ds(), k)) || !Objects.equals(base.images().get(k), m.images().get(k));
    }

    private static Post post(PostDataset ds, PostKey k) {
        return ds.all().stream().filter(p -> p.key().equals(k)).findFirst().orElse(null);
    }

    private Path write(FixtureFiles fixture) {
        Path dir = work.resolve("run" + runs++);
        fixture.write(dir, pictures);
        return dir;
    }

    /** The context predict builds: the data set's profiles, root and corpus, with freshly computed embeddings. */
    private FeatureContext context(PostDataset ds) {
        return FeatureContext.of(ds).withEmbeddings(embedder.embed(ds.all(), ds::imageFile, PostEmbedder.Progress.NONE).table());
    }

    private Snapshot transform(PostDataset ds, FeatureContext ctx) {
        List<Post> all = ds.all();
        FeatureMatrix m = pipeline.transform(all, ctx);
        Map<PostKey, double[]> rows = new LinkedHashMap<>();
        Map<PostKey, String> images = new LinkedHashMap<>();
        for (int r = 0; r < all.size(); r++) {
            rows.put(all.get(r).key(), m.row(r));
            Path img = ds.imageFile(all.get(r));
            if (img != null && Files.isRegularFile(img)) {
                images.put(all.get(r).key(), Hashing.sha256(img));
            }
        }
        return new Snapshot(ds, rows, images);
    }

    @Override
    public void close() {
        cache.close();
        if (text != null) {
            text.close();
        }
        if (image != null) {
            image.close();
        }
    }
}
