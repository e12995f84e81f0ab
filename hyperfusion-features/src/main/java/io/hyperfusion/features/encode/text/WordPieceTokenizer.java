package io.hyperfusion.features.encode.text;

import io.hyperfusion.data.Jackson;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Pure-Java BERT WordPiece tokenizer configured from a Hugging Face {@code tokenizer.json}: basic tokenisation
 * ({@link BertBasicTokenizer}) followed by greedy longest-match-first WordPiece with a {@code ##} continuation
 * prefix (Wu et al. 2016, "Google's Neural Machine Translation System", section 4.1; as used by BERT).
 *
 * <p>A word longer than {@code max_input_chars_per_word} code points, or one that cannot be covered completely
 * by vocabulary pieces, becomes the single unknown token. Special tokens from {@code added_tokens} that
 * appear literally in the raw text are kept whole, as the Hugging Face tokenizer does. Immutable and
 * thread-safe; no native code.
 */
public final class WordPieceTokenizer {
    private final BertBasicTokenizer basic;
    private final Map<String, Integer> vocab;
    private final Map<Integer, String> tokenById;
    private final Map<String, Integer> specialTokens;
    private final String continuingPrefix;
    private final int maxCharsPerWord;
    private final int unkId;
    private final int clsId;
    private final int sepId;
    private final int padId;

    private WordPieceTokenizer(BertBasicTokenizer basic, Map<String, Integer> vocab,
                               Map<String, Integer> specialTokens, String continuingPrefix, int maxCharsPerWord,
                               String unk) {
        this.basic = basic;
        this.vocab = vocab;
        Map<Integer, String> inverse = new HashMap<>(vocab.size() * 2);
        vocab.forEach((token, id) -> inverse.put(id, token));
        this.tokenById = Collections.unmodifiableMap(inverse);
        this.specialTokens = specialTokens;
        this.continuingPrefix = continuingPrefix;
        this.maxCharsPerWord = maxCharsPerWord;
        this.unkId = require(unk);
        this.clsId = require("[CLS]");
        this.sepId = require("[SEP]");
        this.padId = require("[PAD]");
    }

    /**
     * Reads a tokenizer.json with a {@code BertNormalizer}, a {@code BertPreTokenizer} and a {@code WordPiece}
     * model; {@code source} names the file in error messages.
     *
     * @throws IllegalArgumentException if the JSON describes another kind of tokenizer or lacks the vocabulary
     */
    public static WordPieceTokenizer fromJson(InputStream in, String source) throws IOException {
        JsonNode root = Jackson.json().readTree(in);
        if (root == null) {
            throw new IllegalArgumentException(source + ": empty tokenizer.json");
        }
        expectType(root.path("model"), "WordPiece", source, "model");
        expectType(root.path("normalizer"), "BertNormalizer", source, "normalizer");
        expectType(root.path("pre_tokenizer"), "BertPreTokenizer", source, "pre_tokenizer");
        JsonNode norm = root.path("normalizer");
        boolean lowercase = norm.path("lowercase").asBoolean(true);
        JsonNode strip = norm.path("strip_accents");
        // The crate's rule: strip_accents = null means "follow lowercase".
        boolean stripAccents = strip.isNull() || strip.isMissingNode() ? lowercase : strip.asBoolean();
        BertBasicTokenizer basic = new BertBasicTokenizer(norm.path("clean_text").asBoolean(true),
                norm.path("handle_chinese_chars").asBoolean(true), stripAccents, lowercase);

        JsonNode model = root.path("model");
        JsonNode vocabNode = model.path("vocab");
        if (!vocabNode.isObject() || vocabNode.isEmpty()) {
            throw new IllegalArgumentException(source + ": model.vocab is missing or empty");
        }
        Map<String, Integer> vocab = new HashMap<>(vocabNode.size() * 2);
        for (Iterator<Map.Entry<String, JsonNode>> it = vocabNode.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            vocab.put(e.getKey(), e.getValue().asInt());
        }
        Map<String, Integer> special = new HashMap<>();
        for (JsonNode t : root.path("added_tokens")) {
            if (t.path("special").asBoolean(false) && !t.path("normalized").asBoolean(false)) {
                special.put(t.path("content").asText(), t.path("id").asInt());
            }
        }
        return new WordPieceTokenizer(basic, Collections.unmodifiableMap(vocab), Map.copyOf(special),
                model.path("continuing_subword_prefix").asText("##"),
                model.path("max_input_chars_per_word").asInt(100), model.path("unk_token").asText("[UNK]"));
    }

    private static void expectType(JsonNode node, String type, String source, String field) {
        String actual = node.path("type").asText("<missing>");
        if (!type.equals(actual)) {
            throw new IllegalArgumentException(source + ": " + field + ".type must be " + type + ", got " + actual);
        }
    }

    private int require(String token) {
        Integer id = vocab.get(token);
        if (id == null) {
            throw new IllegalArgumentException("vocabulary lacks the token " + token);
        }
        return id;
    }

    public int padId() { return padId; }
    public int vocabularySize() { return vocab.size(); }

    /** Token ids {@code [CLS] pieces... [SEP]}, keeping at most {@code maxLength - 2} pieces (right truncation). */
    public int[] encode(String text, int maxLength) {
        if (maxLength < 2) {
            throw new IllegalArgumentException("maxLength must be >= 2 for [CLS] and [SEP], got " + maxLength);
        }
        List<Integer> pieces = pieceIds(text);
        int n = Math.min(pieces.size(), maxLength - 2);
        int[] ids = new int[n + 2];
        ids[0] = clsId;
        for (int i = 0; i < n; i++) {
            ids[i + 1] = pieces.get(i);
        }
        ids[n + 1] = sepId;
        return ids;
    }

    /** The word pieces of a text as strings, without special tokens (for tests and inspection). */
    public List<String> tokenize(String text) {
        List<String> out = new ArrayList<>();
        for (int id : pieceIds(text)) {
            out.add(tokenById.get(id));
        }
        return out;
    }

    /** Piece ids of a text without [CLS]/[SEP]. */
    public List<Integer> pieceIds(String text) {
        List<Integer> ids = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int bestAt = -1;
            String best = null;
            for (String s : specialTokens.keySet()) {
                int at = text.indexOf(s, start);
                if (at >= 0 && (bestAt < 0 || at < bestAt || (at == bestAt && s.length() > best.length()))) {
                    bestAt = at;
                    best = s;
                }
            }
            int end = bestAt < 0 ? text.length() : bestAt;
            for (String word : basic.split(text.substring(start, end))) {
                wordPiece(word, ids);
            }
            if (best == null) {
                break;
            }
            ids.add(specialTokens.get(best));
            start = bestAt + best.length();
        }
        return ids;
    }

    private void wordPiece(String word, List<Integer> out) {
        int[] cps = word.codePoints().toArray();
        if (cps.length > maxCharsPerWord) {
            out.add(unkId);
            return;
        }
        int mark = out.size();
        int start = 0;
        while (start < cps.length) {
            Integer found = null;
            int end = cps.length;
            for (; end > start; end--) {
                String sub = new String(cps, start, end - start);
                found = vocab.get(start > 0 ? continuingPrefix + sub : sub);
                if (found != null) {
                    break;
                }
            }
            if (found == null) {
                // One uncoverable piece turns the whole word into [UNK].
                out.subList(mark, out.size()).clear();
                out.add(unkId);
                return;
            }
            out.add(found);
            start = end;
        }
    }
}
