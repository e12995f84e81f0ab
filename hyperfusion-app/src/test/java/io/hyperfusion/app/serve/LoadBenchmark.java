package io.hyperfusion.app.serve;

import io.hyperfusion.app.embed.EmbeddingRun;
import io.hyperfusion.ensemble.PopularityBundle;
import io.hyperfusion.features.encode.image.ImageDecoder;
import io.hyperfusion.features.encode.mobilenet.MobileNetV2Encoder;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;

/**
 * Load benchmark of the model server (a program, not a test): starts the server on 127.0.0.1 for a bundle, drives
 * it with N concurrent {@link HttpClient} clients sending single-post predictions (with and without TreeSHAP
 * explanations, and with a 160×120 JPEG), and prints p50/p99 latency and requests/s. Bounded by a request count and a wall-time limit per scenario.
 *
 * <pre>java ... LoadBenchmark MODEL_DIR [clients=4] [requests=4000] [seconds=30] [serverThreads=2] [modelsDir=models]</pre>
 *
 * The server has the bundle's own encoders (as {@code serve}); the image scenario runs MobileNetV2 on every
 * request, and when the bundle's model was trained without image features, the encoder is attached anyway so
 * that the cost of the image path is measured.
 */
public final class LoadBenchmark {
    private LoadBenchmark() { }

    public static void main(String[] args) throws Exception {
        Path bundle = Path.of(args[0]);
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        int requests = args.length > 2 ? Integer.parseInt(args[2]) : 4000;
        int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 30;
        int threads = args.length > 4 ? Integer.parseInt(args[4]) : 2;
        Path modelsDir = Path.of(args.length > 5 ? args[5] : "models");
        PrintWriter log = new PrintWriter(System.err, true);

        PopularityBundle.Loaded loaded = PopularityBundle.load(bundle);
        EmbeddingRun.ensureImageModel(modelsDir, log);
        MobileNetV2Encoder mobilenet = MobileNetV2Encoder.open(modelsDir, 1);
        // The bundle's own encoders, as `serve` opens them (MiniLM too when the model reads text embeddings: it
        // used to be left out here, which measured a cheaper request than the server answers); a model without
        // image features gets MobileNetV2 attached anyway so that the cost of the image path is measured.
        ServedModel served = EmbeddingRun.usesImages(loaded.model().encoders())
                ? ServedModel.open(bundle, new ServedModel.Settings(modelsDir, null, 1, 40_000_000L), log)
                : ServedModel.of(loaded.bundle(), loaded.model(), new OnlineEmbedder(mobilenet, null, null, null,
                        new ImageDecoder.Options(40_000_000L, 1024, ImageDecoder.OversizePolicy.REFUSE)));
        try (PredictionServer server = PredictionServer.start(served, ServerConfig.defaults(0).withThreads(threads)
                .withHost("127.0.0.1"))) {
            String url = "http://127.0.0.1:" + server.port() + "/v1/predict";
            String plain = post(null);
            String plainNoExplain = "{\"explain\": false, \"posts\": [" + plain + "]}";
            String withImage = post(jpeg(160, 120));
            System.out.printf(Locale.ROOT, "model %s, %d clients, server threads %d, cores %d%n", served.modelId(),
                    clients, threads, Runtime.getRuntime().availableProcessors());
            run("warm-up (no image)", url, plain, clients, Math.min(requests, 500), seconds);
            run("single post, no image", url, plain, clients, requests, seconds);
            run("same, explain=false", url, plainNoExplain, clients, requests, seconds);
            run("warm-up (image)", url, withImage, clients, 50, seconds);
            run("single post, 160x120 JPEG", url, withImage, clients, Math.max(1, requests / 10), seconds);
        } finally {
            mobilenet.close();
            loaded.close();
        }
    }

    static String post(byte[] image) {
        return "{\"post_id\": \"bench\", \"user_id\": \"u1\", \"posted_at\": \"2024-03-01T18:00:00Z\", "
                + "\"title\": \"sunset over the bay\", \"tags\": [\"sunset\", \"bay\", \"travel\"], \"category\": \"Travel\", "
                + "\"user\": {\"photo_count\": 120, \"is_pro\": true, \"timezone_offset_minutes\": 60}"
                + (image == null ? "" : ", \"image_base64\": \"" + Base64.getEncoder().encodeToString(image) + "\"") + "}";
    }

    static byte[] jpeg(int w, int h) throws Exception {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(250, 140, 40), w, h, new Color(30, 60, 160)));
        g.fillRect(0, 0, w, h);
        g.setColor(Color.WHITE);
        g.fillOval(w / 3, h / 3, w / 4, h / 4);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "jpg", out);
        return out.toByteArray();
    }

    private static void run(String name, String url, String body, int clients, int requests, int seconds) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest req = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body)).build();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        long[] latencies = new long[requests];
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long t0 = System.nanoTime();
        List<Future<?>> fs = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            fs.add(pool.submit(() -> {
                int i;
                while ((i = next.getAndIncrement()) < requests && System.nanoTime() < deadline) {
                    long s = System.nanoTime();
                    try {
                        HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() != 200) {
                            failures.incrementAndGet();
                        }
                    } catch (Exception e) {
                        failures.incrementAndGet();
                    }
                    latencies[i] = System.nanoTime() - s;
                }
                return null;
            }));
        }
        for (Future<?> f : fs) {
            f.get();
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        pool.shutdown();
        long[] done = Arrays.stream(latencies).filter(v -> v > 0).sorted().toArray();
        System.out.printf(Locale.ROOT, "%-28s %6d requests in %6.2f s: %8.1f req/s, p50 %7.2f ms, p99 %7.2f ms, max %7.2f ms, %d failed%n",
                name, done.length, wall, done.length / wall, pct(done, 0.50), pct(done, 0.99), done[done.length - 1] / 1e6,
                failures.get());
    }

    private static double pct(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }
}
