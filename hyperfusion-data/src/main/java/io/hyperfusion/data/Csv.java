package io.hyperfusion.data;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * The one CSV dialect of every table the project reads and writes (feature tables, score files, CatBoost tables),
 * through Apache Commons CSV: RFC 4180 (fields with a comma, quote or line break are quoted, a quote doubled), UTF-8,
 * records ended by {@code \n}, blank lines skipped when reading; numbers as {@link #number}.
 */
public final class Csv {
    /** The dialect. */
    public static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator('\n')
            .setIgnoreEmptyLines(true).get();

    private Csv() {
    }

    /** A printer of records onto {@code out} (a Writer or StringBuilder; closing the printer closes it). */
    public static CSVPrinter printer(Appendable out) throws IOException {
        return new CSVPrinter(out, FORMAT);
    }

    /** A parser of the records in {@code in}, the header being an ordinary first record. */
    public static CSVParser parser(Reader in) throws IOException {
        return CSVParser.builder().setReader(in).setFormat(FORMAT).get();
    }

    /** A record's fields, each trimmed of surrounding blanks when {@code trim}. */
    public static List<String> fields(CSVRecord r, boolean trim) {
        List<String> out = new ArrayList<>(r.size());
        for (String f : r) {
            out.add(trim ? f.trim() : f);
        }
        return out;
    }

    /** NaN → empty; integral values → no fraction; others → Java's shortest text that parses back to the same double. */
    public static String number(double v) {
        if (Double.isNaN(v)) {
            return "";
        }
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
