package io.hyperfusion.data.jsonl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hyperfusion.data.BadRowPolicy;
import io.hyperfusion.data.Post;
import io.hyperfusion.data.PostDataset;
import io.hyperfusion.data.ReadOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Single records read exactly as the JSONL reader reads the same lines; bad fields are errors naming the key. */
class JsonlRecordsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> LINES = List.of(
            "{\"post_id\": 775.0, \"user_id\": \"u1\", \"posted_at\": \"2024-03-01T19:00:00+01:00\", \"title\": \"sunset\", "
                    + "\"tags\": \"cat, kitten sleepy\", \"category\": \"Travel\", \"latitude\": \"37.8\", \"longitude\": -122.4, "
                    + "\"geo_accuracy\": 16, \"numeric\": {\"views\": \"3\"}, \"categorical\": {\"device\": \"iphone\"}, \"label\": 6.2}",
            "{\"post_id\": \"p2\", \"user_id\": 42, \"posted_at\": 1709316000, \"label\": 5, \"split\": \"test\"}");

    @Test
    void recordsEqualTheReadersPosts(@TempDir Path dir) throws Exception {
        Files.write(dir.resolve("posts.jsonl"), LINES);
        PostDataset ds = new JsonlPostReader().read(dir, new ReadOptions(BadRowPolicy.FAIL, false));
        assertEquals(ds.labelled().get(0), JsonlRecords.post((ObjectNode) JSON.readTree(LINES.get(0))));
        Post test = JsonlRecords.post((ObjectNode) JSON.readTree(LINES.get(1)));
        assertEquals(ds.unlabelled().get(0), test);
        assertNull(test.label(), "a test post's label is dropped, as by the reader");
    }

    @Test
    void badFieldsNameTheKey() throws Exception {
        JsonlRecords.BadField e = assertThrows(JsonlRecords.BadField.class, () -> JsonlRecords.post(
                (ObjectNode) JSON.readTree("{\"post_id\": \"p\", \"user_id\": \"u\", \"latitude\": \"north\"}")));
        assertEquals("latitude", e.field());
        assertEquals("user_id", assertThrows(JsonlRecords.BadField.class, () -> JsonlRecords.post(
                (ObjectNode) JSON.readTree("{\"post_id\": \"p\"}"))).field());
        assertEquals("is_pro", assertThrows(JsonlRecords.BadField.class, () -> JsonlRecords.user(
                (ObjectNode) JSON.readTree("{\"user_id\": \"u\", \"is_pro\": \"maybe\"}"))).field());
        assertEquals("split", assertThrows(JsonlRecords.BadField.class, () -> JsonlRecords.post(
                (ObjectNode) JSON.readTree("{\"post_id\": \"p\", \"user_id\": \"u\", \"split\": \"dev\"}"))).field());
    }
}
