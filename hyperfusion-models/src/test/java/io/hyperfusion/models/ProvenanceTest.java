package io.hyperfusion.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProvenanceTest {

    @Test
    void jsonRoundTripGivesAnEqualRecord() {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("num_leaves", 31);            // int → Long
        options.put("learning_rate", 0.05f);      // float → Double
        options.put("objective", "huber");
        options.put("flag", true);
        options.put("groups", List.of("image", "text"));
        Provenance p = new Provenance("lightgbm", options, "lightgbm4j", "4.3.0-1", "17.0.15", 1600, 5, -7L, 2,
                123, Instant.parse("2024-05-01T10:15:30.123Z"), Map.of("best_iteration", "42"));
        String json = p.toJson();
        assertTrue(json.contains("\"createdAt\" : \"2024-05-01T10:15:30.123Z\""), json);
        Provenance back = Provenance.fromJson(json);
        assertEquals(p, back);
        assertEquals(31L, back.options().get("num_leaves"));
        assertEquals(-7L, back.seed());
    }

    @Test
    void malformedJsonIsAnIllegalArgument() {
        assertThrows(IllegalArgumentException.class, () -> Provenance.fromJson("{\"family\": 3"));
        assertThrows(IllegalArgumentException.class,
                () -> Provenance.fromJson("{\"family\":\"x\",\"libraryName\":\"y\",\"createdAt\":\"yesterday\"}"));
    }

    @Test
    void negativeCountsAreRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> new Provenance("f", Map.of(), "lib", "1", "17",
                -1, 5, 0, 1, 0, Instant.EPOCH, Map.of()));
        assertTrue(e.getMessage().contains("rows=-1"), e.getMessage());
    }
}
