package io.hyperfusion.ensemble.suite;

import io.hyperfusion.data.Jackson;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hyperfusion.data.Post;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The suite's predictions on disk, one JSON-lines file per data set, run and configuration:
 * {@code <root>/<dataset>/<run>/<config>-<hash>.jsonl}, each line {@code {"uid", "pid", "label", "prediction",
 * "seconds"}}. The hash identifies the configuration's full settings, so a changed configuration is run again and
 * an unchanged one is read back instead of retrained. Files are written to a temporary name and moved into place,
 * so an interrupted suite never leaves a half-written result.
 */
public final class SuiteStore {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.+=-]*");
    private static final ObjectMapper JSON = Jackson.json();

    private final Path root;

    public SuiteStore(Path root) {
        this.root = root;
    }

    /** One stored run: the scored posts' keys and labels, the predictions, and the wall time. */
    public record Result(List<String> authors, double[] labels, double[] predictions, double seconds) { }

    private Path file(String dataset, String run, String config, String hash) {
        for (String s : List.of(dataset, run, config)) {
            if (!NAME.matcher(s).matches()) {
                throw new IllegalArgumentException("suite names must match " + NAME + ", got '" + s + "'");
            }
        }
        return root.resolve(dataset).resolve(run).resolve(config + "-" + hash + ".jsonl");
    }

    /** The stored result, if this exact configuration already ran on this data set and run. */
    public Optional<Result> read(String dataset, String run, String config, String hash) {
        Path f = file(dataset, run, config, hash);
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        List<String> authors = new ArrayList<>();
        List<double[]> rows = new ArrayList<>();
        double seconds = 0;
        try {
            for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                JsonNode n = JSON.readTree(line);
                authors.add(n.get("uid").asText());
                rows.add(new double[] {n.get("label").asDouble(), n.get("prediction").asDouble()});
                seconds = n.get("seconds").asDouble();
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("cannot read suite result " + f + ": " + e.getMessage(), e);
        }
        return Optional.of(new Result(authors, rows.stream().mapToDouble(r -> r[0]).toArray(),
                rows.stream().mapToDouble(r -> r[1]).toArray(), seconds));
    }

    /** Stores a run's predictions of {@code posts} (labelled). */
    public Result write(String dataset, String run, String config, String hash, List<Post> posts, double[] predictions,
                        double seconds) {
        Path f = file(dataset, run, config, hash);
        try {
            Files.createDirectories(f.getParent());
            Path tmp = Files.createTempFile(f.getParent(), "." + config, ".tmp");
            try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                for (int i = 0; i < posts.size(); i++) {
                    ObjectNode n = JSON.createObjectNode();
                    n.put("uid", posts.get(i).userId());
                    n.put("pid", posts.get(i).postId());
                    n.put("label", posts.get(i).label());
                    n.put("prediction", predictions[i]);
                    n.put("seconds", seconds);
                    w.write(JSON.writeValueAsString(n));
                    w.newLine();
                }
            }
            Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write suite result " + f, e);
        }
        return new Result(posts.stream().map(Post::userId).toList(), posts.stream().mapToDouble(Post::label).toArray(),
                predictions.clone(), seconds);
    }
}
