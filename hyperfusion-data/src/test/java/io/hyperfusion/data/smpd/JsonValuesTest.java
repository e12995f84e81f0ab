package io.hyperfusion.data.smpd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The value forms SMPD files use. */
class JsonValuesTest {
    private static final ObjectMapper M = new ObjectMapper();

    private static JsonNode j(String json) {
        try {
            return M.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void idsAreNormalised() {
        assertEquals("775", JsonValues.id(j("775")));
        assertEquals("775", JsonValues.id(j("775.0")));
        assertEquals("775", JsonValues.id(j("\" 775.00 \"")));
        assertEquals("59@N75", JsonValues.id(j("\"59@N75\"")));
        assertEquals("7.5", JsonValues.id(j("7.5")));
        assertNull(JsonValues.id(j("\"\"")));
        assertNull(JsonValues.id(j("null")));
    }

    @Test
    void numbersFromStringsAndErrorsQuoteTheValue() {
        assertEquals(0.0, JsonValues.number(j("\"0\"")));
        assertEquals(-0.1318, JsonValues.number(j("\"-0.1318\"")));
        assertEquals(1.0, JsonValues.number(j("true")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JsonValues.number(j("\"1,5\"")));
        assertEquals("expected a number, got \"1,5\"", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> JsonValues.finite(j("\"NaN\"")));
    }

    @Test
    void instantsFromSecondsAndDateTimes() {
        assertEquals(Instant.ofEpochSecond(1457068974), JsonValues.instant(j("\"1457068974\"")));
        assertEquals(Instant.ofEpochMilli(1457068974500L), JsonValues.instant(j("1457068974.5")));
        assertEquals(Instant.parse("2008-01-10T12:00:00Z"), JsonValues.instant(j("\"2008-01-10 12:00:00\"")));
        assertEquals(Instant.parse("2023-07-29T18:21:00Z"), JsonValues.instant(j("\"2023-07-29 18:21\"")));
        assertEquals(Instant.parse("2024-03-01T17:00:00Z"), JsonValues.instant(j("\"2024-03-01T18:00:00+01:00\"")));
        assertThrows(IllegalArgumentException.class, () -> JsonValues.instant(j("\"2008-13-45 12:00:00\"")));
    }

    @Test
    void timezoneOffsetsInEveryAcceptedForm() {
        assertEquals(330, JsonValues.offsetMinutes(j("\"+05:30\"")));
        assertEquals(-480, JsonValues.offsetMinutes(j("\"-0800\"")));
        assertEquals(60, JsonValues.offsetMinutes(j("\"UTC+01:00\"")));
        assertEquals(-300, JsonValues.offsetMinutes(j("-5")));
        assertEquals(330, JsonValues.offsetMinutes(j("\"5.5\"")));
        assertEquals(330, JsonValues.offsetMinutes(j("19800")));
        assertEquals(-28800 / 60, JsonValues.offsetMinutes(j("\"-28800\"")));
        assertThrows(IllegalArgumentException.class, () -> JsonValues.offsetMinutes(j("100000")));
        assertThrows(IllegalArgumentException.class, () -> JsonValues.offsetMinutes(j("\"Europe/Paris\"")));
    }

    @Test
    void vectorsAndFlags() {
        assertArrayEquals(new float[] {0.5f, -1f}, JsonValues.floats(j("\"0.5, -1\"")));
        assertArrayEquals(new float[] {2f}, JsonValues.floats(j("[2]")));
        assertNull(JsonValues.floats(j("\"\"")));
        assertEquals(true, JsonValues.bool(j("\"1\"")));
        assertEquals(false, JsonValues.bool(j("0")));
        assertThrows(IllegalArgumentException.class, () -> JsonValues.bool(j("\"maybe\"")));
    }
}
