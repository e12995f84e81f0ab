package io.hyperfusion.app.cli;

import java.time.Duration;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;

/**
 * A progress bar on standard error with rate and ETA, for steps that take more than a second; in a log
 * rather than a terminal it prints one line every five seconds. Silent when {@code quiet}. Not thread-safe for {@link #step()} unless the caller synchronises; {@link #stepBy(long)}
 * from several threads is safe (the library's counter is atomic).
 */
public final class Progress implements AutoCloseable {
    private final ProgressBar bar;

    private Progress(ProgressBar bar) {
        this.bar = bar;
    }

    /** A bar named {@code task} counting to {@code total} {@code unit}s. */
    public static Progress start(String task, long total, String unit, boolean quiet) {
        if (quiet) {
            return new Progress(null);
        }
        // On a terminal the bar redraws in place; in a log (CI, a pipe) print a whole line every 5 s instead.
        boolean terminal = System.console() != null;
        ProgressBarBuilder b = new ProgressBarBuilder();
        if (!terminal) {
            b.setConsumer(new DelegatingProgressBarConsumer(line -> System.err.println(line.strip()), 100));
        }
        ProgressBar bar = b
                .setTaskName(task)
                .setInitialMax(total)
                .setUnit(" " + unit, 1)
                .setStyle(ProgressBarStyle.ASCII)
                .showSpeed()
                .setUpdateIntervalMillis(terminal ? 250 : 5000)
                .setMaxRenderedLength(100)
                .setSpeedUnit(java.time.temporal.ChronoUnit.SECONDS)
                .continuousUpdate()
                .setEtaFunction(state -> java.util.Optional.of(eta(state.getCurrent(), state.getMax(),
                        state.getTotalElapsed())))
                .build();
        return new Progress(bar);
    }

    private static Duration eta(long done, long max, Duration elapsed) {
        if (done <= 0 || max <= 0) {
            return Duration.ZERO;
        }
        return elapsed.multipliedBy(Math.max(0, max - done)).dividedBy(done);
    }

    public void step() {
        stepBy(1);
    }

    public void stepBy(long n) {
        if (bar != null) {
            bar.stepBy(n);
        }
    }

    /** Sets the current count (for callbacks that report "done of total"). */
    public void stepTo(long n) {
        if (bar != null) {
            bar.stepTo(n);
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
