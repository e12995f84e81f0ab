package io.hyperfusion.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How loading a data set went: rows read per file, records whose join key found no post, every skipped row
 * with its reason, images that were missing or unreadable, and notes on the input as a whole (such as an
 * optional file that is absent). Immutable; built by {@link Builder}.
 */
public final class LoadSummary {

    /** One skipped row: the file, where in it, and why. */
    public record Skip(String file, String location, String reason) {
        @Override
        public String toString() {
            return file + " " + location + ": " + reason;
        }
    }

    /** Counts kept while a reader works. Not thread-safe; one per read. */
    public static final class Builder {
        private final Map<String, Long> rows = new LinkedHashMap<>();
        private final Map<String, Long> unmatched = new LinkedHashMap<>();
        private final List<Skip> skips = new ArrayList<>();
        private long missingImages;
        private long unreadableImages;
        private long postsWithoutImage;
        private final List<String> notes = new ArrayList<>();

        public Builder rows(String file, long n) { rows.merge(file, n, Long::sum); return this; }
        public Builder unmatched(String file, long n) { if (n > 0) { unmatched.merge(file, n, Long::sum); } return this; }
        public Builder skip(String file, String location, String reason) { skips.add(new Skip(file, location, reason)); return this; }
        public Builder missingImage() { missingImages++; return this; }
        public Builder unreadableImage() { unreadableImages++; return this; }
        public Builder postWithoutImage() { postsWithoutImage++; return this; }
        /** Records a remark on the input as a whole, e.g. "train/train_category.json absent: no categories". */
        public Builder note(String text) { notes.add(text); return this; }

        public LoadSummary build() {
            return new LoadSummary(this);
        }
    }

    private final Map<String, Long> rows;
    private final Map<String, Long> unmatched;
    private final List<Skip> skips;
    private final long missingImages;
    private final long unreadableImages;
    private final long postsWithoutImage;
    private final List<String> notes;

    private LoadSummary(Builder b) {
        this.rows = Collections.unmodifiableMap(new LinkedHashMap<>(b.rows));
        this.unmatched = Collections.unmodifiableMap(new LinkedHashMap<>(b.unmatched));
        this.skips = List.copyOf(b.skips);
        this.missingImages = b.missingImages;
        this.unreadableImages = b.unreadableImages;
        this.postsWithoutImage = b.postsWithoutImage;
        this.notes = List.copyOf(b.notes);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding everything this summary holds, to add what a later check found. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.rows.putAll(rows);
        b.unmatched.putAll(unmatched);
        b.skips.addAll(skips);
        b.missingImages = missingImages;
        b.unreadableImages = unreadableImages;
        b.postsWithoutImage = postsWithoutImage;
        b.notes.addAll(notes);
        return b;
    }

    /** Rows read per file name, in reading order. */
    public Map<String, Long> rows() { return rows; }

    /** Per file, records whose (uid, pid) matched no post of the split's image list. */
    public Map<String, Long> unmatched() { return unmatched; }

    /** Every skipped row. */
    public List<Skip> skips() { return skips; }

    public long skipCount() { return skips.size(); }
    public long missingImages() { return missingImages; }
    public long unreadableImages() { return unreadableImages; }
    public long postsWithoutImage() { return postsWithoutImage; }

    /** Remarks on the input as a whole (absent optional files, ignored files), in the order made. */
    public List<String> notes() { return notes; }

    /** Skip counts grouped by reason (the part of the reason before the first ':'), most frequent first. */
    public Map<String, Long> skipsByReason() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (Skip s : skips) {
            int colon = s.reason().indexOf(':');
            out.merge(colon > 0 ? s.reason().substring(0, colon) : s.reason(), 1L, Long::sum);
        }
        List<Map.Entry<String, Long>> es = new ArrayList<>(out.entrySet());
        es.sort(Map.Entry.<String, Long>comparingByValue().reversed());
        Map<String, Long> sorted = new LinkedHashMap<>();
        es.forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    /** A multi-line, human-readable account for the CLI; lists at most {@code maxSkips} skips in full. */
    public String render(int maxSkips) {
        StringBuilder sb = new StringBuilder();
        notes.forEach(n -> sb.append("  note: ").append(n).append('\n'));
        rows.forEach((f, n) -> sb.append(String.format("  read %,9d rows  %s%n", n, f)));
        unmatched.forEach((f, n) -> sb.append(String.format("  %,9d records matched no post  %s%n", n, f)));
        if (missingImages + unreadableImages + postsWithoutImage > 0) {
            sb.append(String.format("  images: %,d missing, %,d unreadable, %,d posts without image%n",
                    missingImages, unreadableImages, postsWithoutImage));
        }
        sb.append(String.format("  skipped %,d rows%n", skips.size()));
        skipsByReason().forEach((r, n) -> sb.append(String.format("    %,9d  %s%n", n, r)));
        skips.stream().limit(maxSkips).forEach(s -> sb.append("    - ").append(s).append('\n'));
        if (skips.size() > maxSkips) {
            sb.append(String.format("    ... and %,d more%n", skips.size() - maxSkips));
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return render(10);
    }
}
