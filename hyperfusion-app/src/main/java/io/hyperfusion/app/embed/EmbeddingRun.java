package io.hyperfusion.app.embed;

import io.hyperfusion.app.cli.Progress;
import io.hyperfusion.data.Post;
import io.hyperfusion.data.PostDataset;
import io.hyperfusion.features.cache.EmbeddingCache;
import io.hyperfusion.features.embed.PostEmbedder;
import io.hyperfusion.features.encode.ImageEncoder;
import io.hyperfusion.features.encode.TextEncoder;
import io.hyperfusion.features.encode.clip.ClipModel;
import io.hyperfusion.features.encode.image.ImageDecoder;
import io.hyperfusion.features.encode.mobilenet.MobileNetInstaller;
import io.hyperfusion.features.encode.mobilenet.MobileNetV2Encoder;
import io.hyperfusion.features.encode.text.MiniLmTextEncoder;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Opens the encoders a run needs (installing the default image model when it is absent), embeds a data set's
 * posts through the cache with a progress bar per phase, and reports images/s and texts/s.
 */
public final class EmbeddingRun {
    private EmbeddingRun() { }

    /**
     * The embeddings of a run and the encoders that made them.
     *
     * @param result   vectors and counts
     * @param encoders encoder id → version, recorded in the model bundle
     */
    public record Output(PostEmbedder.Result result, Map<String, String> encoders) { }

    /** Feature groups that read image embeddings. */
    private static final java.util.Set<String> IMAGE_GROUPS = java.util.Set.of("image", "crossmodal", "cluster");
    /** Feature groups that read text embeddings. */
    private static final java.util.Set<String> TEXT_GROUPS = java.util.Set.of("textemb", "crossmodal", "cluster");

    /** Whether any of the selected feature groups reads image embeddings. */
    public static boolean needsImages(List<String> groups) {
        return groups.stream().anyMatch(IMAGE_GROUPS::contains);
    }

    /** Whether any of the selected feature groups reads text embeddings. */
    public static boolean needsText(List<String> groups) {
        return groups.stream().anyMatch(TEXT_GROUPS::contains);
    }

    /** Whether a model trained with these encoders needs image embeddings. */
    public static boolean usesImages(Map<String, String> encoders) {
        return encoders.containsKey(MobileNetV2Encoder.ID);
    }

    /** Whether a model trained with these encoders needs text embeddings. */
    public static boolean usesText(Map<String, String> encoders) {
        return encoders.containsKey(MiniLmTextEncoder.ID);
    }

    /** Whether a model trained with these encoders needs CLIP embeddings. */
    public static boolean usesClip(Map<String, String> encoders) {
        return encoders.keySet().stream().anyMatch(k -> k.startsWith("clip-"));
    }

    /** Installs the default image model into {@code modelsDir} unless it is there already. */
    public static Path ensureImageModel(Path modelsDir, PrintWriter err) {
        if (!MobileNetInstaller.isInstalled(modelsDir)) {
            err.println("installing the default image model (npm pack nsfwjs@" + MobileNetInstaller.VERSION + ") into " + modelsDir);
            err.flush();
        }
        try {
            return new MobileNetInstaller().install(modelsDir);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot install the image model into " + modelsDir + ": " + e.getMessage(), e);
        }
    }

    /** Embeds every post of {@code ds}. */
    public static Output embed(PostDataset ds, List<Post> posts, EmbedOptions opts, boolean images, boolean texts,
                               PrintWriter err) {
        Map<String, String> encoders = new LinkedHashMap<>();
        ImageEncoder image = null;
        TextEncoder text = null;
        ClipModel clip = null;
        ImageEncoder clipImage = null;
        TextEncoder clipText = null;
        try {
            if (opts.clipModel() != null) {
                clip = ClipModel.open(opts.clipModel(), opts.threads());
                clipImage = clip.imageEncoder(opts.batch());
                clipText = clip.textEncoder(opts.batch());
                encoders.put(clipImage.id(), clipImage.version());
                encoders.put(clipText.id(), clipText.version());
            }
            if (images) {
                ensureImageModel(opts.modelsDir(), err);
                image = MobileNetV2Encoder.open(opts.modelsDir(), opts.threads(), opts.imagePrecision());
                encoders.put(image.id(), image.version());
            }
            if (texts) {
                text = MiniLmTextEncoder.create(MiniLmTextEncoder.Options.defaults().withParallelism(opts.threads()));
                encoders.put(text.id(), text.version());
            }
            Path cacheFile = opts.cacheFile();
            Files.createDirectories(cacheFile.toAbsolutePath().getParent());
            try (EmbeddingCache cache = EmbeddingCache.open(cacheFile)) {
                PostEmbedder embedder = new PostEmbedder(cache, image, text, clipImage, clipText,
                        ImageDecoder.Options.defaults(), opts.batch());
                Map<String, Progress> bars = new LinkedHashMap<>();
                PostEmbedder.Result r;
                try {
                    r = embedder.embed(posts, ds::imageFile, (phase, done, total) -> {
                        Progress p = bars.computeIfAbsent(phase, k -> Progress.start("embed " + k, total,
                                k.contains("image") ? "img" : "txt", total < 200));
                        p.stepTo(done);
                    });
                } finally {
                    bars.values().forEach(Progress::close);
                }
                report(r, err);
                return new Output(r, encoders);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot create the cache folder for " + opts.cacheFile(), e);
        } finally {
            if (image != null) {
                image.close();
            }
            if (text != null) {
                text.close();
            }
            if (clipImage != null) {
                clipImage.close();
                clipText.close();
            }
            if (clip != null) {
                clip.close();
            }
        }
    }

    private static void report(PostEmbedder.Result r, PrintWriter err) {
        if (r.images() > 0 || !r.imageOutcomes().isEmpty()) {
            err.printf("images: %,d with a vector in %.1f s (%.1f images/s)%s%n", r.images(), r.imageSeconds(),
                    r.images() / Math.max(1e-9, r.imageSeconds()),
                    r.imageOutcomes().isEmpty() ? "" : "; decoded this run: " + r.imageOutcomes());
            if (!r.imageOutcomes().isEmpty()) {
                err.println(io.hyperfusion.features.encode.image.TurboJpeg.get() != null
                        ? "JPEG decoding: libjpeg-turbo for plain JPEGs, ImageIO for the rest (same pixels)"
                        : "JPEG decoding: ImageIO (install Debian's libturbojpeg0 for about 2.5x faster decoding,"
                                + " same pixels)");
            }
        }
        if (!r.damagedImages().isEmpty()) {
            // Scored as they are (the unreadable part is grey), but never silently.
            err.printf("images decoded with warnings (truncated or damaged, embedded as they are): %,d%n",
                    r.damagedImages().size());
            r.damagedImages().stream().limit(5).forEach(d -> err.println("    - " + d));
            if (r.damagedImages().size() > 5) {
                err.printf("    ... and %,d more%n", r.damagedImages().size() - 5);
            }
        }
        if (r.withoutImage() > 0) {
            err.printf("posts without an image: %,d%n", r.withoutImage());
        }
        if (r.texts() > 0) {
            err.printf("texts: %,d distinct in %.1f s (%.1f texts/s)%n", r.texts(), r.textSeconds(),
                    r.texts() / Math.max(1e-9, r.textSeconds()));
        }
        err.flush();
    }

    /**
     * The feature context of a data set for the selected feature groups: embeddings are computed (or read from the
     * cache) only when a selected group reads them.
     *
     * @param encoders receives encoder id → version of the embeddings used
     */
    public static io.hyperfusion.features.FeatureContext context(PostDataset ds, List<String> groups, EmbedOptions opts,
                                                                 Map<String, String> encoders, PrintWriter err) {
        io.hyperfusion.features.FeatureContext ctx = io.hyperfusion.features.FeatureContext.of(ds);
        boolean img = needsImages(groups);
        boolean txt = needsText(groups);
        if (!img && !txt && opts.clipModel() == null) {
            return ctx;
        }
        Output e = embed(ds, ds.all(), opts, img, txt, err);
        encoders.putAll(e.encoders());
        return ctx.withEmbeddings(e.result().table());
    }
}
