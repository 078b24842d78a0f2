package io.vigil.watchlist.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.api.compliance.ComplianceTopics;
import io.vigil.api.face.FaceEmbedding;
import io.vigil.api.inventory.FacialDataInventory;
import io.vigil.api.inventory.InventorySnapshot;
import io.vigil.api.inventory.WatchlistHoldings;
import io.vigil.api.watchlist.WatchlistCategory;
import io.vigil.compliance.internal.ledger.JurisdictionProfile;
import io.vigil.compliance.internal.ledger.Ledger;
import io.vigil.compliance.internal.ledger.LedgerCounts;
import io.vigil.compliance.internal.ledger.LedgerWarning;
import io.vigil.compliance.internal.ledger.Obligation;
import io.vigil.compliance.internal.ledger.WorkingDayCalendar;
import io.vigil.testing.MemorySecretStore;
import io.vigil.testing.RecordingLogger;
import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10, end to end: 100,000 synthetic people enrolled through the store's bulk path into the
 * real encrypted SQLite watchlists, counted by the watchlist bundle's real {@link FacialDataInventory}
 * ({@link FacialDataInventoryService} over a {@link WatchlistService} opened on the same file), and
 * recorded by the compliance bundle's real {@link Ledger} (SQLite file, shipped PRC calendar) as
 * {@code LedgerService.recompute()} does it. Stand-ins: the secret store in memory, a clock set
 * to each day, and a logger that drops what it is told.
 *
 * <p>The photos' analysis (the inference bundle's models) is not part of it: each synthetic person
 * comes with a unit embedding and a few bytes for a photo, as in {@link FacialDataInventoryTest},
 * and goes in through {@link WatchlistStore#enrolAll}, the path {@code vigil watchlist import} ends in.
 */
class ThresholdCrossingEndToEndTest {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    /** LedgerService's CN profile with its configuration defaults (README, "io.vigil.compliance.ledger"). */
    static final JurisdictionProfile CN = new JurisdictionProfile("CN", "China: CAC/MPS Measures on facial recognition"
            + " (2025-06-01), Art. 15", 100_000, List.of(80, 95), 30, 5, List.of(100_000L, 1_000_000L, 10_000_000L),
            List.of("file with the provincial CAC within 30 working days once facial information of 100000 individuals"
                    + " is stored"));

    @TempDir
    Path dir;

    private final MemorySecretStore secrets = new MemorySecretStore();
    private final Random random = new Random(10);
    private final DayClock clock = new DayClock();
    private final List<LedgerWarning> told = new ArrayList<>();
    private WatchlistDatabase db;
    private WatchlistStore store;
    private WatchlistService watchlists;
    private FacialDataInventory inventory;
    private Ledger ledger;
    private WorkingDayCalendar calendar;

    /** A clock the test moves from day to day (10:00 in Shanghai). */
    static final class DayClock extends Clock {
        private volatile Instant now = Instant.parse("2025-09-01T02:00:00Z");

        void on(String day) {
            now = LocalDate.parse(day).atTime(10, 0).atZone(SHANGHAI).toInstant();
        }

        @Override
        public ZoneId getZone() {
            return SHANGHAI;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @BeforeEach
    void open() throws Exception {
        Path file = dir.resolve("watchlists").resolve("watchlists.db");
        // the watchlist bundle's service on the file (no BundleContext needed: the path is configured)
        watchlists = new WatchlistService(null, new WatchlistService.Config() {
            @Override
            public String database_path() {
                return file.toString();
            }

            @Override
            public Class<? extends Annotation> annotationType() {
                return WatchlistService.Config.class;
            }
        }, RecordingLogger.quiet(), secrets);
        assertTrue(watchlists.status().detail().contains("0 templates"), watchlists.status().detail());
        inventory = new FacialDataInventoryService(watchlists);
        // the bulk path writes through its own connection to the same file, with the same keys
        db = WatchlistDatabase.open(file);
        store = new WatchlistStore(db, secrets, new SecureRandom(), Clock.systemUTC());
        ledger = Ledger.open(dir.resolve("compliance").resolve("ledger.db"), clock, SHANGHAI);
        calendar = WorkingDayCalendar.shipped();
    }

    @AfterEach
    void close() {
        ledger.close();
        db.close();
        watchlists.deactivate();
    }

    private float[] unitVector() {
        float[] v = new float[512];
        double sum = 0;
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextGaussian();
            sum += v[i] * v[i];
        }
        float norm = (float) Math.sqrt(sum);
        for (int i = 0; i < v.length; i++) {
            v[i] /= norm;
        }
        return v;
    }

    /** People {@code from} to {@code to - 1}: reference REF-i, named by {@code prefix}. */
    private List<SubjectEnrolment> people(String prefix, int from, int to) {
        List<SubjectEnrolment> out = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            byte[] image = ("SYNTHETIC-" + prefix + i).getBytes(StandardCharsets.UTF_8);
            out.add(new SubjectEnrolment(prefix + i, "REF-" + i, "", "administrator (import)", Optional.empty(),
                    List.of(new EnrolmentPhoto(image, PhotoEnrolment.sha256(image),
                            new FaceEmbedding("synthetic", "1+test", unitVector()), 0.9f))));
        }
        return out;
    }

    private Watchlist list(String name, WatchlistCategory category) throws WatchlistException {
        return store.create(new NewWatchlist(name, category, "PSL art. 8", "Insp. Wang", Optional.empty(), Optional.empty(),
                1, 0.51f));
    }

    private long enrolMs;
    private final List<String> timings = new ArrayList<>();

    private void enrol(Watchlist w, List<SubjectEnrolment> people) throws WatchlistException {
        long start = System.nanoTime();
        assertEquals(people.size(), store.enrolAll(w, people).size());
        long ms = (System.nanoTime() - start) / 1_000_000;
        enrolMs += ms;
        timings.add(String.format("  enrolled %6d on %-8s in %6d ms", people.size(), w.name(), ms));
    }

    /** What LedgerService.recompute() does, with the inventory as the only source (no alerts, deployments, cameras). */
    private List<Ledger.Assessment> recompute(String day) throws Exception {
        clock.on(day);
        long start = System.nanoTime();
        InventorySnapshot snapshot = inventory.snapshot();
        long counted = System.nanoTime();
        LedgerCounts counts = LedgerCounts.compute(snapshot, List.of(), List.of(), Map.of(), snapshot.takenAt());
        Ledger.FiledFacts facts = new Ledger.FiledFacts(counts.purposes(), List.of("watchlists: " + snapshot.storage()),
                List.of("watchlist records sealed with AES-256-GCM, one data key per watchlist"), CN.bandText(counts.individuals()));
        List<Ledger.Assessment> a = ledger.record(counts, facts, List.of(CN), calendar, told::add);
        long recorded = System.nanoTime();
        long subjects = snapshot.watchlists().stream().mapToLong(w -> w.subjects().size()).sum();
        timings.add(String.format("  %s: %6d subjects, %6d individuals; inventory snapshot %5d ms, ledger counts and record"
                + " %5d ms", day, subjects, counts.individuals(), (counted - start) / 1_000_000, (recorded - counted) / 1_000_000));
        return a;
    }

    private List<String> kinds() {
        return told.stream().map(LedgerWarning::kind).toList();
    }

    @Test
    void aHundredThousandPeopleBulkEnrolledCrossTheCnThresholdInTheLedgerAndOneLessIsAChangeToFile() throws Exception {
        long start = System.nanoTime();

        // 80,000 suspects: the 80 % early warning
        Watchlist suspects = list("suspects", WatchlistCategory.SUSPECT);
        enrol(suspects, people("S", 0, 80_000));
        List<Ledger.Assessment> a = recompute("2025-09-10");
        assertEquals(80_000, a.get(0).individuals());
        assertEquals(List.of(ComplianceTopics.EARLY_WARNING), kinds());
        assertTrue(told.get(0).message().contains("80% of the filing threshold (100000)"), told.get(0).message());
        assertEquals(Optional.empty(), a.get(0).crossedOn());

        // 15,000 more on a second list: the 95 % early warning
        Watchlist other = list("other", WatchlistCategory.OTHER);
        enrol(other, people("O", 80_000, 95_000));
        a = recompute("2025-09-20");
        assertEquals(95_000, a.get(0).individuals());
        assertEquals(List.of(ComplianceTopics.EARLY_WARNING, ComplianceTopics.EARLY_WARNING), kinds());
        assertTrue(told.get(1).message().contains("95% of the filing threshold"), told.get(1).message());
        assertEquals(Map.of(80, LocalDate.parse("2025-09-10"), 95, LocalDate.parse("2025-09-20")), ledger.warningsReached("CN"));

        // 5,000 new people and 500 already listed as suspects (same references) on a third: 100,000 individuals
        Watchlist missing = list("missing", WatchlistCategory.MISSING_PERSON);
        List<SubjectEnrolment> third = people("M", 95_000, 100_000);
        third.addAll(people("Again", 0, 500));
        enrol(missing, third);
        a = recompute("2025-09-26");
        InventorySnapshot held = inventory.snapshot();
        assertEquals(List.of("missing", "other", "suspects"), held.watchlists().stream().map(WatchlistHoldings::name).toList());
        assertEquals(100_500, held.watchlists().stream().mapToLong(w -> w.subjects().size()).sum(), "subjects on the lists");
        assertEquals(100_000, a.get(0).individuals(), "each reference once across the lists");
        assertEquals(Optional.of(LocalDate.parse("2025-09-26")), a.get(0).crossedOn());
        Obligation initial = ledger.obligations("CN").get(0);
        assertEquals("INITIAL", initial.kind());
        assertEquals(LocalDate.parse("2025-09-26"), initial.openedOn());
        assertEquals(LocalDate.parse("2025-11-13"), initial.deadline(), "30 PRC working days across National Day");
        assertEquals(100_000, initial.count());
        assertEquals(List.of(ComplianceTopics.EARLY_WARNING, ComplianceTopics.EARLY_WARNING,
                ComplianceTopics.THRESHOLD_CROSSED), kinds());
        LedgerWarning crossed = told.get(2);
        assertEquals(100_000, crossed.count());
        assertEquals(Optional.of(LocalDate.parse("2025-11-13")), crossed.deadline());
        assertTrue(crossed.message().contains("crossed on 2025-09-26") && crossed.message().contains("by 2025-11-13"),
                crossed.message());

        // one person (on "missing" only) removed: 99,999. The crossing and its filing stay; falling
        // below 100,000 crosses the first count band, which is a change to file (cn.count.bands)
        assertTrue(store.removeSubject(missing, "M95000"));
        a = recompute("2025-09-29");
        assertEquals(99_999, a.get(0).individuals());
        assertEquals(Optional.of(LocalDate.parse("2025-09-26")), a.get(0).crossedOn(), "the crossing is not undone");
        List<Obligation> obligations = ledger.obligations("CN");
        assertEquals(List.of("INITIAL", "CHANGE"), obligations.stream().map(Obligation::kind).toList());
        assertTrue(obligations.get(0).open(), "the initial filing is still due");
        Obligation change = obligations.get(1);
        assertEquals(LocalDate.parse("2025-09-29"), change.openedOn());
        assertEquals("count band changed: 100000 - 999999 -> < 100000", change.reason());
        assertEquals(calendar.deadline(LocalDate.parse("2025-09-29"), 30), change.deadline());
        assertEquals(LocalDate.parse("2025-11-17"), change.deadline(), "one working day before LedgerTest's 2025-09-30 change");
        assertEquals(List.of(ComplianceTopics.EARLY_WARNING, ComplianceTopics.EARLY_WARNING,
                ComplianceTopics.THRESHOLD_CROSSED, ComplianceTopics.CHANGE_DUE), kinds(), "no early warning told twice");
        assertTrue(a.get(0).warnings().stream().anyMatch(w -> w.contains("95% of the filing threshold 100000 reached")),
                a.get(0).warnings().toString());
        List<Ledger.Day> history = ledger.history(30);
        assertEquals(List.of(80_000L, 95_000L, 100_000L, 99_999L), history.stream().map(Ledger.Day::individuals).toList());
        assertEquals(List.of("2025-09-10", "2025-09-20", "2025-09-26", "2025-09-29"),
                history.stream().map(d -> d.day().toString()).toList());

        long total = (System.nanoTime() - start) / 1_000_000;
        System.out.println("threshold crossing end to end (" + total + " ms in all, enrolment " + enrolMs + " ms):");
        timings.forEach(System.out::println);
        told.forEach(w -> System.out.println("  told: " + w.kind() + ": " + w.message()));
        assertTrue(total < 120_000, "took " + total + " ms");
    }
}
