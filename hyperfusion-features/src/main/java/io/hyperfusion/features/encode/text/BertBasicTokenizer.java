package io.hyperfusion.features.encode.text;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The "basic" half of BERT tokenisation: text cleaning, CJK spacing, accent stripping, lowercasing, and
 * splitting on whitespace and punctuation (Devlin et al. 2019, "BERT", reference {@code BasicTokenizer}).
 *
 * <p>Follows the Hugging Face {@code tokenizers} crate's {@code BertNormalizer} and {@code BertPreTokenizer}
 * character classes exactly, so that it yields the same words as the tokenizer.json it was configured from:
 * <ul>
 *   <li>clean text: drop U+0000, U+FFFD and "other" characters (Unicode Cc, Cf, Cs, Co, Cn) except tab, LF and
 *       CR; map Unicode White_Space to a plain space;</li>
 *   <li>CJK: put spaces around every CJK unified ideograph, so each becomes its own word;</li>
 *   <li>strip accents: NFD, then drop non-spacing marks (Mn); lowercase: Unicode full lowercasing;</li>
 *   <li>split on White_Space, and isolate every ASCII punctuation or Unicode punctuation (P*) character.</li>
 * </ul>
 * Immutable and thread-safe.
 */
public final class BertBasicTokenizer {
    private final boolean cleanText;
    private final boolean handleChineseChars;
    private final boolean stripAccents;
    private final boolean lowercase;

    public BertBasicTokenizer(boolean cleanText, boolean handleChineseChars, boolean stripAccents,
                              boolean lowercase) {
        this.cleanText = cleanText;
        this.handleChineseChars = handleChineseChars;
        this.stripAccents = stripAccents;
        this.lowercase = lowercase;
    }

    /** Normalises a text and splits it into words and single punctuation characters. */
    public List<String> split(String text) {
        return preTokenize(normalize(text));
    }

    /** The normalisation step alone (cleaning, CJK spacing, accent stripping, lowercasing), in that order. */
    public String normalize(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 8);
        text.codePoints().forEach(c -> {
            if (cleanText) {
                if (c == 0 || c == 0xFFFD || isControl(c)) {
                    return;
                }
                if (isWhitespace(c)) {
                    sb.append(' ');
                    return;
                }
            }
            if (handleChineseChars && isCjk(c)) {
                sb.append(' ').appendCodePoint(c).append(' ');
            } else {
                sb.appendCodePoint(c);
            }
        });
        String s = sb.toString();
        if (stripAccents) {
            String nfd = Normalizer.normalize(s, Normalizer.Form.NFD);
            StringBuilder out = new StringBuilder(nfd.length());
            nfd.codePoints().filter(c -> Character.getType(c) != Character.NON_SPACING_MARK)
                    .forEach(out::appendCodePoint);
            s = out.toString();
        }
        return lowercase ? s.toLowerCase(Locale.ROOT) : s;
    }

    private static List<String> preTokenize(String s) {
        List<String> words = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            if (isWhitespace(c)) {
                flush(cur, words);
            } else if (isPunctuation(c)) {
                flush(cur, words);
                words.add(new String(Character.toChars(c)));
            } else {
                cur.appendCodePoint(c);
            }
        }
        flush(cur, words);
        return words;
    }

    private static void flush(StringBuilder cur, List<String> words) {
        if (cur.length() > 0) {
            words.add(cur.toString());
            cur.setLength(0);
        }
    }

    /** Unicode White_Space (Rust's {@code char::is_whitespace}); Java's own test omits no-break spaces. */
    static boolean isWhitespace(int c) {
        switch (c) {
            case '\t': case '\n': case 0x0B: case '\f': case '\r': case ' ': case 0x85: case 0xA0: case 0x1680:
            case 0x2028: case 0x2029: case 0x202F: case 0x205F: case 0x3000:
                return true;
            default:
                return c >= 0x2000 && c <= 0x200A;
        }
    }

    /** Rust's {@code char::is_other} (Cc, Cf, Cs, Co, Cn), except tab, LF and CR which count as whitespace. */
    static boolean isControl(int c) {
        if (c == '\t' || c == '\n' || c == '\r') {
            return false;
        }
        int t = Character.getType(c);
        return t == Character.CONTROL || t == Character.FORMAT || t == Character.SURROGATE
                || t == Character.PRIVATE_USE || t == Character.UNASSIGNED;
    }

    /** ASCII punctuation (which includes symbols such as $ + < = > ^ ` | ~) or any Unicode P* category. */
    static boolean isPunctuation(int c) {
        if (c < 128) {
            return (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126);
        }
        switch (Character.getType(c)) {
            case Character.CONNECTOR_PUNCTUATION: case Character.DASH_PUNCTUATION:
            case Character.START_PUNCTUATION: case Character.END_PUNCTUATION:
            case Character.INITIAL_QUOTE_PUNCTUATION: case Character.FINAL_QUOTE_PUNCTUATION:
            case Character.OTHER_PUNCTUATION:
                return true;
            default:
                return false;
        }
    }

    /** The CJK Unified Ideographs blocks that BERT spaces out (not Hiragana, Katakana or Hangul). */
    static boolean isCjk(int c) {
        return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x20000 && c <= 0x2A6DF)
                || (c >= 0x2A700 && c <= 0x2B73F) || (c >= 0x2B740 && c <= 0x2B81F)
                || (c >= 0x2B820 && c <= 0x2CEAF) || (c >= 0xF900 && c <= 0xFAFF)
                || (c >= 0x2F800 && c <= 0x2FA1F);
    }
}
