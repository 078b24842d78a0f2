package io.vigil.support.csv;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 records of a CSV text through Jackson CSV: commas, double quotes around fields that hold
 * commas, quotes or line breaks, doubled quotes inside them, CRLF or LF; a UTF-8 byte order mark
 * at the start (spreadsheets write one) is not part of the first field. Each record keeps the line
 * it starts on, so callers report bad rows by line. Blank lines are not records.
 */
public final class CsvRecords {

    /** One record: the line it starts on (from 1) and its fields as written (unquoted, not stripped). */
    public record Record(int line, List<String> fields) {
    }

    /** The text is not CSV (a quoted field not closed); {@code line} is where the bad record starts. */
    public static final class Malformed extends Exception {

        private static final long serialVersionUID = 1L;

        private final int line;
        private final transient List<Record> before;

        Malformed(int line, String message, Throwable cause, List<Record> before) {
            super(message, cause);
            this.line = line;
            this.before = List.copyOf(before);
        }

        public int line() {
            return line;
        }

        /** The records before the bad one, for callers that keep what was good. */
        public List<Record> before() {
            return before;
        }
    }

    private static final ObjectReader READER = new CsvMapper()
            .enable(CsvParser.Feature.WRAP_AS_ARRAY)
            .readerForListOf(String.class)
            .with(CsvSchema.emptySchema());

    private CsvRecords() {
    }

    public static List<Record> read(String text) throws Malformed {
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        List<Record> records = new ArrayList<>();
        int line = 1;
        try (MappingIterator<List<String>> rows = READER.readValues(body)) {
            JsonParser parser = rows.getParser();
            while (rows.hasNextValue()) {
                // where the parser stands once it has found the record: the line the record starts on
                line = parser.currentLocation().getLineNr();
                List<String> fields = rows.nextValue();
                if (!(fields.size() == 1 && fields.get(0).isBlank()) && !fields.isEmpty()) {
                    records.add(new Record(line, List.copyOf(fields)));
                }
            }
        } catch (JsonProcessingException e) {
            throw new Malformed(line, "a quoted field is not closed or the text is not CSV (" + e.getOriginalMessage() + ")", e, records);
        } catch (IOException | RuntimeException e) {
            // RuntimeJsonMappingException and friends carry the parse error as their cause
            throw new Malformed(line, "not CSV (" + e.getMessage() + ")", e, records);
        }
        return records;
    }
}
