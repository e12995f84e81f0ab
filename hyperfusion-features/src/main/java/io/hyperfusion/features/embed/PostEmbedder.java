package io.hyperfusion.features.embed;

import io.hyperfusion.data.Post;
import io.hyperfusion.features.cache.CachedEncoding;
import io.hyperfusion.features.cache.EmbeddingCache;
import io.hyperfusion.features.cache.Hashing;
import io.hyperfusion.features.encode.ImageEncoder;
import io.hyperfusion.features.encode.TextEncoder;
import io.hyperfusion.features.encode.image.DecodedImage;
import io.hyperfusion.features.encode.image.ImageDecoder;
import io.hyperfusion.features.encode.image.ImageStatistics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Computes every post's embeddings once and reuses them across runs: image features, class probabilities and
 * image statistics, title and tag embeddings, and CLIP's joint-space embeddings when a CLIP model is given.
 * Vectors are cached in an {@link EmbeddingCache} keyed by encoder id, version and the SHA-256 of the content,
 * so a second run, or another data set with the same images, skips the encoders (and the JPEG decoding).
 *
 * <p>Posts without an image, or whose image is missing, corrupt or refused as too large, get no image vector;
 * feature groups turn that into missing values and indicators. Holds no state between calls but the encoders
 * it was given; thread-safe as its encoders are.
 */
public final class PostEmbedder {
    /** Images: (encoder features | statistics) are cached together, so a hit needs no decoding at all. */
    private static final String STATS_VERSION = "imgstats-v1";

    private final EmbeddingCache cache;
    private final ImageEncoder image;
    private final TextEncoder text;
    private final ImageEncoder clipImage;
    private final TextEncoder clipText;
    private final ImageDecoder.Options decoderOptions;
    /** Threads decoding the next batch of images while the encoder runs on this one. */
    static final int IMAGE_LOADERS = Math.min(2, Runtime.getRuntime().availableProcessors());
    private final int batchSize;

    /**
     * @param cache     where vectors are kept between runs
     * @param image     the image encoder (MobileNetV2 by default), or null for none
     * @param text      the text encoder (MiniLM by default), or null for none
     * @param clipImage CLIP's image tower, or null
     * @param clipText  CLIP's text tower, or null
     * @param decoder   image decoding limits
     * @param batchSize items encoded and committed to the cache per batch
     */
    public PostEmbedder(EmbeddingCache cache, ImageEncoder image, TextEncoder text, ImageEncoder clipImage,
                        TextEncoder clipText, ImageDecoder.Options decoder, int batchSize) {
        if (cache == null) {
            throw new IllegalArgumentException("an embedding cache is required");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
        if ((clipImage == null) != (clipText == null)) {
            throw new IllegalArgumentException("CLIP needs both towers, got " + (clipImage == null ? "text only" : "image only"));
        }
        this.cache = cache;
        this.image = image;
        this.text = text;
        this.clipImage = clipImage;
        this.clipText = clipText;
        this.decoderOptions = decoder;
        this.batchSize = batchSize;
    }

    /** Progress of one phase: {@code phase} is "images", "titles", "tags", "clip-images" or "clip-texts". */
    public interface Progress {
        void update(String phase, long done, long total);

        Progress NONE = (phase, done, total) -> { };
    }

    /**
     * What an embedding run did.
     *
     * @param table         the vectors by space
     * @param imageOutcomes images decoded in this run by outcome (OK, CORRUPT, REFUSED_TOO_LARGE), plus MISSING
     *                      files; cached images are not decoded and so not counted here
     * @param withoutImage  posts that reference no image
     * @param imageSeconds  wall time of the image phase
     * @param images        distinct images with a vector
     * @param textSeconds   wall time of the text phases
     * @param texts         distinct texts embedded or found in the cache
     * @param damagedImages images decoded this run with reader warnings (a truncated JPEG decodes with a grey
     *                      remainder and is embedded as it is), each as {@code file: first warning}
     */
    public record Result(EmbeddingTable table, Map<DecodedImage.Outcome, Long> imageOutcomes, long withoutImage,
                         double imageSeconds, long images, double textSeconds, long texts, List<String> damagedImages) {
        public Result {
            damagedImages = List.copyOf(damagedImages);
        }
    }

    /** Embeds {@code posts}; {@code imageFile} resolves a post's image path (null when it has none). */
    public Result embed(List<Post> posts, Function<Post, Path> imageFile, Progress progress) {
        EmbeddingTable.Builder table = EmbeddingTable.builder();
        Map<DecodedImage.Outcome, Long> outcomes = new EnumMap<>(DecodedImage.Outcome.class);
        List<String> damaged = new ArrayList<>();
        long[] withoutImage = {0};
        long t0 = System.nanoTime();
        long images = 0;
        if (image != null || clipImage != null) {
            List<Integer> rows = new ArrayList<>();
            List<CachedEncoding.Item<DecodedImage>> items = imageItems(posts, imageFile, rows, outcomes, damaged,
                    withoutImage, true);
            if (image != null) {
                images = embedImages(posts, rows, items, table, progress);
            }
            if (clipImage != null) {
                // A second item list whose loader does not count outcomes again (the first pass did).
                List<CachedEncoding.Item<DecodedImage>> clipItems = image == null ? items
                        : imageItems(posts, imageFile, new ArrayList<>(), new EnumMap<>(DecodedImage.Outcome.class),
                                new ArrayList<>(), new long[1], false);
                float[][] v = CachedEncoding.encode(cache, new DecodedAdapter(clipImage), clipItems, batchSize,
                        IMAGE_LOADERS, (d, t) -> progress.update("clip-images", d, t));
                declare(table, Spaces.CLIP_IMAGE, clipImage.dimension(), "c");
                putRows(table, Spaces.CLIP_IMAGE, posts, rows, v, 0, clipImage.dimension());
            }
        }
        double imageSeconds = (System.nanoTime() - t0) / 1e9;
        long t1 = System.nanoTime();
        long texts = 0;
        if (text != null) {
            texts += embedTexts(posts, Spaces.TITLE, Post::title, text, "titles", table, progress);
            texts += embedTexts(posts, Spaces.TAGS, p -> String.join(" ", p.tags()), text, "tags", table, progress);
        }
        if (clipText != null) {
            texts += embedTexts(posts, Spaces.CLIP_TEXT,
                    p -> p.title().isBlank() ? String.join(" ", p.tags()) : p.title(), clipText, "clip-texts", table, progress);
        }
        double textSeconds = (System.nanoTime() - t1) / 1e9;
        List<String> damagedSorted;
        synchronized (outcomes) {
            damagedSorted = damaged.stream().sorted().toList();
        }
        return new Result(table.build(), outcomes, withoutImage[0], imageSeconds, images, textSeconds, texts, damagedSorted);
    }

    private List<CachedEncoding.Item<DecodedImage>> imageItems(List<Post> posts, Function<Post, Path> imageFile,
            List<Integer> rows, Map<DecodedImage.Outcome, Long> outcomes, List<String> damaged, long[] withoutImage,
            boolean count) {
        ImageDecoder decoder = new ImageDecoder(decoderOptions);
        List<CachedEncoding.Item<DecodedImage>> items = new ArrayList<>();
        for (int i = 0; i < posts.size(); i++) {
            Path f = imageFile.apply(posts.get(i));
            if (f == null) {
                withoutImage[0]++;
                continue;
            }
            if (!Files.isRegularFile(f)) {
                outcomes.merge(DecodedImage.Outcome.MISSING, 1L, Long::sum);
                continue;
            }
            String sha = Hashing.sha256(f);
            rows.add(i);
            items.add(new CachedEncoding.Item<>(sha, () -> {
                DecodedImage d = decoder.decode(f);
                if (count) {
                    synchronized (outcomes) {
                        outcomes.merge(d.outcome(), 1L, Long::sum);
                        if (d.isDamaged()) {
                            damaged.add(f + ": " + d.warnings().get(0));
                        }
                    }
                }
                return d.isOk() ? d : null;
            }));
        }
        return items;
    }

    private long embedImages(List<Post> posts, List<Integer> rows, List<CachedEncoding.Item<DecodedImage>> items,
                             EmbeddingTable.Builder table, Progress progress) {
        List<String> names = image.outputNames();
        int nsfwFrom = (int) names.stream().takeWhile(n -> !n.startsWith("nsfw_")).count();
        int dim = image.dimension();
        float[][] v = CachedEncoding.encode(cache, new WithStats(image), items, batchSize, IMAGE_LOADERS,
                (d, t) -> progress.update("images", d, t));
        table.space(Spaces.IMAGE, names.subList(0, nsfwFrom));
        putRows(table, Spaces.IMAGE, posts, rows, v, 0, nsfwFrom);
        if (nsfwFrom < dim) {
            table.space(Spaces.NSFW, names.subList(nsfwFrom, dim));
            putRows(table, Spaces.NSFW, posts, rows, v, nsfwFrom, dim);
        }
        table.space(Spaces.IMGSTATS, ImageStatistics.names());
        putRows(table, Spaces.IMGSTATS, posts, rows, v, dim, dim + ImageStatistics.names().size());
        return Arrays.stream(v).filter(java.util.Objects::nonNull).count();
    }

    private long embedTexts(List<Post> posts, String space, Function<Post, String> textOf, TextEncoder enc,
                            String phase, EmbeddingTable.Builder table, Progress progress) {
        List<CachedEncoding.Item<String>> items = posts.stream().map(p -> CachedEncoding.Item.ofText(textOf.apply(p))).toList();
        float[][] v = CachedEncoding.encode(cache, CachedEncoding.of(enc), items, batchSize,
                (d, t) -> progress.update(phase, d, t));
        declare(table, space, enc.dimension(), "d");
        for (int i = 0; i < posts.size(); i++) {
            if (v[i] != null) {
                table.put(space, posts.get(i).key(), v[i]);
            }
        }
        return items.stream().map(CachedEncoding.Item::sha256).distinct().count();
    }

    private static void declare(EmbeddingTable.Builder table, String space, int dim, String prefix) {
        List<String> names = new ArrayList<>(dim);
        for (int i = 0; i < dim; i++) {
            names.add(prefix + i);
        }
        table.space(space, names);
    }

    private static void putRows(EmbeddingTable.Builder table, String space, List<Post> posts, List<Integer> rows,
                                float[][] v, int from, int to) {
        for (int k = 0; k < rows.size(); k++) {
            if (v[k] != null) {
                table.put(space, posts.get(rows.get(k)).key(), Arrays.copyOfRange(v[k], from, to));
            }
        }
    }

    /** The image encoder's output followed by the image statistics, cached as one vector. */
    private record WithStats(ImageEncoder enc) implements CachedEncoding.BatchEncoder<DecodedImage> {
        @Override public String id() { return enc.id() + "+stats"; }
        @Override public String version() { return enc.version() + "|" + STATS_VERSION; }
        @Override public int dimension() { return enc.dimension() + ImageStatistics.names().size(); }

        @Override
        public float[][] encode(List<DecodedImage> batch) {
            float[][] f = enc.encode(batch.stream().map(DecodedImage::image).toList());
            float[][] out = new float[batch.size()][];
            // Per image, independent: computed in parallel (the common pool), same values as one by one.
            java.util.stream.IntStream.range(0, batch.size()).parallel().forEach(i -> {
                double[] s = ImageStatistics.compute(batch.get(i));
                out[i] = Arrays.copyOf(f[i], f[i].length + s.length);
                for (int j = 0; j < s.length; j++) {
                    out[i][f[i].length + j] = (float) s[j];
                }
            });
            return out;
        }
    }

    /** An image encoder fed with decoded images. */
    private record DecodedAdapter(ImageEncoder enc) implements CachedEncoding.BatchEncoder<DecodedImage> {
        @Override public String id() { return enc.id(); }
        @Override public String version() { return enc.version(); }
        @Override public int dimension() { return enc.dimension(); }

        @Override
        public float[][] encode(List<DecodedImage> batch) {
            return enc.encode(batch.stream().map(DecodedImage::image).toList());
        }
    }
}
