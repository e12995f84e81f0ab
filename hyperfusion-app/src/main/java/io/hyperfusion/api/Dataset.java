package io.hyperfusion.api;

import io.hyperfusion.data.DataFormat;
import io.hyperfusion.data.LoadSummary;
import io.hyperfusion.data.Post;
import io.hyperfusion.data.PostDataset;
import io.hyperfusion.data.ReadOptions;
import io.hyperfusion.data.Readers;
import io.hyperfusion.data.UserProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable data set: labelled posts (what a {@link Trainer} fits on and {@link Model#evaluate} scores against),
 * unlabelled posts (the pseudo-label pool) and the authors' profiles. Read from any of the three formats
 * (docs/FORMATS.md) or built from posts made in code.
 *
 * <pre>{@code
 * Dataset world = Dataset.read(Path.of("world"), "smpd-image");
 * System.out.println(world.labelled().size() + " labelled posts");
 * }</pre>
 */
public final class Dataset {
    private final PostDataset posts;

    private Dataset(PostDataset posts) {
        this.posts = posts;
    }

    /**
     * Reads a data set with the command line's defaults: malformed rows are skipped and counted in
     * {@link #summary()}, image files are checked, image paths outside the root are refused.
     *
     * @param path   for smpd-image/smpd-video the root holding train/ and test/; for jsonl a .jsonl file or a folder
     * @param format {@code smpd-image}, {@code smpd-video} or {@code jsonl}
     * @throws IllegalArgumentException naming the path, the format, or the file and field of a bad row
     */
    public static Dataset read(Path path, String format) {
        Objects.requireNonNull(path, "path");
        if (!Files.exists(path)) {
            throw new IllegalArgumentException("data path does not exist: " + path);
        }
        DataFormat f = DataFormat.parse(Objects.requireNonNull(format, "format"));
        return new Dataset(Readers.forFormat(f).read(path, ReadOptions.defaults()));
    }

    /**
     * A data set of posts built in code: those with a label are the labelled part, the others the unlabelled part.
     *
     * @param users author profiles by user id (authors absent here have an empty profile)
     */
    public static Dataset of(List<Post> posts, Map<String, UserProfile> users) {
        List<Post> labelled = posts.stream().filter(Post::isLabelled).toList();
        List<Post> unlabelled = posts.stream().filter(p -> !p.isLabelled()).toList();
        return new Dataset(new PostDataset(Path.of("").toAbsolutePath(), labelled, unlabelled, users,
                LoadSummary.builder().build()));
    }

    /** Wraps a data set read by the lower layers (internal readers, Spark jobs). */
    public static Dataset of(PostDataset posts) {
        return new Dataset(Objects.requireNonNull(posts, "posts"));
    }

    /** Posts with a label, in file order. */
    public List<Post> labelled() {
        return posts.labelled();
    }

    /** Posts without a label, in file order. */
    public List<Post> unlabelled() {
        return posts.unlabelled();
    }

    /** Author profiles by user id. */
    public Map<String, UserProfile> users() {
        return posts.users();
    }

    /** How loading went: rows per file and every skipped row with its file and reason, as text. */
    public String summary() {
        return posts.summary().render(5);
    }

    /** The underlying data set of the internal layers. */
    public PostDataset posts() {
        return posts;
    }
}
