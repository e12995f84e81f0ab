package io.hyperfusion.app.serve;

import java.io.PrintWriter;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hostile-load benchmark of the model server (a program, not a test): while 50 connections trickle request bodies
 * (one byte a second, reconnecting whenever the server drops them), two clients send pixel-bomb batches (36 PNGs
 * of 6320x6320 16-bit) and two send one bomb each, it probes {@code /v1/health} every 100 ms and sends ordinary
 * predictions back to back, then prints latency percentiles and status counts of each.
 *
 * <pre>java ... HostileLoad MODEL_DIR [seconds=30] [modelsDir=models] [port]</pre>
 *
 * Without a port it starts the server in-process twice: with the default limits, and with the request pixel budget
 * opened to 2e9 so that the bomb batches are decoded until their 10 s timeout aborts them. With a port it attacks
 * a server already running there (for example the previous release, to compare).
 */
public final class HostileLoad {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private HostileLoad() { }

    public static void main(String[] args) throws Exception {
        Path bundle = Path.of(args[0]);
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        Path modelsDir = Path.of(args.length > 2 ? args[2] : "models");
        byte[] bomb = Hostile.pixelBomb(6320, 6320);
        System.out.printf(Locale.ROOT, "pixel bomb: 6320x6320 16-bit PNG, %,d bytes; %d s per scenario, cores %d%n",
                bomb.length, seconds, Runtime.getRuntime().availableProcessors());
        if (args.length > 3) {
            attack("server on port " + args[3], Integer.parseInt(args[3]), seconds, bomb);
            return;
        }
        for (ServerConfig config : List.of(ServerConfig.defaults(0),
                ServerConfig.defaults(0).withImageLimits(2_000_000_000L, 1))) {
            ServedModel served = ServedModel.open(bundle, new ServedModel.Settings(modelsDir, null, 1, 40_000_000L),
                    new PrintWriter(System.err, true));
            try (PredictionServer s = PredictionServer.start(served, config)) {
                attack("in-process, max request pixels " + config.maxRequestPixels(), s.port(), seconds, bomb);
            }
        }
    }

    /** Latencies (ms) and status counts of one kind of request. */
    static final class Tally {
        final List<Double> ms = new ArrayList<>();
        final Map<String, Long> status = new ConcurrentHashMap<>();

        synchronized void add(double millis, String s) {
            ms.add(millis);
            status.merge(s, 1L, Long::sum);
        }

        synchronized String render() {
            double[] v = ms.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            if (v.length == 0) {
                return "none";
            }
            return String.format(Locale.ROOT, "%5d requests  p50 %8.1f ms  p99 %8.1f ms  max %8.1f ms  statuses %s",
                    v.length, v[(v.length - 1) / 2], v[(int) Math.ceil(0.99 * v.length) - 1], v[v.length - 1],
                    new TreeMap<>(status));
        }
    }

    static void attack(String name, int port, int seconds, byte[] bomb) throws Exception {
        String batch = Hostile.batch(36, bomb);
        String one = Hostile.batch(1, bomb);
        String ordinary = Hostile.ordinaryPost("ordinary");
        long warm = System.nanoTime() + 5_000_000_000L; // JIT and first-call costs out of the figures
        loop(port, "/v1/predict", ordinary, warm, new Tally(), 0);
        // The same probes without any attack first: what the machine itself (other processes, GC) costs.
        Tally quietHealth = new Tally();
        Tally quietPredictions = new Tally();
        long quiet = System.nanoTime() + Math.min(10, seconds) * 1_000_000_000L;
        ExecutorService probes = Executors.newFixedThreadPool(2);
        var qh = probes.submit(() -> loop(port, "/v1/health", null, quiet, quietHealth, 100));
        var qp = probes.submit(() -> loop(port, "/v1/predict", ordinary, quiet, quietPredictions, 100));
        qh.get();
        qp.get();
        probes.shutdown();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        Tally health = new Tally();
        Tally predictions = new Tally();
        Tally batches = new Tally();
        Tally singles = new Tally();
        AtomicLong dropped = new AtomicLong();
        ExecutorService pool = Executors.newCachedThreadPool();
        List<java.util.concurrent.Future<?>> fs = new ArrayList<>();
        fs.add(pool.submit(() -> slowBodies(port, 50, end, dropped)));
        for (int i = 0; i < 2; i++) {
            fs.add(pool.submit(() -> loop(port, "/v1/predict", batch, end, batches, 0)));
            fs.add(pool.submit(() -> loop(port, "/v1/predict", one, end, singles, 0)));
        }
        Thread.sleep(2000); // let the attack build up before measuring
        fs.add(pool.submit(() -> loop(port, "/v1/predict", ordinary, end, predictions, 0)));
        fs.add(pool.submit(() -> loop(port, "/v1/health", null, end, health, 100)));
        for (var f : fs) {
            f.get();
        }
        pool.shutdownNow();
        System.out.println("== " + name);
        System.out.println("  no attack: GET /v1/health      " + quietHealth.render());
        System.out.println("  no attack: a prediction/100 ms " + quietPredictions.render());
        System.out.println("  under attack:");
        System.out.println("  GET /v1/health every 100 ms    " + health.render());
        System.out.println("  ordinary predictions           " + predictions.render());
        System.out.println("  36-bomb batches (2 clients)    " + batches.render());
        System.out.println("  one-bomb requests (2 clients)  " + singles.render());
        System.out.println("  slow-body connections dropped by the server and reopened: " + dropped.get());
        System.out.println("  the server's own histogram of /v1/health (headers in to answer out, since start): "
                + serverSide(port));
    }

    /** Health requests the server counted within 10, 100 and 250 ms (its latency histogram), of all. */
    private static String serverSide(int port) throws Exception {
        String m = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
        String h = "hyperfusion_http_request_duration_seconds";
        StringBuilder sb = new StringBuilder();
        for (String le : List.of("0.01", "0.1", "0.25")) {
            sb.append(HostileClientsTest.sample(m, h + "_bucket{route=\"/v1/health\",le=\"" + le + "\"}"))
                    .append(" within ").append((int) (Double.parseDouble(le) * 1000)).append(" ms, ");
        }
        return sb.append(HostileClientsTest.sample(m, h + "_count{route=\"/v1/health\"}")).append(" in all").toString();
    }

    private static Void loop(int port, String path, String body, long end, Tally t, long pauseMillis) throws Exception {
        while (System.nanoTime() < end) {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(30));
            HttpRequest r = body == null ? b.GET().build()
                    : b.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
            long t0 = System.nanoTime();
            String s;
            try {
                s = String.valueOf(HTTP.send(r, HttpResponse.BodyHandlers.discarding()).statusCode());
            } catch (java.io.IOException e) {
                s = e.getClass().getSimpleName();
            }
            t.add((System.nanoTime() - t0) / 1e6, s);
            if (pauseMillis > 0) {
                Thread.sleep(pauseMillis);
            }
        }
        return null;
    }

    /** Keeps {@code n} connections trickling a 100 kB body, one byte a second, until {@code end}. */
    private static Void slowBodies(int port, int n, long end, AtomicLong dropped) throws Exception {
        List<Socket> open = new ArrayList<>();
        try {
            while (System.nanoTime() < end) {
                while (open.size() < n) {
                    open.add(Hostile.slowBody(port, 100_000));
                }
                Thread.sleep(1000);
                for (int i = open.size() - 1; i >= 0; i--) {
                    if (!Hostile.trickle(open.get(i)) || open.get(i).getInputStream().available() > 0) {
                        open.remove(i).close();
                        dropped.incrementAndGet();
                    }
                }
            }
        } finally {
            for (Socket s : open) {
                s.close();
            }
        }
        return null;
    }
}
