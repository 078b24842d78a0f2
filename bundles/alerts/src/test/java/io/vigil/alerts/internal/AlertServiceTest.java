package io.vigil.alerts.internal;

import static io.vigil.alerts.internal.AlertFixture.T0;
import static io.vigil.alerts.internal.AlertFixture.evidence;
import static io.vigil.alerts.internal.AlertFixture.recognition;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.api.alert.Alert;
import io.vigil.api.alert.AlertState;
import io.vigil.api.alert.AlertTopics;
import io.vigil.api.alert.RecognitionEvidence;
import io.vigil.api.audit.AuditActions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.service.event.Event;

/** The store: durable before announced, one alert per pass of a track, evidence never in plain. */
class AlertServiceTest {

    @TempDir
    Path data;

    @Test
    void aRecognitionStoredButNotAnnouncedIsAnnouncedAfterReopening() throws Exception {
        AlertFixture f = new AlertFixture(data);
        // no Event Admin and no audit trail: the commit is all that happens before the "crash"
        AlertService first = f.startAlone();
        Alert stored = first.store(recognition("cam-1", 7, "S-AAA", 0.62f, 0.7f, T0), evidence(1));
        assertEquals(AlertState.NEW, stored.state());
        assertTrue(first.status().detail().contains("1 announcements waiting"), first.status().detail());
        first.deactivate();
        assertTrue(f.events.posted().isEmpty());
        assertTrue(f.audit.entries().isEmpty());

        AlertService second = f.start();
        try {
            List<Event> posted = f.events.await(1);
            assertEquals(1, posted.size(), "announced once after the restart");
            assertEquals(AlertTopics.STORED, posted.get(0).getTopic());
            assertEquals(stored.id(), posted.get(0).getProperty("alert.id"));
            assertEquals(Boolean.FALSE, posted.get(0).getProperty("alert.updated"));
            // the match's audit entry waited in the database too and reached the trail
            awaitAudit(f, AuditActions.MATCH, 1);
            InMemoryAuditTrail.Entry match = f.audit.of(AuditActions.MATCH).get(0);
            assertEquals(stored.id(), match.details().get("alert"));
            assertEquals("S-AAA", match.details().get("subject"));
            assertEquals(T0.toString(), match.details().get(AuditBacklog.OCCURRED));
            assertEquals(Optional.of(stored), second.alert(stored.id()));
            // delivered means delivered: a further wake posts nothing twice
            assertEquals(0, second.deliverAnnouncements());
            assertEquals(1, f.events.posted().size());
        } finally {
            second.deactivate();
        }
    }

    @Test
    void aLaterBetterFaceOfTheSameTrackUpdatesItsAlert() throws Exception {
        AlertFixture f = new AlertFixture(data);
        AlertService s = f.start();
        try {
            RecognitionEvidence firstFace = evidence(1);
            RecognitionEvidence betterFace = evidence(2);
            Alert a = s.store(recognition("cam-1", 7, "S-AAA", 0.60f, 0.50f, T0), firstFace);
            Alert b = s.store(recognition("cam-1", 7, "S-AAA", 0.71f, 0.80f, T0.plusSeconds(2)), betterFace);
            assertEquals(a.id(), b.id(), "one person passing is one alert");
            assertEquals(0.71f, b.score());
            assertEquals(T0.plusSeconds(2), b.captureTime());
            assertEquals(a.storedAt(), b.storedAt(), "stored time is the first commit: retention counts from it");

            // a worse face keeps the better one
            Alert c = s.store(recognition("cam-1", 7, "S-AAA", 0.65f, 0.40f, T0.plusSeconds(3)), evidence(3));
            assertEquals(a.id(), c.id());
            assertEquals(0.71f, c.score());
            assertEquals(1, s.since(Optional.empty(), 100).size());
            assertEquals(3, s.review().show(a.id(), "test").alert().faces(), "three faces of the track seen");

            // the stored evidence is the better face's
            Path zip = data.resolve("a.zip");
            s.exports().export(a.id(), zip, "test");
            assertTrue(java.util.Arrays.equals(betterFace.faceCrop(), EvidenceExportTest.entries(zip).get("face-crop.jpg")));

            // another track, another subject, or the same track id long after: other alerts
            Alert otherTrack = s.store(recognition("cam-1", 8, "S-AAA", 0.6f, 0.5f, T0.plusSeconds(4)), evidence(4));
            Alert otherSubject = s.store(recognition("cam-1", 7, "S-BBB", 0.6f, 0.5f, T0.plusSeconds(4)), evidence(5));
            Alert later = s.store(recognition("cam-1", 7, "S-AAA", 0.6f, 0.5f, T0.plusSeconds(3600)), evidence(6));
            assertNotEquals(a.id(), otherTrack.id());
            assertNotEquals(a.id(), otherSubject.id());
            assertNotEquals(a.id(), later.id());
            assertEquals(List.of(a.id(), otherTrack.id(), otherSubject.id(), later.id()),
                    s.since(Optional.empty(), 100).stream().map(Alert::id).toList());
            assertEquals(List.of(otherSubject.id(), later.id()),
                    s.since(Optional.of(otherTrack.id()), 100).stream().map(Alert::id).toList());

            // announcements: created, improved (marked updated), then three more created; the worse face is not announced
            List<Event> posted = f.events.await(5);
            assertEquals(5, posted.size());
            assertEquals(List.of(false, true, false, false, false),
                    posted.stream().map(e -> (Boolean) e.getProperty("alert.updated")).toList());
            // every face that matched is audited, with what became of it
            awaitAudit(f, AuditActions.MATCH, 6);
            assertEquals(List.of("created", "improved", "same-track", "created", "created", "created"),
                    f.audit.of(AuditActions.MATCH).stream().map(e -> e.details().get("outcome")).toList());
        } finally {
            s.deactivate();
        }
    }

    @Test
    void aReviewedAlertKeepsTheEvidenceItsReviewerSaw() throws Exception {
        AlertFixture f = new AlertFixture(data);
        AlertService s = f.start();
        try {
            Alert a = s.store(recognition("cam-1", 7, "S-AAA", 0.60f, 0.50f, T0), evidence(1));
            s.review().confirm(a.id(), "ann");
            Alert b = s.store(recognition("cam-1", 7, "S-AAA", 0.90f, 0.95f, T0.plusSeconds(1)), evidence(2));
            assertEquals(a.id(), b.id());
            assertEquals(0.60f, b.score());
            assertEquals(AlertState.CONFIRMED_ONCE, b.state());
        } finally {
            s.deactivate();
        }
    }

    @Test
    void faceCropsAndFrameRegionsAreNeverInPlainInTheDatabaseOrItsLog() throws Exception {
        AlertFixture f = new AlertFixture(data);
        AlertService s = f.start();
        RecognitionEvidence e = evidence(42);
        try {
            s.store(recognition("cam-1", 7, "S-AAA", 0.60f, 0.50f, T0), e);
            s.store(recognition("cam-2", 9, "S-BBB", 0.60f, 0.50f, T0), evidence(43));
            // the search finds the crop when it is there, among other bytes
            byte[] control = new byte[e.faceCrop().length + 200];
            System.arraycopy(e.faceCrop(), 0, control, 100, e.faceCrop().length);
            assertTrue(containsAnyWindow(control, e.faceCrop()));
            Path db = f.databaseFile();
            Path wal = Path.of(db + "-wal");
            assertTrue(Files.size(wal) > 0, "the write-ahead log holds the commits while the store is open");
            for (Path file : List.of(db, wal)) {
                byte[] bytes = Files.readAllBytes(file);
                assertFalse(containsAnyWindow(bytes, e.faceCrop()), "face crop in plain in " + file);
                assertFalse(containsAnyWindow(bytes, e.frameRegion()), "frame region in plain in " + file);
            }
            // nothing else in the data folder but the database and its log
            try (var files = Files.walk(data)) {
                assertEquals(List.of("alerts.db", "alerts.db-shm", "alerts.db-wal"),
                        files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).sorted().toList());
            }
        } finally {
            s.deactivate();
        }
        // and after closing, when the log has been checkpointed into the file
        byte[] bytes = Files.readAllBytes(f.databaseFile());
        assertFalse(containsAnyWindow(bytes, e.faceCrop()));
        assertTrue(f.secrets.aliases().contains(EvidenceKeys.alias("2026-12-01")), "the day's evidence key is in the secret store");
    }

    @Test
    void evidenceWithoutItsKeyIsRefusedRatherThanReplacedByANewKey() throws Exception {
        AlertFixture f = new AlertFixture(data);
        AlertService s = f.start();
        s.store(recognition("cam-1", 7, "S-AAA", 0.60f, 0.50f, T0), evidence(1));
        s.deactivate();
        f.secrets.remove(EvidenceKeys.alias("2026-12-01"));
        AlertService again = f.start();
        try {
            assertEquals("FAILED", again.status().health().name());
            assertTrue(again.status().detail().contains("'alerts.evidence.2026-12-01' is missing"), again.status().detail());
            assertFalse(f.secrets.aliases().contains(EvidenceKeys.alias("2026-12-01")));
        } finally {
            again.deactivate();
        }
    }

    /** Whether any 24-byte window of the evidence's second half (entropy-coded, unique) is in {@code haystack}. */
    static boolean containsAnyWindow(byte[] haystack, byte[] evidence) {
        int window = 24;
        for (int start = evidence.length / 2; start + window <= evidence.length; start += 97) {
            if (indexOf(haystack, evidence, start, window) >= 0) {
                return true;
            }
        }
        return false;
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from, int length) {
        outer:
        for (int i = 0; i + length <= haystack.length; i++) {
            for (int j = 0; j < length; j++) {
                if (haystack[i + j] != needle[from + j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    static void awaitAudit(AlertFixture f, String action, int count) throws InterruptedException {
        long until = System.currentTimeMillis() + 10_000;
        while (f.audit.of(action).size() < count && System.currentTimeMillis() < until) {
            Thread.sleep(20);
        }
        assertEquals(count, f.audit.of(action).size(), action + " entries");
    }

    static Duration days(int n) {
        return Duration.ofDays(n);
    }
}
