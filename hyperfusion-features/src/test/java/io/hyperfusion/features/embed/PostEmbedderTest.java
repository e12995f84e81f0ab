package io.hyperfusion.features.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperfusion.data.Post;
import io.hyperfusion.features.cache.EmbeddingCache;
import io.hyperfusion.features.encode.ImageEncoder;
import io.hyperfusion.features.encode.TextEncoder;
import io.hyperfusion.features.encode.image.DecodedImage;
import io.hyperfusion.features.encode.image.ImageDecoder;
import io.hyperfusion.features.encode.mobilenet.InstalledModel;
import io.hyperfusion.features.encode.mobilenet.MobileNetV2Encoder;
import io.hyperfusion.features.encode.text.MiniLmTextEncoder;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real encoders through the cache: spaces, bad images, cache hits and invalidation. */
class PostEmbedderTest {

    @TempDir
    static Path dir;
    static MobileNetV2Encoder mobilenet;
    static MiniLmTextEncoder minilm;
    static List<Post> posts;

    @BeforeAll
    static void setUp() throws Exception {
        mobilenet = MobileNetV2Encoder.open(InstalledModel.modelsDir(), 1);
        minilm = MiniLmTextEncoder.create(MiniLmTextEncoder.Options.defaults());
        posts = new ArrayList<>();
        Color[] colours = {Color.RED, Color.BLUE, Color.GREEN, Color.ORANGE, Color.DARK_GRAY, Color.CYAN};
        for (int i = 0; i < colours.length; i++) {
            BufferedImage img = new BufferedImage(120 + 20 * i, 90, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = img.createGraphics();
            g.setColor(colours[i]);
            g.fillRect(0, 0, img.getWidth(), img.getHeight());
            g.setColor(Color.WHITE);
            g.fillOval(10, 10, 40 + 5 * i, 40);
            g.dispose();
            ImageIO.write(img, "jpg", dir.resolve("img" + i + ".jpg").toFile());
            posts.add(Post.builder("p" + i, "u" + (i % 2)).title(i == 0 ? "" : "sunset over the sea " + i)
                    .tags(List.of("beach", "t" + i)).imagePath("img" + i + ".jpg").label(5.0 + i).build());
        }
        Files.write(dir.resolve("corrupt.jpg"), new byte[] {(byte) 0xFF, (byte) 0xD8, 1, 2, 3, 4, 5, 6, 7, 8});
        posts.add(Post.builder("missing", "u1").title("gone").imagePath("nope.jpg").build());
        posts.add(Post.builder("corrupt", "u1").title("broken").imagePath("corrupt.jpg").build());
        posts.add(Post.builder("textonly", "u2").title("no picture here").build());
    }

    @AfterAll
    static void tearDown() {
        mobilenet.close();
        minilm.close();
    }

    static PostEmbedder.Result run(Path cacheFile, ImageEncoder image, TextEncoder text) {
        try (EmbeddingCache cache = EmbeddingCache.open(cacheFile)) {
            return new PostEmbedder(cache, image, text, null, null, ImageDecoder.Options.defaults(), 4)
                    .embed(posts, p -> p.imagePath() == null ? null : dir.resolve(p.imagePath()), PostEmbedder.Progress.NONE);
        }
    }

    @Test
    void fillsEverySpaceAndCountsBadImages() {
        CountingImage img = new CountingImage(mobilenet, mobilenet.version());
        PostEmbedder.Result r = run(dir.resolve("a.duckdb"), img, minilm);
        EmbeddingTable t = r.table();
        assertEquals(1280, t.dimension(Spaces.IMAGE));
        assertEquals(5, t.dimension(Spaces.NSFW));
        assertEquals(21, t.dimension(Spaces.IMGSTATS));
        assertEquals(384, t.dimension(Spaces.TITLE));
        assertEquals(6, t.count(Spaces.IMAGE));
        assertNull(t.get(Spaces.IMAGE, posts.get(6).key()), "missing image has no vector");
        assertNull(t.get(Spaces.IMAGE, posts.get(7).key()), "corrupt image has no vector");
        assertNull(t.get(Spaces.IMAGE, posts.get(8).key()), "post without image has no vector");
        assertEquals(1L, r.imageOutcomes().get(DecodedImage.Outcome.MISSING));
        assertEquals(1L, r.imageOutcomes().get(DecodedImage.Outcome.CORRUPT));
        assertEquals(6L, r.imageOutcomes().get(DecodedImage.Outcome.OK));
        assertEquals(1, r.withoutImage());
        float[] stats = t.get(Spaces.IMGSTATS, posts.get(1).key());
        assertEquals(140.0, stats[0], 1e-6, "width of image 1");
        float[] empty = t.get(Spaces.TITLE, posts.get(0).key());
        assertNotNull(empty);
        assertEquals(0.0, norm(empty), 1e-9, "empty title → zero vector");
        assertEquals(1.0, norm(t.get(Spaces.TITLE, posts.get(1).key())), 1e-4, "MiniLM vectors are L2-normalised");
        assertEquals(6, img.images.get());
    }

    @Test
    void secondRunHitsTheCacheAndAVersionChangeReencodes() {
        Path cacheFile = dir.resolve("b.duckdb");
        CountingImage first = new CountingImage(mobilenet, mobilenet.version());
        PostEmbedder.Result a = run(cacheFile, first, minilm);
        assertEquals(6, first.images.get());
        CountingImage second = new CountingImage(mobilenet, mobilenet.version());
        PostEmbedder.Result b = run(cacheFile, second, minilm);
        assertEquals(0, second.images.get(), "cached images are not encoded again");
        assertEquals(0, b.imageOutcomes().getOrDefault(DecodedImage.Outcome.OK, 0L), "nor decoded");
        for (Post p : posts.subList(0, 6)) {
            assertArrayEquals(a.table().get(Spaces.IMAGE, p.key()), b.table().get(Spaces.IMAGE, p.key()));
            assertArrayEquals(a.table().get(Spaces.IMGSTATS, p.key()), b.table().get(Spaces.IMGSTATS, p.key()));
        }
        CountingImage changed = new CountingImage(mobilenet, mobilenet.version() + "-changed");
        run(cacheFile, changed, minilm);
        assertEquals(6, changed.images.get(), "another encoder version does not reuse the old rows");
    }

    @Test
    void truncatedImagesAreEmbeddedButCountedAsDamaged() throws Exception {
        byte[] whole = Files.readAllBytes(dir.resolve("img1.jpg"));
        Files.write(dir.resolve("half.jpg"), java.util.Arrays.copyOf(whole, whole.length * 2 / 3));
        List<Post> two = List.of(posts.get(1), Post.builder("half", "u1").imagePath("half.jpg").build());
        try (EmbeddingCache cache = EmbeddingCache.open(dir.resolve("d.duckdb"))) {
            PostEmbedder.Result r = new PostEmbedder(cache, mobilenet, null, null, null, ImageDecoder.Options.defaults(), 4)
                    .embed(two, p -> dir.resolve(p.imagePath()), PostEmbedder.Progress.NONE);
            assertEquals(2L, r.imageOutcomes().get(DecodedImage.Outcome.OK), "a truncated baseline JPEG still decodes");
            assertEquals(1, r.damagedImages().size(), r.damagedImages().toString());
            assertTrue(r.damagedImages().get(0).startsWith(dir.resolve("half.jpg") + ": "), r.damagedImages().get(0));
        }
    }

    @Test
    void clipNeedsBothTowers() {
        try (EmbeddingCache cache = EmbeddingCache.open(dir.resolve("c.duckdb"))) {
            assertThrows(IllegalArgumentException.class, () -> new PostEmbedder(cache, null, null, mobilenet, null,
                    ImageDecoder.Options.defaults(), 4));
        }
    }

    static double norm(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }

    /** Delegates to the real encoder and counts the images it is given. */
    static final class CountingImage implements ImageEncoder {
        final ImageEncoder inner;
        final String version;
        final AtomicInteger images = new AtomicInteger();

        CountingImage(ImageEncoder inner, String version) {
            this.inner = inner;
            this.version = version;
        }

        @Override public String id() { return inner.id(); }
        @Override public String version() { return version; }
        @Override public int dimension() { return inner.dimension(); }
        @Override public List<String> outputNames() { return inner.outputNames(); }

        @Override
        public float[][] encode(List<BufferedImage> batch) {
            images.addAndGet(batch.size());
            return inner.encode(batch);
        }

        @Override public void close() { }
    }
}
