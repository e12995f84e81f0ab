package io.hyperfusion.features.encode.text;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A cheap writing-system and language indicator for a text: the share of its letters in Latin, CJK (Han,
 * Hiragana, Katakana, Hangul), Cyrillic, Arabic and other scripts, and whether it is likely English.
 *
 * <p>MiniLM is English-only, so how English a title is tells a model how much to trust its text embedding.
 * "Likely English" is a stopword vote in the spirit of Grefenstette (1995, "Comparing two language
 * identification schemes"): at least half the letters are Latin, at least one English function word occurs,
 * and English function words outnumber those of each of six other Latin-script languages (es, fr, de, it,
 * pt, nl). Words shared between languages ("a", "in", "die", ...) are in no list. Tag strings with no
 * function words ("sunset beach travel") are therefore not "likely English" — read {@code likelyEnglish}
 * as "written as English sentences". Stateless and thread-safe.
 */
public final class ScriptDetector {

    /**
     * The result for one text; shares are fractions of {@code letters} and sum to 1 (all 0 without letters).
     *
     * @param englishStopwordShare fraction of words that are English function words
     */
    public record ScriptProfile(int letters, double latin, double cjk, double cyrillic, double arabic,
                                double other, double englishStopwordShare, boolean likelyEnglish) {

        /** Values in the order of {@link ScriptDetector#names()}; booleans as 0/1. */
        public double[] toArray() {
            return new double[] {letters, latin, cjk, cyrillic, arabic, other, englishStopwordShare,
                    likelyEnglish ? 1 : 0};
        }
    }

    private static final List<String> NAMES = List.of("letters", "latin_share", "cjk_share", "cyrillic_share",
            "arabic_share", "other_share", "en_stopword_share", "likely_english");

    private static final Set<String> ENGLISH = Set.of("the", "and", "of", "to", "is", "it", "this", "that",
            "with", "for", "on", "at", "my", "we", "you", "was", "are", "be", "have", "has", "from", "by", "our",
            "your", "i", "me", "an", "or", "not", "but", "just", "what", "when", "all", "so", "can", "will",
            "its", "his", "her", "they", "their", "there", "out", "up", "about", "after", "before", "into");
    private static final List<Set<String>> OTHERS = List.of(
            Set.of("el", "los", "las", "del", "por", "para", "con", "una", "y", "es", "que", "mi", "muy"),
            Set.of("le", "les", "des", "du", "et", "est", "une", "pour", "avec", "dans", "sur", "au", "aux"),
            Set.of("der", "das", "und", "ist", "mit", "ein", "eine", "den", "dem", "von", "zu", "auf", "nicht"),
            Set.of("il", "di", "che", "della", "delle", "per", "con", "una", "sono", "gli", "nel", "alla"),
            Set.of("o", "os", "da", "do", "dos", "das", "em", "um", "uma", "para", "com", "não", "que"),
            Set.of("het", "een", "en", "van", "ik", "op", "te", "niet", "zijn", "met", "voor", "dat"));

    private ScriptDetector() {
    }

    /** Names of the values of {@link ScriptProfile#toArray()}, in that fixed order, without a group prefix. */
    public static List<String> names() {
        return NAMES;
    }

    /** Profiles a text; an empty text has 0 letters, all shares 0, and is not likely English. */
    public static ScriptProfile analyze(String text) {
        if (text == null) {
            throw new IllegalArgumentException("text is null; use \"\" for a missing text");
        }
        int letters = 0;
        int latin = 0;
        int cjk = 0;
        int cyrillic = 0;
        int arabic = 0;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (!Character.isLetter(c)) {
                continue;
            }
            letters++;
            switch (Character.UnicodeScript.of(c)) {
                case LATIN -> latin++;
                case HAN, HIRAGANA, KATAKANA, HANGUL -> cjk++;
                case CYRILLIC -> cyrillic++;
                case ARABIC -> arabic++;
                default -> { }
            }
        }
        if (letters == 0) {
            return new ScriptProfile(0, 0, 0, 0, 0, 0, 0, false);
        }
        double n = letters;
        int other = letters - latin - cjk - cyrillic - arabic;
        String[] words = text.toLowerCase(Locale.ROOT).split("[^\\p{L}']+");
        int wordCount = 0;
        int english = 0;
        int[] otherHits = new int[OTHERS.size()];
        for (String w : words) {
            if (w.isEmpty()) {
                continue;
            }
            wordCount++;
            english += ENGLISH.contains(w) ? 1 : 0;
            for (int k = 0; k < OTHERS.size(); k++) {
                otherHits[k] += OTHERS.get(k).contains(w) ? 1 : 0;
            }
        }
        int bestOther = 0;
        for (int h : otherHits) {
            bestOther = Math.max(bestOther, h);
        }
        boolean likelyEnglish = latin / n >= 0.5 && english >= 1 && english > bestOther;
        double stopShare = wordCount == 0 ? 0 : english / (double) wordCount;
        return new ScriptProfile(letters, latin / n, cjk / n, cyrillic / n, arabic / n, other / n, stopShare,
                likelyEnglish);
    }
}
