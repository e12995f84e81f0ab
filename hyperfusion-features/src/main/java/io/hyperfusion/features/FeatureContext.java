package io.hyperfusion.features;

import io.hyperfusion.data.Post;
import io.hyperfusion.data.PostDataset;
import io.hyperfusion.data.UserProfile;
import io.hyperfusion.features.embed.Embeddings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a feature group may look at besides the posts themselves: the authors' profiles, the folder that
 * image paths resolve against, the posts' precomputed embeddings, and the corpus of every post known when
 * fitting (labelled and unlabelled; history features use it, never its labels). Immutable.
 *
 * @param users      author profiles by id (authors without a profile are absent)
 * @param imageRoot  folder that relative image paths resolve against, or null
 * @param embeddings vectors by space; {@link Embeddings#none()} when no encoder ran
 * @param corpus     all posts known at fitting time, labelled and unlabelled; empty when transforming new posts
 */
public record FeatureContext(Map<String, UserProfile> users, Path imageRoot, Embeddings embeddings, List<Post> corpus) {

    public FeatureContext {
        users = Map.copyOf(users);
        embeddings = embeddings == null ? Embeddings.none() : embeddings;
        corpus = corpus == null ? List.of() : List.copyOf(corpus);
    }

    /** A context of profiles and image root only. */
    public FeatureContext(Map<String, UserProfile> users, Path imageRoot) {
        this(users, imageRoot, Embeddings.none(), List.of());
    }

    /** The context of a loaded data set, without embeddings; its corpus is every post of the data set. */
    public static FeatureContext of(PostDataset ds) {
        return new FeatureContext(ds.users(), ds.root(), Embeddings.none(), ds.all());
    }

    /** The same context with other embeddings. */
    public FeatureContext withEmbeddings(Embeddings e) {
        return new FeatureContext(users, imageRoot, e, corpus);
    }

    /** The profile of an author, or an empty one. */
    public UserProfile user(String userId) {
        UserProfile u = users.get(userId);
        return u != null ? u : UserProfile.unknown(userId);
    }
}
