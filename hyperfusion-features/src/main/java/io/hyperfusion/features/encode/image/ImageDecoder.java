package io.hyperfusion.features.encode.image;

import io.hyperfusion.features.encode.image.DecodedImage.Outcome;

import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.stream.FileImageInputStream;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Decodes image files defensively with ImageIO: dimensions are read from the header first, oversized images
 * are refused or decoded subsampled, and bad bytes become an outcome instead of an exception.
 *
 * <p>Every image whose longer side exceeds {@code targetMaxSide} is decoded with source subsampling (every
 * s-th pixel of every s-th row, s = ceil(longSide / targetMaxSide)), so no decoded image is larger than
 * targetMaxSide² pixels; decimation aliases a little, which is harmless for encoders and statistics that
 * downscale further. Images whose header declares more than {@code maxPixels} are refused under
 * {@link OversizePolicy#REFUSE} and subsampled like the rest under {@link OversizePolicy#SUBSAMPLE} — but
 * above 16 × maxPixels they are refused under either policy, because decoding time (not memory) then
 * becomes the problem and such headers are usually forged.
 *
 * <p>CMYK and YCCK JPEGs are read by the TwelveMonkeys JPEG plugin, which is preferred over the JDK reader
 * whenever both are registered; progressive JPEGs, grayscale and paletted images, and PNGs with alpha are
 * all normalised to {@code TYPE_INT_RGB} (alpha composited over white). Readers are created per call, so
 * the decoder is thread-safe; it counts outcomes in {@link #counts()}.
 */
public final class ImageDecoder {
    /** Refusal beyond this multiple of maxPixels applies even when subsampling. */
    static final long HARD_LIMIT_FACTOR = 16;

    /** What to do with an image above {@code maxPixels}. */
    public enum OversizePolicy { REFUSE, SUBSAMPLE }

    /**
     * Settings, checked when built.
     *
     * @param maxPixels     header width × height above which the oversize policy applies (≥ 1)
     * @param targetMaxSide longest decoded side; larger images are subsampled down to it (16..65535)
     * @param oversize      refuse or subsample images above maxPixels
     */
    public record Options(long maxPixels, int targetMaxSide, OversizePolicy oversize) {
        public Options {
            if (maxPixels < 1) {
                throw new IllegalArgumentException("maxPixels must be >= 1, got " + maxPixels);
            }
            if (targetMaxSide < 16 || targetMaxSide > 65535) {
                throw new IllegalArgumentException("targetMaxSide must be in [16, 65535], got " + targetMaxSide);
            }
            if (oversize == null) {
                throw new IllegalArgumentException("oversize policy is null");
            }
        }

        /** 40 megapixels, decoded sides up to 1024, oversized images subsampled. */
        public static Options defaults() {
            return new Options(40_000_000L, 1024, OversizePolicy.SUBSAMPLE);
        }
    }

    /** Files larger than this are read from disk by ImageIO as a stream, never whole into memory. */
    private static final long MAX_FAST_FILE_BYTES = 64L << 20;

    private final Options options;
    private final AtomicLongArray counts = new AtomicLongArray(Outcome.values().length);
    private final TurboJpeg turbo;
    private final LongAdder turboDecodes = new LongAdder();

    /** A decoder that uses libjpeg-turbo for the JPEGs it decodes exactly as ImageIO does, when it is installed. */
    public ImageDecoder(Options options) {
        this(options, TurboJpeg.get());
    }

    /** A decoder with the given libjpeg-turbo path, or ImageIO only when it is null. */
    ImageDecoder(Options options, TurboJpeg turbo) {
        if (options == null) {
            throw new IllegalArgumentException("options is null");
        }
        this.options = options;
        this.turbo = turbo;
        ensurePluginsRegistered();
    }

    /** How many images libjpeg-turbo decoded (the rest went through ImageIO). */
    public long turboDecodes() {
        return turboDecodes.sum();
    }

    /** Whether this decoder uses libjpeg-turbo where it can. */
    public boolean usesTurboJpeg() {
        return turbo != null;
    }

    /**
     * ImageIO registers plugins found by the class loader that first touched it; under another loader (a Spark
     * executor, an application server) the TwelveMonkeys JPEG reader can be missing, so look again once.
     */
    private static void ensurePluginsRegistered() {
        if (!hasCmykCapableJpegReader()) {
            ImageIO.scanForPlugins();
        }
    }

    /** Whether a JPEG reader other than the JDK's (which rejects many CMYK files) is registered. */
    public static boolean hasCmykCapableJpegReader() {
        for (Iterator<ImageReader> it = ImageIO.getImageReadersByFormatName("jpeg"); it.hasNext(); ) {
            if (!isJdk(it.next())) {
                return true;
            }
        }
        return false;
    }

    public Options options() { return options; }

    /** How many decodes ended in each outcome so far. */
    public Map<Outcome, Long> counts() {
        Map<Outcome, Long> m = new EnumMap<>(Outcome.class);
        for (Outcome o : Outcome.values()) {
            m.put(o, counts.get(o.ordinal()));
        }
        return Collections.unmodifiableMap(m);
    }

    /** Decodes a file; never throws for a missing, unreadable or malformed file. */
    public DecodedImage decode(Path file) {
        if (!Files.isRegularFile(file)) {
            return count(DecodedImage.failed(Outcome.MISSING, 0, 0, -1, "", file + ": no such file", List.of()));
        }
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            return count(DecodedImage.failed(Outcome.MISSING, 0, 0, -1, "", file + ": cannot stat: " + e, List.of()));
        }
        if (turbo != null && size <= MAX_FAST_FILE_BYTES) {
            try {
                DecodedImage fast = fast(Files.readAllBytes(file), file.toString(), new Cancellation());
                if (fast != null) {
                    return count(fast);
                }
            } catch (IOException e) {
                // ImageIO below reports the file as it always did
            }
        }
        try (ImageInputStream in = new FileImageInputStream(file.toFile())) {
            return count(decode(in, size, file.toString(), new Cancellation()));
        } catch (IOException e) {
            return count(DecodedImage.failed(Outcome.CORRUPT, 0, 0, size, "", file + ": cannot open: " + e, List.of()));
        }
    }

    /** Decodes image bytes; {@code source} names them in messages. Never throws for malformed bytes. */
    public DecodedImage decode(byte[] bytes, String source) {
        return decode(bytes, source, new Cancellation());
    }

    /**
     * Decodes image bytes unless {@code cancel} stops it first (outcome {@link Outcome#CANCELLED}); the reader is
     * aborted mid-image when the token is cancelled from another thread.
     */
    public DecodedImage decode(byte[] bytes, String source, Cancellation cancel) {
        DecodedImage fast = fast(bytes, source, cancel);
        if (fast != null) {
            return count(fast);
        }
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            return count(decode(in, bytes.length, source, cancel));
        } catch (IOException e) {
            return count(DecodedImage.failed(Outcome.CORRUPT, 0, 0, bytes.length, "", source + ": " + e, List.of()));
        }
    }

    /** Width and height an image's header declares, read without decoding pixels. */
    public record Header(String format, int width, int height) {
        public long pixels() {
            return (long) width * height;
        }
    }

    /** The header of image bytes, or null when no reader recognises them or the header cannot be read. */
    public static Header header(byte[] bytes) {
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            ImageReader reader = pickReader(in);
            if (reader == null) {
                return null;
            }
            try {
                reader.setInput(in, true, true);
                return new Header(reader.getFormatName().toLowerCase(Locale.ROOT), reader.getWidth(0), reader.getHeight(0));
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            return null; // plugins signal damaged headers with unchecked exceptions too
        }
    }

    /**
     * The libjpeg-turbo path: null (ImageIO decides) unless the file is a JPEG it decodes exactly as ImageIO would
     * ({@link TurboJpeg}), within the size limits and without subsampling.
     */
    private DecodedImage fast(byte[] bytes, String source, Cancellation cancel) {
        if (turbo == null || cancel.isCancelled()) {
            return null;
        }
        TurboJpeg.Header h = turbo.header(bytes);
        if (h == null) {
            return null;
        }
        if ((long) h.width() * h.height() > pixelLimit() || Math.max(h.width(), h.height()) > options.targetMaxSide()) {
            return null;
        }
        BufferedImage img = turbo.decode(bytes, h);
        if (img == null) {
            return null;
        }
        if (cancel.isCancelled()) {
            return DecodedImage.failed(Outcome.CANCELLED, h.width(), h.height(), bytes.length, JPEG,
                    source + ": cancelled", List.of());
        }
        turboDecodes.increment();
        return new DecodedImage(Outcome.OK, img, h.width(), h.height(), 1, bytes.length, JPEG, "", List.of());
    }

    /** Header pixels above which an image is refused: maxPixels under REFUSE, the hard limit under SUBSAMPLE. */
    private long pixelLimit() {
        return options.oversize() == OversizePolicy.REFUSE ? options.maxPixels()
                : HARD_LIMIT_FACTOR * options.maxPixels();
    }

    /** The format name ImageIO's JPEG readers report, lower-cased as this decoder reports formats. */
    private static final String JPEG = "jpeg";

    private DecodedImage count(DecodedImage d) {
        counts.incrementAndGet(d.outcome().ordinal());
        return d;
    }

    private DecodedImage decode(ImageInputStream in, long size, String source, Cancellation cancel) {
        ImageReader reader = pickReader(in);
        if (reader == null) {
            return DecodedImage.failed(Outcome.CORRUPT, 0, 0, size, "", source + ": not a recognised image format",
                    List.of());
        }
        if (!cancel.attach(reader)) {
            reader.dispose();
            return DecodedImage.failed(Outcome.CANCELLED, 0, 0, size, "", source + ": cancelled", List.of());
        }
        List<String> warnings = Collections.synchronizedList(new ArrayList<>());
        String format = "";
        int width = 0;
        int height = 0;
        try {
            format = reader.getFormatName().toLowerCase(Locale.ROOT);
            reader.setInput(in, true, true);
            reader.addIIOReadWarningListener(new Collector(warnings));
            reader.addIIOReadProgressListener(cancel.listener());
            width = reader.getWidth(0);
            height = reader.getHeight(0);
            if (width <= 0 || height <= 0) {
                return DecodedImage.failed(Outcome.CORRUPT, width, height, size, format,
                        source + ": header declares " + width + "x" + height + " pixels", warnings);
            }
            long pixels = (long) width * height;
            long limit = pixelLimit();
            if (pixels > limit) {
                return DecodedImage.failed(Outcome.REFUSED_TOO_LARGE, width, height, size, format, source + ": "
                        + width + "x" + height + " = " + pixels + " pixels exceeds the limit of " + limit, warnings);
            }
            int longSide = Math.max(width, height);
            int s = Math.max(1, (longSide + options.targetMaxSide() - 1) / options.targetMaxSide());
            ImageReadParam param = reader.getDefaultReadParam();
            param.setSourceSubsampling(s, s, 0, 0);
            BufferedImage raw = reader.read(0, param);
            if (cancel.isCancelled()) {
                // An aborted reader returns what it had; the request it served has been answered already.
                return DecodedImage.failed(Outcome.CANCELLED, width, height, size, format, source + ": cancelled", warnings);
            }
            return new DecodedImage(Outcome.OK, toRgb(raw), width, height, s, size, format, "", warnings);
        } catch (IOException | RuntimeException e) {
            // ImageIO plugins signal damaged input with IIOException but also with IllegalArgumentException,
            // IndexOutOfBoundsException, NegativeArraySizeException and friends.
            return DecodedImage.failed(Outcome.CORRUPT, width, height, size, format, source + ": " + e, warnings);
        } finally {
            cancel.detach(reader);
            reader.dispose();
        }
    }

    /** The first reader for the stream, preferring a non-JDK (TwelveMonkeys) one when several claim it. */
    private static ImageReader pickReader(ImageInputStream in) {
        Iterator<ImageReader> it = ImageIO.getImageReaders(in);
        ImageReader first = null;
        while (it.hasNext()) {
            ImageReader r = it.next();
            if (first == null) {
                first = r;
            } else if (isJdk(first) && !isJdk(r)) {
                first.dispose();
                first = r;
            } else {
                r.dispose();
            }
        }
        return first;
    }

    private static boolean isJdk(ImageReader r) {
        return r.getClass().getName().startsWith("com.sun.");
    }

    /** Copies any image into TYPE_INT_RGB, painting a white background under transparent pixels. */
    static BufferedImage toRgb(BufferedImage src) {
        if (src.getType() == BufferedImage.TYPE_INT_RGB) {
            return src;
        }
        BufferedImage dst = new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = dst.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, dst.getWidth(), dst.getHeight());
            g.drawImage(src, 0, 0, null);
        } finally {
            g.dispose();
        }
        return dst;
    }

    private record Collector(List<String> warnings) implements IIOReadWarningListener {
        @Override
        public void warningOccurred(ImageReader source, String warning) {
            warnings.add(warning);
        }
    }
}
