package io.hyperfusion.features.encode.text;

import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import io.hyperfusion.features.linalg.Vectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MiniLmTextEncoderTest {
    static MiniLmTextEncoder encoder;

    static final List<String> SENTENCES = List.of(
            "A cat sitting on a windowsill in the afternoon sun.",
            "Sunset at the beach 🌅🏖️ #travel #nofilter",
            "naïve café résumé — déjà vu at the Ångström lab!",
            "Wow!!! Best. Concert. EVER?! (seriously...)",
            "price $5.99 + tax = 6.50€; e-mail me@example.com",
            "東京タワーの夜景 and Москва at night",
            "streetphotography blackandwhite urban city people",
            "I can't believe it's not butter",
            "x",
            longText(180));
    static final String LONG = SENTENCES.get(SENTENCES.size() - 1);

    static String longText(int words) {
        String[] vocab = {"the", "quick", "brown", "fox", "jumps", "over", "lazy", "dog", "while", "photographers",
                "capture", "golden", "hour", "light", "near", "mountains", "and", "rivers"};
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < words; i++) {
            sb.append(vocab[(i * 7 + i / 3) % vocab.length]).append(i % 11 == 10 ? ". " : " ");
        }
        return sb.toString().trim();
    }

    @BeforeAll
    static void load() {
        encoder = MiniLmTextEncoder.create(MiniLmTextEncoder.Options.defaults().withIntraOpThreads(2));
    }

    @AfterAll
    static void close() {
        encoder.close();
    }

    /** The reference truncates at 128 tokens (from tokenizer.json), so the long text is compared at 128. */
    @Test
    void matchesLangchain4jReference() {
        AllMiniLmL6V2QuantizedEmbeddingModel reference = new AllMiniLmL6V2QuantizedEmbeddingModel();
        float[][] ours = encoder.encode(SENTENCES);
        try (MiniLmTextEncoder at128 = MiniLmTextEncoder.create(new MiniLmTextEncoder.Options(2, 128, 1, 1))) {
            float[][] ours128 = at128.encode(SENTENCES);
            for (int i = 0; i < SENTENCES.size(); i++) {
                String s = SENTENCES.get(i);
                float[] expected = reference.embed(s).content().vector();
                double c = Vectors.cosine(expected, ours128[i]);
                assertTrue(c >= 0.9999, "cosine " + c + " at 128 tokens for '" + s + "'");
                if (s != LONG) {
                    c = Vectors.cosine(expected, ours[i]);
                    assertTrue(c >= 0.9999, "cosine " + c + " at 256 tokens for '" + s + "'");
                }
            }
            assertTrue(Vectors.cosine(reference.embed(LONG).content().vector(), ours[SENTENCES.size() - 1]) < 0.99,
                    "the long text must be longer than 128 tokens for this test to mean something");
        }
    }

    @Test
    void defaultVectorsDoNotDependOnBatchMates() {
        float[][] together = encoder.encode(SENTENCES);
        for (int i = 0; i < SENTENCES.size(); i++) {
            assertArrayEquals(encoder.encode(List.of(SENTENCES.get(i)))[0], together[i], 1e-6f);
        }
    }

    @Test
    void parallelCallsInsideOneEncodeGiveTheSameVectors() {
        float[][] sequential = encoder.encode(SENTENCES);
        try (MiniLmTextEncoder parallel = MiniLmTextEncoder.create(MiniLmTextEncoder.Options.defaults()
                .withParallelism(2))) {
            float[][] got = parallel.encode(SENTENCES);
            for (int i = 0; i < SENTENCES.size(); i++) {
                assertArrayEquals(sequential[i], got[i], 1e-6f);
            }
            assertEquals(encoder.version(), parallel.version(), "parallelism does not change the vectors");
        }
    }

    @Test
    void paddedBatchesStayClose() {
        try (MiniLmTextEncoder batched = MiniLmTextEncoder.create(new MiniLmTextEncoder.Options(2, 256, 32, 1))) {
            float[][] b = batched.encode(SENTENCES);
            float[][] single = encoder.encode(SENTENCES);
            for (int i = 0; i < SENTENCES.size(); i++) {
                double c = Vectors.cosine(b[i], single[i]);
                assertTrue(c >= 0.95, "cosine " + c + " batched vs single for '" + SENTENCES.get(i) + "'");
            }
            assertTrue(batched.version().startsWith("t256-b32-"), batched.version());
        }
    }

    @Test
    void vectorsAreUnitLengthAndEmptyTextsAreZero() {
        float[][] v = encoder.encode(List.of("hello world", "", "  \t\u00A0", "goodbye"));
        assertEquals(4, v.length);
        for (int i : new int[] {0, 3}) {
            double n = 0;
            for (float x : v[i]) {
                n += x * x;
            }
            assertEquals(1.0, Math.sqrt(n), 1e-5);
            assertEquals(MiniLmTextEncoder.DIMENSION, v[i].length);
        }
        assertArrayEquals(new float[MiniLmTextEncoder.DIMENSION], v[1]);
        assertArrayEquals(new float[MiniLmTextEncoder.DIMENSION], v[2]);
        assertEquals(0, encoder.encode(List.of()).length);
        List<String> withNull = new ArrayList<>();
        withNull.add("a");
        withNull.add(null);
        assertThrows(IllegalArgumentException.class, () -> encoder.encode(withNull));
    }

    @Test
    void truncatesAt256Tokens() {
        String prefix = longText(300);
        String longer = prefix + " completely different ending about submarines and volcanoes";
        double c = Vectors.cosine(encoder.encode(List.of(prefix))[0], encoder.encode(List.of(longer))[0]);
        assertEquals(1.0, c, 1e-6, "words past token 254 must be ignored");
    }

    @Test
    void concurrentCallsGiveSameVectors() throws Exception {
        float[][] expected = encoder.encode(SENTENCES);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<float[][]>> fs = new ArrayList<>();
            for (int t = 0; t < 6; t++) {
                fs.add(pool.submit(() -> encoder.encode(SENTENCES)));
            }
            for (Future<float[][]> f : fs) {
                float[][] got = f.get();
                for (int i = 0; i < expected.length; i++) {
                    assertArrayEquals(expected[i], got[i], 1e-6f);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void optionsAreValidatedAndVersionIsStable() {
        assertThrows(IllegalArgumentException.class, () -> new MiniLmTextEncoder.Options(0, 256, 32, 1));
        assertThrows(IllegalArgumentException.class, () -> new MiniLmTextEncoder.Options(1, 513, 32, 1));
        assertThrows(IllegalArgumentException.class, () -> new MiniLmTextEncoder.Options(1, 256, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new MiniLmTextEncoder.Options(1, 256, 1, 0));
        assertTrue(encoder.version().matches("t256-mean-l2-[0-9a-f]{8}"), encoder.version());
        assertEquals("all-minilm-l6-v2-q", encoder.id());
    }
}
