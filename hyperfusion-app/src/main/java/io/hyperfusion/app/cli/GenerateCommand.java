package io.hyperfusion.app.cli;

import io.hyperfusion.data.synth.SyntheticWorld;
import io.hyperfusion.data.synth.WorldSpec;
import io.hyperfusion.data.synth.WorldSummary;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hyperfusion generate}: writes a synthetic world in the exact SMPD-Image layout. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Writes a synthetic SMPD-Image world (train/, test/, hidden test labels, ground_truth.json with the ceiling).")
public final class GenerateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--posts", defaultValue = "10000", description = "Posts (default: ${DEFAULT-VALUE}).")
    int posts;

    @Option(names = "--users", defaultValue = "1000", description = "Authors (default: ${DEFAULT-VALUE}).")
    int users;

    @Option(names = "--seed", defaultValue = "42", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--test-fraction", defaultValue = "0.2", description = "Latest share of posts in test/ (default: ${DEFAULT-VALUE}).")
    double testFraction;

    @Option(names = "--threads", description = "Image-writing threads (default: cores).")
    Integer threads;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to create (must not exist or be empty).")
    Path out;

    @Override
    public Integer call() {
        WorldSummary s = generate(new WorldSpec(posts, users, seed, testFraction,
                threads == null ? Runtime.getRuntime().availableProcessors() : threads), out);
        spec.commandLine().getOut().println(s);
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** Generates with a progress bar over the posts. */
    static WorldSummary generate(WorldSpec ws, Path out) {
        try (Progress p = Progress.start("generate", ws.posts(), "posts", false)) {
            return SyntheticWorld.generate(ws, out, p::stepTo);
        }
    }
}
