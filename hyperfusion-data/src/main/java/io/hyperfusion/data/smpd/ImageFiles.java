package io.hyperfusion.data.smpd;

import io.hyperfusion.data.LoadSummary;
import io.hyperfusion.data.Post;
import io.hyperfusion.data.ReadOptions;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Checks that an image file exists and starts like a JPEG, PNG, GIF, BMP or WebP file, without decoding it;
 * real SMPD copies lack some images and hold some empty or truncated ones. Also keeps image paths inside the
 * data set's root: a data file naming {@code ../../../../etc/passwd} must not make a command open it.
 */
public final class ImageFiles {

    /** The outcome of a check. */
    public enum Status {
        /** The file exists and starts with a known image signature. */
        OK,
        /** There is no such regular file. */
        MISSING,
        /** The file exists but is empty, unreadable or not a known image format. */
        UNREADABLE
    }

    private ImageFiles() {
    }

    /** Looks at the first 12 bytes of the file. */
    public static Status check(Path file) {
        if (!Files.isRegularFile(file)) {
            return Status.MISSING;
        }
        byte[] head = new byte[12];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            return Status.UNREADABLE;
        }
        return hasImageSignature(head, n) ? Status.OK : Status.UNREADABLE;
    }

    /** Checks the file and counts a missing or unreadable one in the summary. */
    public static Status count(Path file, LoadSummary.Builder summary) {
        Status s = check(file);
        if (s == Status.MISSING) {
            summary.missingImage();
        } else if (s == Status.UNREADABLE) {
            summary.unreadableImage();
        }
        return s;
    }

    /**
     * Why a post's image path may not be used, or null when it may: it is not a valid path, or (unless the
     * options allow it) it leads outside {@code root} once normalised. Symbolic links inside the root are the
     * data owner's choice and are followed.
     */
    public static String refusal(Path root, String imagePath, ReadOptions options) {
        if (imagePath == null) {
            return null;
        }
        Path p;
        try {
            p = Path.of(imagePath);
        } catch (InvalidPathException e) {
            return "not a valid path: '" + imagePath + "' (" + e.getReason() + ")";
        }
        if (options.allowOutsideRoot()) {
            return null;
        }
        Path r = root.toAbsolutePath().normalize();
        Path abs = (p.isAbsolute() ? p : r.resolve(p)).normalize();
        if (abs.startsWith(r) && !abs.equals(r)) {
            return null;
        }
        return "path outside the data set root " + r + ": '" + imagePath + "' (allow it with --allow-outside-root)";
    }

    /**
     * The post, or under the skip policy a copy without its image when {@link #refusal} refuses the path (the
     * refusal, naming the path, is reported at {@code file}/{@code location}).
     *
     * @throws io.hyperfusion.data.DataFormatException under the fail policy
     */
    public static Post confine(Post post, Path root, ReadOptions options, RowProblems problems, Path file,
                               String location) {
        String why = refusal(root, post.imagePath(), options);
        if (why == null) {
            return post;
        }
        problems.report(file, location, "bad image: " + why);
        return new Post(post.postId(), post.userId(), post.postedAt(), post.title(), post.tags(), null,
                post.category(), post.subcategory(), post.concept(), post.latitude(), post.longitude(),
                post.geoAccuracy(), post.numeric(), post.categorical(), post.label());
    }

    static boolean hasImageSignature(byte[] h, int n) {
        return starts(h, n, 0xFF, 0xD8, 0xFF) // JPEG
                || starts(h, n, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)
                || starts(h, n, 'G', 'I', 'F', '8')
                || starts(h, n, 'B', 'M')
                || (starts(h, n, 'R', 'I', 'F', 'F') && n >= 12 && h[8] == 'W' && h[9] == 'E' && h[10] == 'B' && h[11] == 'P');
    }

    private static boolean starts(byte[] h, int n, int... sig) {
        if (n < sig.length) {
            return false;
        }
        for (int i = 0; i < sig.length; i++) {
            if ((h[i] & 0xFF) != sig[i]) {
                return false;
            }
        }
        return true;
    }
}
