package io.hyperfusion.app.cli;

import io.hyperfusion.ensemble.config.HierarchyConfig;
import io.hyperfusion.ensemble.config.PseudoLabelSpec;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The ensemble flags {@code train} takes, shared with {@code export-features}, whose CatBoost tables must be written
 * with exactly the configuration the later {@code train} uses.
 */
public final class EnsembleOptions {

    @Option(names = "--seed", defaultValue = "42", description = "Master seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--features", defaultValue = "all", paramLabel = "GROUPS",
            description = "Feature groups: all, a list, or all,-group to drop some (default: ${DEFAULT-VALUE}).")
    String features;

    @Option(names = "--threads", paramLabel = "N", description = "Native threads per model (default: 1).")
    Integer threads;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Ensemble configuration (JSON: members per tier, folds, pseudo-labelling; see docs/CONFIG.md). "
                    + "Flags below override it.")
    Path configFile;

    @Option(names = "--folds", paramLabel = "K", description = "Folds of the shared out-of-fold plan.")
    Integer folds;

    @Option(names = "--fold-scheme", paramLabel = "SCHEME", description = "user, time or random.")
    String foldScheme;

    @Option(names = "--pseudo-rounds", paramLabel = "N", description = "Pseudo-label rounds at most (0 = off).")
    Integer pseudoRounds;

    @Option(names = "--no-refit", description = "Keep the hierarchy measured on the hold-out instead of refitting on all labelled posts.")
    boolean noRefit;

    /** The file configuration (or the defaults) with the flags applied. */
    HierarchyConfig config() {
        return config(configFile, seed, features, threads, folds, foldScheme, pseudoRounds, noRefit);
    }

    /**
     * A configuration file (or {@link HierarchyConfig#defaults}) with the command-line flags applied; null flags keep
     * the file's values. Shared with the Spark {@code train} command, so both read flags the same way.
     */
    public static HierarchyConfig config(Path configFile, long seed, String features, Integer threads, Integer folds,
                                         String foldScheme, Integer pseudoRounds, boolean noRefit) {
        HierarchyConfig c = configFile != null ? HierarchyConfig.load(configFile).withSeed(seed) : HierarchyConfig.defaults(seed);
        if (!"all".equals(features) || configFile == null) {
            c = c.withFeatures(features);
        }
        if (threads != null) {
            c = c.withThreads(threads);
        }
        if (folds != null || foldScheme != null) {
            // (Before: a new HierarchyConfig of the old constructor, which reset blend, earlyStopping, featureOptions
            // and refitBlend to their defaults whenever --folds or --fold-scheme was given.)
            c = c.withFolds(folds != null ? folds : c.folds(), foldScheme != null ? foldScheme : c.foldScheme());
        }
        if (pseudoRounds != null) {
            var p = c.pseudo();
            c = c.withPseudo(new PseudoLabelSpec(pseudoRounds, p.fraction(), p.weight(), p.minImprovement()));
        }
        if (noRefit) {
            c = c.withRefit(false);
        }
        return c;
    }
}
