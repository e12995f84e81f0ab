package io.hyperfusion.features.io;

import java.util.ArrayList;
import java.util.List;

/** The small part of RFC 4180 the feature tables need: quoting, number formatting and splitting a line. */
final class Csv {

    private Csv() {
    }

    /** {@code s} as a CSV field: quoted when it holds a comma, quote, CR or LF. */
    static String quote(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    /** NaN → nothing; integral values → no fraction; others → Java's shortest round-trip form. */
    static void appendNumber(StringBuilder sb, double v) {
        if (Double.isNaN(v)) {
            return;
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            sb.append((long) v);
        } else {
            sb.append(v);
        }
    }

    /**
     * Splits one record; returns null when a quoted field is still open at the end of {@code line} (the record
     * continues on the next line).
     */
    static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        int i = 0;
        while (i < line.length()) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(ch);
                }
            } else if (ch == '"' && field.isEmpty()) {
                quoted = true;
            } else if (ch == ',') {
                out.add(field.toString());
                field.setLength(0);
            } else {
                field.append(ch);
            }
            i++;
        }
        if (quoted) {
            return null;
        }
        out.add(field.toString());
        return out;
    }
}
