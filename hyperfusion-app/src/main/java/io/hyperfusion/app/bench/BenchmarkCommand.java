package io.hyperfusion.app.bench;

import io.hyperfusion.app.embed.EmbedOptions;
import io.hyperfusion.app.embed.EmbeddingRun;
import io.hyperfusion.data.BadRowPolicy;
import io.hyperfusion.data.DataFormat;
import io.hyperfusion.data.PostDataset;
import io.hyperfusion.data.ReadOptions;
import io.hyperfusion.data.Readers;
import io.hyperfusion.data.eval.Metrics;
import io.hyperfusion.ensemble.config.HierarchyConfig;
import io.hyperfusion.ensemble.suite.Baselines;
import io.hyperfusion.ensemble.suite.SuiteReport;
import io.hyperfusion.ensemble.suite.SuiteRunner;
import io.hyperfusion.ensemble.suite.SuiteStore;
import io.hyperfusion.ensemble.suite.ValidationWindows;
import io.hyperfusion.features.FeatureContext;
import io.hyperfusion.features.FeatureGroups;
import io.hyperfusion.features.encode.mobilenet.MobileNetPrecision;
import io.hyperfusion.models.bundle.ProjectInfo;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
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
 * {@code hyperfusion benchmark}: runs configurations and the baselines on every data set of a suite, on rolling
 * time windows of the labelled posts only (never a test split), and prints per data set the mean ± sd of SRC and
 * MAE over seeds and windows, an author-grouped bootstrap interval, and the paired difference against the tuned
 * single LightGBM and the LightGBM + XGBoost average.
 */
@Command(name = "benchmark", mixinStandardHelpOptions = true,
        description = {"Runs ensemble configurations and two strong baselines on a suite of data sets (rolling time "
                + "windows of the labelled posts; never a test split) and prints SRC/MAE with author-grouped bootstrap "
                + "intervals. Results are stored per configuration and reused when nothing changed.",
                "Example: hyperfusion benchmark --suite scripts/bench/suite.json --config nocluster=cfg.json"})
public final class BenchmarkCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    EmbedOptions embed;

    @Option(names = "--suite", required = true, paramLabel = "FILE", description = "Suite file (JSON: data sets, seeds, windows).")
    Path suiteFile;

    @Option(names = "--config", paramLabel = "NAME=FILE",
            description = "A configuration to measure, by name (repeatable). 'default' (the built-in defaults) is always "
                    + "measured first unless --no-default; the baselines use the first configuration's features.")
    Map<String, Path> configs = new LinkedHashMap<>();

    @Option(names = "--ablate", split = ",", paramLabel = "NAMES",
            description = "Ablations of the first configuration to measure too (no-<group>, no-tier1, no-<member>, "
                    + "+tabnet, pseudo, ordered, ratios, mean-blend, seeds1; see SuiteVariants).")
    List<String> ablate;

    @Option(names = "--compare-to", split = ",", paramLabel = "NAMES",
            description = "Configurations every other is compared with in the table (default: the two baselines).")
    List<String> compareTo;

    @Option(names = "--no-default", description = "Do not measure the built-in default configuration.")
    boolean noDefault;

    @Option(names = "--no-baselines", description = "Do not run the two baselines.")
    boolean noBaselines;

    @Option(names = "--only", split = ",", paramLabel = "NAMES", description = "Only these data sets of the suite.")
    List<String> only;

    @Option(names = "--out", defaultValue = "bench-out/suite", paramLabel = "DIR",
            description = "Results folder: stored predictions, generated worlds, suite.md (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--cache-key", paramLabel = "KEY",
            description = "Tag of stored results (default: the git commit of the build): results under another key are "
                    + "not reused, so code changes are measured afresh.")
    String cacheKey;

    @Option(names = "--image-precisions", split = ",", paramLabel = "fp32|int8",
            description = "Measure every configuration with each of these MobileNetV2 precisions (runs under int8 are "
                    + "named NAME+int8; the baselines use the first). Default: --image-precision alone.")
    List<String> imagePrecisions;

    @Option(names = "--verbose", description = "Print every training log line.")
    boolean verbose;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        long t0 = System.nanoTime();
        SuiteSpec suite = SuiteSpec.load(suiteFile);
        Map<String, HierarchyConfig> cfgs = new LinkedHashMap<>();
        if (!noDefault) {
            cfgs.put("default", HierarchyConfig.defaults(0));
        }
        configs.forEach((name, file) -> cfgs.put(name, HierarchyConfig.load(file)));
        if (cfgs.isEmpty()) {
            throw new IllegalArgumentException("nothing to measure: give --config or drop --no-default");
        }
        HierarchyConfig reference = cfgs.values().iterator().next();
        if (ablate != null) {
            cfgs.putAll(io.hyperfusion.ensemble.suite.SuiteVariants.of(reference, ablate));
        }
        String key = cacheKey != null ? cacheKey : ProjectInfo.gitCommit().substring(0, Math.min(12, ProjectInfo.gitCommit().length()));
        SuiteStore store = new SuiteStore(out.resolve("runs").resolve(key));
        List<String> baselines = compareTo != null ? compareTo
                : noBaselines ? List.of() : List.of(Baselines.TUNED, Baselines.PAIR);
        List<MobileNetPrecision> precisions = imagePrecisions == null ? List.of(embed.imagePrecision())
                : imagePrecisions.stream().map(MobileNetPrecision::parse).distinct().toList();
        List<SuiteReport.Row> rows = new ArrayList<>();
        for (SuiteSpec.Dataset d : suite.datasets()) {
            if (only != null && !only.contains(d.name())) {
                continue;
            }
            Map<String, Map<String, SuiteStore.Result>> results = new LinkedHashMap<>();
            for (long seed : d.seeds()) {
                PostDataset ds = load(d, seed, err);
                Map<MobileNetPrecision, FeatureContext> contexts = new LinkedHashMap<>();
                for (MobileNetPrecision p : precisions) {
                    contexts.put(p, EmbeddingRun.context(ds, FeatureGroups.names(), embed.withImagePrecision(p),
                            new TreeMap<>(), err));
                }
                for (ValidationWindows.Window w : new ValidationWindows(d.windows(), suite.windowFraction()).of(ds.labelled())) {
                    String run = "s" + seed + "-w" + w.index();
                    Map<String, SuiteStore.Result> byConfig = new LinkedHashMap<>();
                    List<SuiteRunner.Subset> variants = new ArrayList<>();
                    for (MobileNetPrecision p : precisions) {
                        SuiteRunner.Subset variant = SuiteRunner.subset(ds, contexts.get(p), w);
                        variants.add(variant);
                        // Float results keep their names and identities; other precisions are stored apart.
                        String suffix = p == MobileNetPrecision.FP32 ? "" : "+" + p.label();
                        for (Map.Entry<String, HierarchyConfig> c : cfgs.entrySet()) {
                            HierarchyConfig cfg = c.getValue().withSeed(seed);
                            byConfig.put(c.getKey() + suffix, measure(store, d.name(), run, c.getKey() + suffix,
                                    hash(c.getValue()) + suffix, variant, () -> cfg, err));
                        }
                    }
                    SuiteRunner.Subset sub = variants.get(0); // the first precision's: the baselines use it
                    if (!noBaselines) {
                        HierarchyConfig like = reference.withSeed(seed);
                        byConfig.put(Baselines.TUNED, measure(store, d.name(), run, "lgbm-tuned", hash(reference) + "t1", sub,
                                () -> Baselines.tuned(like, sub.data(), sub.ctx(), err::println), err));
                        byConfig.put(Baselines.PAIR, measure(store, d.name(), run, "lgbm+xgb", hash(Baselines.pair(reference)),
                                sub, () -> Baselines.pair(like), err));
                    }
                    results.put(run, byConfig);
                }
            }
            rows.addAll(SuiteReport.of(d.name(), results, baselines, suite.resamples(), 0.95, 20261207L));
        }
        String table = SuiteReport.markdown(rows, baselines);
        double minutes = (System.nanoTime() - t0) / 60e9;
        stdout.print(table);
        stdout.printf("suite wall time %.1f min (results under %s)%n", minutes, out.resolve("runs").resolve(key));
        write(out.resolve("suite.md"), table + String.format("%nSuite wall time %.1f min; results key %s.%n", minutes, key));
        stdout.flush();
        return 0;
    }

    private SuiteStore.Result measure(SuiteStore store, String dataset, String run, String name, String hash,
                                      SuiteRunner.Subset sub, java.util.function.Supplier<HierarchyConfig> config,
                                      PrintWriter err) {
        var stored = store.read(dataset, run, name, hash);
        if (stored.isPresent()) {
            err.printf("%s %s %-12s stored: SRC %.4f%n", dataset, run, name,
                    Metrics.src(stored.get().labels(), stored.get().predictions()));
            err.flush();
            return stored.get();
        }
        long t0 = System.nanoTime();
        HierarchyConfig cfg = config.get();
        SuiteRunner.Outcome o = SuiteRunner.run(cfg, sub, verbose ? err::println : s -> { });
        double seconds = (System.nanoTime() - t0) / 1e9;
        SuiteStore.Result r = store.write(dataset, run, name, hash, o.posts(), o.predictions(), seconds);
        err.printf("%s %s %-12s SRC %.4f  MAE %.4f  (%.0f s)%n", dataset, run, name,
                Metrics.src(r.labels(), r.predictions()), Metrics.mae(r.labels(), r.predictions()), seconds);
        err.flush();
        return r;
    }

    private PostDataset load(SuiteSpec.Dataset d, long seed, PrintWriter err) {
        Path root;
        DataFormat format;
        if (d.generated()) {
            root = out.resolve("worlds").resolve(d.name() + "-s" + seed);
            format = DataFormat.SMPD_IMAGE;
            WorldOptions.ensure(d.generate(), seed, root, err);
        } else {
            root = Path.of(d.path());
            format = DataFormat.parse(d.format());
        }
        PostDataset ds = Readers.forFormat(format).read(root, new ReadOptions(BadRowPolicy.SKIP, false));
        err.printf("%s seed %d: %,d labelled, %,d unlabelled posts from %s%n", d.name(), seed, ds.labelled().size(),
                ds.unlabelled().size(), root);
        return ds;
    }

    /** A configuration's identity without its seed (the seed is part of the run's name). */
    static String hash(HierarchyConfig c) {
        try {
            byte[] json = new com.fasterxml.jackson.databind.ObjectMapper()
                    .writeValueAsBytes(new TreeMap<>(c.withSeed(0).toOptions()));
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json)).substring(0, 12);
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot hash a configuration", e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
