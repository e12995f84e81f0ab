package io.hyperfusion.features;

import io.hyperfusion.data.PostDataset;
import io.hyperfusion.data.UserProfile;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a feature group may look at besides the posts themselves: the authors' profiles and the folder that
 * image paths resolve against. Immutable; one per data set.
 *
 * @param users     author profiles by id (authors without a profile are absent)
 * @param imageRoot folder that relative image paths resolve against, or null
 */
public record FeatureContext(Map<String, UserProfile> users, Path imageRoot) {

    public FeatureContext {
        users = Map.copyOf(users);
    }

    /** The context of a loaded data set. */
    public static FeatureContext of(PostDataset ds) {
        return new FeatureContext(ds.users(), ds.root());
    }

    /** The profile of an author, or an empty one. */
    public UserProfile user(String userId) {
        UserProfile u = users.get(userId);
        return u != null ? u : UserProfile.unknown(userId);
    }
}
