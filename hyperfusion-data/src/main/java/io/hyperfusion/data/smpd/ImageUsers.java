package io.hyperfusion.data.smpd;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code <split>_user_data.json} into author profiles. The file is usually pandas column-oriented with
 * row keys in image-list order, sometimes a record array; a row is joined by (Uid, Pid), or by its row key
 * when it lacks both ids. Profiles of all splits merge with the first non-missing value of a field winning.
 */
final class ImageUsers {

    /** Keys of {@code <split>_user_data.json} (pandas columns or record fields). */
    static final List<String> KEYS = List.of("Pid", "Uid", "photo_firstdate", "photo_count", "ispro", "canbuypro",
            "timezone_offset", "photo_firstdatetaken", "timezone_id", "user_description", "location_description");

    private ImageUsers() {
    }

    static void read(ImageSplit s, Map<String, ProfileBuilder> profiles) {
        String name = s.split + "_user_data.json";
        Path file = s.firstExisting(name);
        if (file == null) {
            s.problems.summary().note(s.split + "/" + name + " absent: no user profiles from this split");
            return;
        }
        long[] unmatched = {0};
        UnknownKeys unknown = new UnknownKeys(KEYS);
        long n = JsonRecords.forEach(file, s.mapper, s.problems, (loc, key, rec) -> {
            unknown.count(rec);
            if (!rec.hasNonNull("Pid") && key == null) {
                s.problems.report(file, loc, "no Pid: the record cannot be joined");
                return;
            }
            ImageSplit.Row r = row(s, rec, key);
            if (r == null) {
                unmatched[0]++;
                return;
            }
            ProfileBuilder b = profiles.computeIfAbsent(r.post.userId(), ProfileBuilder::new);
            apply(b, rec, new ImageJoins.Fields(s.problems, file, loc));
        });
        s.problems.summary().rows(s.problems.name(file), n).unmatched(s.problems.name(file), unmatched[0]);
        unknown.note(s.problems, file);
    }

    private static ImageSplit.Row row(ImageSplit s, ObjectNode rec, String rowKey) {
        if (rec.hasNonNull("Pid")) {
            try {
                return s.find(rec.get("Uid"), rec.get("Pid"));
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        try {
            // No Pid: the pandas row key is the row number in image-list order.
            ImageSplit.Row r = s.atRow(Integer.parseInt(rowKey));
            String uid = JsonValues.id(rec.get("Uid"));
            return r != null && (uid == null || uid.equals(r.post.userId())) ? r : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static void apply(ProfileBuilder b, ObjectNode rec, ImageJoins.Fields f) {
        b.photoCount(f.get(rec, "photo_count", JsonValues::finite));
        b.isPro(f.get(rec, "ispro", JsonValues::bool));
        b.canBuyPro(f.get(rec, "canbuypro", JsonValues::bool));
        b.firstPhotoDate(f.get(rec, "photo_firstdate", JsonValues::instant));
        b.firstPhotoTaken(f.get(rec, "photo_firstdatetaken", JsonValues::instant));
        b.timezoneOffsetMinutes(f.get(rec, "timezone_offset", JsonValues::offsetMinutes));
        b.timezoneId(f.get(rec, "timezone_id", JsonValues::text));
        b.userDescription(f.get(rec, "user_description", JsonValues::floats));
        b.locationDescription(f.get(rec, "location_description", JsonValues::floats));
    }
}
