package io.hyperfusion.features;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.hyperfusion.data.Post;
import java.util.List;

/**
 * The fitted state of a {@link FeatureGroup}: immutable, JSON-serialisable (Jackson, by the {@code type}
 * property), and safe to use from many threads.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
public interface FittedGroup {

    /** Column names, each {@code group#name}. */
    @JsonIgnore
    List<String> names();

    /** Whether column {@code i} holds categorical codes. */
    @JsonIgnore
    default boolean isCategorical(int i) {
        return false;
    }

    /** One row of values per post, in the order of {@link #names()}; NaN marks a missing value. */
    double[][] transform(List<Post> posts, FeatureContext ctx);
}
