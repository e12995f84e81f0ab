package io.hyperfusion.data;

/**
 * The (author, post) pair that joins the files of an SMPD split.
 *
 * @param userId the author's id
 * @param postId the post's id
 */
public record PostKey(String userId, String postId) {
    public PostKey {
        if (userId == null || postId == null) {
            throw new IllegalArgumentException("post key needs both ids, got uid=" + userId + " pid=" + postId);
        }
    }

    @Override
    public String toString() {
        return userId + "/" + postId;
    }
}
