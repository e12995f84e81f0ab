package io.hyperfusion.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A loaded data set: the labelled posts (training period), the unlabelled posts (test period, later used
 * for pseudo-labels), the authors' profiles, and the summary of how loading went.
 *
 * @param root       the folder or file it was read from; image paths of posts resolve against it
 * @param labelled   posts with a label, in file order
 * @param unlabelled posts without a label (the test split of an SMPD copy), in file order
 * @param users      profiles by user id; authors without a profile are absent
 * @param summary    rows, joins that found nothing and every skip
 */
public record PostDataset(
        Path root,
        List<Post> labelled,
        List<Post> unlabelled,
        Map<String, UserProfile> users,
        LoadSummary summary) {

    public PostDataset {
        labelled = List.copyOf(labelled);
        unlabelled = List.copyOf(unlabelled);
        users = Map.copyOf(users);
        for (Post p : labelled) {
            if (!p.isLabelled()) {
                throw new IllegalArgumentException("labelled part holds post " + p.key() + " without a label");
            }
        }
    }

    /** The profile of an author, or an empty profile when the data set has none. */
    public UserProfile user(String userId) {
        UserProfile u = users.get(userId);
        return u != null ? u : UserProfile.unknown(userId);
    }

    /** Labelled then unlabelled posts. */
    public List<Post> all() {
        List<Post> out = new ArrayList<>(labelled.size() + unlabelled.size());
        out.addAll(labelled);
        out.addAll(unlabelled);
        return out;
    }

    /** The absolute path of a post's image, or null when it has none. */
    public Path imageFile(Post post) {
        if (post.imagePath() == null) {
            return null;
        }
        Path p = Path.of(post.imagePath());
        return p.isAbsolute() ? p : root.resolve(p).normalize();
    }

    /** A data set holding only the given users' profiles that the posts reference. */
    public static Map<String, UserProfile> usersOf(List<Post> posts, Map<String, UserProfile> users) {
        Set<String> ids = new java.util.HashSet<>();
        posts.forEach(p -> ids.add(p.userId()));
        Map<String, UserProfile> out = new HashMap<>();
        for (String id : ids) {
            UserProfile u = users.get(id);
            if (u != null) {
                out.put(id, u);
            }
        }
        return out;
    }
}
