package io.hyperfusion.app;

import io.hyperfusion.app.cli.AblateCommand;
import io.hyperfusion.app.cli.AdviseCommand;
import io.hyperfusion.app.cli.ConfigCommand;
import io.hyperfusion.app.cli.DemoCommand;
import io.hyperfusion.app.cli.EmbedCommand;
import io.hyperfusion.app.cli.ExportFeaturesCommand;
import io.hyperfusion.app.cli.ModelsCommand;
import io.hyperfusion.app.cli.EvaluateCommand;
import io.hyperfusion.app.cli.GenerateCommand;
import io.hyperfusion.app.cli.PredictCommand;
import io.hyperfusion.app.cli.ReportCommand;
import io.hyperfusion.app.cli.ServeCommand;
import io.hyperfusion.app.cli.TrainCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code hyperfusion} command line: generate, train, predict, evaluate, report, ablate, serve, advise and demo. */
@Command(name = "hyperfusion", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "HyperFusion: hierarchical multimodal ensemble learning for social-media popularity.",
        subcommands = {GenerateCommand.class, TrainCommand.class, PredictCommand.class, EvaluateCommand.class,
                ReportCommand.class, AblateCommand.class, EmbedCommand.class, ExportFeaturesCommand.class,
                ServeCommand.class, AdviseCommand.class, ModelsCommand.class, ConfigCommand.class,
                DemoCommand.class, io.hyperfusion.app.bench.BenchmarkCommand.class, CommandLine.HelpCommand.class})
public final class HyperFusionCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command; see --help");
    }

    /** A configured command line: failures print {@code error: <reason>} on one line and exit 1. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new HyperFusionCli());
        cl.getSubcommands().get("train").getCommandSpec().usageMessage()
                .footerHeading("%nModel families:%n").footer(TrainCommand.familiesHelp());
        cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            Throwable root = ex;
            String msg = ex.getMessage();
            while ((msg == null || msg.isBlank()) && root.getCause() != null) {
                root = root.getCause();
                msg = root.getMessage();
            }
            cmd.getErr().println("error: " + (msg == null ? ex.getClass().getSimpleName() : msg.replace('\n', ' ')));
            if (System.getenv("HYPERFUSION_DEBUG") != null) {
                ex.printStackTrace(cmd.getErr());
            }
            return 1;
        });
        return cl;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
