package io.vigil.alerts.internal;

import static io.vigil.alerts.internal.AlertFixture.T0;
import static io.vigil.alerts.internal.AlertFixture.evidence;
import static io.vigil.alerts.internal.AlertFixture.recognition;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.api.alert.Alert;
import io.vigil.api.alert.AlertStoreException;
import io.vigil.api.alert.RecognitionEvidence;
import io.vigil.testing.MemorySecretStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/**
 * Evidence keys per period: retention destroys a period's key once its alerts are gone, so a copy
 * of the alert database taken before cannot be decrypted; evidence sealed under the single key of
 * earlier versions keeps working until its alerts expire.
 */
class EvidenceKeysTest {

    @TempDir
    Path data;

    private record Held(String period, byte[] faceCrop) {
    }

    private static Held held(Path db, String alertId) throws Exception {
        SQLiteDataSource source = new SQLiteDataSource();
        source.setUrl("jdbc:sqlite:" + db);
        source.setReadOnly(true);
        try (Connection c = source.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT key_period, sealed_face_crop FROM evidence WHERE alert_seq = ?")) {
            s.setLong(1, AlertId.parse(alertId).orElseThrow().seq());
            try (ResultSet r = s.executeQuery()) {
                assertTrue(r.next(), alertId + " has evidence in " + db);
                return new Held(r.getString(1), r.getBytes(2));
            }
        }
    }

    private static List<byte[]> everyKey(MemorySecretStore secrets) throws Exception {
        List<byte[]> keys = new ArrayList<>();
        for (String alias : secrets.aliases()) {
            secrets.key(alias).ifPresent(k -> keys.add(k.getEncoded()));
        }
        return keys;
    }

    private static void awaitGone(AlertService s, String id) throws Exception {
        long until = System.currentTimeMillis() + 10_000;
        while (s.alert(id).isPresent() && System.currentTimeMillis() < until) {
            Thread.sleep(20);
        }
        assertEquals(Optional.empty(), s.alert(id));
    }

    @Test
    void retentionDestroysAPeriodsKeyAndACopyOfTheDatabaseTakenBeforeCannotDecryptIt() throws Exception {
        AlertFixture f = new AlertFixture(data);
        AlertService s = f.start();
        RecognitionEvidence first = evidence(1);
        RecognitionEvidence second = evidence(2);
        Alert day1 = s.store(recognition("cam-1", 1, "S-AAA", 0.6f, 0.5f, T0), first);
        f.clock.advance(Duration.ofDays(1));
        Alert day2 = s.store(recognition("cam-1", 2, "S-BBB", 0.6f, 0.5f, f.clock.instant()), second);
        AlertServiceTest.awaitAudit(f, io.vigil.api.audit.AuditActions.MATCH, 2);
        s.deactivate();
        Path copy = Files.copy(f.databaseFile(), data.resolve("backup.db"));
        assertTrue(f.secrets.aliases().containsAll(Set.of("alerts.evidence.2026-12-01", "alerts.evidence.2026-12-02")));
        assertFalse(f.secrets.aliases().contains(EvidenceKeys.LEGACY_ALIAS), "no single key for all evidence any more");
        Held gone = held(copy, day1.id());
        Held kept = held(copy, day2.id());
        assertEquals("2026-12-01", gone.period());
        // before retention the copy opens with the key of its day
        byte[] day1Key = f.secrets.key("alerts.evidence.2026-12-01").orElseThrow().getEncoded();
        assertArrayEquals(first.faceCrop(), new EvidenceCipher(day1Key, new SecureRandom())
                .decrypt(gone.faceCrop(), EvidenceCipher.associated(AlertId.parse(day1.id()).orElseThrow(), "face-crop")));

        // 31 days and an hour after the first alert: it is due, the second is not
        f.clock.advance(Duration.ofDays(30).plusHours(1));
        AlertService back = f.start();
        try {
            awaitGone(back, day1.id());
            assertEquals(0, back.runRetention().deleted());
            assertFalse(f.secrets.aliases().contains("alerts.evidence.2026-12-01"), "the first day's key is destroyed");
            assertTrue(f.secrets.aliases().contains("alerts.evidence.2026-12-02"), "the second day's alert still needs its key");
            assertEquals(List.of("alerts.evidence.2026-12-01"), f.audit.of(RetentionJob.EVIDENCE_KEY_DESTROYED).stream()
                    .map(e -> e.details().get("key")).toList());
            for (byte[] key : everyKey(f.secrets)) {
                if (key.length == 32) {
                    assertThrows(AlertStoreException.class, () -> new EvidenceCipher(key, new SecureRandom()).decrypt(
                            gone.faceCrop(), EvidenceCipher.associated(AlertId.parse(day1.id()).orElseThrow(), "face-crop")));
                }
            }
            // the copy's other alert still opens with its day's key, and the store reads it too
            byte[] day2Key = f.secrets.key("alerts.evidence.2026-12-02").orElseThrow().getEncoded();
            assertArrayEquals(second.faceCrop(), new EvidenceCipher(day2Key, new SecureRandom())
                    .decrypt(kept.faceCrop(), EvidenceCipher.associated(AlertId.parse(day2.id()).orElseThrow(), "face-crop")));
            assertArrayEquals(second.faceCrop(), back.review().evidence(day2.id(), "Ann").orElseThrow().faceCrop());
        } finally {
            back.deactivate();
        }
    }

    @Test
    void evidenceUnderTheSingleKeyOfEarlierVersionsKeepsWorkingUntilItsAlertsExpire() throws Exception {
        AlertFixture f = new AlertFixture(data);
        AlertService s = f.start();
        RecognitionEvidence old = evidence(5);
        Alert a = s.store(recognition("cam-1", 1, "S-AAA", 0.6f, 0.5f, T0), old);
        AlertServiceTest.awaitAudit(f, io.vigil.api.audit.AuditActions.MATCH, 1);
        s.deactivate();
        // make the database what schema 2 wrote: evidence under the single key alerts.key, no key_period
        byte[] legacyKey = new byte[32];
        new SecureRandom().nextBytes(legacyKey);
        f.secrets.putKey(EvidenceKeys.LEGACY_ALIAS, new SecretKeySpec(legacyKey, "AES"));
        f.secrets.remove("alerts.evidence.2026-12-01");
        EvidenceCipher legacy = new EvidenceCipher(legacyKey, new SecureRandom());
        AlertId id = AlertId.parse(a.id()).orElseThrow();
        SQLiteDataSource source = new SQLiteDataSource();
        source.setUrl("jdbc:sqlite:" + f.databaseFile());
        try (Connection c = source.getConnection()) {
            try (PreparedStatement p = c.prepareStatement("UPDATE evidence SET sealed_face_crop = ?, sealed_frame_region = ?"
                    + " WHERE alert_seq = ?")) {
                p.setBytes(1, legacy.encrypt(old.faceCrop(), EvidenceCipher.associated(id, "face-crop")));
                p.setBytes(2, legacy.encrypt(old.frameRegion(), EvidenceCipher.associated(id, "frame-region")));
                p.setLong(3, id.seq());
                assertEquals(1, p.executeUpdate());
            }
            try (Statement st = c.createStatement()) {
                st.execute("DROP INDEX evidence_key_period");
                st.execute("ALTER TABLE evidence DROP COLUMN key_period");
                // and nothing of schema 4 (the cluster)
                st.execute("DROP INDEX alert_global_id");
                st.execute("ALTER TABLE alert DROP COLUMN alert_id");
                st.execute("ALTER TABLE alert DROP COLUMN origin_node");
                for (String table : List.of("cluster_outbox", "log_position", "review_request", "shared_key_period")) {
                    st.execute("DROP TABLE " + table);
                }
                st.execute("PRAGMA user_version = 2");
            }
        }

        f.clock.advance(Duration.ofDays(1));
        AlertService upgraded = f.start();
        try {
            assertEquals("OK", upgraded.status().health().name(), upgraded.status().detail());
            assertArrayEquals(old.faceCrop(), upgraded.review().evidence(a.id(), "Ann").orElseThrow().faceCrop());
            RecognitionEvidence later = evidence(6);
            Alert b = upgraded.store(recognition("cam-1", 2, "S-BBB", 0.6f, 0.5f, f.clock.instant()), later);
            assertEquals("2026-12-02", held(f.databaseFile(), b.id()).period());
            assertTrue(f.secrets.aliases().contains(EvidenceKeys.LEGACY_ALIAS), "the old key stays while its alert does");

            f.clock.advance(Duration.ofDays(30).plusHours(1));
            assertEquals(1, upgraded.runRetention().deleted());
            assertFalse(f.secrets.aliases().contains(EvidenceKeys.LEGACY_ALIAS), "gone with the last alert sealed under it");
            assertArrayEquals(later.faceCrop(), upgraded.review().evidence(b.id(), "Ann").orElseThrow().faceCrop());
        } finally {
            upgraded.deactivate();
        }
    }

    @Test
    void onlyKeysOfPeriodsThatAreOverAndUnusedAreDestroyed() throws Exception {
        MemorySecretStore secrets = new MemorySecretStore();
        for (String alias : List.of("alerts.evidence.2026-11-30", "alerts.evidence.2026-12-01", "alerts.evidence.2026-W40",
                "alerts.evidence.2026-W49", "alerts.evidence.2026-11-29", EvidenceKeys.LEGACY_ALIAS, "alerts.export.signing")) {
            secrets.putKey(alias, new SecretKeySpec(new byte[32], "AES"));
        }
        Instant now = Instant.parse("2026-12-01T10:00:00Z"); // a Tuesday of ISO week 49
        EvidenceKeys keys = EvidenceKeys.open(secrets, new SecureRandom(), () -> EvidenceKeyPeriod.DAY, Set.of());
        keys.prepare(now);
        assertTrue(secrets.aliases().contains("alerts.evidence.2026-12-02"), "tomorrow's key is made ahead");
        Set<String> inUse = new HashSet<>();
        inUse.add("2026-11-29");
        inUse.add(null);
        assertEquals(Set.of("alerts.evidence.2026-11-30", "alerts.evidence.2026-W40"),
                new HashSet<>(keys.destroyUnused(inUse, now)));
        assertEquals(Set.of("alerts.evidence.2026-12-01", "alerts.evidence.2026-12-02", "alerts.evidence.2026-W49",
                "alerts.evidence.2026-11-29",
                EvidenceKeys.LEGACY_ALIAS, "alerts.export.signing"), secrets.aliases());
        assertEquals("2026-W49", EvidenceKeyPeriod.WEEK.of(now));
        assertEquals("2026-W53", EvidenceKeyPeriod.WEEK.of(Instant.parse("2027-01-01T00:00:00Z")));
        assertThrows(IllegalArgumentException.class, () -> EvidenceKeyPeriod.parse("month"));
    }
}
