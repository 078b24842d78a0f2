package io.vigil.compliance.internal.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.api.alert.Alert;
import io.vigil.api.alert.AlertState;
import io.vigil.api.compliance.ComplianceTopics;
import io.vigil.api.inventory.HeldSubject;
import io.vigil.api.inventory.InventorySnapshot;
import io.vigil.api.inventory.WatchlistHoldings;
import io.vigil.compliance.internal.store.StorageException;
import io.vigil.testing.MutableClock;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Counting, thresholds, early warnings, change and cancellation filings on a real SQLite ledger. */
class LedgerTest {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final JurisdictionProfile CN = new JurisdictionProfile("CN", "China", 100_000, List.of(80, 95), 30,
            5, List.of(100_000L, 1_000_000L), List.of("file within 30 working days"));

    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock(Instant.parse("2025-09-01T02:00:00Z"));
    private final List<String> alarms = new ArrayList<>();
    private final List<LedgerWarning> warned = new ArrayList<>();
    private Ledger ledger;
    private WorkingDayCalendar calendar;

    @BeforeEach
    void open() throws Exception {
        ledger = Ledger.open(dir.resolve("ledger.db"), clock, SHANGHAI);
        calendar = WorkingDayCalendar.shipped();
    }

    @AfterEach
    void close() {
        ledger.close();
    }

    private void on(String day) {
        clock.set(LocalDate.parse(day).atTime(10, 0).atZone(SHANGHAI).toInstant());
    }

    /** {@code n} synthetic people on "bulk", the first {@code shared} of them also on "second" (same reference). */
    static InventorySnapshot inventory(int n, int shared, String legalBasis) {
        List<HeldSubject> bulk = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            bulk.add(new HeldSubject("S-" + i, "reference:" + Integer.toHexString(i * 31 + 7), 1, 1));
        }
        List<HeldSubject> second = new ArrayList<>();
        for (int i = 0; i < shared; i++) {
            second.add(new HeldSubject("T-" + i, "reference:" + Integer.toHexString(i * 31 + 7), 2, 1));
        }
        return new InventorySnapshot(Instant.now(), List.of(
                new WatchlistHoldings("bulk", "SUSPECT", legalBasis, "Insp. Wang", bulk),
                new WatchlistHoldings("second", "MISSING_PERSON", legalBasis, "Insp. Wang", second)), "test", "test db");
    }

    private List<Ledger.Assessment> recompute(InventorySnapshot inv, List<Alert> alerts) throws Exception {
        LedgerCounts counts = LedgerCounts.compute(inv, alerts, List.of(), Map.of(), clock.instant());
        return ledger.record(counts, facts(counts, List.of("watchlists.db")), List.of(CN), calendar, this::told);
    }

    private void told(LedgerWarning w) {
        warned.add(w);
        alarms.add(w.message());
    }

    private static Ledger.FiledFacts facts(LedgerCounts counts, List<String> storage) {
        return new Ledger.FiledFacts(counts.purposes(), storage, List.of("AES-256-GCM"), CN.bandText(counts.individuals()));
    }

    private static Alert dismissed(int i) {
        return new Alert("A-" + i, "D-1", "cam-1", Optional.empty(), Instant.parse("2025-09-01T00:00:00Z"), i, "bulk",
                "S-1", 0.6f, 0.5f, AlertState.DISMISSED, Instant.parse("2025-09-01T00:00:00Z"), Optional.empty());
    }

    @Test
    void subjectsOnTwoListsCountOnceAndDismissedAlertsCountAsUnknownPeople() {
        LedgerCounts c = LedgerCounts.compute(inventory(10, 4, "PSL art. 8"), List.of(dismissed(1), dismissed(2)), List.of(),
                Map.of(), Instant.now());
        assertEquals(12, c.individuals(), "10 listed people (4 of them on both lists) and 2 unknown faces");
        assertEquals(2, c.unknownIndividuals());
        assertEquals(10 + 8, c.templates());
        assertEquals(10 + 4 + 2 * LedgerCounts.IMAGES_PER_ALERT, c.images());
        assertEquals(new Tally(4, 8, 4), c.byWatchlist().get("second"));
    }

    @Test
    void earlyWarningsAt80And95PercentThenTheCrossingOfAHundredThousandWithItsDeadline() throws Exception {
        on("2025-09-01");
        recompute(inventory(79_999, 0, "PSL art. 8"), List.of());
        assertTrue(alarms.isEmpty(), alarms.toString());

        on("2025-09-10");
        List<Ledger.Assessment> a = recompute(inventory(80_000, 0, "PSL art. 8"), List.of());
        assertEquals(1, alarms.size(), alarms.toString());
        assertTrue(alarms.get(0).contains("80% of the filing threshold"), alarms.get(0));
        assertTrue(a.get(0).warnings().get(0).contains("80% of the filing threshold 100000 reached"));
        assertEquals(Map.of(80, LocalDate.parse("2025-09-10")), ledger.warningsReached("CN"));

        on("2025-09-20");
        recompute(inventory(95_000, 0, "PSL art. 8"), List.of());
        assertTrue(alarms.get(1).contains("95%"), alarms.toString());

        // 99,990 subjects on one list, 5,000 of them also on another, and 10 dismissed alerts: 100,000 people
        on("2025-09-26");
        List<Alert> alerts = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            alerts.add(dismissed(i));
        }
        long start = System.nanoTime();
        a = recompute(inventory(99_990, 5_000, "PSL art. 8"), alerts);
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertTrue(ms < 30_000, "recomputed in " + ms + " ms");
        assertEquals(100_000, a.get(0).individuals());
        assertEquals(Optional.of(LocalDate.parse("2025-09-26")), a.get(0).crossedOn());
        Obligation initial = ledger.obligations("CN").get(0);
        assertEquals("INITIAL", initial.kind());
        assertEquals(LocalDate.parse("2025-11-13"), initial.deadline(), "30 PRC working days across National Day");
        assertTrue(alarms.get(2).contains("crossed on 2025-09-26") && alarms.get(2).contains("by 2025-11-13"), alarms.get(2));

        // recomputing again the same day changes nothing
        recompute(inventory(99_990, 5_000, "PSL art. 8"), alerts);
        assertEquals(1, ledger.obligations("CN").size());
        assertEquals(3, alarms.size());
        assertEquals(100_000, ledger.history(30).get(ledger.history(30).size() - 1).individuals());
        assertEquals(4, ledger.history(30).size(), "one history row per day");
    }

    @Test
    void aChangeOfPurposeAfterTheFilingIsAChangeFilingWithItsOwnDeadlineAndStoppingIsACancellation() throws Exception {
        on("2025-09-26");
        recompute(inventory(100_000, 0, "PSL art. 8"), List.of());
        assertTrue(ledger.filed("CN", "INITIAL", LocalDate.parse("2025-10-20"), "CAC-SH-2025-0001"));

        on("2025-09-30");
        recompute(inventory(100_000, 0, "PSL art. 8; anti-terrorism law art. 50"), List.of());
        Obligation change = ledger.obligations("CN").get(1);
        assertEquals("CHANGE", change.kind());
        assertTrue(change.reason().startsWith("purpose changed"), change.reason());
        assertEquals(LocalDate.parse("2025-11-18"), change.deadline());

        // a growth past the next count band while the change filing is open: no second change opened
        on("2025-10-09");
        recompute(inventory(1_000_000, 0, "PSL art. 8; anti-terrorism law art. 50"), List.of());
        assertEquals(2, ledger.obligations("CN").size());
        assertTrue(ledger.filed("CN", "CHANGE", LocalDate.parse("2025-10-10"), "CAC-SH-2025-0001-C1"));

        on("2025-10-13");
        recompute(inventory(0, 0, "-"), List.of());
        List<Obligation> all = ledger.obligations("CN");
        Obligation cancel = all.stream().filter(o -> o.kind().equals("CANCELLATION")).findFirst().orElseThrow();
        assertEquals(LocalDate.parse("2025-11-24"), cancel.deadline());
        assertTrue(alarms.stream().anyMatch(s -> s.contains("cancellation filing due by 2025-11-24")), alarms.toString());
    }

    @Test
    void eachWarningIsKeptWithItsKindCountThresholdAndDeadlineUntilPosted() throws Exception {
        on("2025-09-10");
        recompute(inventory(80_000, 0, "PSL art. 8"), List.of());
        on("2025-09-26");
        recompute(inventory(100_000, 0, "PSL art. 8"), List.of());
        assertEquals(List.of(ComplianceTopics.EARLY_WARNING, ComplianceTopics.EARLY_WARNING, ComplianceTopics.THRESHOLD_CROSSED),
                warned.stream().map(LedgerWarning::kind).toList(), "80 % on the 10th; 95 % and the crossing on the 26th");
        LedgerWarning crossed = warned.get(2);
        assertEquals(100_000, crossed.count());
        assertEquals(100_000, crossed.threshold());
        assertEquals(Optional.of(LocalDate.parse("2025-11-13")), crossed.deadline());
        assertTrue(warned.get(0).deadline().isEmpty(), "an early warning has no deadline");

        assertEquals(warned.stream().map(LedgerWarning::id).toList(), ledger.unposted().stream().map(LedgerWarning::id).toList(),
                "written before they were told, all waiting for Event Admin");
        ledger.posted(warned.get(0).id(), "2025-09-26T02:00:00Z");
        ledger.posted(warned.get(1).id(), "2025-09-26T02:00:00Z");
        assertEquals(List.of(crossed.id()), ledger.unposted().stream().map(LedgerWarning::id).toList());
        assertEquals(crossed, ledger.unposted().get(0));
    }

    @Test
    void anOpenFilingsDeadlineIsWarnedOfOnceWhenFiveWorkingDaysRemainAndOnceWhenItHasPassed() throws Exception {
        on("2025-09-26");
        recompute(inventory(100_000, 0, "PSL art. 8"), List.of());   // due 2025-11-13 (a Thursday)
        warned.clear();                                               // the early warnings and the crossing
        on("2025-11-05");                                             // 6 working days left: nothing yet
        recompute(inventory(100_000, 0, "PSL art. 8"), List.of());
        assertEquals(0, warned.size(), alarms.toString());
        on("2025-11-06");                                             // 5 left
        recompute(inventory(100_000, 0, "PSL art. 8"), List.of());
        on("2025-11-07");
        recompute(inventory(100_000, 0, "PSL art. 8"), List.of());
        assertEquals(1, warned.size(), alarms.toString());
        LedgerWarning approaching = warned.get(0);
        assertEquals(ComplianceTopics.DEADLINE_APPROACHING, approaching.kind());
        assertTrue(approaching.message().contains("5 working days left"), approaching.message());

        on("2025-11-13");                                             // the last day: not overdue yet
        recompute(inventory(100_000, 0, "PSL art. 8"), List.of());
        assertEquals(1, warned.size(), alarms.toString());
        on("2025-11-14");
        List<Ledger.Assessment> a = recompute(inventory(100_000, 0, "PSL art. 8"), List.of());
        on("2025-11-17");
        recompute(inventory(100_000, 0, "PSL art. 8"), List.of());
        assertEquals(2, warned.size(), alarms.toString());
        assertEquals(ComplianceTopics.DEADLINE_OVERDUE, warned.get(1).kind());
        assertEquals(Optional.of(LocalDate.parse("2025-11-13")), warned.get(1).deadline());
        assertTrue(a.get(0).warnings().stream().anyMatch(w -> w.contains("OVERDUE")), a.get(0).warnings().toString());

        // filed late: nothing more is told about it
        assertTrue(ledger.filed("CN", "INITIAL", LocalDate.parse("2025-11-17"), "CAC-SH-2025-0009"));
        on("2025-11-20");
        recompute(inventory(100_000, 0, "PSL art. 8"), List.of());
        assertEquals(2, warned.size(), alarms.toString());
    }

    @Test
    void useStoppedOpensTheCancellationFilingAuditedAndOnlyOnce() throws Exception {
        on("2025-09-26");
        recompute(inventory(100_000, 0, "PSL art. 8"), List.of());
        assertTrue(ledger.filed("CN", "INITIAL", LocalDate.parse("2025-10-20"), "CAC-SH-2025-0001"));

        on("2025-12-01");
        // the audit trail cannot record: nothing is recorded
        StorageException refused = assertThrows(StorageException.class, () -> ledger.useStopped(CN,
                LocalDate.parse("2025-11-28"), "project ended", 100_000, calendar, o -> {
                    throw new StorageException("not recorded, because the audit trail could not record it: disk full");
                }, this::told));
        assertTrue(refused.getMessage().contains("audit trail"), refused.getMessage());
        assertEquals(1, ledger.obligations("CN").size());

        List<Obligation> audited = new ArrayList<>();
        Obligation o = ledger.useStopped(CN, LocalDate.parse("2025-11-28"), "  project ended  ", 100_000, calendar,
                audited::add, this::told);
        assertEquals("CANCELLATION", o.kind());
        assertEquals(LocalDate.parse("2025-11-28"), o.openedOn());
        assertEquals(LocalDate.parse("2026-01-12"), o.deadline(), "30 working days from the day after, across New Year");
        assertTrue(o.reason().startsWith("use stopped on 2025-11-28: project ended (100000 individuals"), o.reason());
        assertEquals(List.of(o), audited);
        LedgerWarning w = warned.get(warned.size() - 1);
        assertEquals(ComplianceTopics.CANCELLATION_DUE, w.kind());
        assertEquals(Optional.of(o.deadline()), w.deadline());

        IllegalStateException twice = assertThrows(IllegalStateException.class, () -> ledger.useStopped(CN,
                LocalDate.parse("2025-12-01"), "again", 100_000, calendar, audited::add, this::told));
        assertTrue(twice.getMessage().contains("opened on 2025-11-28 already"), twice.getMessage());
        // nor does emptying the lists later open a second cancellation
        recompute(inventory(0, 0, "-"), List.of());
        assertEquals(1, ledger.obligations("CN").stream().filter(x -> x.kind().equals("CANCELLATION")).count());
    }

    @Test
    void useStoppedIsRefusedWithoutAFilingWithoutAReasonOrInTheFuture() throws Exception {
        on("2025-09-01");
        recompute(inventory(10, 0, "PSL art. 8"), List.of());
        IllegalStateException never = assertThrows(IllegalStateException.class, () -> ledger.useStopped(CN,
                LocalDate.parse("2025-09-01"), "trial ended", 10, calendar, o -> { }, this::told));
        assertTrue(never.getMessage().contains("never crossed"), never.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ledger.useStopped(CN, LocalDate.parse("2025-09-01"), " ", 10,
                calendar, o -> { }, this::told));
        IllegalArgumentException future = assertThrows(IllegalArgumentException.class, () -> ledger.useStopped(CN,
                LocalDate.parse("2025-09-02"), "trial ended", 10, calendar, o -> { }, this::told));
        assertTrue(future.getMessage().contains("after today"), future.getMessage());
        assertTrue(ledger.obligations("CN").isEmpty());
    }
}
