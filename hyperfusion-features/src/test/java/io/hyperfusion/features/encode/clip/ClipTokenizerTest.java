package io.hyperfusion.features.encode.clip;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hand-worked ids on the 13-token vocabulary of {@link ClipTestFolder} (token i has id i). */
class ClipTokenizerTest {

    @TempDir
    static Path dir;
    private static ClipTokenizer tok;

    @BeforeAll
    static void load() throws Exception {
        ClipTestFolder.writeTokenizer(dir);
        tok = ClipTokenizer.load(dir.resolve("vocab.json"), dir.resolve("merges.txt"), 8, ClipTokenizer.END);
    }

    @Test
    void handWorkedSentence() {
        // "A cat!" -> clean "a cat!" -> pieces a | cat | ! -> a</w> ; c a t</w> -(a t</w>)-> c at</w> -(c at</w>)->
        // cat</w> ; !</w> -> ids 4, 8, 6 between <|startoftext|> = 11 and <|endoftext|> = 12.
        assertEquals(List.of("a</w>", "cat</w>", "!</w>"), tok.tokenize("A cat!"));
        assertArrayEquals(new int[] {11, 4, 8, 6, 12}, tok.encode("A cat!"));
    }

    @Test
    void mergesApplyLowestRankFirst() {
        // "tat": pairs (t,a) rank 3 and (a,t</w>) rank 0 -> t + at</w>; "t a" can no longer apply.
        assertEquals(List.of("t", "at</w>"), tok.tokenize("tat"));
        assertArrayEquals(new int[] {11, 3, 7, 12}, tok.encode("tat"));
        // "'s" is its own piece and merges to 's</w>; "it" has no merges: i (unknown) + t</w>.
        assertEquals(List.of("i", "t</w>", "'s</w>"), tok.tokenize("It's"));
    }

    @Test
    void unknownSymbolsBecomeTheEndTokenLikeHf() {
        assertArrayEquals(new int[] {11, 12, 12, 12, 12}, tok.encode("dog"));
    }

    @Test
    void truncationKeepsTheEndToken() {
        assertArrayEquals(new int[] {11, 4, 4, 4, 4, 4, 4, 12}, tok.encode("a a a a a a a a a a"));
        assertArrayEquals(new int[] {11, 12}, tok.encode(""));
    }

    @Test
    void batchPadsWithTheEndTokenAndMasksPadding() {
        ClipTokenizer.Batch b = tok.encodeBatch(List.of("a", "cat tat"));
        assertEquals(2, b.rows());
        assertEquals(8, b.length());
        assertArrayEquals(new long[] {11, 4, 12, 12, 12, 12, 12, 12, 11, 8, 3, 7, 12, 12, 12, 12}, b.inputIds());
        assertArrayEquals(new long[] {1, 1, 1, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 0, 0, 0}, b.attentionMask());
        ClipTokenizer bang = ClipTokenizer.load(dir.resolve("vocab.json"), dir.resolve("merges.txt"), 4, "!");
        assertArrayEquals(new long[] {11, 4, 12, 0}, bang.encodeBatch(List.of("a")).inputIds());
        assertThrows(IllegalArgumentException.class, () -> tok.encodeBatch(java.util.Arrays.asList("a", null)));
    }

    @Test
    void cleaningUnescapesHtmlTwiceNormalisesWhitespaceAndLowerCases() {
        assertEquals("hello& world", ClipTokenizer.clean("  Hello&amp;amp;\t\u00a0World\n"));
        // Expected strings are Python 3.11 html.unescape results for the same inputs.
        assertEquals("\u2013", HtmlText.unescape("&#150;"));
        assertEquals("\u0081", HtmlText.unescape("&#129;"));
        assertEquals("\ufffd", HtmlText.unescape("&#0;"));
        assertEquals("", HtmlText.unescape("&#1;"));
        assertEquals("\ufffd", HtmlText.unescape("&#xD800;"));
        assertEquals("'", HtmlText.unescape("&#39"));
        assertEquals("&amp;", HtmlText.unescape("&amp;amp;"));
        assertEquals("\u2026 &foo;", HtmlText.unescape("&hellip; &foo;"));
        assertEquals("AB", HtmlText.unescape("&#65;&#x42;"));
        // NFC: e + combining acute becomes one code point, as ftfy's NFC normalisation does.
        assertEquals("caf\u00e9", ClipTokenizer.clean("Cafe\u0301"));
    }

    @Test
    void pretokenisationPatternSplitsLikeClip() {
        assertEquals(List.of("don", "'t", "stop", "4", "2", "times", "!!"), pieces("don't stop 42 times!!"));
        assertEquals(List.of("<|startoftext|>", "hi", "<|endoftext|>"), pieces("<|startoftext|>hi<|endoftext|>"));
        assertEquals(List.of("café", "über", "日本語"), pieces("café über 日本語"));
        assertArrayEquals(new int[] {11, 11, 12, 12}, tok.encode("<|startoftext|><|endoftext|>"));
    }

    @Test
    void bytesToUnicodeIsTheGpt2Table() {
        char[] map = ClipTokenizer.bytesToUnicode();
        Set<Character> distinct = new HashSet<>();
        for (char c : map) {
            distinct.add(c);
        }
        assertEquals(256, distinct.size());
        assertEquals('a', map['a']);
        assertEquals('\u0120', map[' ']); // "Ġ"
        assertEquals('\u0100', map[0]);
        assertEquals('\u0143', map[0xAD]); // soft hyphen, the last unprintable byte, is the 68th remapped
        assertEquals("Ã©", ClipTokenizer.byteEncode("é")); // UTF-8 C3 A9
    }

    @Test
    void badFilesAreNamed(@TempDir Path bad) throws Exception {
        Path vocab = dir.resolve("vocab.json");
        Path merges = bad.resolve("merges.txt");
        Files.writeString(merges, "a t</w>\n", StandardCharsets.UTF_8);
        IllegalArgumentException noHeader = assertThrows(IllegalArgumentException.class,
                () -> ClipTokenizer.load(vocab, merges, 8, ClipTokenizer.END));
        assertTrue(noHeader.getMessage().contains("merges.txt: line 1"), noHeader.getMessage());
        Files.writeString(merges, "#version: 0.2\na t</w>\nc a t\n", StandardCharsets.UTF_8);
        IllegalArgumentException badLine = assertThrows(IllegalArgumentException.class,
                () -> ClipTokenizer.load(vocab, merges, 8, ClipTokenizer.END));
        assertTrue(badLine.getMessage().contains("line 3"), badLine.getMessage());
        Path noEnd = bad.resolve("vocab.json");
        Files.writeString(noEnd, "{\"a\": 0, \"<|startoftext|>\": 1}", StandardCharsets.UTF_8);
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> ClipTokenizer.load(noEnd, dir.resolve("merges.txt"), 8, ClipTokenizer.END));
        assertTrue(missing.getMessage().contains("<|endoftext|>") && missing.getMessage().contains("vocab.json"),
                missing.getMessage());
        Files.writeString(noEnd, "{\"a\": \"zero\"}", StandardCharsets.UTF_8);
        assertThrows(IllegalArgumentException.class,
                () -> ClipTokenizer.load(noEnd, dir.resolve("merges.txt"), 8, ClipTokenizer.END));
        IllegalArgumentException absent = assertThrows(IllegalArgumentException.class,
                () -> ClipTokenizer.load(bad.resolve("nope.json"), merges, 8, ClipTokenizer.END));
        assertTrue(absent.getMessage().contains("nope.json"), absent.getMessage());
    }

    private static List<String> pieces(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = ClipTokenizer.PATTERN.matcher(ClipTokenizer.clean(text));
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }
}
