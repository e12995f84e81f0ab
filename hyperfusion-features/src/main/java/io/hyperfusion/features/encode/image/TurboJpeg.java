package io.hyperfusion.features.encode.image;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.Locale;

/**
 * JPEG decoding through libjpeg-turbo's TurboJPEG API (Debian's {@code libturbojpeg0}, called through JNA): about
 * 2.5× faster than ImageIO, whose JPEG reader runs the JDK's own libjpeg 6b without SIMD.
 *
 * <p>It serves only files whose pixels it decodes exactly as the ImageIO path does, so the embedding cache and
 * every feature stay the same whichever path decoded an image. With libjpeg's defaults (accurate integer IDCT,
 * fancy upsampling) libjpeg-turbo reproduces libjpeg 6b's output. This was checked on 3,000 generated images and 27
 * variants of three natural photographs: 4:4:4, 4:2:2 and 4:2:0, progressive, grey, odd sizes, and an sRGB profile.
 * {@code ImageDecoderTest} checks it on every build. Everything else is declined ({@code null}) and goes to
 * ImageIO:
 * <ul>
 *   <li>files with an embedded ICC profile (APP2), which the TwelveMonkeys reader converts to sRGB;</li>
 *   <li>Adobe APP14 files (CMYK, YCCK, RGB transforms);</li>
 *   <li>colour spaces other than YCbCr and grey;</li>
 *   <li>anything libjpeg-turbo reports an error or even a warning for (a truncated or damaged file: ImageIO then
 *       decides the outcome, as it always did);</li>
 *   <li>images that would be subsampled: ImageIO subsamples scanline by scanline, while this path would decode the
 *       whole image first.</li>
 * </ul>
 *
 * <p>Absent when the library is not installed, or when the system property {@code hyperfusion.jpeg} is
 * {@code imageio} (the environment variable {@code HYPERFUSION_JPEG} likewise). A handle is created per call, so
 * an instance is thread-safe.
 */
public final class TurboJpeg {
    private static final int TJPF_BGRX = 3; // bytes B, G, R, X: a little-endian int 0xXXRRGGBB, as TYPE_INT_RGB holds
    private static final int TJCS_YCBCR = 1;
    private static final int TJCS_GRAY = 2;
    private static final TurboJpeg INSTANCE = load();

    private final String library;

    private TurboJpeg(String library) {
        this.library = library;
    }

    /** The decoder, or null when libturbojpeg is not installed or the ImageIO path is requested. */
    public static TurboJpeg get() {
        return INSTANCE;
    }

    /** Where the library was found, for logs. */
    public String library() {
        return library;
    }

    private static TurboJpeg load() {
        String choice = System.getProperty("hyperfusion.jpeg", System.getenv().getOrDefault("HYPERFUSION_JPEG", "auto"));
        if (choice.toLowerCase(Locale.ROOT).equals("imageio")) {
            return null;
        }
        try {
            NativeLibrary lib = NativeLibrary.getInstance("turbojpeg");
            Native.register(Binding.class, lib);
            return new TurboJpeg(String.valueOf(lib.getFile()));
        } catch (LinkageError | RuntimeException e) {
            // No library, a library without these functions, or JNA unable to unpack its own native part: ImageIO.
            return null;
        }
    }

    /** The TurboJPEG functions used (libjpeg-turbo 2.x API). */
    private static final class Binding {
        static native Pointer tjInitDecompress();

        static native int tjDecompressHeader3(Pointer handle, byte[] jpeg, NativeLong size, IntByReference width,
                                              IntByReference height, IntByReference subsampling,
                                              IntByReference colourspace);

        static native int tjDecompress2(Pointer handle, byte[] jpeg, NativeLong size, int[] dst, int width, int pitch,
                                        int height, int pixelFormat, int flags);

        static native int tjDestroy(Pointer handle);
    }

    /** A header: the size TurboJPEG reads, without decoding pixels. */
    record Header(int width, int height) {
    }

    /** The header of a JPEG this path would decode, or null for one it declines by its markers or colour space. */
    Header header(byte[] jpeg) {
        if (!plainJpeg(jpeg)) {
            return null;
        }
        Pointer h = Binding.tjInitDecompress();
        if (h == null) {
            return null;
        }
        try {
            IntByReference w = new IntByReference();
            IntByReference ht = new IntByReference();
            IntByReference ss = new IntByReference();
            IntByReference cs = new IntByReference();
            if (Binding.tjDecompressHeader3(h, jpeg, new NativeLong(jpeg.length), w, ht, ss, cs) != 0
                    || w.getValue() <= 0 || ht.getValue() <= 0
                    || (cs.getValue() != TJCS_YCBCR && cs.getValue() != TJCS_GRAY)) {
                return null;
            }
            return new Header(w.getValue(), ht.getValue());
        } finally {
            Binding.tjDestroy(h);
        }
    }

    /**
     * Decodes a JPEG whose header this path accepted into a {@code TYPE_INT_RGB} image; null when libjpeg-turbo
     * reports an error or a warning.
     */
    BufferedImage decode(byte[] jpeg, Header header) {
        BufferedImage img = new BufferedImage(header.width(), header.height(), BufferedImage.TYPE_INT_RGB);
        int[] dst = ((DataBufferInt) img.getRaster().getDataBuffer()).getData();
        Pointer h = Binding.tjInitDecompress();
        if (h == null) {
            return null;
        }
        try {
            int rc = Binding.tjDecompress2(h, jpeg, new NativeLong(jpeg.length), dst, header.width(), 0,
                    header.height(), TJPF_BGRX, 0);
            return rc == 0 ? img : null;
        } finally {
            Binding.tjDestroy(h);
        }
    }

    /**
     * Whether the bytes are a JPEG without the markers whose handling differs between the two paths: an ICC profile
     * (APP2 "ICC_PROFILE") or an Adobe APP14 segment. Walks the marker segments up to the first scan.
     */
    static boolean plainJpeg(byte[] b) {
        if (b.length < 4 || (b[0] & 0xFF) != 0xFF || (b[1] & 0xFF) != 0xD8) {
            return false;
        }
        int i = 2;
        while (i + 4 <= b.length) {
            if ((b[i] & 0xFF) != 0xFF) {
                return false;
            }
            int marker = b[i + 1] & 0xFF;
            if (marker == 0xFF) {
                i++; // fill byte
                continue;
            }
            if (marker == 0xDA) {
                return true; // the first scan: every APPn segment comes before it
            }
            int len = ((b[i + 2] & 0xFF) << 8) | (b[i + 3] & 0xFF);
            if (len < 2 || i + 2 + len > b.length) {
                return false;
            }
            if ((marker == 0xE2 && startsWith(b, i + 4, len - 2, "ICC_PROFILE"))
                    || (marker == 0xEE && startsWith(b, i + 4, len - 2, "Adobe"))) {
                return false;
            }
            i += 2 + len;
        }
        return false;
    }

    private static boolean startsWith(byte[] b, int from, int available, String tag) {
        if (available < tag.length()) {
            return false;
        }
        for (int k = 0; k < tag.length(); k++) {
            if (b[from + k] != tag.charAt(k)) {
                return false;
            }
        }
        return true;
    }
}
