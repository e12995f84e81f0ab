package io.hyperfusion.data.synth;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The world-specific parts of the hidden-signal terms, drawn from the {@code "character"/"hidden"} stream of
 * the seed (never from the default world's streams): {@link #BUMPS} Gaussian bumps over latitude/longitude,
 * each near a different home city, and a hidden unit direction in the 20-dimensional space of the
 * {@code user_description} vectors. The fixed constants (widths, coefficients, scene effects) are in
 * {@link LabelFormula}; the strength scaling is applied there.
 *
 * <p>A bump sits at its city's coordinates plus an N(0, 0.15°) offset per axis, with height
 * {@code ±(0.8 + 0.8 u)}, u ~ U(0,1), sign a fair coin: geo-tagged posts lie within about 0.25° of their
 * author's city, so where in the city a photo was taken matters, smoothly.
 */
final class HiddenSignal {

    /** Number of geo bumps. */
    static final int BUMPS = 6;
    /** Dimension of the description vectors. */
    static final int DIM = 20;

    /** One Gaussian bump of the geo term. */
    record Bump(String city, double lat, double lon, double height) {
    }

    private final List<Bump> bumps;
    private final double[] direction;

    HiddenSignal(SplittableRandom r) {
        List<Vocabulary.City> cities = new ArrayList<>(Vocabulary.CITIES);
        List<Bump> b = new ArrayList<>(BUMPS);
        for (int k = 0; k < BUMPS; k++) {
            Vocabulary.City c = cities.remove(r.nextInt(cities.size()));
            double lat = c.lat() + 0.15 * r.nextGaussian();
            double lon = c.lon() + 0.15 * r.nextGaussian();
            double height = (r.nextBoolean() ? 1 : -1) * (0.8 + 0.8 * r.nextDouble());
            b.add(new Bump(c.name(), lat, lon, height));
        }
        this.bumps = List.copyOf(b);
        double[] d = new double[DIM];
        double norm = 0;
        for (int i = 0; i < DIM; i++) {
            d[i] = r.nextGaussian();
            norm += d[i] * d[i];
        }
        norm = Math.sqrt(norm);
        for (int i = 0; i < DIM; i++) {
            d[i] /= norm;
        }
        this.direction = d;
    }

    List<Bump> bumps() {
        return bumps;
    }

    /** The sum of the bumps at a point (before the strength and the home-distance part). */
    double bumpSum(double lat, double lon) {
        double s = 0;
        double twoW2 = 2 * LabelFormula.GEO_WIDTH * LabelFormula.GEO_WIDTH;
        for (Bump b : bumps) {
            double dl = lat - b.lat();
            double dn = lon - b.lon();
            s += b.height() * StrictMath.exp(-(dl * dl + dn * dn) / twoW2);
        }
        return s;
    }

    /**
     * The written description vector (comma-separated, as in {@code user_data}) dotted with the hidden
     * direction; 0 for an author without a description. Uses the written, rounded numbers, so the value can
     * be recomputed from the public files.
     */
    double profileDot(String userDesc) {
        if (userDesc.isEmpty()) {
            return 0.0;
        }
        String[] parts = userDesc.split(",");
        if (parts.length != DIM) {
            throw new IllegalStateException("description vector has " + parts.length + " values, expected " + DIM);
        }
        double s = 0;
        for (int i = 0; i < DIM; i++) {
            s += Double.parseDouble(parts[i]) * direction[i];
        }
        return s;
    }

    /** The draws, for {@code ground_truth.json}. */
    Map<String, Object> describe() {
        List<Map<String, Object>> bs = new ArrayList<>();
        for (Bump b : bumps) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("near_city", b.city());
            m.put("lat", b.lat());
            m.put("lon", b.lon());
            m.put("height", b.height());
            bs.add(m);
        }
        List<Double> dir = new ArrayList<>(DIM);
        for (double v : direction) {
            dir.add(v);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("bumps", bs);
        m.put("direction", dir);
        return m;
    }
}
