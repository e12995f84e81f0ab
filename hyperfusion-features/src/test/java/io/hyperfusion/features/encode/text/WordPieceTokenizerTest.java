package io.hyperfusion.features.encode.text;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WordPieceTokenizerTest {
    static WordPieceTokenizer tokenizer;

    /** Texts that exercise every branch of the basic tokenizer and WordPiece. */
    static final List<String> HARD_TEXTS = List.of(
            "Hello, World!",
            "naïve café résumé Ångström ÉCOLE",
            "Sunset at the beach 🌅🏖️ #travel #nofilter @friend",
            "東京タワーの夜景 — 美しい!",
            "Москва: зимний вечер",
            "مرحبا بالعالم",
            "unaffable tokenization doesn't re-tokenize",
            "price $5.99 + tax = 6.50€ (approx.) <br> a|b ~ c ^ d `e`",
            "tab\there\nnew line\r\nand\u00A0nbsp\u2003em-space\u200Bzwsp\u0000nul\uFFFDrepl",
            "[MASK] is special, [CLS] too but [cls] is not",
            "a".repeat(120) + " short",
            "👨‍👩‍👧 family emoji with ZWJ, flags 🇩🇪🇯🇵",
            "İstanbul ŞİŞLİ straße ﬁ ligature Ⅻ",
            "   ",
            "");

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = WordPieceTokenizerTest.class.getResourceAsStream(MiniLmTextEncoder.TOKENIZER_RESOURCE)) {
            tokenizer = WordPieceTokenizer.fromJson(in, "test");
        }
    }

    @Test
    void matchesHuggingFaceTokenizerIds() throws IOException {
        try (InputStream in = getClass().getResourceAsStream(MiniLmTextEncoder.TOKENIZER_RESOURCE);
             HuggingFaceTokenizer hf = HuggingFaceTokenizer.newInstance(in,
                     Map.of("padding", "false", "truncation", "false"))) {
            for (String text : HARD_TEXTS) {
                Encoding e = hf.encode(text, true, false);
                long[] expected = e.getIds();
                int[] actual = tokenizer.encode(text, 512);
                assertArrayEquals(expected, Arrays.stream(actual).asLongStream().toArray(),
                        "ids for '" + text + "': expected " + Arrays.asList(e.getTokens())
                                + ", got " + tokenizer.tokenize(text));
            }
        }
    }

    @Test
    void basicRulesByHand() {
        assertEquals(List.of("hello", ",", "world", "!"), tokenizer.tokenize("Hello, World!"));
        assertEquals(List.of("naive", "cafe"), tokenizer.tokenize("naïve  Café"));
        assertEquals(List.of("[UNK]", "short"), tokenizer.tokenize("a".repeat(101) + " short"));
        assertEquals(List.of(), tokenizer.tokenize(" \t\u00A0\n"));
        List<String> cjk = tokenizer.tokenize("美しい");
        assertEquals("美", cjk.get(0), "CJK ideographs become words of their own: " + cjk);
    }

    @Test
    void truncatesKeepingSpecialTokens() {
        int[] ids = tokenizer.encode("one two three four five six seven eight nine ten eleven twelve", 6);
        assertEquals(6, ids.length);
        assertEquals(101, ids[0]);
        assertEquals(102, ids[5]);
        assertArrayEquals(new int[] {101, 102}, tokenizer.encode("", 6));
        assertThrows(IllegalArgumentException.class, () -> tokenizer.encode("x", 1));
    }

    @Test
    void rejectsOtherTokenizerKinds() {
        String json = "{\"model\":{\"type\":\"BPE\",\"vocab\":{}},\"normalizer\":{\"type\":\"BertNormalizer\"},"
                + "\"pre_tokenizer\":{\"type\":\"BertPreTokenizer\"}}";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WordPieceTokenizer.fromJson(
                new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "bpe.json"));
        assertTrue(e.getMessage().contains("bpe.json") && e.getMessage().contains("BPE"), e.getMessage());
    }
}
