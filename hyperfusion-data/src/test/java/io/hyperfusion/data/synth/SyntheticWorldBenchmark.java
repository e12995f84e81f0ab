package io.hyperfusion.data.synth;

import java.nio.file.Path;

/**
 * Prints how long a synthetic world takes to generate: {@code SyntheticWorldBenchmark <out> [posts] [threads]}.
 * A program, not a test, so timings never make the build flaky.
 */
public final class SyntheticWorldBenchmark {

    private SyntheticWorldBenchmark() {
    }

    public static void main(String[] args) {
        if (args.length < 1) {
            System.err.println("usage: SyntheticWorldBenchmark <out> [posts=10000] [threads=2]");
            System.exit(2);
        }
        int posts = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        long cpu0 = cpuNanos();
        WorldSummary s = SyntheticWorld.generate(new WorldSpec(posts, posts / 8, 1L, 0.2, threads), Path.of(args[0]));
        System.out.println(s);
        System.out.printf("process CPU %.1f s, wall %.1f s%n", (cpuNanos() - cpu0) / 1e9, s.elapsed().toMillis() / 1e3);
    }

    private static long cpuNanos() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0L;
    }
}
