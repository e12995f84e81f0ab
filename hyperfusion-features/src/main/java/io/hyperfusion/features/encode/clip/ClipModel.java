package io.hyperfusion.features.encode.clip;

import ai.onnxruntime.OrtEnvironment;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A CLIP model (Radford et al., "Learning Transferable Visual Models From Natural Language Supervision",
 * ICML 2021) exported to ONNX by the user and run from a folder ({@code --clip-model DIR}):
 *
 * <ul>
 *   <li>{@code vision.onnx}: input {@code pixel_values} float32 {@code [N,3,S,S]} → image embeddings {@code [N,D]}
 *       (output {@code image_embeds}, or the model's only output);</li>
 *   <li>{@code text.onnx}: input {@code input_ids} int64 {@code [N,L]} and optionally {@code attention_mask}
 *       int64 {@code [N,L]} → text embeddings {@code [N,D]} (output {@code text_embeds}, or the only output);</li>
 *   <li>{@code vocab.json}, {@code merges.txt}: the Hugging Face CLIP BPE files ({@link ClipTokenizer});</li>
 *   <li>{@code clip.json} (optional): {@link ClipConfig} — image_size, mean, std, context_length, resize,
 *       pad_token, normalize_output.</li>
 * </ul>
 *
 * <p>D is read from the declared output shape, or from one probe run when it is symbolic; both towers must
 * agree on it. Encoder versions hash the files each tower depends on plus the effective config, so a
 * different export invalidates cached rows. The model is shared by the encoders it hands out and closes
 * its sessions when the model and every encoder are closed. Thread-safe. See {@code docs/CLIP.md}.
 */
public final class ClipModel implements AutoCloseable {

    /** The towers a model can load. */
    public enum Tower { VISION, TEXT }

    /** Bumped when this code's preprocessing or tokenisation changes what a given export produces. */
    static final String IMPLEMENTATION = "hf-clip-processor-v1";

    private final Path dir;
    private final ClipConfig config;
    private final OrtEnvironment env;
    private final ClipTower vision;
    private final ClipTower text;
    private final ClipTokenizer tokenizer;
    private final int dimension;
    private final String imageVersion;
    private final String textVersion;
    private final AtomicInteger refs = new AtomicInteger(1);
    private final AtomicBoolean ownerClosed = new AtomicBoolean();

    private ClipModel(Path dir, int threads, Set<Tower> towers) {
        this.dir = dir;
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("CLIP model folder " + dir + " does not exist or is not a folder");
        }
        boolean wantVision = towers.contains(Tower.VISION);
        boolean wantText = towers.contains(Tower.TEXT);
        if (wantVision) {
            requireFile(ClipTower.Kind.VISION.file);
        }
        if (wantText) {
            requireFile(ClipTower.Kind.TEXT.file);
            requireFile(ClipTokenizer.VOCAB_FILE);
            requireFile(ClipTokenizer.MERGES_FILE);
        }
        this.config = ClipConfig.load(dir);
        this.tokenizer = wantText ? ClipTokenizer.fromDirectory(dir, config) : null;
        this.env = OrtEnvironment.getEnvironment();
        this.imageVersion = wantVision ? version(ClipTower.Kind.VISION.file) : null;
        this.textVersion = wantText
                ? version(ClipTower.Kind.TEXT.file, ClipTokenizer.VOCAB_FILE, ClipTokenizer.MERGES_FILE) : null;
        ClipTower v = null;
        ClipTower t = null;
        try {
            v = wantVision ? ClipTower.open(env, dir.resolve(ClipTower.Kind.VISION.file), ClipTower.Kind.VISION,
                    threads, config) : null;
            t = wantText ? ClipTower.open(env, dir.resolve(ClipTower.Kind.TEXT.file), ClipTower.Kind.TEXT,
                    threads, config) : null;
            this.vision = v;
            this.text = t;
            this.dimension = resolveDimension();
        } catch (RuntimeException e) {
            closeQuietly(v, e);
            closeQuietly(t, e);
            throw e;
        }
    }

    /** Opens both towers with {@code threads} ONNX Runtime intra-op threads each. */
    public static ClipModel open(Path dir, int threads) {
        return open(dir, threads, EnumSet.allOf(Tower.class));
    }

    /** Opens only the given towers (an image-only job need not load the text tower, and vice versa). */
    public static ClipModel open(Path dir, int threads, Set<Tower> towers) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        if (towers.isEmpty()) {
            throw new IllegalArgumentException("open at least one tower");
        }
        return new ClipModel(dir, threads, EnumSet.copyOf(towers));
    }

    public Path directory() { return dir; }
    public ClipConfig config() { return config; }
    /** Width D of the joint embedding space. */
    public int dimension() { return dimension; }

    /** The text tower's tokenizer. */
    public ClipTokenizer tokenizer() {
        requireTower(text, Tower.TEXT);
        return tokenizer;
    }

    /** Version of {@code clip-image} rows: hash of vision.onnx, the effective config and this implementation. */
    public String imageVersion() {
        requireTower(vision, Tower.VISION);
        return imageVersion;
    }

    /** Version of {@code clip-text} rows: hash of text.onnx, vocab.json, merges.txt, config and implementation. */
    public String textVersion() {
        requireTower(text, Tower.TEXT);
        return textVersion;
    }

    /** An image encoder sharing this model's session; close it when done (the model stays open for others). */
    public ClipImageEncoder imageEncoder(int maxBatch) {
        requireTower(vision, Tower.VISION);
        acquire();
        return new ClipImageEncoder(this, maxBatch);
    }

    /** A text encoder sharing this model's session; close it when done. */
    public ClipTextEncoder textEncoder(int maxBatch) {
        requireTower(text, Tower.TEXT);
        acquire();
        return new ClipTextEncoder(this, maxBatch);
    }

    /** Raw (not normalised) embeddings of preprocessed images, {@code pixels} holding n × [3,S,S]. */
    float[][] runImages(float[] pixels, int n) {
        checkOpen();
        return vision.runImages(env, pixels, n, config.imageSize());
    }

    /** Raw (not normalised) embeddings of a token batch. */
    float[][] runTokens(ClipTokenizer.Batch batch) {
        checkOpen();
        return text.runTokens(env, batch);
    }

    private int resolveDimension() {
        long dv = vision == null ? -1 : vision.declaredDim();
        long dt = text == null ? -1 : text.declaredDim();
        if (vision != null && dv < 0) {
            int s = config.imageSize();
            dv = vision.runImages(env, new float[3 * s * s], 1, s)[0].length;
        }
        if (text != null && dt < 0) {
            dt = text.runTokens(env, tokenizer.encodeBatch(List.of("")))[0].length;
        }
        if (vision != null && text != null && dv != dt) {
            throw new IllegalArgumentException(dir + ": vision.onnx gives embeddings of width " + dv
                    + " but text.onnx gives " + dt + "; CLIP's two towers must share one joint space");
        }
        return (int) (vision != null ? dv : dt);
    }

    private String version(String... files) {
        MessageDigest md = sha256();
        for (String f : files) {
            md.update((f + "=" + sha256Hex(dir.resolve(f)) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        md.update(("config=" + config.canonical() + "\nimpl=" + IMPLEMENTATION + "\n").getBytes(StandardCharsets.UTF_8));
        return "sha256:" + HexFormat.of().formatHex(md.digest()).substring(0, 16);
    }

    private static String sha256Hex(Path file) {
        MessageDigest md = sha256();
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }

    private void requireFile(String name) {
        Path f = dir.resolve(name);
        if (!Files.isRegularFile(f)) {
            throw new IllegalArgumentException("CLIP model folder " + dir + " has no " + name + " (expected " + f
                    + "; the folder needs vision.onnx, text.onnx, vocab.json, merges.txt and optionally clip.json,"
                    + " see docs/CLIP.md)");
        }
    }

    private void requireTower(ClipTower tower, Tower which) {
        if (tower == null) {
            throw new IllegalStateException("the " + which + " tower of " + dir + " was not opened");
        }
    }

    private void acquire() {
        while (true) {
            int r = refs.get();
            if (r <= 0) {
                throw new IllegalStateException("CLIP model " + dir + " is closed");
            }
            if (refs.compareAndSet(r, r + 1)) {
                return;
            }
        }
    }

    /** Drops one reference; the last one closes the sessions. */
    void release() {
        if (refs.decrementAndGet() == 0) {
            RuntimeException first = null;
            for (ClipTower t : new ClipTower[] {vision, text}) {
                try {
                    if (t != null) {
                        t.close();
                    }
                } catch (RuntimeException e) {
                    first = first == null ? e : first;
                }
            }
            if (first != null) {
                throw first;
            }
        }
    }

    private void checkOpen() {
        if (refs.get() <= 0) {
            throw new IllegalStateException("CLIP model " + dir + " is closed");
        }
    }

    private static void closeQuietly(ClipTower t, RuntimeException cause) {
        if (t != null) {
            try {
                t.close();
            } catch (RuntimeException e) {
                cause.addSuppressed(e);
            }
        }
    }

    /** Releases the owner's reference; sessions stay open until every encoder handed out is closed too. */
    @Override
    public void close() {
        if (ownerClosed.compareAndSet(false, true)) {
            release();
        }
    }
}
