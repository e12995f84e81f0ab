package io.hyperfusion.data.smpd;

import io.hyperfusion.data.UserProfile;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Collects one author's profile from many rows; the first non-missing value of each field wins. */
final class ProfileBuilder {
    private final String userId;
    private Double photoCount;
    private Boolean isPro;
    private Boolean canBuyPro;
    private Instant firstPhotoDate;
    private Instant firstPhotoTaken;
    private Integer timezoneOffsetMinutes;
    private String timezoneId;
    private float[] userDescription;
    private float[] locationDescription;
    private final Map<String, Double> numeric = new LinkedHashMap<>();

    ProfileBuilder(String userId) {
        this.userId = userId;
    }

    void photoCount(Double v) { if (photoCount == null) { photoCount = v; } }
    void isPro(Boolean v) { if (isPro == null) { isPro = v; } }
    void canBuyPro(Boolean v) { if (canBuyPro == null) { canBuyPro = v; } }
    void firstPhotoDate(Instant v) { if (firstPhotoDate == null) { firstPhotoDate = v; } }
    void firstPhotoTaken(Instant v) { if (firstPhotoTaken == null) { firstPhotoTaken = v; } }
    void timezoneOffsetMinutes(Integer v) { if (timezoneOffsetMinutes == null) { timezoneOffsetMinutes = v; } }
    void timezoneId(String v) { if (timezoneId == null) { timezoneId = v; } }
    void userDescription(float[] v) { if (userDescription == null) { userDescription = v; } }
    void locationDescription(float[] v) { if (locationDescription == null) { locationDescription = v; } }
    void numeric(String name, Double v) { if (v != null) { numeric.putIfAbsent(name, v); } }

    UserProfile build() {
        return new UserProfile(userId, photoCount, isPro, canBuyPro, firstPhotoDate, firstPhotoTaken,
                timezoneOffsetMinutes, timezoneId, userDescription, locationDescription, numeric);
    }

    /** Builds every profile, keeping the map's order. */
    static Map<String, UserProfile> buildAll(Map<String, ProfileBuilder> builders) {
        Map<String, UserProfile> out = new LinkedHashMap<>();
        builders.forEach((id, b) -> out.put(id, b.build()));
        return out;
    }
}
