package io.hyperfusion.data;

import java.time.Instant;
import java.util.Map;

/**
 * What is known about an author independently of any one post (SMPD {@code user_data}, SMPD-Video users).
 *
 * <p>Absent values are null; vectors are empty arrays when absent. Arrays are defensively copied.
 *
 * @param userId               the author's id
 * @param photoCount           number of photos on the account, or null
 * @param isPro                Flickr pro account, or null
 * @param canBuyPro            Flickr can-buy-pro flag, or null
 * @param firstPhotoDate       date of the first upload, or null
 * @param firstPhotoTaken      date the first photo was taken, or null
 * @param timezoneOffsetMinutes the author's UTC offset in minutes, or null
 * @param timezoneId           an IANA/Flickr time-zone id, or null
 * @param userDescription      the dataset's description embedding, empty when absent
 * @param locationDescription  the dataset's location embedding, empty when absent
 * @param numeric              other numeric profile fields by name (e.g. SMPD-Video follower counts)
 */
public record UserProfile(
        String userId,
        Double photoCount,
        Boolean isPro,
        Boolean canBuyPro,
        Instant firstPhotoDate,
        Instant firstPhotoTaken,
        Integer timezoneOffsetMinutes,
        String timezoneId,
        float[] userDescription,
        float[] locationDescription,
        Map<String, Double> numeric) {

    public UserProfile {
        if (userId == null || userId.isBlank()) {
            throw new IllegalArgumentException("user id must be non-empty");
        }
        userDescription = userDescription == null ? new float[0] : userDescription.clone();
        locationDescription = locationDescription == null ? new float[0] : locationDescription.clone();
        numeric = numeric == null ? Map.of() : Map.copyOf(numeric);
    }

    /** A profile that knows nothing but the id. */
    public static UserProfile unknown(String userId) {
        return new UserProfile(userId, null, null, null, null, null, null, null, null, null, null);
    }

    @Override
    public float[] userDescription() {
        return userDescription.clone();
    }

    @Override
    public float[] locationDescription() {
        return locationDescription.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UserProfile u && userId.equals(u.userId)
                && java.util.Objects.equals(photoCount, u.photoCount) && java.util.Objects.equals(isPro, u.isPro)
                && java.util.Objects.equals(canBuyPro, u.canBuyPro)
                && java.util.Objects.equals(firstPhotoDate, u.firstPhotoDate)
                && java.util.Objects.equals(firstPhotoTaken, u.firstPhotoTaken)
                && java.util.Objects.equals(timezoneOffsetMinutes, u.timezoneOffsetMinutes)
                && java.util.Objects.equals(timezoneId, u.timezoneId)
                && java.util.Arrays.equals(userDescription, u.userDescription)
                && java.util.Arrays.equals(locationDescription, u.locationDescription)
                && numeric.equals(u.numeric);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(userId, photoCount, isPro, timezoneId);
    }

    @Override
    public String toString() {
        return "UserProfile[" + userId + ", photos=" + photoCount + ", pro=" + isPro + ", tz=" + timezoneId + "]";
    }
}
