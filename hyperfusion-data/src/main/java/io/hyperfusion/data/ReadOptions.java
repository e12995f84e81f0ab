package io.hyperfusion.data;

/**
 * How a reader treats imperfect input.
 *
 * @param onBadRow    what to do with a malformed row
 * @param checkImages whether to look at each image file (exists, non-empty, starts like an image) and count
 *                    the missing and unreadable ones; the post is kept either way
 */
public record ReadOptions(BadRowPolicy onBadRow, boolean checkImages) {
    public ReadOptions {
        if (onBadRow == null) {
            throw new IllegalArgumentException("bad-row policy must be given");
        }
    }

    /** Skip bad rows, check images: the CLI default. */
    public static ReadOptions defaults() {
        return new ReadOptions(BadRowPolicy.SKIP, true);
    }

    /** Fail on the first bad row. */
    public static ReadOptions strict() {
        return new ReadOptions(BadRowPolicy.FAIL, true);
    }
}
