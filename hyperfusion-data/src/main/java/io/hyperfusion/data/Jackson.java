package io.hyperfusion.data;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The project's one JSON configuration (Jackson), for every module: what was 25 {@code new ObjectMapper()}s with
 * differing settings. Reading refuses trailing content after a document ({@code {"a":1} x}) and ignores properties it
 * does not know in files the project writes (a bundle written by a later build still loads, docs/FORMATS.md); files
 * people write (ensemble configurations, benchmark suites) use {@link #strictJson()}, which refuses unknown properties
 * so a typo never silently falls back to a default. Instants are ISO-8601 strings.
 *
 * <p>Each call returns a copy: a caller that needs a stream-level setting of its own (not closing a writer it owns,
 * pretty printing) sets it on its copy and cannot change anyone else's (no global mutable state).
 */
public final class Jackson {
    private static final ObjectMapper LENIENT = create(false);
    private static final ObjectMapper STRICT = create(true);

    private Jackson() {
    }

    /** A copy of the project's mapper: unknown properties ignored, trailing tokens refused, ISO instants. */
    public static ObjectMapper json() {
        return LENIENT.copy();
    }

    /** As {@link #json()}, refusing unknown properties: for files people write by hand. */
    public static ObjectMapper strictJson() {
        return STRICT.copy();
    }

    private static ObjectMapper create(boolean strict) {
        SimpleModule time = new SimpleModule("instant-as-iso8601");
        time.addSerializer(Instant.class, new JsonSerializer<>() {
            @Override
            public void serialize(Instant value, JsonGenerator gen, SerializerProvider p) throws IOException {
                gen.writeString(value.toString());
            }
        });
        time.addDeserializer(Instant.class, new JsonDeserializer<>() {
            @Override
            public Instant deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
                String text = p.getValueAsString();
                try {
                    return Instant.parse(text);
                } catch (DateTimeParseException e) {
                    return (Instant) ctx.handleWeirdStringValue(Instant.class, text,
                            "expected an ISO-8601 instant such as 2024-01-31T12:00:00Z");
                }
            }
        });
        return JsonMapper.builder()
                .addModule(time)
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, strict)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
    }
}
