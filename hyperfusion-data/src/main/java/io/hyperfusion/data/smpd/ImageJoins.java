package io.hyperfusion.data.smpd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hyperfusion.data.Post;
import io.hyperfusion.data.ValueRanges;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Joins the optional per-post JSON files of an SMPD-Image split onto its rows by (Uid, Pid): category,
 * text (or older tags), temporal-spatial and additional information. A field that cannot be converted is
 * a bad field: under SKIP it is counted and left absent, the post is kept.
 */
final class ImageJoins {

    /** Sets fields of one post from one record; throws IllegalArgumentException for a bad field. */
    interface Applier {
        void apply(Post.Builder post, ObjectNode rec, Fields f);
    }

    /** Reports bad fields of one record and keeps going. */
    static final class Fields {
        private final RowProblems problems;
        private final Path file;
        private final String location;

        Fields(RowProblems problems, Path file, String location) {
            this.problems = problems;
            this.file = file;
            this.location = location;
        }

        /** Converts a field; on failure reports "bad NAME: detail" and returns null. */
        <T> T get(ObjectNode rec, String name, java.util.function.Function<JsonNode, T> conv) {
            try {
                return ValueRanges.check(name, conv.apply(rec.get(name)));
            } catch (IllegalArgumentException e) {
                problems.report(file, location, "bad " + name + ": " + e.getMessage());
                return null;
            }
        }
    }

    /** Keys of {@code <split>_category.json}. */
    static final List<String> CATEGORY_KEYS = List.of("Uid", "Pid", "Category", "Subcategory", "Concept");
    /** Keys of {@code <split>_text.json} (older {@code _tags.json}); "Tile" is a misspelt "Title" in one copy. */
    static final List<String> TEXT_KEYS = List.of("Uid", "Pid", "Title", "Tile", "Mediatype", "Alltags");
    /** Keys of {@code <split>_temporalspatial_information.json}. */
    static final List<String> TEMPORAL_SPATIAL_KEYS = List.of("Uid", "Pid", "Postdate", "Latitude", "Longitude",
            "Geoaccuracy");
    /** Keys of {@code <split>_additional_information.json}. */
    static final List<String> ADDITIONAL_KEYS = List.of("Uid", "Pid", "Pathalias", "Ispublic", "Mediastatus");

    private ImageJoins() {
    }

    /** Joins all four files that exist; notes the absent ones. */
    static void all(ImageSplit s) {
        join(s, CATEGORY_KEYS, "category levels absent", ImageJoins::category, s.split + "_category.json");
        join(s, TEXT_KEYS, "titles, tags and media type absent", ImageJoins::text,
                s.split + "_text.json", s.split + "_tags.json");
        join(s, TEMPORAL_SPATIAL_KEYS, "post dates and geo absent", ImageJoins::temporalSpatial,
                s.split + "_temporalspatial_information.json");
        join(s, ADDITIONAL_KEYS, "path alias, public flag and media status absent", ImageJoins::additional,
                s.split + "_additional_information.json");
    }

    static void join(ImageSplit s, List<String> keys, String consequence, Applier applier, String... names) {
        Path file = s.firstExisting(names);
        if (file == null) {
            s.problems.summary().note(s.split + "/" + names[0] + " absent: " + consequence);
            return;
        }
        long[] unmatched = {0};
        UnknownKeys unknown = new UnknownKeys(keys);
        long n = JsonRecords.forEach(file, s.mapper, s.problems, (loc, key, rec) -> {
            unknown.count(rec);
            ImageSplit.Row r;
            try {
                r = s.find(rec.get("Uid"), rec.get("Pid"));
            } catch (IllegalArgumentException e) {
                s.problems.report(file, loc, e.getMessage());
                return;
            }
            if (r == null) {
                unmatched[0]++;
            } else if (!r.dropped) {
                applier.apply(r.post, rec, new Fields(s.problems, file, loc));
            }
        });
        s.problems.summary().rows(s.problems.name(file), n).unmatched(s.problems.name(file), unmatched[0]);
        unknown.note(s.problems, file);
    }

    static void category(Post.Builder p, ObjectNode rec, Fields f) {
        String c = f.get(rec, "Category", JsonValues::text);
        String sc = f.get(rec, "Subcategory", JsonValues::text);
        String co = f.get(rec, "Concept", JsonValues::text);
        p.category(c).subcategory(sc).concept(co);
    }

    static void text(Post.Builder p, ObjectNode rec, Fields f) {
        // One public copy spells Title as "Tile"; an empty title is "", not absent.
        String titleKey = rec.has("Title") ? "Title" : "Tile";
        JsonNode t = rec.get(titleKey);
        if (t != null && !t.isNull()) {
            p.title(t.isValueNode() ? t.asText() : t.toString());
        }
        String media = f.get(rec, "Mediatype", JsonValues::text);
        if (media != null) {
            p.categorical("mediatype", media);
        }
        String tags = f.get(rec, "Alltags", JsonValues::text);
        if (tags != null) {
            p.tags(JsonValues.split(tags, "\\s+"));
        }
    }

    static void temporalSpatial(Post.Builder p, ObjectNode rec, Fields f) {
        Instant at = f.get(rec, "Postdate", JsonValues::instant);
        if (at != null) {
            p.postedAt(at);
        }
        Double lat = f.get(rec, "Latitude", n -> range(JsonValues.finite(n), 90));
        Double lon = f.get(rec, "Longitude", n -> range(JsonValues.finite(n), 180));
        Integer acc = f.get(rec, "Geoaccuracy", ImageJoins::accuracy);
        boolean none = lat == null || lon == null || (lat == 0.0 && lon == 0.0); // the dataset writes "0" for none
        p.geo(none ? null : lat, none ? null : lon, acc);
    }

    static void additional(Post.Builder p, ObjectNode rec, Fields f) {
        String alias = f.get(rec, "Pathalias", JsonValues::text);
        if (alias != null && !alias.equals("None")) {
            p.categorical("pathalias", alias);
        }
        Double pub = f.get(rec, "Ispublic", JsonValues::finite);
        if (pub != null) {
            p.numeric("ispublic", pub);
        }
        String status = f.get(rec, "Mediastatus", JsonValues::text);
        if (status != null) {
            p.categorical("mediastatus", status);
        }
    }

    private static Double range(Double v, double max) {
        if (v != null && Math.abs(v) > max) {
            throw new IllegalArgumentException("expected degrees within ±" + (int) max + ", got " + v);
        }
        return v;
    }

    /** Flickr geo accuracy 1–16; 0 means the post has no geo tag. */
    private static Integer accuracy(JsonNode n) {
        Double d = JsonValues.finite(n);
        if (d == null) {
            return null;
        }
        if (d != Math.rint(d) || d < 0 || d > 16) {
            throw new IllegalArgumentException("expected an integer 0-16, got " + n);
        }
        return d == 0 ? null : d.intValue();
    }
}
