package io.hyperfusion.app.report;

import java.util.List;
import java.util.Locale;

/**
 * Inline SVG charts for the HTML report: a scatter plot with the identity line, horizontal bar charts and paired
 * bars. Pure string building (no script, no external resource), XML-well-formed so the report parses as XHTML.
 */
final class Svg {
    static final String INK = "#1f2933";
    static final String GRID = "#e4e7eb";
    static final String ACCENT = "#2563eb";
    static final String WARM = "#ea580c";
    static final String MUTED = "#9aa5b1";

    private Svg() { }

    /** Escapes text for XML content and attribute values. */
    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c < 0x20 && c != '\n' && c != '\t' ? ' ' : c);
            }
        }
        return b.toString();
    }

    static String f(String fmt, Object... args) {
        return String.format(Locale.ROOT, fmt, args);
    }

    /** A scatter of {@code y} against {@code x} with the line y = x. */
    static String scatter(String id, double[] x, double[] y, String xLabel, String yLabel) {
        int w = 560;
        int h = 420;
        int l = 56;
        int r = 16;
        int t = 14;
        int b = 48;
        double lo = Math.min(min(x), min(y));
        double hi = Math.max(max(x), max(y));
        double[] ticks = ticks(lo, hi, 6);
        lo = Math.min(lo, ticks[0]);
        hi = Math.max(hi, ticks[ticks.length - 1]);
        double span = hi - lo == 0 ? 1 : hi - lo;
        StringBuilder s = open(id, w, h, "scatter of " + yLabel + " against " + xLabel);
        double fLo = lo;
        java.util.function.DoubleUnaryOperator px = v -> l + (v - fLo) / span * (w - l - r);
        java.util.function.DoubleUnaryOperator py = v -> h - b - (v - fLo) / span * (h - t - b);
        for (double v : ticks) {
            s.append(f("<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\"/>", px.applyAsDouble(v), t,
                    px.applyAsDouble(v), h - b, GRID));
            s.append(f("<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"%s\"/>", l, py.applyAsDouble(v),
                    w - r, py.applyAsDouble(v), GRID));
            s.append(f("<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" class=\"tick\">%s</text>", px.applyAsDouble(v),
                    h - b + 16, num(v)));
            s.append(f("<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" class=\"tick\">%s</text>", l - 6,
                    py.applyAsDouble(v) + 4, num(v)));
        }
        s.append(f("<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-dasharray=\"5 4\"/>",
                px.applyAsDouble(lo), py.applyAsDouble(lo), px.applyAsDouble(hi), py.applyAsDouble(hi), WARM));
        double radius = x.length > 2000 ? 1.6 : 2.6;
        for (int i = 0; i < x.length; i++) {
            s.append(f("<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\"/>", px.applyAsDouble(x[i]), py.applyAsDouble(y[i]), radius));
        }
        s.append(f("<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" class=\"axis\">%s</text>", (l + w - r) / 2, h - 10, esc(xLabel)));
        s.append(f("<text transform=\"translate(14 %d) rotate(-90)\" text-anchor=\"middle\" class=\"axis\">%s</text>",
                (t + h - b) / 2, esc(yLabel)));
        return s.append("</svg>").toString();
    }

    /** Horizontal bars, one per label, starting at 0 (negative values extend left). */
    static String hbars(String id, List<String> labels, double[] values, List<String> colors, String valueFormat) {
        int labelW = Math.min(260, 12 + 7 * labels.stream().mapToInt(String::length).max().orElse(4));
        int w = 640;
        int row = 22;
        int t = 8;
        int h = t + row * labels.size() + 8;
        double lo = Math.min(0, min(values));
        double hi = Math.max(0, max(values));
        double span = hi - lo == 0 ? 1 : hi - lo;
        int plotL = labelW + 8;
        int plotW = w - plotL - 70;
        StringBuilder s = open(id, w, h, "bar chart");
        double zero = plotL + (0 - lo) / span * plotW;
        for (int i = 0; i < labels.size(); i++) {
            double v = values[i];
            double x0 = plotL + (Math.min(0, v) - lo) / span * plotW;
            double bw = Math.abs(v) / span * plotW;
            int y = t + i * row;
            s.append(f("<text x=\"%d\" y=\"%d\" text-anchor=\"end\" class=\"label\">%s</text>", labelW, y + 15,
                    esc(labels.get(i))));
            s.append(f("<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" rx=\"2\" fill=\"%s\"/>", x0, y + 3,
                    Math.max(0.5, bw), row - 7, colors.get(i)));
            s.append(f("<text x=\"%.1f\" y=\"%d\" class=\"value\">%s</text>", Math.max(x0 + bw, zero) + 5, y + 15,
                    esc(String.format(Locale.ROOT, valueFormat, v))));
        }
        s.append(f("<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\"/>", zero, t, zero, h - 8, INK));
        return s.append("</svg>").toString();
    }

    /**
     * Pairs of bars per group (e.g. SRC before and after a pseudo-label round), on a shared axis from the smallest
     * to the largest value, with a caption under each group.
     */
    static String pairs(String id, List<String> groups, double[] first, double[] second, List<String> notes,
                        String firstName, String secondName) {
        int w = 640;
        int h = 260;
        int l = 56;
        int b = 54;
        int t = 26;
        double lo = Math.min(min(first), min(second));
        double hi = Math.max(max(first), max(second));
        double pad = Math.max(0.005, (hi - lo) * 0.25);
        double[] ticks = ticks(lo - pad, hi + pad, 5);
        double a = ticks[0];
        double z = ticks[ticks.length - 1];
        java.util.function.DoubleUnaryOperator py = v -> h - b - (v - a) / (z - a) * (h - t - b);
        StringBuilder s = open(id, w, h, "paired bar chart");
        for (double v : ticks) {
            s.append(f("<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"%s\"/>", l, py.applyAsDouble(v), w - 10,
                    py.applyAsDouble(v), GRID));
            s.append(f("<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" class=\"tick\">%s</text>", l - 6, py.applyAsDouble(v) + 4,
                    f("%.3f", v)));
        }
        double slot = (w - l - 10) / (double) groups.size();
        double bw = Math.min(48, slot / 3);
        for (int g = 0; g < groups.size(); g++) {
            double cx = l + slot * (g + 0.5);
            bar(s, cx - bw - 2, bw, py.applyAsDouble(first[g]), py.applyAsDouble(a), MUTED, f("%.4f", first[g]));
            bar(s, cx + 2, bw, py.applyAsDouble(second[g]), py.applyAsDouble(a), ACCENT, f("%.4f", second[g]));
            s.append(f("<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" class=\"label\">%s</text>", cx, h - b + 18, esc(groups.get(g))));
            s.append(f("<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" class=\"tick\">%s</text>", cx, h - b + 34, esc(notes.get(g))));
        }
        s.append(f("<rect x=\"%d\" y=\"6\" width=\"10\" height=\"10\" fill=\"%s\"/><text x=\"%d\" y=\"15\" class=\"tick\">%s</text>",
                l, MUTED, l + 14, esc(firstName)));
        s.append(f("<rect x=\"%d\" y=\"6\" width=\"10\" height=\"10\" fill=\"%s\"/><text x=\"%d\" y=\"15\" class=\"tick\">%s</text>",
                l + 150, ACCENT, l + 164, esc(secondName)));
        return s.append("</svg>").toString();
    }

    /** An SVG that only says why there is no chart (so every figure id exists). */
    static String empty(String id, String message) {
        return open(id, 640, 60, message).append(f("<text x=\"16\" y=\"34\" class=\"label\">%s</text></svg>", esc(message))).toString();
    }

    private static void bar(StringBuilder s, double x, double w, double top, double base, String color, String label) {
        s.append(f("<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>", x, top, w, Math.max(0.5, base - top), color));
        s.append(f("<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" class=\"tick\">%s</text>", x + w / 2, top - 4, label));
    }

    private static StringBuilder open(String id, int w, int h, String label) {
        return new StringBuilder(f("<svg id=\"%s\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\" aria-label=\"%s\">",
                esc(id), w, h, w, h, esc(label)));
    }

    /** About {@code n} round tick values covering [lo, hi] (Heckbert's "nice numbers", Graphics Gems, 1990). */
    static double[] ticks(double lo, double hi, int n) {
        if (!(hi > lo)) {
            hi = lo + 1;
        }
        double raw = (hi - lo) / Math.max(1, n - 1);
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double norm = raw / mag;
        double step = (norm < 1.5 ? 1 : norm < 3 ? 2 : norm < 7 ? 5 : 10) * mag;
        double start = Math.floor(lo / step) * step;
        double end = Math.ceil(hi / step) * step;
        int k = (int) Math.round((end - start) / step);
        double[] out = new double[k + 1];
        for (int i = 0; i <= k; i++) {
            out[i] = start + i * step;
        }
        return out;
    }

    private static String num(double v) {
        return Math.abs(v - Math.rint(v)) < 1e-9 ? f("%d", (long) Math.rint(v)) : f("%.1f", v);
    }

    private static double min(double[] v) {
        return java.util.Arrays.stream(v).min().orElse(0);
    }

    private static double max(double[] v) {
        return java.util.Arrays.stream(v).max().orElse(1);
    }
}
