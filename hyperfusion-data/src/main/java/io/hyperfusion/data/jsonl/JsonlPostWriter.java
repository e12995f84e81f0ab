package io.hyperfusion.data.jsonl;

import io.hyperfusion.data.Jackson;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hyperfusion.data.Post;
import io.hyperfusion.data.PostDataset;
import io.hyperfusion.data.UserProfile;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a {@link PostDataset} in the project's own JSON-lines format (docs/FORMATS.md) so that
 * {@link JsonlPostReader} reads back equal posts and profiles.
 *
 * <p>Labelled posts are written first with {@code "split": "train"}, then unlabelled ones with
 * {@code "split": "test"}; profiles go to {@code users.jsonl} next to the posts file (always written, possibly
 * empty, so that a stale one is never read back). Each file is written to a temporary file in the same folder
 * and then renamed over the target, so a reader never sees a half-written file. Image paths are rewritten to
 * stay valid relative to the new folder; when the images live outside it ({@code ../world/train/...}) the
 * reader refuses those paths unless {@link io.hyperfusion.data.ReadOptions#allowOutsideRoot()} (the CLI's
 * {@code --allow-outside-root}). Stateless and thread-safe.
 */
public final class JsonlPostWriter {
    private final ObjectMapper mapper = Jackson.json().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    /**
     * Writes the data set.
     *
     * @param data   what to write
     * @param target a {@code .jsonl} file, or a folder that receives {@code posts.jsonl}
     * @return the posts file written
     * @throws UncheckedIOException naming the file when writing fails
     */
    public Path write(PostDataset data, Path target) {
        Path postsFile = Files.isDirectory(target) ? target.resolve(JsonlPostReader.POSTS_FILE) : target;
        Path folder = postsFile.toAbsolutePath().getParent();
        if (postsFile.getFileName().toString().equals(JsonlPostReader.USERS_FILE)) {
            throw new IllegalArgumentException("the posts file cannot be named " + JsonlPostReader.USERS_FILE
                    + ", got " + postsFile);
        }
        Path dataRoot = Files.isRegularFile(data.root()) ? data.root().toAbsolutePath().getParent()
                : data.root().toAbsolutePath();
        boolean sameFolder = dataRoot.normalize().equals(folder.normalize());
        atomically(postsFile, w -> {
            writePosts(w, data, data.labelled(), "train", sameFolder, folder);
            writePosts(w, data, data.unlabelled(), "test", sameFolder, folder);
        });
        Map<String, UserProfile> users = new TreeMap<>(data.users());
        atomically(folder.resolve(JsonlPostReader.USERS_FILE), w -> {
            for (UserProfile u : users.values()) {
                line(w, JsonlCodec.user(mapper, u));
            }
        });
        return postsFile;
    }

    private void writePosts(Writer w, PostDataset data, List<Post> posts, String split, boolean sameFolder,
                            Path folder) throws IOException {
        for (Post p : posts) {
            String image = p.imagePath();
            if (image != null && !sameFolder && !Path.of(image).isAbsolute()) {
                image = folder.relativize(data.imageFile(p).toAbsolutePath()).toString().replace('\\', '/');
            }
            line(w, JsonlCodec.post(mapper, p, image, split));
        }
    }

    private void line(Writer w, Object node) throws IOException {
        mapper.writeValue(w, node);
        w.write('\n');
    }

    private interface Body {
        void write(Writer w) throws IOException;
    }

    private static void atomically(Path file, Body body) {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
            try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                body.write(w);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the rename succeeded or the write already failed with a clearer error
                }
            }
        }
    }
}
