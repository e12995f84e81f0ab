package io.hyperfusion.app.cli;

import io.hyperfusion.data.Jackson;
import com.fasterxml.jackson.databind.JsonNode;
import io.hyperfusion.app.HyperFusionCli;
import io.hyperfusion.app.io.ScoreFiles;
import io.hyperfusion.app.io.ScoreJoin;
import io.hyperfusion.data.eval.Metrics;
import io.hyperfusion.data.eval.RegressionReport;
import io.hyperfusion.data.synth.WorldSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hyperfusion demo}: the main job on the embedded default data. Generates the default synthetic world
 * (once), trains, predicts its test split, evaluates against the hidden labels beside the ceiling, and writes the
 * HTML report of the model on those test posts.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Generate the default world, train, predict its test split and evaluate against the hidden labels.")
public final class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--dir", defaultValue = "demo-output", paramLabel = "DIR",
            description = "Working folder: world/, model/, predictions (default: ${DEFAULT-VALUE}).")
    Path dir;

    @Option(names = "--posts", defaultValue = "5000", description = "Posts in the default world (default: ${DEFAULT-VALUE}).")
    int posts;

    @Option(names = "--users", defaultValue = "500", description = "Authors in the default world (default: ${DEFAULT-VALUE}).")
    int users;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the world and of training (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        long t0 = System.nanoTime();
        Path world = dir.resolve("world-" + posts + "-" + users + "-" + seed);
        if (!Files.isRegularFile(world.resolve("ground_truth.json"))) {
            out.println("== generate " + world);
            out.flush();
            GenerateCommand.generate(new WorldSpec(posts, users, seed, WorldSpec.DEFAULT_TEST_FRACTION,
                    Runtime.getRuntime().availableProcessors()), world);
        } else {
            out.println("== reuse " + world);
        }
        Path model = dir.resolve("model");
        Path predictions = dir.resolve("predictions.csv");
        run(out, "train", "--data", world.toString(), "--format", "smpd-image", "--out", model.toString(),
                "--seed", String.valueOf(seed));
        run(out, "predict", "--model", model.toString(), "--data", world.toString(), "--format", "smpd-image",
                "--split", "test", "--out", predictions.toString());
        run(out, "predict", "--model", model.toString(), "--data", world.toString(), "--format", "smpd-image",
                "--split", "test", "--out", dir.resolve("submission.json").toString());
        run(out, "evaluate", "--predictions", predictions.toString(), "--labels",
                world.resolve("hidden/test_labels.csv").toString(), "--model", model.toString(), "--data", world.toString());
        Path report = dir.resolve("report.html");
        run(out, "report", "--model", model.toString(), "--data", world.toString(), "--format", "smpd-image",
                "--labels", world.resolve("hidden/test_labels.csv").toString(), "--out", report.toString());

        ScoreJoin j = ScoreJoin.of(ScoreFiles.read(predictions), ScoreFiles.read(world.resolve("hidden/test_labels.csv")));
        if (!j.unpredicted().isEmpty()) {
            throw new IllegalStateException(j.unpredicted().size() + " test posts were not predicted");
        }
        RegressionReport r = Metrics.report(j.truth(), j.predicted());
        JsonNode ceiling = Jackson.json().readTree(world.resolve("ground_truth.json").toFile()).path("ceiling").path("test");
        out.println();
        out.println("== HyperFusion demo: held-out test split of the default world");
        out.printf("%-34s %8s %8s %8s%n", "", "posts", "SRC", "MAE");
        out.printf("%-34s %,8d %8.4f %8.4f%n", "HyperFusion (3-tier ensemble)", r.n(), r.src(), r.mae());
        out.printf("%-34s %,8d %8.4f %8.4f%n", "ceiling (noise-free score)", ceiling.path("n").asInt(),
                ceiling.path("src").asDouble(), ceiling.path("mae").asDouble());
        out.printf("wall time %.1f s; model in %s, predictions in %s, report in %s%n", (System.nanoTime() - t0) / 1e9, model,
                predictions, report);
        out.flush();
        return 0;
    }

    private void run(PrintWriter out, String... args) {
        out.println("== hyperfusion " + String.join(" ", args));
        out.flush();
        var cl = HyperFusionCli.commandLine();
        cl.setOut(spec.commandLine().getOut());
        cl.setErr(spec.commandLine().getErr());
        int rc = cl.execute(args);
        if (rc != 0) {
            throw new IllegalStateException("step '" + args[0] + "' failed (exit " + rc + ")");
        }
    }
}
