package io.hyperfusion.data.synth;

import java.time.Instant;
import java.util.List;

/**
 * One post of the synthetic world with everything needed to write its SMPD records, draw its image and
 * compute its label.
 *
 * @param pid        numeric post id, unique in the world
 * @param user       its author
 * @param postedAt   posting time
 * @param category   top-level category
 * @param subcategory second level
 * @param concept    third level
 * @param depicted   the scene the image shows
 * @param mentioned  the scene the title and tags were written about (equal to {@code depicted} for about 55%)
 * @param title      the title, possibly empty
 * @param tags       the tags
 * @param latitude   as written ("0" when not geo-tagged)
 * @param longitude  as written ("0" when not geo-tagged)
 * @param geoAccuracy as written ("0" when not geo-tagged)
 * @param image      how its image is drawn
 * @param inputs     the label formula's inputs
 * @param noise      the label noise drawn for it
 */
record WorldPost(long pid, WorldUser user, Instant postedAt, String category, String subcategory, String concept,
        Scene depicted, Scene mentioned, String title, List<String> tags, String latitude, String longitude,
        String geoAccuracy, ImageSpec image, LabelFormula.Inputs inputs, double noise) {

    /** The formula's terms for this post. */
    LabelFormula.Terms terms() {
        return LabelFormula.terms(inputs);
    }

    /** The noise-free score. */
    double noiseFree() {
        return LabelFormula.noiseFree(terms());
    }

    /** The published label. */
    double label() {
        return LabelFormula.label(terms(), noise);
    }

    /** {@code <split>/<Uid>/<Pid>.jpg}. */
    String imagePath(String split) {
        return split + "/" + user.uid() + "/" + pid + ".jpg";
    }
}
