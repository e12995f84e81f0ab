package io.hyperfusion.features.encode.clip;

import io.hyperfusion.data.Jackson;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;

/**
 * The settings of one exported CLIP model, read from the optional {@code clip.json} of a model folder; every
 * absent key takes the value of OpenAI's CLIP ViT-B/32 (Radford et al., ICML 2021), as in the Hugging Face
 * {@code CLIPImageProcessor} and {@code CLIPTokenizer} configs.
 *
 * @param imageSize       side of the square model input, after shorter-side resize and centre crop (224)
 * @param mean            per-channel RGB mean subtracted after scaling to [0,1]
 * @param std             per-channel RGB standard deviation divided by after subtracting the mean
 * @param contextLength   token sequence length, including the start and end tokens (77)
 * @param resize          resampling filter of the shorter-side resize ({@code "bicubic"}, as CLIP)
 * @param padToken        vocabulary entry used to pad token sequences ({@code <|endoftext|>}, as HF)
 * @param normalizeOutput whether embeddings are scaled to unit L2 norm (so dot product = cosine)
 */
public record ClipConfig(int imageSize, float[] mean, float[] std, int contextLength, Resample resize,
                         String padToken, boolean normalizeOutput) {

    /** The file name inside a model folder. */
    public static final String FILE = "clip.json";

    /** The shorter-side resize filters Pillow offers CLIP's preprocessing. */
    public enum Resample {
        BICUBIC(PilResize.Filter.BICUBIC), BILINEAR(PilResize.Filter.BILINEAR);

        final PilResize.Filter filter;

        Resample(PilResize.Filter filter) {
            this.filter = filter;
        }
    }

    private static final Set<String> KEYS = Set.of("image_size", "mean", "std", "context_length", "resize",
            "pad_token", "normalize_output");

    public ClipConfig {
        if (imageSize < 1 || imageSize > 4096) {
            throw new IllegalArgumentException("image_size must be in 1..4096, got " + imageSize);
        }
        if (contextLength < 2) {
            throw new IllegalArgumentException("context_length must be >= 2 (start and end token), got " + contextLength);
        }
        mean = checkTriple("mean", mean);
        std = checkTriple("std", std);
        for (float s : std) {
            if (!(s > 0)) {
                throw new IllegalArgumentException("std values must be > 0, got " + java.util.Arrays.toString(std));
            }
        }
        if (resize == null || padToken == null || padToken.isEmpty()) {
            throw new IllegalArgumentException("resize and pad_token must be set");
        }
    }

    /** CLIP ViT-B/32's settings: 224 px, OpenAI's mean/std, 77 tokens, bicubic, pad with end token, L2. */
    public static ClipConfig defaults() {
        return new ClipConfig(224, new float[] {0.48145466f, 0.4578275f, 0.40821073f},
                new float[] {0.26862954f, 0.26130258f, 0.27577711f}, 77, Resample.BICUBIC,
                ClipTokenizer.END, true);
    }

    @Override
    public float[] mean() {
        return mean.clone();
    }

    @Override
    public float[] std() {
        return std.clone();
    }

    /** Reads {@code dir/clip.json} over {@link #defaults()}, or returns the defaults when it is absent. */
    public static ClipConfig load(Path dir) {
        Path file = dir.resolve(FILE);
        if (!Files.exists(file)) {
            return defaults();
        }
        JsonNode root;
        try {
            root = Jackson.json().readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(file + ": not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(file + ": expected a JSON object, got "
                    + (root == null ? "nothing" : root.getNodeType()));
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException(file + ": unknown key '" + key + "', expected one of " + KEYS);
            }
        }
        ClipConfig d = defaults();
        try {
            return new ClipConfig(
                    intField(file, root, "image_size", d.imageSize),
                    tripleField(file, root, "mean", d.mean),
                    tripleField(file, root, "std", d.std),
                    intField(file, root, "context_length", d.contextLength),
                    resizeField(file, root, d.resize),
                    textField(file, root, "pad_token", d.padToken),
                    boolField(file, root, "normalize_output", d.normalizeOutput));
        } catch (IllegalArgumentException e) {
            if (e.getMessage().startsWith(file.toString())) {
                throw e;
            }
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /** The effective settings as one stable line, hashed into encoder versions. */
    String canonical() {
        return String.format(Locale.ROOT, "image_size=%d;mean=%s;std=%s;context_length=%d;resize=%s;pad=%s;l2=%b",
                imageSize, java.util.Arrays.toString(mean), java.util.Arrays.toString(std), contextLength,
                resize, padToken, normalizeOutput);
    }

    private static float[] checkTriple(String name, float[] v) {
        if (v == null || v.length != 3) {
            throw new IllegalArgumentException(name + " must have 3 values (R, G, B), got "
                    + (v == null ? "null" : v.length));
        }
        for (float f : v) {
            if (!Float.isFinite(f)) {
                throw new IllegalArgumentException(name + " values must be finite, got " + java.util.Arrays.toString(v));
            }
        }
        return v.clone();
    }

    private static int intField(Path file, JsonNode root, String key, int dflt) {
        JsonNode n = root.get(key);
        if (n == null) {
            return dflt;
        }
        if (!n.isIntegralNumber() || !n.canConvertToInt()) {
            throw new IllegalArgumentException(file + ": '" + key + "' must be an integer, got " + n);
        }
        return n.intValue();
    }

    private static float[] tripleField(Path file, JsonNode root, String key, float[] dflt) {
        JsonNode n = root.get(key);
        if (n == null) {
            return dflt;
        }
        if (!n.isArray() || n.size() != 3) {
            throw new IllegalArgumentException(file + ": '" + key + "' must be an array of 3 numbers, got " + n);
        }
        float[] out = new float[3];
        for (int i = 0; i < 3; i++) {
            if (!n.get(i).isNumber()) {
                throw new IllegalArgumentException(file + ": '" + key + "'[" + i + "] must be a number, got " + n.get(i));
            }
            out[i] = (float) n.get(i).doubleValue();
        }
        return out;
    }

    private static Resample resizeField(Path file, JsonNode root, Resample dflt) {
        String s = textField(file, root, "resize", null);
        if (s == null) {
            return dflt;
        }
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "bicubic" -> Resample.BICUBIC;
            case "bilinear" -> Resample.BILINEAR;
            default -> throw new IllegalArgumentException(file + ": 'resize' must be \"bicubic\" or \"bilinear\", got \""
                    + s + "\"");
        };
    }

    private static String textField(Path file, JsonNode root, String key, String dflt) {
        JsonNode n = root.get(key);
        if (n == null) {
            return dflt;
        }
        if (!n.isTextual()) {
            throw new IllegalArgumentException(file + ": '" + key + "' must be a string, got " + n);
        }
        return n.textValue();
    }

    private static boolean boolField(Path file, JsonNode root, String key, boolean dflt) {
        JsonNode n = root.get(key);
        if (n == null) {
            return dflt;
        }
        if (!n.isBoolean()) {
            throw new IllegalArgumentException(file + ": '" + key + "' must be true or false, got " + n);
        }
        return n.booleanValue();
    }
}
