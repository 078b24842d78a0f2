package io.vigil.compliance.internal.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code vigil compliance status --json}: the documented shape, read back by a real JSON parser. */
class ComplianceStatusJsonTest {

    private static final JurisdictionProfile CN = new JurisdictionProfile("CN", "China: CAC/MPS", 100, List.of(80), 30, 5,
            List.of(100L), List.of("file within 30 working days"));
    private static final JurisdictionProfile UK = new JurisdictionProfile("UK", "UK: APP", 0, List.of(), 0, 0, List.of(),
            List.of("alerts kept <= 31 days"));

    private final ObjectMapper mapper = new ObjectMapper();

    private static LedgerCounts counts() {
        return new LedgerCounts(Instant.parse("2026-03-02T04:05:06Z"), 120, 130, 40, 2,
                Map.of("1", new Tally(120, 130, 40)), Map.of(), Map.of(), List.of("public safety"));
    }

    private static List<String> names(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }

    @Test
    void countsProfilesAndObligationsAreData() throws Exception {
        Obligation initial = new Obligation(1, "CN", "INITIAL", LocalDate.of(2026, 2, 1), LocalDate.of(2026, 3, 16),
                "threshold crossed", 120, Optional.empty(), "");
        List<Ledger.Assessment> all = List.of(
                new Ledger.Assessment(CN, 120, List.of("CN: filing due in 2 working days"), List.of(initial),
                        Optional.of(LocalDate.of(2026, 2, 1))),
                new Ledger.Assessment(UK, 120, List.of(), List.of(), Optional.empty()));
        JsonNode doc = mapper.readTree(ComplianceStatusJson.write(counts(), all, Optional.empty()));

        assertEquals(List.of("format", "counted_at", "individuals", "unknown_individuals", "templates", "images", "watchlists",
                "profiles", "problem", "ok"), names(doc));
        assertEquals(1, doc.get("format").asInt());
        assertEquals("2026-03-02T04:05:06Z", doc.get("counted_at").asText());
        assertEquals(120, doc.get("individuals").asLong());
        assertEquals(2, doc.get("unknown_individuals").asLong());
        assertEquals("1", doc.get("watchlists").get(0).get("watchlist").asText());
        assertEquals(130, doc.get("watchlists").get(0).get("templates").asLong());

        JsonNode cn = doc.get("profiles").get(0);
        assertEquals(List.of("code", "name", "count_triggered", "threshold", "individuals", "crossed_on", "obligations",
                "warnings", "rules"), names(cn));
        assertTrue(cn.get("count_triggered").asBoolean());
        assertEquals(100, cn.get("threshold").asLong());
        assertEquals("2026-02-01", cn.get("crossed_on").asText());
        JsonNode o = cn.get("obligations").get(0);
        assertEquals("INITIAL", o.get("kind").asText());
        assertEquals("2026-03-16", o.get("deadline").asText());
        assertTrue(o.get("open").asBoolean());
        assertTrue(o.get("filed_on").isNull() && o.get("reference").isNull());
        assertEquals("CN: filing due in 2 working days", cn.get("warnings").get(0).asText());

        JsonNode uk = doc.get("profiles").get(1);
        assertFalse(uk.get("count_triggered").asBoolean());
        assertTrue(uk.get("threshold").isNull(), "a profile without a count threshold has none, not 0");
        assertEquals("alerts kept <= 31 days", uk.get("rules").get(0).asText());
        assertFalse(doc.get("ok").asBoolean(), "a warning is not ok");
        assertTrue(doc.get("problem").isNull());
    }

    @Test
    void aFiledObligationAndAProblemAreStated() throws Exception {
        Obligation filed = new Obligation(1, "CN", "INITIAL", LocalDate.of(2026, 2, 1), LocalDate.of(2026, 3, 16),
                "threshold crossed", 120, Optional.of(LocalDate.of(2026, 3, 1)), "CAC-2026-7");
        JsonNode doc = mapper.readTree(ComplianceStatusJson.write(counts(),
                List.of(new Ledger.Assessment(CN, 120, List.of(), List.of(filed), Optional.of(LocalDate.of(2026, 2, 1)))),
                Optional.of("calendar file refused")));
        JsonNode o = doc.get("profiles").get(0).get("obligations").get(0);
        assertFalse(o.get("open").asBoolean());
        assertEquals("2026-03-01", o.get("filed_on").asText());
        assertEquals("CAC-2026-7", o.get("reference").asText());
        assertEquals("calendar file refused", doc.get("problem").asText());
        assertFalse(doc.get("ok").asBoolean());

        JsonNode quiet = mapper.readTree(ComplianceStatusJson.write(counts(), List.of(), Optional.empty()));
        assertTrue(quiet.get("ok").asBoolean());
    }
}
