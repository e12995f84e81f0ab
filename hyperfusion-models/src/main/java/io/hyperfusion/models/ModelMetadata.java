package io.hyperfusion.models;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hyperfusion.features.FeatureSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The content of a saved model's {@code model.json}: format version, family, feature schema, provenance and
 * family-specific properties (e.g. the name of the native model file).
 *
 * @param formatVersion layout version of {@code model.json}; {@link #CURRENT_FORMAT} when written by this build
 * @param family        the family name that selects the {@link ModelFamily} that loads it
 * @param schema        the columns the model expects
 * @param provenance    how the model was made
 * @param properties    family-specific facts needed to load it
 */
public record ModelMetadata(int formatVersion, String family, FeatureSchema schema, Provenance provenance,
                            Map<String, Object> properties) {

    /** The file name inside a model directory. */
    public static final String FILE_NAME = "model.json";
    /** The {@code model.json} layout written by this build. */
    public static final int CURRENT_FORMAT = 1;

    public ModelMetadata {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(provenance, "provenance");
        properties = Json.normaliseOptions(properties);
    }

    /** Metadata in the current format. */
    public static ModelMetadata of(String family, FeatureSchema schema, Provenance provenance,
                                   Map<String, ?> properties) {
        return new ModelMetadata(CURRENT_FORMAT, family, schema, provenance, Json.normaliseOptions(properties));
    }

    /** Writes {@code dir/model.json}, creating {@code dir} if needed. */
    public void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("formatVersion", formatVersion);
        root.put("family", family);
        ObjectNode s = root.putObject("schema");
        ArrayNode names = s.putArray("names");
        schema.names().forEach(names::add);
        ArrayNode cats = s.putArray("categorical");
        for (int c : schema.categoricalColumns()) {
            cats.add(c);
        }
        root.set("provenance", Json.reader().readTree(provenance.toJson()));
        root.set("properties", Json.reader().readTree(Json.writer().writeValueAsString(properties)));
        Files.writeString(dir.resolve(FILE_NAME), Json.writer().writeValueAsString(root));
    }

    /**
     * Reads {@code dir/model.json}. A missing file → {@link NoSuchFileException} naming it; malformed content
     * or a format newer than {@link #CURRENT_FORMAT} → IllegalArgumentException naming the file.
     */
    public static ModelMetadata read(Path dir) throws IOException {
        Path file = dir.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no " + FILE_NAME + " in model directory");
        }
        JsonNode root;
        try {
            root = Json.reader().readTree(Files.readString(file));
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": not valid JSON: " + e.getMessage(), e);
        }
        int version = root.path("formatVersion").asInt(-1);
        if (version < 1) {
            throw new IllegalArgumentException(file + ": expected a positive integer 'formatVersion', got "
                    + root.get("formatVersion"));
        }
        if (version > CURRENT_FORMAT) {
            throw new IllegalArgumentException(file + ": model format " + version
                    + " is newer than this build supports (" + CURRENT_FORMAT + ")");
        }
        String family = requireText(root, "family", file);
        try {
            FeatureSchema schema = readSchema(root.path("schema"), file);
            Provenance provenance = Json.reader().treeToValue(root.path("provenance"), Provenance.class);
            @SuppressWarnings("unchecked")
            Map<String, Object> props = root.has("properties")
                    ? Json.reader().treeToValue(root.get("properties"), Map.class) : Map.of();
            return new ModelMetadata(version, family, schema, provenance, props);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(file + ": invalid model metadata: " + e.getMessage(), e);
        }
    }

    private static FeatureSchema readSchema(JsonNode node, Path file) {
        if (!node.path("names").isArray()) {
            throw new IllegalArgumentException(file + ": expected 'schema.names' to be an array, got " + node);
        }
        List<String> names = new ArrayList<>();
        node.get("names").forEach(n -> names.add(n.asText()));
        BitSet cats = new BitSet();
        node.path("categorical").forEach(c -> cats.set(c.asInt()));
        return new FeatureSchema(names, cats);
    }

    private static String requireText(JsonNode root, String field, Path file) {
        JsonNode n = root.get(field);
        if (n == null || !n.isTextual() || n.asText().isEmpty()) {
            throw new IllegalArgumentException(file + ": expected a non-empty string '" + field + "', got " + n);
        }
        return n.asText();
    }

    /** An integer property, or IllegalArgumentException naming it. */
    public long longProperty(String key) {
        Object v = properties.get(key);
        if (!(v instanceof Number n)) {
            throw new IllegalArgumentException(FILE_NAME + " of family " + family + ": expected number property '"
                    + key + "', got " + v);
        }
        return n.longValue();
    }

    /** A string property, or IllegalArgumentException naming it. */
    public String stringProperty(String key) {
        Object v = properties.get(key);
        if (!(v instanceof String s)) {
            throw new IllegalArgumentException(FILE_NAME + " of family " + family + ": expected string property '"
                    + key + "', got " + v);
        }
        return s;
    }
}
