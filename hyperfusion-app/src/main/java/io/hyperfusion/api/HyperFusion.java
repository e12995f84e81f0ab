package io.hyperfusion.api;

import io.hyperfusion.data.Post;
import io.hyperfusion.data.synth.SyntheticWorld;
import io.hyperfusion.data.synth.WorldSpec;
import io.hyperfusion.ensemble.config.HierarchyConfig;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Where a program starts: read or generate data, pick a configuration, train, load. Everything it returns is
 * in this package ({@link Dataset}, {@link Trainer}, {@link Model}) or is one of the value types they use
 * ({@link Post}, {@link HierarchyConfig}).
 *
 * <pre>{@code
 * Path world = HyperFusion.generateWorld(Path.of("world"), 600, 60, 42);
 * try (Model model = HyperFusion.trainer(Path.of("configs/lightgbm-only.json"), 42)
 *         .train(HyperFusion.read(world, "smpd-image"))) {
 *     System.out.println(model.predict(HyperFusion.post("u1", "p1", Instant.now(), "a title", List.of("tag"))));
 * }
 * }</pre>
 */
public final class HyperFusion {
    private HyperFusion() { }

    /** Reads a data set ({@code smpd-image}, {@code smpd-video} or {@code jsonl}); see {@link Dataset#read}. */
    public static Dataset read(Path path, String format) {
        return Dataset.read(path, format);
    }

    /**
     * Writes a synthetic world in the SMPD-Image layout ({@code hyperfusion generate}) and returns its folder.
     *
     * @param out   folder to create (must not exist or be empty)
     * @param posts posts in the world (the latest fifth is the unlabelled test split)
     * @param users authors
     */
    public static Path generateWorld(Path out, int posts, int users, long seed) {
        SyntheticWorld.generate(WorldSpec.of(posts, users, seed), out);
        return out;
    }

    /** A trainer with the default ensemble and this seed. */
    public static Trainer trainer(long seed) {
        return Trainer.defaults(seed);
    }

    /** A trainer with the configuration of a JSON file ({@code hyperfusion config}, docs/CONFIG.md) and this seed. */
    public static Trainer trainer(Path configFile, long seed) {
        return Trainer.of(HierarchyConfig.load(configFile)).withSeed(seed);
    }

    /** Loads a model bundle; see {@link Model#load(Path)}. */
    public static Model load(Path bundleDir) {
        return Model.load(bundleDir);
    }

    /**
     * A post built in code, without image, category, geo tag or label (use {@link Post}'s constructor for those).
     *
     * @throws IllegalArgumentException when an id is empty
     */
    public static Post post(String userId, String postId, Instant postedAt, String title, List<String> tags) {
        return new Post(postId, userId, postedAt, title, tags, null, null, null, null, null, null, null, null, null, null);
    }
}
