package io.hyperfusion.features.encode.text;

import io.hyperfusion.features.encode.text.ScriptDetector.ScriptProfile;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScriptDetectorTest {

    @Test
    void sharesOfScripts() {
        ScriptProfile p = ScriptDetector.analyze("abcd 東京 Мос 123 !!");
        assertEquals(9, p.letters());
        assertEquals(4 / 9.0, p.latin(), 1e-12);
        assertEquals(2 / 9.0, p.cjk(), 1e-12);
        assertEquals(3 / 9.0, p.cyrillic(), 1e-12);
        assertEquals(0, p.arabic());
        assertEquals(0, p.other(), 1e-12);
        ScriptProfile ar = ScriptDetector.analyze("مرحبا");
        assertEquals(1.0, ar.arabic(), 1e-12);
        ScriptProfile greek = ScriptDetector.analyze("Καλημέρα");
        assertEquals(1.0, greek.other(), 1e-12);
        ScriptProfile kana = ScriptDetector.analyze("ひらがなカタカナ한글");
        assertEquals(1.0, kana.cjk(), 1e-12);
    }

    @Test
    void englishSentencesVersusOtherLanguages() {
        assertTrue(ScriptDetector.analyze("Sunset at the beach with my friends").likelyEnglish());
        assertTrue(ScriptDetector.analyze("This is what happens when you travel").likelyEnglish());
        assertFalse(ScriptDetector.analyze("Puesta de sol en la playa con los amigos").likelyEnglish());
        assertFalse(ScriptDetector.analyze("Le coucher du soleil sur la plage avec les amis").likelyEnglish());
        assertFalse(ScriptDetector.analyze("Der Sonnenuntergang am Strand ist schön und warm").likelyEnglish());
        assertFalse(ScriptDetector.analyze("Закат на пляже with the friends и друзьями вечером").likelyEnglish(),
                "mostly Cyrillic letters");
        assertFalse(ScriptDetector.analyze("sunset beach travel nofilter").likelyEnglish(), "tags: no stopwords");
    }

    @Test
    void emptyAndSymbolOnlyTexts() {
        ScriptProfile p = ScriptDetector.analyze("  🌅 123 #! ");
        assertEquals(0, p.letters());
        assertFalse(p.likelyEnglish());
        assertEquals(ScriptDetector.names().size(), p.toArray().length);
        assertEquals("likely_english", ScriptDetector.names().get(7));
        assertEquals(0.25, ScriptDetector.analyze("the cat sat here").englishStopwordShare(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> ScriptDetector.analyze(null));
    }
}
