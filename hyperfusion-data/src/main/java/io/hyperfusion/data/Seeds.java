package io.hyperfusion.data;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Derives child seeds from one master seed, so every component of a run gets its own reproducible stream.
 *
 * <p>A child seed is a pure function of the master seed and the child's name (not of the order in which
 * children are asked for), so adding a component later never shifts the seeds of the others.
 */
public record Seeds(long master) {

    /** The seed of the named child, e.g. {@code seeds.child("folds")}. */
    public long child(String name) {
        long h = 0xcbf29ce484222325L; // FNV-1a over the UTF-8 bytes of the name
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xff)) * 0x100000001b3L;
        }
        return mix(master ^ mix(h));
    }

    /** A child's seed as a non-negative int, for native libraries that take a 32-bit seed. */
    public int childInt(String name) {
        return (int) (child(name) >>> 33);
    }

    /** A random stream for the named child. */
    public SplittableRandom random(String name) {
        return new SplittableRandom(child(name));
    }

    /** The seeds of a named sub-component: {@code seeds.sub("tier1").child("lgbm")}. */
    public Seeds sub(String name) {
        return new Seeds(child(name));
    }

    /** SplitMix64's finaliser: a bijective mix of 64 bits. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
