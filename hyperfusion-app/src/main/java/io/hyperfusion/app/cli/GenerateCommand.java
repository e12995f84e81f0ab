package io.hyperfusion.app.cli;

import io.hyperfusion.data.synth.SyntheticWorld;
import io.hyperfusion.data.synth.WorldCharacter;
import io.hyperfusion.data.synth.WorldSpec;
import io.hyperfusion.data.synth.WorldSummary;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.DoubleUnaryOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code hyperfusion generate}: writes a synthetic world in the exact SMPD-Image layout, of the default or
 * another character (a preset, then single knobs on top of it).
 */
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

    @Option(names = "--character", paramLabel = "NAME", defaultValue = "default", converter = CharacterConverter.class,
            description = {"World character preset: default (the original world), drift (--drift 1),"
                    + " coldstart (--late-authors 0.5 --cold-start), hidden (--hidden-signal 1),"
                    + " mixed (--drift 0.5 --late-authors 0.3 --cold-start --hidden-signal 0.5)."
                    + " The knob options below override single values (default: ${DEFAULT-VALUE})."})
    WorldCharacter character;

    @Option(names = "--drift", paramLabel = "D", converter = DriftConverter.class,
            description = "Author quality drifts over time: the author term uses q + D * slope * (f - 0.5),"
                    + " slope ~ N(0,1) per author, f the post's position in the 16-month span; profile fields"
                    + " show the initial q only. D >= 0 (default: from --character; 0 = off).")
    Double drift;

    @Option(names = "--late-authors", paramLabel = "SHARE", converter = LateAuthorsConverter.class,
            description = "Share of authors who join in the last 15%% of the span, in [0, 1)"
                    + " (default: from --character; 0.12 = the original world).")
    Double lateAuthors;

    @Option(names = "--cold-start", arity = "0..1", paramLabel = "BOOL",
            description = "Late authors post rarely (posting rate x0.1: a few posts each), so most test authors"
                    + " are unseen in training (default: from --character; off).")
    Boolean coldStart;

    @Option(names = "--hidden-signal", paramLabel = "H", converter = HiddenSignalConverter.class,
            description = "Strength of label terms no feature mirrors one-to-one: geo bumps and distance from the"
                    + " home city, the user_description vector along a hidden direction, the depicted scene."
                    + " H >= 0 (default: from --character; 0 = off).")
    Double hiddenSignal;

    @Override
    public Integer call() {
        WorldSpec ws = worldSpec();
        WorldSummary s = generate(ws, out);
        if (!ws.defaultCharacter()) {
            spec.commandLine().getOut().println(String.format(Locale.ROOT,
                    "character: drift=%s late_authors=%s cold_start=%s hidden_signal=%s",
                    ws.drift(), ws.lateAuthors(), ws.coldStart(), ws.hiddenSignal()));
        }
        spec.commandLine().getOut().println(s);
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** The spec from the options: the preset first, then any knob given explicitly. */
    WorldSpec worldSpec() {
        WorldSpec base = new WorldSpec(posts, users, seed, testFraction,
                threads == null ? Runtime.getRuntime().availableProcessors() : threads).withCharacter(character);
        return base.withCharacter(drift != null ? drift : base.drift(),
                lateAuthors != null ? lateAuthors : base.lateAuthors(),
                coldStart != null ? coldStart : base.coldStart(),
                hiddenSignal != null ? hiddenSignal : base.hiddenSignal());
    }

    /** Generates with a progress bar over the posts. */
    static WorldSummary generate(WorldSpec ws, Path out) {
        try (Progress p = Progress.start("generate", ws.posts(), "posts", false)) {
            return SyntheticWorld.generate(ws, out, p::stepTo);
        }
    }

    /** Parses a number and checks it with WorldSpec's own check, so picocli names the option in the error. */
    private static Double checked(String value, DoubleUnaryOperator check) {
        double v;
        try {
            v = Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + value + "' is not a number");
        }
        try {
            return check.applyAsDouble(v);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }

    /** --drift: a finite number >= 0. */
    static final class DriftConverter implements ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            return checked(value, WorldSpec::checkDrift);
        }
    }

    /** --late-authors: a share in [0, 1). */
    static final class LateAuthorsConverter implements ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            return checked(value, WorldSpec::checkLateAuthors);
        }
    }

    /** --hidden-signal: a finite number >= 0. */
    static final class HiddenSignalConverter implements ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            return checked(value, WorldSpec::checkHiddenSignal);
        }
    }

    /** --character: a preset name, case-insensitive. */
    static final class CharacterConverter implements ITypeConverter<WorldCharacter> {
        @Override
        public WorldCharacter convert(String value) {
            try {
                return WorldCharacter.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
