package io.hyperfusion.features.time;

import io.hyperfusion.data.UserProfile;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** Resolves the time zone an author posts in: the zone id when valid, else the UTC offset, else UTC. */
public final class AuthorZones {
    private AuthorZones() { }

    /** The author's zone; never null. */
    public static ZoneId zoneOf(UserProfile user) {
        if (user.timezoneId() != null && !user.timezoneId().isBlank()) {
            try {
                return ZoneId.of(user.timezoneId().trim());
            } catch (DateTimeException e) {
                // Flickr sometimes stores display names ("Pacific Time"); fall back to the offset.
            }
        }
        Integer off = user.timezoneOffsetMinutes();
        if (off != null && Math.abs(off) <= 18 * 60) {
            return ZoneOffset.ofTotalSeconds(off * 60);
        }
        return ZoneOffset.UTC;
    }

    /** Whether the author's zone is known (id or offset) rather than assumed UTC. */
    public static boolean isKnown(UserProfile user) {
        return !(zoneOf(user) == ZoneOffset.UTC && user.timezoneOffsetMinutes() == null);
    }
}
