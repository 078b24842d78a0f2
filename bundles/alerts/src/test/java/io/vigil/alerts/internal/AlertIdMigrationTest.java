package io.vigil.alerts.internal;

import static io.vigil.alerts.internal.AlertFixture.T0;
import static io.vigil.alerts.internal.AlertFixture.evidence;
import static io.vigil.alerts.internal.AlertFixture.recognition;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.api.alert.Alert;
import io.vigil.api.alert.AlertState;
import io.vigil.api.alert.RecognitionEvidence;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/**
 * A data folder from before the cluster (schema 3, ids with an 8-digit tag) opens, and its alerts keep
 * their ids: shown, reviewed, paged and their evidence opened by the id they always had. New alerts get
 * the 16-digit tag.
 */
class AlertIdMigrationTest {

    @TempDir
    Path data;

    @Test
    void oldIdsStayValidAfterTheClusterSchema() throws Exception {
        AlertFixture f = new AlertFixture(data);
        AlertService s = f.start();
        RecognitionEvidence face = evidence(1);
        Alert a = s.store(recognition("cam-1", 1, "S-AAA", 0.6f, 0.5f, T0), face);
        AlertServiceTest.awaitAudit(f, io.vigil.api.audit.AuditActions.MATCH, 1);
        s.deactivate();
        // what schema 3 wrote: no alert_id, origin or cluster tables, an 8-digit tag (evidence re-sealed for that id)
        String oldId = "A-" + AlertId.parse(a.id()).orElseThrow().seq() + "-0badcafe";
        AlertId old = AlertId.parse(oldId).orElseThrow();
        byte[] key = f.secrets.key(EvidenceKeys.alias("2026-12-01")).orElseThrow().getEncoded();
        EvidenceCipher cipher = new EvidenceCipher(key, new java.security.SecureRandom());
        SQLiteDataSource source = new SQLiteDataSource();
        source.setUrl("jdbc:sqlite:" + f.databaseFile());
        try (Connection c = source.getConnection(); Statement st = c.createStatement()) {
            st.execute("DROP INDEX alert_global_id");
            st.execute("ALTER TABLE alert DROP COLUMN alert_id");
            st.execute("ALTER TABLE alert DROP COLUMN origin_node");
            for (String table : List.of("cluster_outbox", "log_position", "review_request", "shared_key_period")) {
                st.execute("DROP TABLE " + table);
            }
            st.execute("UPDATE alert SET tag = '0badcafe'");
            try (PreparedStatement p = c.prepareStatement("UPDATE evidence SET sealed_face_crop = ?, sealed_frame_region = ?")) {
                p.setBytes(1, cipher.encrypt(face.faceCrop(), EvidenceCipher.associated(old, "face-crop")));
                p.setBytes(2, cipher.encrypt(face.frameRegion(), EvidenceCipher.associated(old, "frame-region")));
                p.executeUpdate();
            }
            st.execute("PRAGMA user_version = 3");
        }

        AlertService upgraded = f.start();
        try {
            assertEquals("OK", upgraded.status().health().name(), upgraded.status().detail());
            assertEquals(Optional.of(oldId), upgraded.alert(oldId).map(Alert::id));
            assertArrayEquals(face.faceCrop(), upgraded.review().evidence(oldId, "Ann").orElseThrow().faceCrop());
            assertEquals(AlertState.CONFIRMED_ONCE, upgraded.review().confirm(oldId, "Ann").state());
            assertEquals(1, upgraded.review().reviews(oldId).size());

            Alert fresh = upgraded.store(recognition("cam-1", 2, "S-BBB", 0.6f, 0.5f, T0.plusSeconds(5)), evidence(2));
            assertTrue(fresh.id().matches("A-\\d+-[0-9a-f]{16}"), fresh.id());
            assertEquals(List.of(fresh.id()), upgraded.since(Optional.of(oldId), 10).stream().map(Alert::id).toList());
            assertEquals(List.of(oldId, fresh.id()), upgraded.since(Optional.empty(), 10).stream().map(Alert::id).toList());
        } finally {
            upgraded.deactivate();
        }
    }
}
