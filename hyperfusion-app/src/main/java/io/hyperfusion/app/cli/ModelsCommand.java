package io.hyperfusion.app.cli;

import io.hyperfusion.app.embed.EmbedOptions;
import io.hyperfusion.app.embed.EmbeddingRun;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hyperfusion models}: installs the offline encoder models. */
@Command(name = "models", mixinStandardHelpOptions = true, description = "Manage encoder models.",
        subcommands = ModelsCommand.Install.class)
public final class ModelsCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code hyperfusion models install}. */
    @Command(name = "install", mixinStandardHelpOptions = true,
            description = "Fetches the default image model (npm package nsfwjs, MIT) with npm pack, converts it to ONNX "
                    + "and records its SHA-256; does nothing when it is installed and intact. The text model ships in a jar.")
    static final class Install implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--models-dir", paramLabel = "DIR", description = "Target folder (default: $HYPERFUSION_HOME/models).")
        Path modelsDir;

        @Override
        public Integer call() {
            Path dir = modelsDir != null ? modelsDir : EmbedOptions.home().resolve("models");
            Path installed = EmbeddingRun.ensureImageModel(dir, spec.commandLine().getErr());
            spec.commandLine().getOut().println("image model installed at " + installed);
            spec.commandLine().getOut().flush();
            return 0;
        }
    }
}
