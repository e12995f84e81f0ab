package io.hyperfusion.data.synth;

/**
 * One author of the synthetic world: the latent quality behind the label and the profile fields written to
 * {@code user_data}, already formatted the way SMPD spells them.
 *
 * @param uid           Flickr-style id, {@code <digits>@N<2 digits>}
 * @param quality       latent quality q ~ N(0, 1); the label's author term is linear in it
 * @param activity      relative posting rate
 * @param windowStart   start of the active period, as a fraction of the 16-month span
 * @param windowEnd     end of the active period, as a fraction of the span
 * @param city          home city (time zone and geo)
 * @param tzOffset      the zone's standard offset, e.g. {@code +01:00}
 * @param geoRate       probability that a post of this author is geo-tagged
 * @param photoCount    photos on the account
 * @param isPro         0 or 1
 * @param canBuyPro     0 or 1
 * @param firstDate     first upload, unix seconds
 * @param firstTaken    first photo taken, {@code yyyy-MM-dd HH:mm:ss}, or "" when unknown
 * @param pathAlias     the URL alias, or "None"
 * @param userDesc      comma-separated description vector, or ""
 * @param locationDesc  comma-separated location vector, or ""
 * @param late          whether the author joins in the last 15% of the span
 * @param slope         drift slope ~ N(0, 1) (from the "character" stream; used only when drift &gt; 0)
 * @param profileDot    the written description vector along the hidden direction, 0 without one
 */
record WorldUser(String uid, double quality, double activity, double windowStart, double windowEnd,
        Vocabulary.City city, String tzOffset, double geoRate, long photoCount, int isPro, int canBuyPro,
        long firstDate, String firstTaken, String pathAlias, String userDesc, String locationDesc,
        boolean late, double slope, double profileDot) {
}
