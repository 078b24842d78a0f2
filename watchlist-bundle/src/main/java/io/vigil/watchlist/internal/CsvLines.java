package io.vigil.watchlist.internal;

import io.vigil.support.csv.CsvRecords;
import java.util.List;

/**
 * RFC 4180 fields of a CSV text through the support library's Jackson CSV reader: commas, double
 * quotes around fields that hold commas, quotes or line breaks, doubled quotes inside them; a
 * leading byte order mark is ignored. Each record keeps the line it started on for reports.
 */
final class CsvLines {

    record Row(int line, List<String> fields) {
    }

    private CsvLines() {
    }

    static List<Row> parse(String text) throws WatchlistException {
        try {
            return CsvRecords.read(text).stream().map(r -> new Row(r.line(), r.fields())).toList();
        } catch (CsvRecords.Malformed e) {
            throw new WatchlistException("line " + e.line() + ": a quoted field is not closed", e);
        }
    }
}
