package io.hyperfusion.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValueRangesTest {

    static void refused(String field, Object value, String expect) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ValueRanges.check(field, value),
                field + " = " + value);
        assertTrue(e.getMessage().startsWith("out of range: "), e.getMessage());
        assertTrue(e.getMessage().contains(expect), e.getMessage());
    }

    @Test
    void numbersBeyondFloatRangeOrNotFiniteAreRefused() {
        refused("photo_count", 1e40, "1.0E40");
        refused("anything", Double.POSITIVE_INFINITY, "Infinity");
        refused("anything", Double.NaN, "NaN");
        refused("anything", -2e15, "±1.0E15");
        assertEquals(1e15, ValueRanges.check("anything", 1e15));
        assertEquals(-3.5, ValueRanges.check("anything", -3.5));
    }

    @Test
    void namedFieldsHaveTheirOwnRanges() {
        refused("latitude", 90.5, "latitude within ±90");
        refused("Longitude", -181.0, "longitude within ±180");
        refused("photo_count", -1.0, "cannot be negative");
        refused("timezone_offset_minutes", 24 * 60, "±840 minutes");
        assertEquals(-90.0, ValueRanges.check("latitude", -90.0));
        assertEquals(-840, ValueRanges.check("timezone_offset_minutes", -840));
    }

    @Test
    void momentsStayBetween1900And2200() {
        refused("posted_at", Instant.parse("+999999999-01-01T00:00:00Z"), "is not between 1900-01-01T00:00:00Z");
        refused("posted_at", Instant.ofEpochMilli(Long.MAX_VALUE), "+292278994");
        refused("first_photo_date", Instant.parse("1899-12-31T23:59:59Z"), "1899");
        assertEquals(Instant.EPOCH, ValueRanges.check("posted_at", Instant.EPOCH));
    }

    @Test
    void numberMapsAllowNaNAsMissingButNotInfinity() {
        assertEquals(Map.of("a", Double.NaN), ValueRanges.check("numeric", Map.of("a", Double.NaN)));
        refused("numeric", Map.of("followers", Double.NEGATIVE_INFINITY), "'followers' -Infinity");
        refused("user_description", new float[] {1f, Float.POSITIVE_INFINITY}, "element 1 Infinity");
        assertEquals("text", ValueRanges.check("title", "text"), "other types pass unchecked");
    }
}
