package io.hyperfusion.sparkit;

import org.apache.spark.launcher.JavaModuleOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Spark standalone cluster on 127.0.0.1 made of separate JVMs started from Maven Central's Spark jars: a master
 * ({@code org.apache.spark.deploy.master.Master}) and workers ({@code org.apache.spark.deploy.worker.Worker}), which
 * launch their own executor JVMs for each application. The workers build an executor's class path from
 * {@code $SPARK_HOME/jars}, so {@code SPARK_HOME} is a folder whose {@code jars/} links every jar of a Spark
 * installation (the {@code hyperfusion-spark-it} module's class path). Applications are submitted with
 * {@code org.apache.spark.deploy.SparkSubmit} in client mode. {@link #close()} stops every process it started
 * (executors included, as the workers' descendants) and deletes the workers' {@code work/} folders, where each
 * application's copy of the job jar lands.
 */
final class StandaloneCluster implements AutoCloseable {
    private final Path home;
    private final Path root;
    private final Path logs;
    private final String javaBin;
    private final Map<String, String> env;
    private final List<String> driverOptions;
    private final List<Process> daemons = new ArrayList<>();
    private final List<Path> workDirs = new ArrayList<>();
    private String masterUrl;

    /**
     * @param root folder for the cluster's home, logs and work folders
     * @param jars the jars of a Spark installation
     * @param env  environment of every JVM (the executors inherit the workers')
     * @param driverOptions JVM options of the drivers (client mode: the driver is the submitting JVM)
     */
    StandaloneCluster(Path root, List<Path> jars, Map<String, String> env, List<String> driverOptions) throws IOException {
        this.root = root;
        this.driverOptions = List.copyOf(driverOptions);
        this.home = root.resolve("spark-home");
        this.logs = Files.createDirectories(root.resolve("logs"));
        this.env = Map.copyOf(env);
        this.javaBin = ProcessHandle.current().info().command().orElse("java");
        Path jarDir = Files.createDirectories(home.resolve("jars"));
        for (Path j : jars) {
            Path link = jarDir.resolve(j.getFileName());
            if (!Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                Files.createSymbolicLink(link, j.toAbsolutePath());
            }
        }
    }

    /** The master's URL, {@code spark://127.0.0.1:<port>}. */
    String masterUrl() {
        return masterUrl;
    }

    /** Starts the master and {@code workers} workers of {@code cores} cores and {@code memory} each; waits for them. */
    void start(int workers, int cores, String memory) throws IOException, InterruptedException {
        int port = freePort();
        masterUrl = "spark://127.0.0.1:" + port;
        Path masterLog = logs.resolve("master.log");
        daemons.add(launch(masterLog, List.of("-Xmx512m"), List.of("org.apache.spark.deploy.master.Master", "--host", "127.0.0.1",
                "--port", String.valueOf(port), "--webui-port", String.valueOf(freePort()))));
        awaitLine(masterLog, "I have been elected leader", Duration.ofSeconds(90));
        for (int i = 0; i < workers; i++) {
            Path work = Files.createDirectories(root.resolve("worker-" + i));
            workDirs.add(work);
            Path log = logs.resolve("worker-" + i + ".log");
            daemons.add(launch(log, List.of("-Xmx512m"), List.of("org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1",
                    "--cores", String.valueOf(cores), "--memory", memory, "--work-dir", work.toString(),
                    "--webui-port", String.valueOf(freePort()), masterUrl)));
            awaitLine(log, "Successfully registered with master", Duration.ofSeconds(90));
        }
    }

    /**
     * Runs {@code SparkSubmit --master <url> <submitArgs>} to the end.
     *
     * @return the driver's output (stdout and stderr)
     * @throws AssertionError with the output's tail when the driver exits with an error or overruns {@code timeout}
     */
    String submit(String name, List<String> submitArgs, Duration timeout) throws IOException, InterruptedException {
        Path log = logs.resolve(name + ".log");
        List<String> args = new ArrayList<>(List.of("org.apache.spark.deploy.SparkSubmit", "--master", masterUrl,
                "--deploy-mode", "client"));
        args.addAll(submitArgs);
        Process p = launch(log, driverOptions, args);
        try {
            boolean done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            String out = Files.readString(log);
            if (!done) {
                throw new AssertionError(name + " did not finish within " + timeout + ":\n" + tail(out));
            }
            if (p.exitValue() != 0) {
                throw new AssertionError(name + " exited with " + p.exitValue() + ":\n" + tail(out));
            }
            return out;
        } finally {
            stop(p);
        }
    }

    /** Runs a plain JVM ({@code java <args>}) to the end, as {@link #submit} does; for the single-machine CLI. */
    String run(String name, List<String> javaArgs, Map<String, String> extraEnv, Duration timeout)
            throws IOException, InterruptedException {
        Path log = logs.resolve(name + ".log");
        List<String> cmd = new ArrayList<>(List.of(javaBin));
        cmd.addAll(javaArgs);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        pb.environment().putAll(extraEnv);
        Process p = pb.start();
        try {
            boolean done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            String out = Files.readString(log);
            if (!done || p.exitValue() != 0) {
                throw new AssertionError(name + (done ? " exited with " + p.exitValue() : " timed out") + ":\n" + tail(out));
            }
            return out;
        } finally {
            stop(p);
        }
    }

    /** Every file under the workers' work folders (the applications' jar copies and logs). */
    long workFiles() throws IOException {
        long n = 0;
        for (Path w : workDirs) {
            try (Stream<Path> s = Files.walk(w)) {
                n += s.filter(Files::isRegularFile).count();
            }
        }
        return n;
    }

    private Process launch(Path log, List<String> jvmOptions, List<String> args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(javaBin));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of(JavaModuleOptions.defaultModuleOptions().split(" ")));
        cmd.addAll(List.of("-cp", home.resolve("jars") + "/*"));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        pb.environment().put("SPARK_HOME", home.toString());
        // Without it the workers look for a source build's assembly folder ("Cannot find any build directories").
        pb.environment().put("SPARK_SCALA_VERSION", "2.12");
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        return pb.start();
    }

    /** Stops every daemon (and the executors below the workers) and deletes the workers' work folders. */
    @Override
    public void close() {
        for (int i = daemons.size() - 1; i >= 0; i--) {
            stop(daemons.get(i));
        }
        daemons.clear();
        for (Path w : workDirs) {
            delete(w);
        }
    }

    /** Ends a process and its descendants: politely, then forcibly after 20 s. */
    static void stop(Process p) {
        List<ProcessHandle> all = new ArrayList<>(p.descendants().toList());
        all.add(p.toHandle());
        all.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        for (ProcessHandle h : all) {
            long left = Math.max(0, deadline - System.nanoTime());
            try {
                h.onExit().get(left, TimeUnit.NANOSECONDS);
            } catch (Exception e) {
                h.destroyForcibly();
            }
        }
    }

    static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }

    private static void awaitLine(Path log, String text, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log).contains(text)) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no '" + text + "' in " + log + " within " + timeout + ":\n"
                + (Files.exists(log) ? tail(Files.readString(log)) : "(no log)"));
    }

    static String tail(String s) {
        String[] lines = s.split("\n");
        return String.join("\n", java.util.Arrays.copyOfRange(lines, Math.max(0, lines.length - 60), lines.length));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
