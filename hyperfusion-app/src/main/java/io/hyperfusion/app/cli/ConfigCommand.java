package io.hyperfusion.app.cli;

import io.hyperfusion.ensemble.config.HierarchyConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hyperfusion config}: writes the default ensemble configuration, to edit and pass to {@code train --config}. */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = "Writes the default ensemble configuration (JSON) to edit and pass to train --config.")
public final class ConfigCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write it.")
    Path out;

    @Option(names = "--seed", defaultValue = "42", description = "Seed written into it (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() {
        HierarchyConfig.defaults(seed).save(out);
        spec.commandLine().getOut().println("wrote " + out);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
