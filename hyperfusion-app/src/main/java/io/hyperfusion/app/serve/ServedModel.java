package io.hyperfusion.app.serve;

import io.hyperfusion.data.Jackson;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hyperfusion.app.embed.EmbeddingRun;
import io.hyperfusion.ensemble.PopularityBundle;
import io.hyperfusion.ensemble.PopularityModel;
import io.hyperfusion.features.cache.Hashing;
import io.hyperfusion.features.encode.ImageEncoder;
import io.hyperfusion.features.encode.TextEncoder;
import io.hyperfusion.features.encode.clip.ClipModel;
import io.hyperfusion.features.encode.image.ImageDecoder;
import io.hyperfusion.features.encode.mobilenet.MobileNetV2Encoder;
import io.hyperfusion.features.encode.text.MiniLmTextEncoder;
import io.hyperfusion.models.bundle.Bundle;
import io.hyperfusion.models.bundle.Manifest;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A model bundle loaded for online use: the verified bundle, its model, the encoders it was trained with (opened
 * once), a {@link Predictor}, the training tags (for advice) and an id naming exactly this bundle. Thread-safe;
 * {@link #close()} frees the native models and encoders.
 */
public final class ServedModel implements AutoCloseable {
    private static final ObjectMapper JSON = Jackson.json();

    /**
     * Where encoders come from and how they run.
     *
     * @param modelsDir      installed encoder models ({@code <home>/models}); the image model is installed when absent
     * @param clipModel      the CLIP export the model was trained with, or null
     * @param encoderThreads ONNX Runtime threads per encoder (≥ 1)
     * @param maxImagePixels images whose header declares more pixels are refused (≥ 1)
     * @param textCacheEntries texts whose embeddings are kept between requests (≥ 0; 0 disables), exact because
     *                       the default text encoder's vectors do not depend on their batch-mates
     */
    public record Settings(Path modelsDir, Path clipModel, int encoderThreads, long maxImagePixels,
                           long textCacheEntries) {
        /** Texts cached by default: about 32 MB of MiniLM vectors. */
        public static final long DEFAULT_TEXT_CACHE = 20_000;

        /** With the default text cache. */
        public Settings(Path modelsDir, Path clipModel, int encoderThreads, long maxImagePixels) {
            this(modelsDir, clipModel, encoderThreads, maxImagePixels, DEFAULT_TEXT_CACHE);
        }

        public Settings {
            if (textCacheEntries < 0) {
                throw new IllegalArgumentException("text cache entries must be >= 0, got " + textCacheEntries);
            }
            if (encoderThreads < 1) {
                throw new IllegalArgumentException("encoder threads must be >= 1, got " + encoderThreads);
            }
            if (maxImagePixels < 1) {
                throw new IllegalArgumentException("max image pixels must be >= 1, got " + maxImagePixels);
            }
        }
    }

    private final Bundle bundle;
    private final PopularityModel model;
    /** Encoders and the model when this instance opened them; closed in order. */
    private final List<AutoCloseable> owned;
    private final Predictor predictor;
    private final String modelId;
    private final JsonNode manifestJson;
    private final Map<String, Long> trainingTags;
    private final double loadSeconds;

    private ServedModel(Bundle bundle, PopularityModel model, List<AutoCloseable> owned, Predictor predictor,
                        String modelId, JsonNode manifestJson, Map<String, Long> trainingTags, double loadSeconds) {
        this.bundle = bundle;
        this.model = model;
        this.owned = owned;
        this.predictor = predictor;
        this.modelId = modelId;
        this.manifestJson = manifestJson;
        this.trainingTags = trainingTags;
        this.loadSeconds = loadSeconds;
    }

    /** Loads and verifies the bundle in {@code dir} and opens the encoders its model was trained with. */
    public static ServedModel open(Path dir, Settings settings, PrintWriter log) {
        long t0 = System.nanoTime();
        PopularityBundle.Loaded loaded = PopularityBundle.load(dir);
        List<AutoCloseable> open = new ArrayList<>();
        try {
            PopularityModel model = loaded.model();
            OnlineEmbedder embedder = encoders(model.encoders(), settings, open, log);
            Bundle b = loaded.bundle();
            Path manifestFile = b.dir().resolve(Manifest.FILE_NAME);
            JsonNode manifest = JSON.readTree(manifestFile.toFile());
            Manifest m = b.manifest();
            String id = Hashing.sha256(manifestFile).substring(0, 16) + "@" + m.createdAt()
                    + (m.gitCommit() == null ? "" : "+" + m.gitCommit().substring(0, Math.min(12, m.gitCommit().length())));
            Map<String, Double> memberSrc = new TreeMap<>();
            m.trainingMetrics().forEach((k, v) -> {
                if (k.startsWith("valid_src.tier2.")) {
                    memberSrc.put(k.substring("valid_src.tier2.".length()), v);
                }
            });
            Predictor predictor = new Predictor(model, embedder, memberSrc);
            open.add(loaded);
            return new ServedModel(b, model, List.copyOf(open), predictor, id, manifest,
                    PopularityBundle.trainingTags(b), (System.nanoTime() - t0) / 1e9);
        } catch (IOException | RuntimeException e) {
            closeAll(open);
            loaded.close();
            if (e instanceof IOException io) {
                throw new UncheckedIOException("cannot read the manifest of " + dir + ": " + io.getMessage(), io);
            }
            throw (RuntimeException) e;
        }
    }

    /** Opens the encoders {@code used} names (id → version) and checks their versions match. */
    private static OnlineEmbedder encoders(Map<String, String> used, Settings s, List<AutoCloseable> open,
                                           PrintWriter log) {
        Map<String, String> opened = new TreeMap<>();
        ImageEncoder image = null;
        TextEncoder text = null;
        ImageEncoder clipImage = null;
        TextEncoder clipText = null;
        if (EmbeddingRun.usesClip(used)) {
            if (s.clipModel() == null) {
                throw new IllegalArgumentException("the model was trained with CLIP embeddings: pass --clip-model DIR with the same export");
            }
            ClipModel clip = ClipModel.open(s.clipModel(), s.encoderThreads());
            open.add(clip);
            clipImage = clip.imageEncoder(MobileNetV2Encoder.DEFAULT_MAX_BATCH);
            clipText = clip.textEncoder(MobileNetV2Encoder.DEFAULT_MAX_BATCH);
            open.add(0, clipImage);
            open.add(0, clipText);
            opened.put(clipImage.id(), clipImage.version());
            opened.put(clipText.id(), clipText.version());
        }
        if (EmbeddingRun.usesImages(used)) {
            EmbeddingRun.ensureImageModel(s.modelsDir(), log);
            // The variant (fp32 or int8) the model's image embeddings were made with.
            image = MobileNetV2Encoder.open(s.modelsDir(), s.encoderThreads(),
                    MobileNetV2Encoder.precisionOf(used.get(MobileNetV2Encoder.ID)));
            open.add(image);
            opened.put(image.id(), image.version());
        }
        if (EmbeddingRun.usesText(used)) {
            text = MiniLmTextEncoder.create(MiniLmTextEncoder.Options.defaults().withParallelism(s.encoderThreads()));
            open.add(text);
            opened.put(text.id(), text.version());
        }
        if (!opened.equals(new TreeMap<>(used))) {
            throw new IllegalArgumentException("the model was trained on embeddings of " + new TreeMap<>(used)
                    + " but the encoders available here are " + opened + "; install the same encoder models");
        }
        ImageDecoder.Options decoder = new ImageDecoder.Options(s.maxImagePixels(),
                ImageDecoder.Options.defaults().targetMaxSide(), ImageDecoder.OversizePolicy.REFUSE);
        return new OnlineEmbedder(image, text, clipImage, clipText, decoder, s.textCacheEntries());
    }

    /**
     * Serves {@code model} as if it came from {@code bundle} (tests, other programs embedding the server); the
     * caller keeps ownership of the model and the embedder's encoders.
     */
    public static ServedModel of(Bundle bundle, PopularityModel model, OnlineEmbedder embedder) {
        try {
            Path manifestFile = bundle.dir().resolve(Manifest.FILE_NAME);
            JsonNode manifest = JSON.readTree(manifestFile.toFile());
            String id = Hashing.sha256(manifestFile).substring(0, 16) + "@" + bundle.manifest().createdAt();
            return new ServedModel(bundle, model, List.of(), new Predictor(model, embedder, Map.of()), id, manifest,
                    PopularityBundle.trainingTags(bundle), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Predictor predictor() { return predictor; }
    public Bundle bundle() { return bundle; }
    /** {@code <first 16 hex of the manifest's SHA-256>@<created-at>[+<git commit>]}. */
    public String modelId() { return modelId; }
    public double loadSeconds() { return loadSeconds; }
    /** Tag → labelled training posts carrying it, most frequent first; empty for bundles written before tags were kept. */
    public Map<String, Long> trainingTags() { return trainingTags; }

    /** The manifest and what the server adds: model id, encoders, the member explained, load time. */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model_id", modelId);
        m.put("bundle", bundle.dir().toString());
        m.put("family", model.model().family());
        m.put("features", model.pipeline().schema().size());
        m.put("encoders", model.encoders());
        m.put("explained_member", predictor.explainedMember());
        m.put("training_tags", trainingTags.size());
        m.put("load_seconds", loadSeconds);
        m.put("manifest", manifestJson);
        return m;
    }

    @Override
    public void close() {
        closeAll(owned);
    }

    private static void closeAll(List<AutoCloseable> list) {
        for (AutoCloseable c : list) {
            try {
                c.close();
            } catch (Exception e) {
                // Closing is best effort; the process is usually shutting down.
            }
        }
    }
}
