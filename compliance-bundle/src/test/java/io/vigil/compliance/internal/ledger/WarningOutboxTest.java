package io.vigil.compliance.internal.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.api.alert.RetentionPolicy;
import io.vigil.api.compliance.ComplianceTopics;
import io.vigil.testing.MutableClock;
import io.vigil.testing.RecordingEventAdmin;
import io.vigil.testing.RecordingLogger;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/** Ledger warnings to the chosen channels; what Event Admin missed is posted when it comes, even after a restart. */
class WarningOutboxTest {

    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock(Instant.parse("2025-09-26T02:00:00Z"));
    private final RecordingLogger logs = new RecordingLogger();
    private Ledger ledger;

    @BeforeEach
    void open() throws Exception {
        ledger = Ledger.open(dir.resolve("ledger.db"), clock, LedgerTest.SHANGHAI);
    }

    @AfterEach
    void close() {
        ledger.close();
    }

    /** Crosses the threshold: an early warning (80 %, 95 %) and the crossing are written and told to {@code outbox}. */
    private void cross(WarningOutbox outbox, Optional<EventAdmin> events) throws Exception {
        LedgerCounts counts = LedgerCounts.compute(LedgerTest.inventory(100_000, 0, "PSL art. 8"), List.of(), List.of(),
                Map.of(), clock.instant());
        ledger.record(counts, new Ledger.FiledFacts(counts.purposes(), List.of("db"), List.of("AES"), "x"),
                List.of(LedgerTest.CN), WorkingDayCalendar.shipped(), w -> outbox.tell(w, events));
    }

    @Test
    void postedOnEventAdminWithProfileKindCountThresholdAndDeadlineAndLogged() throws Exception {
        RecordingEventAdmin events = new RecordingEventAdmin();
        cross(new WarningOutbox(ledger, WarningChannels.ALL, logs.logger(), clock), Optional.of(events));

        assertEquals(3, events.posted().size(), events.posted().toString());
        assertTrue(events.sent().isEmpty(), "this module posts its events, never sends them synchronously");
        Event crossed = events.posted().get(2);
        assertEquals(ComplianceTopics.WARNING, crossed.getTopic());
        assertEquals("CN", crossed.getProperty(ComplianceTopics.PROFILE));
        assertEquals(ComplianceTopics.THRESHOLD_CROSSED, crossed.getProperty(ComplianceTopics.KIND));
        assertEquals(100_000L, crossed.getProperty(ComplianceTopics.COUNT));
        assertEquals(100_000L, crossed.getProperty(ComplianceTopics.THRESHOLD));
        assertEquals("2025-11-13", crossed.getProperty(ComplianceTopics.DEADLINE));
        assertEquals(null, events.posted().get(0).getProperty(ComplianceTopics.DEADLINE), "an early warning has no deadline");
        assertTrue(ledger.unposted().isEmpty());
        assertEquals(3, logs.lines.stream().filter(l -> l.startsWith("warn") && l.contains("Compliance")).count(), logs.lines.toString());
    }

    @Test
    void withoutEventAdminTheyWaitInTheLedgerAndGoOutOldestFirstWhenItComesEvenAfterARestart() throws Exception {
        cross(new WarningOutbox(ledger, WarningChannels.ALL, logs.logger(), clock), Optional.empty());
        assertEquals(3, ledger.unposted().size());

        ledger.close();
        ledger = Ledger.open(dir.resolve("ledger.db"), clock, LedgerTest.SHANGHAI);
        RecordingEventAdmin events = new RecordingEventAdmin();
        WarningOutbox restarted = new WarningOutbox(ledger, WarningChannels.ALL, logs.logger(), clock);
        assertEquals(3, restarted.post(Optional.of(events)));
        assertEquals(List.of(ComplianceTopics.EARLY_WARNING, ComplianceTopics.EARLY_WARNING, ComplianceTopics.THRESHOLD_CROSSED),
                events.posted().stream().map(e -> e.getProperty(ComplianceTopics.KIND)).toList());
        assertEquals(0, restarted.post(Optional.of(events)), "each is posted once");
    }

    @Test
    void channelsNotChosenAreNotUsedAndAreNotReplayedWhenChosenLater() throws Exception {
        RecordingEventAdmin events = new RecordingEventAdmin();
        WarningChannels statusOnly = WarningChannels.parse(new String[] {"status"});
        cross(new WarningOutbox(ledger, statusOnly, logs.logger(), clock), Optional.of(events));
        assertTrue(events.posted().isEmpty());
        assertTrue(logs.lines.stream().noneMatch(l -> l.contains("Compliance")), logs.lines.toString());
        assertEquals(0, new WarningOutbox(ledger, WarningChannels.ALL, logs.logger(), clock).post(Optional.of(events)));
    }

    @Test
    void channelNamesAreParsedFromAListOrOneCommaSeparatedValueAndAnUnknownOneIsRefused() {
        assertEquals(WarningChannels.ALL, WarningChannels.parse(new String[] {"log", "status", "eventadmin"}));
        assertEquals(new WarningChannels(true, false, true), WarningChannels.parse(new String[] {" log, EventAdmin "}));
        assertEquals(new WarningChannels(false, false, false), WarningChannels.parse(new String[] {""}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WarningChannels.parse(new String[] {"log,sms"}));
        assertTrue(e.getMessage().contains("'sms'"), e.getMessage());
    }

    @Test
    void vigilStatusShowsTheCountAndTheNearestDeadlineOrThatNoFilingIsDue() throws Exception {
        LedgerCounts counts = LedgerCounts.compute(LedgerTest.inventory(1, 0, "PSL art. 8"), List.of(), List.of(), Map.of(),
                clock.instant());
        List<Ledger.Assessment> one = ledger.record(counts, new Ledger.FiledFacts(counts.purposes(), List.of(), List.of(), "x"),
                List.of(LedgerTest.CN), WorkingDayCalendar.shipped(), w -> { });
        LocalDate today = ledger.today();
        assertEquals(new LedgerLine("CN: 1 of 100000 individuals; no filing due", false),
                LedgerLine.of(one, Optional.empty(), true, today));

        WarningOutbox quiet = new WarningOutbox(ledger, WarningChannels.ALL, logs.logger(), clock);
        cross(quiet, Optional.empty());
        List<Ledger.Assessment> crossed = List.of(new Ledger.Assessment(LedgerTest.CN, 100_000, List.of(),
                ledger.obligations("CN"), Optional.of(today)));
        assertEquals(new LedgerLine("CN: 100000 of 100000 individuals; initial filing due by 2025-11-13", false),
                LedgerLine.of(crossed, Optional.empty(), true, today));
        LedgerLine late = LedgerLine.of(crossed, Optional.empty(), true, LocalDate.parse("2025-11-14"));
        assertTrue(late.degraded() && late.text().endsWith("(OVERDUE)"), late.toString());
        assertEquals(new LedgerLine("CN: 100000 of 100000 individuals", false),
                LedgerLine.of(crossed, Optional.empty(), false, LocalDate.parse("2025-11-14")), "the status channel is off");
        assertEquals(new LedgerLine("ledger: not counted yet", false), LedgerLine.of(List.of(), Optional.empty(), true, today));
    }

    @Test
    void theFilingPackStatesTheAlertRetentionInForce() {
        // the alert store is another bundle: its contract stands in for it here (AlertServiceTest tests the store's side)
        assertEquals("31 days (io.vigil.alerts retention.days, the default)", AlertRetentionStatement.read(
                Optional.of(() -> Optional.of(new RetentionPolicy(31, 31, "io.vigil.alerts retention.days")))));
        assertEquals("90 days (io.vigil.alerts retention.days; default 31)",
                AlertRetentionStatement.of(new RetentionPolicy(90, 31, "io.vigil.alerts retention.days")));
        assertTrue(AlertRetentionStatement.read(Optional.of(Optional::empty)).startsWith("none in force"));
        assertTrue(AlertRetentionStatement.read(Optional.empty()).startsWith("unknown: the alert store is not running"));
    }
}
