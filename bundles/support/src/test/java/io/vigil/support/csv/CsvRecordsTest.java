package io.vigil.support.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CsvRecordsTest {

    @Test
    void quotedFieldsKeepCommasQuotesAndLineBreaksAndRecordsKeepTheirFirstLine() throws Exception {
        String text = "\uFEFFname,reference,photo\r\n"
                + "\"Doe, Jane\",\"said \"\"hi\"\"\",a.jpg\r\n"
                + "\r\n"
                + "\"two\nlines\",x, b.jpg \n"
                + "last,,c.jpg";
        List<CsvRecords.Record> records = CsvRecords.read(text);
        assertEquals(List.of(
                new CsvRecords.Record(1, List.of("name", "reference", "photo")),
                new CsvRecords.Record(2, List.of("Doe, Jane", "said \"hi\"", "a.jpg")),
                new CsvRecords.Record(4, List.of("two\nlines", "x", " b.jpg ")),
                new CsvRecords.Record(6, List.of("last", "", "c.jpg"))), records);
    }

    @Test
    void anUnclosedQuoteIsReportedAtTheLineItsRecordStarts() {
        CsvRecords.Malformed e = assertThrows(CsvRecords.Malformed.class,
                () -> CsvRecords.read("a,b\n1,2\n\"open,3\n4,5\n"));
        assertEquals(3, e.line());
        assertEquals(List.of(new CsvRecords.Record(1, List.of("a", "b")), new CsvRecords.Record(2, List.of("1", "2"))), e.before());
        assertTrue(e.getMessage().contains("not closed"), e.getMessage());
    }

    @Test
    void emptyTextHasNoRecords() throws Exception {
        assertEquals(List.of(), CsvRecords.read(""));
        assertEquals(List.of(), CsvRecords.read("\n\n"));
    }
}
