package io.vigil.alerts.internal;

import static io.vigil.alerts.internal.AlertFixture.T0;
import static io.vigil.alerts.internal.AlertFixture.evidence;
import static io.vigil.alerts.internal.AlertFixture.recognition;
import static io.vigil.alerts.internal.AlertServiceTest.containsAnyWindow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.api.alert.Alert;
import io.vigil.api.alert.RecognitionEvidence;
import io.vigil.api.alert.RetentionPolicy;
import io.vigil.api.audit.AuditActions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Retention deletes exactly what is due by the clock, keeps what is held, audits each deletion. */
class RetentionTest {

    @TempDir
    Path data;

    @Test
    void deletesExactlyWhatIsDueAndAuditsEachDeletion() throws Exception {
        AlertFixture f = new AlertFixture(data);
        AlertService s = f.start(AlertFixture.config(31, true));
        try {
            Alert old1 = s.store(recognition("cam-1", 1, "S-AAA", 0.6f, 0.5f, T0), evidence(1));
            Alert held = s.store(recognition("cam-1", 2, "S-BBB", 0.6f, 0.5f, T0), evidence(2));
            Alert old2 = s.store(recognition("cam-2", 3, "S-CCC", 0.6f, 0.5f, T0), evidence(3));
            s.review().dismiss(old2.id(), "Ann", DismissReason.parse("false-alert"));
            s.review().hold(held.id(), true, "Insp. Wood");
            f.clock.advance(Duration.ofDays(20));
            Alert recent = s.store(recognition("cam-1", 4, "S-DDD", 0.6f, 0.5f, f.clock.instant()), evidence(4));

            // 31 days less a second after the first three: nothing is due yet
            f.clock.advance(Duration.ofDays(11).minusSeconds(1));
            assertEquals(0, s.runRetention().deleted());
            f.clock.advance(Duration.ofSeconds(2));
            assertEquals(2, s.runRetention().deleted());
            assertEquals(List.of(held.id(), recent.id()), ids(s));
            List<InMemoryAuditTrail.Entry> deleted = f.audit.of(AuditActions.ALERT_DELETED);
            assertEquals(Set.of(old1.id(), old2.id()), deleted.stream().map(e -> e.details().get("alert")).collect(Collectors.toSet()));
            assertTrue(deleted.stream().allMatch(e -> e.actor().equals(RetentionJob.ACTOR)
                    && e.details().get("reason").equals("retention: older than 31 days")));
            assertEquals(0, s.runRetention().deleted(), "a second run finds nothing more");
            // the dismissal still counts in the rates after its alert is gone
            assertEquals(1, s.rates().byWatchlist().get(0).falseAlert());

            // lifting the hold makes the held alert due; it goes at the next run
            s.review().hold(held.id(), false, "Insp. Wood");
            awaitGone(s, held.id());
            assertEquals(3, f.audit.of(AuditActions.ALERT_DELETED).size());
            assertEquals(List.of(recent.id()), ids(s));
        } finally {
            s.deactivate();
        }
    }

    @Test
    void catchesUpAfterDowntimeAtStartAndWaitsForTheAuditTrail() throws Exception {
        AlertFixture f = new AlertFixture(data);
        AlertService s = f.start();
        RecognitionEvidence e = evidence(9);
        Alert a = s.store(recognition("cam-1", 1, "S-AAA", 0.6f, 0.5f, T0), e);
        s.store(recognition("cam-1", 2, "S-BBB", 0.6f, 0.5f, T0.plusSeconds(60)), evidence(10));
        AlertServiceTest.awaitAudit(f, AuditActions.MATCH, 2);
        s.deactivate();

        // the machine was off for 100 days; it comes back without the audit trail first
        f.clock.advance(Duration.ofDays(100));
        AlertService back = f.startAlone();
        try {
            RetentionJob.Result waiting = back.runRetention();
            assertTrue(waiting.waitingForAudit());
            assertEquals(2, ids(back).size(), "nothing deleted without its audit record");
            // the trail arrives: the retention loop wakes and deletes both, at once, not one per hour
            back.setAuditTrail(f.audit);
            long until = System.currentTimeMillis() + 10_000;
            while (!ids(back).isEmpty() && System.currentTimeMillis() < until) {
                Thread.sleep(20);
            }
            assertEquals(List.of(), ids(back));
            assertEquals(2, f.audit.of(AuditActions.ALERT_DELETED).size());
        } finally {
            back.deactivate();
        }
        // deleted, zeroed and checkpointed: the sealed evidence is not in the file any more either
        byte[] file = Files.readAllBytes(f.databaseFile());
        assertFalse(containsAnyWindow(file, e.faceCrop()));
        assertTrue(Files.notExists(Path.of(f.databaseFile() + "-wal")) || Files.size(Path.of(f.databaseFile() + "-wal")) == 0);
    }

    private static List<String> ids(AlertService s) throws Exception {
        return s.since(Optional.empty(), 100).stream().map(Alert::id).toList();
    }

    private static void awaitGone(AlertService s, String id) throws Exception {
        long until = System.currentTimeMillis() + 10_000;
        while (s.alert(id).isPresent() && System.currentTimeMillis() < until) {
            Thread.sleep(20);
        }
        assertEquals(Optional.empty(), s.alert(id));
    }

    @Test
    void statesThePolicyInForceThroughItsContract() throws Exception {
        AlertFixture f = new AlertFixture(data);
        AlertService s = f.start(AlertFixture.config(90, true));
        try {
            assertEquals(Optional.of(new RetentionPolicy(90, 31, "io.vigil.alerts retention.days")), s.retention());
            s.modified(AlertFixture.config(14, true));
            assertEquals(14, s.retention().orElseThrow().days(), "a reconfigured store states the new period");
            s.modified(AlertFixture.config(0, true));
            assertEquals(14, s.retention().orElseThrow().days(), "a refused change leaves the previous period in force");
        } finally {
            s.deactivate();
        }
        AlertService refused = f.start(AlertFixture.config(0, true));
        try {
            assertEquals(Optional.empty(), refused.retention(), "a store that refused its configuration has no policy in force");
        } finally {
            refused.deactivate();
        }
    }
}
