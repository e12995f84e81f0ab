package io.hyperfusion.features.encode.clip;

import java.nio.charset.Charset;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A subset of Python's {@code html.unescape}, which CLIP's {@code basic_clean} applies twice: numeric
 * references ({@code &#39;}, {@code &#x27;}, semicolon optional) with Python's replacement rules, and the
 * named entities common in social-media titles ({@code &amp;}, {@code &quot;}, {@code &hellip;}, …; with a
 * semicolon). Unknown names are left as they are, as Python does.
 */
final class HtmlText {

    private static final Pattern REF = Pattern.compile("&(#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[A-Za-z][A-Za-z0-9]{1,31};)");
    private static final Charset CP1252 = Charset.forName("windows-1252");
    private static final Map<String, String> NAMED = Map.ofEntries(
            Map.entry("amp", "&"), Map.entry("lt", "<"), Map.entry("gt", ">"), Map.entry("quot", "\""),
            Map.entry("apos", "'"), Map.entry("nbsp", "\u00a0"), Map.entry("copy", "\u00a9"),
            Map.entry("reg", "\u00ae"), Map.entry("trade", "\u2122"), Map.entry("hellip", "\u2026"),
            Map.entry("mdash", "\u2014"), Map.entry("ndash", "\u2013"), Map.entry("lsquo", "\u2018"),
            Map.entry("rsquo", "\u2019"), Map.entry("sbquo", "\u201a"), Map.entry("ldquo", "\u201c"),
            Map.entry("rdquo", "\u201d"), Map.entry("bdquo", "\u201e"), Map.entry("laquo", "\u00ab"),
            Map.entry("raquo", "\u00bb"), Map.entry("euro", "\u20ac"), Map.entry("pound", "\u00a3"),
            Map.entry("yen", "\u00a5"), Map.entry("cent", "\u00a2"), Map.entry("sect", "\u00a7"),
            Map.entry("deg", "\u00b0"), Map.entry("plusmn", "\u00b1"), Map.entry("times", "\u00d7"),
            Map.entry("divide", "\u00f7"), Map.entry("middot", "\u00b7"), Map.entry("bull", "\u2022"),
            Map.entry("hearts", "\u2665"), Map.entry("star", "\u2606"), Map.entry("eacute", "\u00e9"),
            Map.entry("egrave", "\u00e8"), Map.entry("ecirc", "\u00ea"), Map.entry("aacute", "\u00e1"),
            Map.entry("agrave", "\u00e0"), Map.entry("acirc", "\u00e2"), Map.entry("auml", "\u00e4"),
            Map.entry("ouml", "\u00f6"), Map.entry("uuml", "\u00fc"), Map.entry("Auml", "\u00c4"),
            Map.entry("Ouml", "\u00d6"), Map.entry("Uuml", "\u00dc"), Map.entry("szlig", "\u00df"),
            Map.entry("ccedil", "\u00e7"), Map.entry("ntilde", "\u00f1"), Map.entry("oacute", "\u00f3"),
            Map.entry("uacute", "\u00fa"), Map.entry("iacute", "\u00ed"), Map.entry("aring", "\u00e5"),
            Map.entry("oslash", "\u00f8"));

    private HtmlText() {
    }

    /** Replaces character references like Python's {@code html.unescape} (for the supported names). */
    static String unescape(String s) {
        if (s.indexOf('&') < 0) {
            return s;
        }
        Matcher m = REF.matcher(s);
        StringBuilder out = new StringBuilder(s.length());
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(replacement(m.group(1), m.group())));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String replacement(String ref, String whole) {
        if (ref.charAt(0) != '#') {
            String name = ref.substring(0, ref.length() - 1);
            String v = NAMED.get(name);
            return v != null ? v : whole;
        }
        String digits = ref.endsWith(";") ? ref.substring(1, ref.length() - 1) : ref.substring(1);
        boolean hex = digits.startsWith("x") || digits.startsWith("X");
        long num;
        try {
            num = Long.parseLong(hex ? digits.substring(1) : digits, hex ? 16 : 10);
        } catch (NumberFormatException e) {
            num = Long.MAX_VALUE; // too many digits: out of range, like Python's huge int
        }
        return numeric(num);
    }

    /** Python's {@code _replace_charref} rules for {@code &#num;}. */
    private static String numeric(long num) {
        if (num == 0x00) {
            return "\ufffd";
        }
        if (num == 0x0d) {
            return "\r";
        }
        if (num >= 0x80 && num <= 0x9f) {
            // HTML5 reads these as windows-1252 bytes; the five unmapped ones stay as the C1 control itself.
            String c = new String(new byte[] {(byte) num}, CP1252);
            return c.equals("\ufffd") ? String.valueOf((char) num) : c;
        }
        if ((num >= 0xD800 && num <= 0xDFFF) || num > 0x10FFFF) {
            return "\ufffd";
        }
        int cp = (int) num;
        if ((cp >= 0x1 && cp <= 0x8) || cp == 0xb || (cp >= 0xe && cp <= 0x1f) || cp == 0x7f
                || (cp >= 0xfdd0 && cp <= 0xfdef) || (cp & 0xFFFE) == 0xFFFE) {
            return "";
        }
        return new String(Character.toChars(cp));
    }
}
