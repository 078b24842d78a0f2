package io.vigil.watchlist.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class CsvLinesTest {

    @Test
    void rowsKeepTheLineTheyStartOnAndAnUnclosedQuoteNamesItsLine() throws WatchlistException {
        List<CsvLines.Row> rows = CsvLines.parse("\uFEFFname,photo\n\"Doe, \"\"J\"\"\n(alias)\",a.jpg\n\nRoe,b.jpg\n");
        assertEquals(List.of(new CsvLines.Row(1, List.of("name", "photo")),
                new CsvLines.Row(2, List.of("Doe, \"J\"\n(alias)", "a.jpg")),
                new CsvLines.Row(5, List.of("Roe", "b.jpg"))), rows);
        WatchlistException e = assertThrows(WatchlistException.class, () -> CsvLines.parse("name,photo\nRoe,b.jpg\n\"Doe,a.jpg\n"));
        assertEquals("line 3: a quoted field is not closed", e.getMessage());
    }
}
