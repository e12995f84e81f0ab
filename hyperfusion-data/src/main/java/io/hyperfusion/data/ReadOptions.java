package io.hyperfusion.data;

/**
 * How a reader treats imperfect input.
 *
 * @param onBadRow         what to do with a malformed row
 * @param checkImages      whether to look at each image file (exists, non-empty, starts like an image) and count
 *                         the missing and unreadable ones; the post is kept either way
 * @param allowOutsideRoot whether an image path may lead outside the data set's root ({@code ../../x.jpg}, or an
 *                         absolute path elsewhere); when false such a path is a bad field under {@code onBadRow}
 *                         (skipped: the post is kept without its image, the path named in the load summary)
 */
public record ReadOptions(BadRowPolicy onBadRow, boolean checkImages, boolean allowOutsideRoot) {
    public ReadOptions {
        if (onBadRow == null) {
            throw new IllegalArgumentException("bad-row policy must be given");
        }
    }

    /** Image paths confined to the data set's root. */
    public ReadOptions(BadRowPolicy onBadRow, boolean checkImages) {
        this(onBadRow, checkImages, false);
    }

    /** Skip bad rows, check images, image paths inside the root: the CLI default. */
    public static ReadOptions defaults() {
        return new ReadOptions(BadRowPolicy.SKIP, true);
    }

    /** Fail on the first bad row. */
    public static ReadOptions strict() {
        return new ReadOptions(BadRowPolicy.FAIL, true);
    }

    /** A copy that accepts image paths outside the data set's root. */
    public ReadOptions withOutsideRoot(boolean allow) {
        return new ReadOptions(onBadRow, checkImages, allow);
    }
}
