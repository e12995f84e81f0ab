package io.hyperfusion.models.options;

import io.hyperfusion.models.ModelFamilies;
import io.hyperfusion.models.ModelFamily;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;

/**
 * The option list of docs/CONFIG.md, generated from the member families' {@link OptionTable}s, so the docs cannot drift
 * from what the code accepts ({@code OptionDocsTest} fails when they differ). {@link #main} rewrites the section.
 */
public final class OptionDocs {
    /** The line before the generated section. */
    public static final String BEGIN = "<!-- family options: generated from the option tables by OptionDocs; "
            + "do not edit by hand -->";
    /** The line after it. */
    public static final String END = "<!-- end of family options -->";

    private OptionDocs() {
    }

    /** One heading and one table per family that has options. */
    public static String markdown(Collection<ModelFamily> families) {
        StringBuilder sb = new StringBuilder();
        for (ModelFamily f : families) {
            if (f.options().isEmpty()) {
                continue;
            }
            OptionTable<?> t = f.options().get();
            sb.append("\n#### `").append(f.name()).append("`\n\n").append(capitalise(f.summary())).append(".\n\n")
                    .append("| option | type | allowed | default | ").append(t.displayName())
                    .append("'s name | meaning |\n|---|---|---|---|---|---|\n");
            t.markdownRows().forEach(r -> sb.append(r).append('\n'));
        }
        return sb.toString();
    }

    /** {@code doc} with the text between {@link #BEGIN} and {@link #END} replaced by {@code section}. */
    public static String replaceSection(String doc, String section) {
        int b = doc.indexOf(BEGIN);
        int e = doc.indexOf(END);
        if (b < 0 || e < b) {
            throw new IllegalArgumentException("expected the lines " + BEGIN + " and " + END + " in the document");
        }
        return doc.substring(0, b + BEGIN.length()) + "\n" + section + "\n" + doc.substring(e);
    }

    /** The generated section of {@code doc}, as {@link #replaceSection} would write it. */
    public static String section(String doc) {
        int b = doc.indexOf(BEGIN);
        int e = doc.indexOf(END);
        return b < 0 || e < b ? "" : doc.substring(b + BEGIN.length() + 1, e - 1);
    }

    /** Rewrites the section of the file {@code args[0]} (docs/CONFIG.md) from the registered member families. */
    public static void main(String[] args) throws IOException {
        Path file = Path.of(args.length > 0 ? args[0] : "docs/CONFIG.md");
        String doc = Files.readString(file, StandardCharsets.UTF_8);
        Files.writeString(file, replaceSection(doc, markdown(ModelFamilies.memberFamilies())), StandardCharsets.UTF_8);
        System.out.println("rewrote the family options of " + file);
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
