package io.hyperfusion.ensemble.config;

/**
 * Two-stage training with pseudo-labels: after stage 1, unlabelled posts whose tier-2 members agree (low
 * spread) join training with their ensemble prediction as label and a reduced weight; refinement repeats while
 * the held-out SRC improves.
 *
 * @param rounds         refinement rounds at most (0 = off)
 * @param fraction       share of the unlabelled posts taken, those with the lowest member spread
 * @param weight         sample weight of a pseudo-labelled post (labelled posts weigh 1)
 * @param minImprovement held-out SRC gain a round must bring to be kept
 */
public record PseudoLabelSpec(int rounds, double fraction, double weight, double minImprovement) {
    public PseudoLabelSpec {
        if (rounds < 0 || rounds > 10) {
            throw new IllegalArgumentException("pseudo-label rounds must be in [0, 10], got " + rounds);
        }
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("pseudo-label fraction must be in (0, 1], got " + fraction);
        }
        if (!(weight > 0 && weight <= 1)) {
            throw new IllegalArgumentException("pseudo-label weight must be in (0, 1], got " + weight);
        }
        if (!(minImprovement >= 0)) {
            throw new IllegalArgumentException("pseudo-label minImprovement must be >= 0, got " + minImprovement);
        }
    }

    public static PseudoLabelSpec defaults() {
        return new PseudoLabelSpec(1, 0.3, 0.5, 0.0005);
    }

    public static PseudoLabelSpec off() {
        return new PseudoLabelSpec(0, 0.3, 0.5, 0.0005);
    }
}
