package io.hyperfusion.data.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Generation as a whole: determinism, atomicity and the SMPD layout, on a 200-post world. */
class SyntheticWorldTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> RECORD_FILES = List.of("category", "text", "temporalspatial_information",
            "additional_information");

    @TempDir
    static Path tmp;
    static Path world;
    static WorldSummary summary;

    @BeforeAll
    static void generate() {
        world = tmp.resolve("world-a");
        summary = SyntheticWorld.generate(new WorldSpec(200, 50, 11L, 0.2, 2), world);
    }

    @Test
    void sameSeedGivesIdenticalFilesWhateverTheThreadCount() throws IOException {
        Path again = SyntheticWorld.generate(new WorldSpec(200, 50, 11L, 0.2, 1), tmp.resolve("world-b")).out();
        Map<String, String> a = WorldFiles.hashes(world);
        assertEquals(a, WorldFiles.hashes(again));
        assertTrue(a.keySet().stream().filter(k -> k.endsWith(".jpg")).count() == 200, "200 images hashed");
    }

    @Test
    void otherSeedGivesOtherFiles() throws IOException {
        Path other = SyntheticWorld.generate(new WorldSpec(200, 50, 12L, 0.2, 2), tmp.resolve("world-c")).out();
        Map<String, String> a = WorldFiles.hashes(world);
        Map<String, String> c = WorldFiles.hashes(other);
        assertNotEquals(a.get("train/train_label.txt"), c.get("train/train_label.txt"));
        assertNotEquals(a.get("test/test_user_data.json"), c.get("test/test_user_data.json"));
    }

    @Test
    void everySplitFileIsPresentAndCountsLineUp() throws IOException {
        assertEquals(160, summary.trainPosts());
        assertEquals(40, summary.testPosts());
        for (String split : List.of("train", "test")) {
            Path dir = world.resolve(split);
            List<String> images = Files.readAllLines(dir.resolve(split + "_img_filepath.txt"));
            assertEquals(split.equals("train") ? 160 : 40, images.size());
            for (String img : images) {
                assertTrue(img.matches(split + "/\\d+@N\\d\\d/\\d+\\.jpg"), img);
                assertTrue(Files.size(world.resolve(img)) > 0, img);
            }
            for (String f : RECORD_FILES) {
                JsonNode recs = JSON.readTree(dir.resolve(split + "_" + f + ".json").toFile());
                assertTrue(recs.isArray(), f);
                assertEquals(images.size(), recs.size(), f);
                for (int i = 0; i < recs.size(); i++) { // same order as the image list, Pid number or string
                    JsonNode r = recs.get(i);
                    assertEquals(images.get(i), split + "/" + r.get("Uid").asText() + "/" + r.get("Pid").asText() + ".jpg");
                }
            }
            JsonNode users = JSON.readTree(dir.resolve(split + "_user_data.json").toFile());
            assertTrue(users.isObject(), "column-oriented user data");
            for (String col : List.of("Pid", "Uid", "photo_firstdate", "photo_count", "ispro", "canbuypro",
                    "timezone_offset", "photo_firstdatetaken", "timezone_id", "user_description", "location_description")) {
                JsonNode c = users.get(col);
                assertEquals(images.size(), c.size(), col);
                for (int i = 0; i < images.size(); i++) {
                    assertTrue(c.has(Integer.toString(i)), col + " lacks row key " + i);
                }
            }
            for (int i = 0; i < images.size(); i++) {
                String row = Integer.toString(i);
                assertEquals(images.get(i), split + "/" + users.get("Uid").get(row).asText() + "/"
                        + users.get("Pid").get(row).asLong() + ".jpg");
                assertTrue(users.get("photo_count").get(row).isNumber());
                assertTrue(users.get("photo_firstdate").get(row).isTextual(), "dates as strings, like SMPD");
                assertTrue(users.get("timezone_offset").get(row).asText().matches("[+-]\\d\\d:\\d\\d"));
            }
        }
        assertEquals(160, Files.readAllLines(world.resolve("train/train_label.txt")).size());
        assertFalse(Files.exists(world.resolve("test/test_label.txt")), "test split must not carry labels");
        List<String> hidden = Files.readAllLines(world.resolve("hidden/test_labels.csv"));
        assertEquals("uid,pid,popularity_score", hidden.get(0));
        assertEquals(41, hidden.size());
        assertEquals(40, Files.readAllLines(world.resolve("hidden/test_label.txt")).size());
        assertTrue(Files.readString(world.resolve("README.md")).contains("ground_truth.json"));
    }

    @Test
    void testSplitIsTheLatestAndPidsAreUnique() throws IOException {
        long newestTrain = postdates("train").stream().mapToLong(Long::longValue).max().orElseThrow();
        long oldestTest = postdates("test").stream().mapToLong(Long::longValue).min().orElseThrow();
        assertTrue(oldestTest >= newestTrain, oldestTest + " < " + newestTrain);
        Set<String> pids = new HashSet<>();
        for (String split : List.of("train", "test")) {
            for (String img : Files.readAllLines(world.resolve(split + "/" + split + "_img_filepath.txt"))) {
                assertTrue(pids.add(img.substring(img.lastIndexOf('/') + 1)), "duplicate pid " + img);
            }
        }
    }

    @Test
    void realDataQuirksArePresent() throws IOException {
        JsonNode geo = JSON.readTree(world.resolve("train/train_temporalspatial_information.json").toFile());
        JsonNode text = JSON.readTree(world.resolve("train/train_text.json").toFile());
        JsonNode extra = JSON.readTree(world.resolve("train/train_additional_information.json").toFile());
        JsonNode cats = JSON.readTree(world.resolve("train/train_category.json").toFile());
        assertTrue(any(geo, r -> r.get("Latitude").asText().equals("0")), "posts without geo");
        assertTrue(any(geo, r -> !r.get("Latitude").asText().equals("0")), "geo-tagged posts");
        assertTrue(any(geo, r -> r.get("Postdate").isTextual()));
        assertTrue(any(text, r -> r.get("Title").asText().isEmpty()), "empty titles");
        assertTrue(any(extra, r -> r.get("Pathalias").asText().equals("None")));
        Set<String> categories = new HashSet<>();
        cats.forEach(r -> categories.add(r.get("Category").asText()));
        Set<String> known = LabelFormula.CATEGORY.keySet();
        assertEquals(11, known.size());
        assertTrue(known.contains("Whether&Season"));
        assertTrue(known.containsAll(categories), categories.toString());
        assertTrue(categories.size() >= 8, categories.toString());
        boolean pidAsString = false;
        for (String f : RECORD_FILES) {
            pidAsString |= any(JSON.readTree(world.resolve("train/train_" + f + ".json").toFile()),
                    r -> r.get("Pid").isTextual());
        }
        assertTrue(pidAsString, "a few Pids are strings");
    }

    @Test
    void refusesNonEmptyOutputAndLeavesNoTemporaryFolder() throws IOException {
        Path busy = tmp.resolve("busy");
        Files.createDirectories(busy);
        Files.writeString(busy.resolve("keep.txt"), "mine");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SyntheticWorld.generate(WorldSpec.of(50, 5, 1), busy));
        assertTrue(e.getMessage().contains("refusing to overwrite non-empty folder"), e.getMessage());
        assertEquals("mine", Files.readString(busy.resolve("keep.txt")));
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertEquals(40, SyntheticWorld.generate(WorldSpec.of(50, 5, 1), empty).trainPosts());
        try (Stream<Path> s = Files.list(tmp)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().contains(".tmp-")), "temporary folder left");
        }
    }

    @Test
    void specIsValidated() {
        assertThrows(IllegalArgumentException.class, () -> new WorldSpec(10, 5, 1, 0.2, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new WorldSpec(100, 101, 1, 0.2, 1));
        assertTrue(e.getMessage().contains("101"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new WorldSpec(100, 10, 1, 1.0, 1));
        assertThrows(IllegalArgumentException.class, () -> new WorldSpec(100, 10, 1, 0.2, 0));
    }

    private static List<Long> postdates(String split) throws IOException {
        List<Long> out = new ArrayList<>();
        JSON.readTree(world.resolve(split + "/" + split + "_temporalspatial_information.json").toFile())
                .forEach(r -> out.add(Long.parseLong(r.get("Postdate").asText())));
        return out;
    }

    private static boolean any(JsonNode array, java.util.function.Predicate<JsonNode> p) {
        for (Iterator<JsonNode> it = array.elements(); it.hasNext();) {
            if (p.test(it.next())) {
                return true;
            }
        }
        return false;
    }
}
