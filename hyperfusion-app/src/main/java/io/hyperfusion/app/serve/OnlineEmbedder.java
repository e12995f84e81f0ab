package io.hyperfusion.app.serve;

import io.hyperfusion.data.Post;
import io.hyperfusion.features.embed.EmbeddingTable;
import io.hyperfusion.features.embed.Spaces;
import io.hyperfusion.features.encode.ImageEncoder;
import io.hyperfusion.features.encode.TextEncoder;
import io.hyperfusion.features.encode.image.Cancellation;
import io.hyperfusion.features.encode.image.DecodedImage;
import io.hyperfusion.features.encode.image.ImageDecoder;
import io.hyperfusion.features.encode.image.ImageStatistics;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Embeds posts received by the server in memory, with the encoders a model was trained with: the same spaces,
 * component names, decoding ({@link ImageDecoder}) and image statistics ({@link ImageStatistics}) as
 * {@code PostEmbedder}, but from image bytes and without the on-disk cache, so a request never touches a file.
 * Thread-safe: the encoders are, and the decoder creates its readers per call.
 */
public final class OnlineEmbedder {

    /** An image that could not be decoded: the index of its post and why. */
    public static final class BadImage extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final int index;

        BadImage(int index, String message) {
            super(message);
            this.index = index;
        }

        /** Index of the post (in the list given to {@link #embed}) whose image was refused. */
        public int index() {
            return index;
        }
    }

    /** Decoding was stopped because the request it served was answered (timed out) already. */
    public static final class Cancelled extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Cancelled() {
            super("image decoding cancelled", null, false, false);
        }
    }

    /**
     * Images decoded ahead of scoring, by the identity of their byte array (advice scores one array under 190
     * variants). Immutable.
     */
    public static final class Decoded {
        private final Map<byte[], DecodedImage> images;

        private Decoded(Map<byte[], DecodedImage> images) {
            this.images = images;
        }

        /** Nothing decoded ahead: images are decoded while embedding. */
        public static Decoded none() {
            return new Decoded(Map.of());
        }

        DecodedImage get(byte[] bytes) {
            return images.get(bytes);
        }

        /** Reader warnings per distinct image (a truncated JPEG decodes with a grey remainder), by byte array. */
        public List<String> warnings(byte[] bytes) {
            DecodedImage d = bytes == null ? null : images.get(bytes);
            return d == null ? List.of() : d.warnings().stream().distinct().toList();
        }
    }

    private final ImageEncoder image;
    private final TextEncoder text;
    private final ImageEncoder clipImage;
    private final TextEncoder clipText;
    private final ImageDecoder decoder;
    /** Vectors of the text encoder by text, or null (disabled, or the encoder is not batch-independent). */
    private final TextCache textCache;

    /** As below, without a text cache. */
    public OnlineEmbedder(ImageEncoder image, TextEncoder text, ImageEncoder clipImage, TextEncoder clipText,
                          ImageDecoder.Options decoder) {
        this(image, text, clipImage, clipText, decoder, 0);
    }

    /**
     * @param image     image encoder or null; its output is split into image, nsfw and imgstats spaces
     * @param text      text encoder or null (title and tags spaces)
     * @param clipImage CLIP image tower or null
     * @param clipText  CLIP text tower or null
     * @param decoder   image decoding limits; use {@link ImageDecoder.OversizePolicy#REFUSE} to reject bombs
     * @param textCacheEntries texts whose {@code text} vectors are kept (0: none); used only when the encoder's
     *                  vectors do not depend on their batch-mates, so scores are exactly those without the cache
     */
    public OnlineEmbedder(ImageEncoder image, TextEncoder text, ImageEncoder clipImage, TextEncoder clipText,
                          ImageDecoder.Options decoder, long textCacheEntries) {
        if (textCacheEntries < 0) {
            throw new IllegalArgumentException("text cache entries must be >= 0, got " + textCacheEntries);
        }
        if ((clipImage == null) != (clipText == null)) {
            throw new IllegalArgumentException("CLIP needs both towers, got " + (clipImage == null ? "text only" : "image only"));
        }
        this.image = image;
        this.text = text;
        this.clipImage = clipImage;
        this.clipText = clipText;
        this.decoder = new ImageDecoder(decoder);
        this.textCache = text != null && textCacheEntries > 0 && text.batchIndependent()
                ? new TextCache(text, textCacheEntries) : null;
    }

    /** Text cache hits, misses and entries since start; all 0 without a cache. */
    public long[] textCacheCounts() {
        return textCache == null ? new long[3] : new long[] {textCache.hits(), textCache.misses(), textCache.size()};
    }

    /** Whether any encoder is present (otherwise {@link #embed} returns an empty table). */
    public boolean active() {
        return image != null || text != null || clipImage != null;
    }

    /** Whether posted images are used at all. */
    public boolean usesImages() {
        return image != null || clipImage != null;
    }

    /**
     * The pixels the headers of the distinct images declare, summed: what decoding them will cost, known before
     * any pixel is decoded.
     *
     * @throws BadImage for an image whose header cannot be read or declares more than the per-image limit
     */
    public long declaredPixels(List<byte[]> images) {
        long sum = 0;
        Map<byte[], Boolean> seen = new IdentityHashMap<>();
        for (int i = 0; i < images.size(); i++) {
            byte[] bytes = images.get(i);
            if (bytes == null || seen.put(bytes, Boolean.TRUE) != null) {
                continue;
            }
            ImageDecoder.Header h = ImageDecoder.header(bytes);
            if (h == null || h.width() <= 0 || h.height() <= 0) {
                throw new BadImage(i, "not a readable image: no image header a reader recognises");
            }
            if (h.pixels() > decoder.options().maxPixels()) {
                throw new BadImage(i, "image too large: " + h.width() + "x" + h.height() + " pixels, limit "
                        + decoder.options().maxPixels() + " pixels");
            }
            sum += h.pixels();
        }
        return sum;
    }

    /**
     * Decodes the distinct images ahead of scoring.
     *
     * @throws BadImage  for the first image that cannot be decoded
     * @throws Cancelled when {@code cancel} stopped the decoding
     */
    public Decoded decode(List<byte[]> images, Cancellation cancel) {
        Map<byte[], DecodedImage> out = new IdentityHashMap<>();
        for (int i = 0; i < images.size(); i++) {
            byte[] bytes = images.get(i);
            if (bytes != null && !out.containsKey(bytes)) {
                out.put(bytes, checked(i, decoder.decode(bytes, "image_base64", cancel)));
            }
        }
        return new Decoded(out);
    }

    private DecodedImage checked(int i, DecodedImage d) {
        if (d.outcome() == DecodedImage.Outcome.CANCELLED) {
            throw new Cancelled();
        }
        if (!d.isOk()) {
            throw new BadImage(i, d.outcome() == DecodedImage.Outcome.REFUSED_TOO_LARGE
                    ? "image too large: " + d.sourceWidth() + "x" + d.sourceHeight() + " pixels, limit "
                    + decoder.options().maxPixels() + " pixels"
                    : "not a readable image: " + d.message());
        }
        return d;
    }

    /**
     * The embeddings of {@code posts}; {@code images.get(i)} holds post i's image bytes or null.
     *
     * @throws BadImage when an image is corrupt or larger than the decoder's pixel limit
     */
    public EmbeddingTable embed(List<Post> posts, List<byte[]> images) {
        return embed(posts, images, Decoded.none());
    }

    /**
     * The embeddings of {@code posts}, taking images from {@code decoded} where present (others are decoded here).
     *
     * @throws BadImage when an image is corrupt or larger than the decoder's pixel limit
     */
    public EmbeddingTable embed(List<Post> posts, List<byte[]> images, Decoded ahead) {
        if (posts.size() != images.size()) {
            throw new IllegalArgumentException(posts.size() + " posts but " + images.size() + " image slots");
        }
        EmbeddingTable.Builder table = EmbeddingTable.builder();
        if (usesImages()) {
            // The same byte array (advice scores one image under many variants) is decoded and encoded once.
            Map<byte[], Integer> distinct = new IdentityHashMap<>();
            List<Integer> rows = new ArrayList<>();
            List<Integer> slot = new ArrayList<>();
            List<DecodedImage> decoded = new ArrayList<>();
            for (int i = 0; i < posts.size(); i++) {
                byte[] bytes = images.get(i);
                if (bytes == null) {
                    continue;
                }
                Integer k = distinct.get(bytes);
                if (k == null) {
                    DecodedImage d = ahead.get(bytes);
                    if (d == null) {
                        d = checked(i, decoder.decode(bytes, "image_base64"));
                    }
                    k = decoded.size();
                    distinct.put(bytes, k);
                    decoded.add(d);
                }
                rows.add(i);
                slot.add(k);
            }
            List<BufferedImage> pixels = decoded.stream().map(DecodedImage::image).toList();
            if (image != null) {
                imageSpaces(table, posts, rows, slot, decoded, pixels.isEmpty() ? new float[0][] : image.encode(pixels));
            }
            if (clipImage != null) {
                float[][] v = pixels.isEmpty() ? new float[0][] : clipImage.encode(pixels);
                declare(table, Spaces.CLIP_IMAGE, clipImage.dimension(), "c");
                for (int k = 0; k < rows.size(); k++) {
                    table.put(Spaces.CLIP_IMAGE, posts.get(rows.get(k)).key(), v[slot.get(k)]);
                }
            }
        }
        if (text != null) {
            Function<List<String>, float[][]> enc = textCache != null ? textCache::encode : text::encode;
            texts(table, posts, Spaces.TITLE, Post::title, text.dimension(), enc);
            texts(table, posts, Spaces.TAGS, p -> String.join(" ", p.tags()), text.dimension(), enc);
        }
        if (clipText != null) {
            texts(table, posts, Spaces.CLIP_TEXT,
                    p -> p.title().isBlank() ? String.join(" ", p.tags()) : p.title(), clipText.dimension(),
                    clipText::encode);
        }
        return table.build();
    }

    /** Encoder features, class probabilities and statistics, split as PostEmbedder splits its cached vector. */
    private void imageSpaces(EmbeddingTable.Builder table, List<Post> posts, List<Integer> rows, List<Integer> slot,
                             List<DecodedImage> decoded, float[][] out) {
        List<String> names = image.outputNames();
        int nsfwFrom = (int) names.stream().takeWhile(n -> !n.startsWith("nsfw_")).count();
        int dim = image.dimension();
        table.space(Spaces.IMAGE, names.subList(0, nsfwFrom));
        if (nsfwFrom < dim) {
            table.space(Spaces.NSFW, names.subList(nsfwFrom, dim));
        }
        table.space(Spaces.IMGSTATS, ImageStatistics.names());
        float[][] stats = new float[decoded.size()][];
        for (int d = 0; d < stats.length; d++) {
            double[] s = ImageStatistics.compute(decoded.get(d));
            stats[d] = new float[s.length];
            for (int j = 0; j < s.length; j++) {
                stats[d][j] = (float) s[j]; // PostEmbedder caches statistics as floats too
            }
        }
        for (int k = 0; k < rows.size(); k++) {
            var key = posts.get(rows.get(k)).key();
            float[] f = out[slot.get(k)];
            table.put(Spaces.IMAGE, key, Arrays.copyOfRange(f, 0, nsfwFrom));
            if (nsfwFrom < dim) {
                table.put(Spaces.NSFW, key, Arrays.copyOfRange(f, nsfwFrom, dim));
            }
            table.put(Spaces.IMGSTATS, key, stats[slot.get(k)]);
        }
    }

    private static void texts(EmbeddingTable.Builder table, List<Post> posts, String space,
                              Function<Post, String> textOf, int dimension, Function<List<String>, float[][]> enc) {
        declare(table, space, dimension, "d");
        if (posts.isEmpty()) {
            return;
        }
        float[][] v = enc.apply(posts.stream().map(textOf).toList());
        for (int i = 0; i < posts.size(); i++) {
            table.put(space, posts.get(i).key(), v[i]);
        }
    }

    private static void declare(EmbeddingTable.Builder table, String space, int dim, String prefix) {
        List<String> names = new ArrayList<>(dim);
        for (int i = 0; i < dim; i++) {
            names.add(prefix + i);
        }
        table.space(space, names);
    }
}
