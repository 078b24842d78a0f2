package io.vigil.compliance.internal.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.compliance.internal.filing.FilingContent;
import io.vigil.compliance.internal.filing.FilingForm;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The report is a value built from facts and a clock: the same facts and instant give the same content. */
class FilingReportBuilderTest {

    private static final Instant NOW = Instant.parse("2026-03-02T04:05:06Z");
    private static final JurisdictionProfile CN = new JurisdictionProfile("CN", "China", 100, List.of(80), 30, 5,
            List.of(100L, 1000L), List.of("file within 30 working days"));

    private static FilingReportBuilder.Facts facts(Optional<FilingReportBuilder.AuditFacts> audit) {
        LedgerCounts counts = new LedgerCounts(NOW, 120, 130, 40, 2, Map.of("1", new Tally(120, 130, 40)), Map.of(),
                Map.of(), List.of("public safety"));
        Obligation initial = new Obligation(1, "CN", "INITIAL", LocalDate.of(2026, 2, 1), LocalDate.of(2026, 3, 16),
                "threshold crossed", 120, Optional.empty(), "");
        Ledger.Assessment assessment = new Ledger.Assessment(CN, 120, List.of(), List.of(initial),
                Optional.of(LocalDate.of(2026, 2, 1)));
        return new FilingReportBuilder.Facts(CN, counts, assessment, Map.of(80, LocalDate.of(2026, 1, 20)), FilingForm.empty(),
                List.of("watchlists: /data/watchlists"), "sha256 of the reference", List.of("AES-256-GCM"), audit,
                "31 days", List.of(), List.of(),
                List.of(new Ledger.Day(LocalDate.of(2026, 3, 1), 120, 130, 40, 2, 121)));
    }

    private static Map<String, String> rows(FilingContent content, String section) {
        Map<String, String> out = new LinkedHashMap<>();
        content.sections().stream().filter(s -> s.english().equals(section)).findFirst().orElseThrow()
                .rows().forEach(r -> out.merge(r.english(), r.value(), (a, b) -> a + " | " + b));
        return out;
    }

    @Test
    void theReportIsDatedByTheInjectedClockAndStatesTheCounts() {
        FilingContent content = new FilingReportBuilder(Clock.fixed(NOW, ZoneOffset.UTC)).build(facts(Optional.empty()));
        assertEquals(NOW, content.generated());
        assertEquals("CN", content.profile());
        Map<String, String> quantity = rows(content, "Quantity of facial information stored");
        assertEquals("120", quantity.get("Distinct individuals"));
        assertEquals("2", quantity.get("of which unknown (dismissed alerts retained)"));
        assertEquals("2026-02-01", quantity.get("Threshold crossed on"));
        assertEquals("2026-03-16 (threshold crossed; open / 未备案)", quantity.get("Filing (INITIAL) deadline"));
        assertEquals("2026-01-20", quantity.get("Early warning 80% reached"));
        assertEquals(List.of(List.of("2026-03-01", "120", "130", "40", "2", "121")), content.history());
        // an empty form: every required field is listed as missing, and the pack says so
        assertEquals(FilingForm.REQUIRED, content.missing());
        assertEquals("none recorded", rows(content, "Deployments and cameras").get("Deployments and cameras"));
        assertEquals("not running: purges cannot be listed", rows(content, "Retention and purges").get("Audit trail"));
    }

    @Test
    void theAuditTrailsPurgesAreStatedPerAction() {
        Map<String, FilingReportBuilder.Purges> purges = new LinkedHashMap<>();
        purges.put("alert.deleted", new FilingReportBuilder.Purges(3, Optional.of("2026-03-01T00:00:00Z")));
        purges.put("watchlist.deleted", new FilingReportBuilder.Purges(0, Optional.empty()));
        FilingContent content = new FilingReportBuilder(Clock.fixed(NOW, ZoneOffset.UTC))
                .build(facts(Optional.of(new FilingReportBuilder.AuditFacts(183, purges))));
        Map<String, String> retention = rows(content, "Retention and purges");
        assertEquals("183 days", retention.get("Audit trail retention"));
        assertEquals("3 entries, last 2026-03-01T00:00:00Z", retention.get("Purges done: alert.deleted"));
        assertEquals("0 entries", retention.get("Purges done: watchlist.deleted"));
        assertEquals("31 days", retention.get("Alert retention"));
    }
}
