package io.hyperfusion.features.encode.clip;

import io.hyperfusion.data.Jackson;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CLIP's byte-level BPE tokenizer (Radford et al., ICML 2021; OpenAI {@code simple_tokenizer.py}, Hugging
 * Face {@code CLIPTokenizer}), reading the HF {@code vocab.json} and {@code merges.txt}.
 *
 * <p>Text is cleaned without ftfy (NFC, HTML unescaped twice, whitespace runs to one space, trimmed),
 * lower-cased and split with CLIP's pattern; each piece's UTF-8 bytes are mapped to printable characters
 * ({@code bytes_to_unicode}), {@code </w>} marks the last symbol, merges are applied lowest rank first, and
 * unknown symbols become {@code <|endoftext|>} (HF's unk token). A sequence is {@code <|startoftext|>}
 * tokens {@code <|endoftext|>}, truncated to the context length keeping the end token, and padded with the
 * pad token ({@code <|endoftext|>} by default, as HF pads; OpenAI's own code pads with id 0) with attention
 * mask 1 for real tokens and 0 for padding. Immutable apart from a bounded concurrent BPE cache; thread-safe.
 */
public final class ClipTokenizer {

    /** The start-of-text token. */
    public static final String START = "<|startoftext|>";
    /** The end-of-text token, also HF's unknown and default pad token. */
    public static final String END = "<|endoftext|>";
    /** File names inside a model folder. */
    public static final String VOCAB_FILE = "vocab.json";
    public static final String MERGES_FILE = "merges.txt";

    /** CLIP's pre-tokenisation pattern ({@code simple_tokenizer.py}), with Unicode {@code \s} like {@code regex}. */
    static final Pattern PATTERN = Pattern.compile(
            "<\\|startoftext\\|>|<\\|endoftext\\|>|'s|'t|'re|'ve|'m|'ll|'d|[\\p{L}]+|[\\p{N}]|[^\\s\\p{L}\\p{N}]+",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern SPACES = Pattern.compile("\\s+", Pattern.UNICODE_CHARACTER_CLASS);
    /** HF reads merges.txt lines 1 .. 49152-256-2 (line 0 is the {@code #version} header). */
    static final int MAX_MERGES = 49152 - 256 - 2;
    private static final int CACHE_LIMIT = 100_000;
    private static final char[] BYTE_TO_CHAR = bytesToUnicode();

    /** One padded batch in row-major order, ready for an {@code [rows, length]} int64 tensor. */
    public record Batch(int rows, int length, long[] inputIds, long[] attentionMask) {
    }

    private final Map<String, Integer> vocab;
    private final Map<String, Integer> ranks;
    private final int contextLength;
    private final int startId;
    private final int endId;
    private final int padId;
    private final Map<String, String[]> cache = new ConcurrentHashMap<>();

    private ClipTokenizer(Map<String, Integer> vocab, Map<String, Integer> ranks, int contextLength, int padId) {
        this.vocab = vocab;
        this.ranks = ranks;
        this.contextLength = contextLength;
        this.startId = vocab.get(START);
        this.endId = vocab.get(END);
        this.padId = padId;
    }

    /** Loads {@code dir/vocab.json} and {@code dir/merges.txt} with the config's context length and pad token. */
    public static ClipTokenizer fromDirectory(Path dir, ClipConfig config) {
        return load(dir.resolve(VOCAB_FILE), dir.resolve(MERGES_FILE), config.contextLength(), config.padToken());
    }

    /**
     * Loads a tokenizer.
     *
     * @param vocabJson     JSON object token → id
     * @param mergesTxt     {@code #version} header line, then one merge ({@code "a b"}) per line, best first
     * @param contextLength padded sequence length (≥ 2)
     * @param padToken      vocabulary entry used for padding
     */
    public static ClipTokenizer load(Path vocabJson, Path mergesTxt, int contextLength, String padToken) {
        if (contextLength < 2) {
            throw new IllegalArgumentException("contextLength must be >= 2, got " + contextLength);
        }
        Map<String, Integer> vocab = readVocab(vocabJson);
        for (String special : List.of(START, END, padToken)) {
            if (!vocab.containsKey(special)) {
                throw new IllegalArgumentException(vocabJson + ": has no entry for '" + special + "'");
            }
        }
        return new ClipTokenizer(vocab, readMerges(mergesTxt), contextLength, vocab.get(padToken));
    }

    public int contextLength() { return contextLength; }
    public int startId() { return startId; }
    public int endId() { return endId; }
    public int padId() { return padId; }
    public int vocabSize() { return vocab.size(); }

    /** The cleaned, lower-cased text CLIP tokenises. */
    public static String clean(String text) {
        String s = Normalizer.normalize(text, Normalizer.Form.NFC);
        s = HtmlText.unescape(HtmlText.unescape(s));
        s = SPACES.matcher(s).replaceAll(" ").strip();
        return s.toLowerCase(Locale.ROOT);
    }

    /** The BPE tokens of a text (no start/end tokens), e.g. {@code ["a</w>", "photo</w>"]}. */
    public List<String> tokenize(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = PATTERN.matcher(clean(text));
        while (m.find()) {
            out.addAll(Arrays.asList(bpe(byteEncode(m.group()))));
        }
        return out;
    }

    /** {@code <|startoftext|>} ids {@code <|endoftext|>}, truncated to the context length; not padded. */
    public int[] encode(String text) {
        List<String> tokens = tokenize(text);
        int n = Math.min(tokens.size(), contextLength - 2);
        int[] ids = new int[n + 2];
        ids[0] = startId;
        Integer unk = endId;
        for (int i = 0; i < n; i++) {
            ids[i + 1] = vocab.getOrDefault(tokens.get(i), unk);
        }
        ids[n + 1] = endId;
        return ids;
    }

    /** Encodes, pads to the context length and builds the attention mask. */
    public Batch encodeBatch(List<String> texts) {
        int rows = texts.size();
        long[] ids = new long[rows * contextLength];
        long[] mask = new long[rows * contextLength];
        Arrays.fill(ids, padId);
        for (int r = 0; r < rows; r++) {
            String text = texts.get(r);
            if (text == null) {
                throw new IllegalArgumentException("text " + r + " of the batch is null");
            }
            int[] e = encode(text);
            for (int i = 0; i < e.length; i++) {
                ids[r * contextLength + i] = e[i];
                mask[r * contextLength + i] = 1;
            }
        }
        return new Batch(rows, contextLength, ids, mask);
    }

    /** UTF-8 bytes of a piece mapped through {@code bytes_to_unicode}. */
    static String byteEncode(String piece) {
        byte[] bytes = piece.getBytes(StandardCharsets.UTF_8);
        char[] out = new char[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            out[i] = BYTE_TO_CHAR[bytes[i] & 0xFF];
        }
        return new String(out);
    }

    /** The merged symbols of one byte-encoded piece, the last one ending in {@code </w>}. */
    String[] bpe(String token) {
        if (token.equals(START) || token.equals(END)) {
            return new String[] {token};
        }
        String[] cached = cache.get(token);
        if (cached != null) {
            return cached;
        }
        List<String> word = new ArrayList<>(token.length());
        for (int i = 0; i < token.length() - 1; i++) {
            word.add(String.valueOf(token.charAt(i)));
        }
        word.add(token.charAt(token.length() - 1) + "</w>");
        while (word.size() > 1) {
            int best = Integer.MAX_VALUE;
            String first = null;
            String second = null;
            for (int i = 0; i + 1 < word.size(); i++) {
                Integer r = ranks.get(word.get(i) + " " + word.get(i + 1));
                if (r != null && r < best) {
                    best = r;
                    first = word.get(i);
                    second = word.get(i + 1);
                }
            }
            if (first == null) {
                break;
            }
            // Merge every non-overlapping occurrence, scanning left to right as simple_tokenizer.py does.
            List<String> merged = new ArrayList<>(word.size());
            for (int i = 0; i < word.size(); i++) {
                if (i + 1 < word.size() && word.get(i).equals(first) && word.get(i + 1).equals(second)) {
                    merged.add(first + second);
                    i++;
                } else {
                    merged.add(word.get(i));
                }
            }
            word = merged;
        }
        String[] result = word.toArray(new String[0]);
        if (cache.size() < CACHE_LIMIT) {
            cache.put(token, result);
        }
        return result;
    }

    /** GPT-2/CLIP {@code bytes_to_unicode}: printable bytes map to themselves, the rest to U+0100 onwards. */
    static char[] bytesToUnicode() {
        char[] map = new char[256];
        boolean[] printable = new boolean[256];
        for (int b = 0; b < 256; b++) {
            printable[b] = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
        }
        int n = 0;
        for (int b = 0; b < 256; b++) {
            map[b] = printable[b] ? (char) b : (char) (256 + n++);
        }
        return map;
    }

    private static Map<String, Integer> readVocab(Path file) {
        JsonNode root = readJson(file);
        if (!root.isObject()) {
            throw new IllegalArgumentException(file + ": expected a JSON object token -> id, got " + root.getNodeType());
        }
        Map<String, Integer> vocab = new HashMap<>(root.size() * 2);
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < 0) {
                throw new IllegalArgumentException(file + ": token '" + e.getKey()
                        + "' must map to a non-negative integer id, got " + v);
            }
            vocab.put(e.getKey(), v.intValue());
        }
        return Map.copyOf(vocab);
    }

    private static JsonNode readJson(Path file) {
        requireFile(file);
        try {
            return Jackson.json().readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(file + ": not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static Map<String, Integer> readMerges(Path file) {
        requireFile(file);
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        if (lines.isEmpty() || !lines.get(0).startsWith("#version")) {
            throw new IllegalArgumentException(file + ": line 1 must be the '#version: 0.2' header of a Hugging Face"
                    + " merges file, got " + (lines.isEmpty() ? "an empty file" : "'" + lines.get(0) + "'"));
        }
        Map<String, Integer> ranks = new HashMap<>(lines.size() * 2);
        int last = Math.min(lines.size() - 1, MAX_MERGES);
        for (int i = 1; i <= last; i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] parts = line.split("\\s+");
            if (parts.length != 2) {
                throw new IllegalArgumentException(file + ": line " + (i + 1) + ": expected two symbols separated by"
                        + " a space, got '" + line + "'");
            }
            // A repeated merge keeps its last rank, as Python's dict(zip(merges, range(...))) does.
            ranks.put(parts[0] + " " + parts[1], i - 1);
        }
        return Map.copyOf(ranks);
    }

    private static void requireFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("CLIP tokenizer file " + file + " does not exist");
        }
    }
}
