package io.hyperfusion.app.io;

/**
 * One post's score: a prediction or a true label, keyed like the SMPD files.
 *
 * @param uid   author id (null when the file carries only post ids, as the SMP submission JSON does)
 * @param pid   post id
 * @param score the popularity score
 */
public record Scored(String uid, String pid, double score) {
    public Scored {
        if (pid == null || pid.isBlank()) {
            throw new IllegalArgumentException("a scored post needs a post id");
        }
    }
}
