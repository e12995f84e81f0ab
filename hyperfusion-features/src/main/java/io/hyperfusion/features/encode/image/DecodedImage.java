package io.hyperfusion.features.encode.image;

import java.awt.image.BufferedImage;
import java.util.List;

/**
 * The result of decoding one image file: an outcome, and for {@link Outcome#OK} an sRGB image.
 *
 * @param outcome      what happened
 * @param image        {@code TYPE_INT_RGB}, transparency composited over white; {@code null} unless OK
 * @param sourceWidth  width in the file's header, 0 if unknown
 * @param sourceHeight height in the file's header, 0 if unknown
 * @param subsampling  the source subsampling factor used (1 = full resolution), 0 if not decoded
 * @param fileBytes    size of the encoded file, -1 if unknown
 * @param format       the reader's format name (e.g. {@code jpeg}, {@code png}), or "" if unknown
 * @param message      why it is not OK, naming the source; "" when OK
 * @param warnings     reader warnings (e.g. a truncated JPEG decodes with a grey remainder and a warning)
 */
public record DecodedImage(Outcome outcome, BufferedImage image, int sourceWidth, int sourceHeight,
                           int subsampling, long fileBytes, String format, String message,
                           List<String> warnings) {

    /** The outcome of decoding. */
    public enum Outcome {
        /** Decoded; the image is present. */
        OK,
        /** The file does not exist (or is not a regular file). */
        MISSING,
        /** Not an image, an unsupported format, or damaged beyond reading. */
        CORRUPT,
        /** Its header declares more pixels than the decoder accepts. */
        REFUSED_TOO_LARGE,
        /** Decoding was stopped by a {@link Cancellation} (the request it served timed out). */
        CANCELLED
    }

    public DecodedImage {
        warnings = List.copyOf(warnings);
        if ((outcome == Outcome.OK) != (image != null)) {
            throw new IllegalArgumentException("image must be present exactly when the outcome is OK, outcome "
                    + outcome + ", image " + (image == null ? "null" : "present"));
        }
    }

    public boolean isOk() {
        return outcome == Outcome.OK;
    }

    /** Decoded, but the reader warned: a truncated baseline JPEG, for one, decodes with a grey remainder. */
    public boolean isDamaged() {
        return outcome == Outcome.OK && !warnings.isEmpty();
    }

    /** OK without reader warnings; a truncated baseline JPEG, for one, is OK but not clean. */
    public boolean isClean() {
        return outcome == Outcome.OK && warnings.isEmpty();
    }

    static DecodedImage failed(Outcome outcome, int width, int height, long fileBytes, String format,
                               String message, List<String> warnings) {
        return new DecodedImage(outcome, null, width, height, 0, fileBytes, format, message, warnings);
    }
}
