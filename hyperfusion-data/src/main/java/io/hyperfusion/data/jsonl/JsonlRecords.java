package io.hyperfusion.data.jsonl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hyperfusion.data.Post;
import io.hyperfusion.data.UserProfile;
import io.hyperfusion.data.ValueRanges;
import io.hyperfusion.data.smpd.JsonValues;
import java.util.Set;
import java.util.function.Function;

/**
 * Strict conversion of single JSON objects of the project's own format (docs/FORMATS.md) into posts and
 * profiles, for callers that receive one record at a time (the HTTP server). It runs the very field
 * conversions {@link JsonlPostReader} runs per line, so the two never drift; unlike the reader, any field
 * that cannot be read is an error naming the field ({@link BadField}) instead of a dropped value.
 */
public final class JsonlRecords {

    private JsonlRecords() { }

    /** A field that cannot be read: {@link #field()} is its key (e.g. {@code posted_at}). */
    public static final class BadField extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final String field;

        public BadField(String field, String message) {
            super(message);
            this.field = field;
        }

        /** The JSON key of the bad field. */
        public String field() {
            return field;
        }
    }

    /** The keys a post record may hold. */
    public static Set<String> postKeys() {
        return JsonlCodec.POST_KEYS;
    }

    /** The keys a profile record may hold. */
    public static Set<String> userKeys() {
        return JsonlCodec.USER_KEYS;
    }

    /**
     * The post of one record; {@code label} and {@code split} are read as the reader reads them (a label of a
     * {@code "test"} post is dropped).
     *
     * @throws BadField when a field is missing (ids) or cannot be converted
     */
    public static Post post(ObjectNode rec) {
        String pid = id(rec, "post_id");
        String uid = id(rec, "user_id");
        Post.Builder b = Post.builder(pid, uid);
        JsonlCodec.postFields(b, rec, Strict.INSTANCE);
        Double label = Strict.INSTANCE.get(rec, "label", JsonValues::finite);
        String split = Strict.INSTANCE.get(rec, "split", JsonValues::text);
        if (split != null && !split.equals("train") && !split.equals("test")) {
            throw new BadField("split", "expected \"train\" or \"test\", got \"" + split + "\"");
        }
        b.label("test".equals(split) ? null : label);
        return b.build();
    }

    /**
     * The profile of one {@code users.jsonl} record.
     *
     * @throws BadField when {@code user_id} is missing or a field cannot be converted
     */
    public static UserProfile user(ObjectNode rec) {
        return JsonlCodec.user(id(rec, "user_id"), rec, Strict.INSTANCE);
    }

    /** The {@code users.jsonl} record of a profile, exactly as {@link JsonlPostWriter} writes it; {@link #user} reads it back. */
    public static ObjectNode userRecord(ObjectMapper mapper, UserProfile u) {
        return JsonlCodec.user(mapper, u);
    }

    private static String id(ObjectNode rec, String key) {
        String v = Strict.INSTANCE.get(rec, key, JsonValues::id);
        if (v == null) {
            throw new BadField(key, "required: expected a string or number, got " + (rec.has(key) ? rec.get(key) : "nothing"));
        }
        return v;
    }

    /** Fails on the first field that cannot be converted. */
    private enum Strict implements JsonlCodec.Fields {
        INSTANCE;

        @Override
        public <T> T get(ObjectNode rec, String name, Function<JsonNode, T> conv) {
            try {
                return ValueRanges.check(name, conv.apply(rec.get(name)));
            } catch (BadField e) {
                throw e;
            } catch (IllegalArgumentException e) {
                throw new BadField(name, e.getMessage());
            }
        }
    }
}
