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
import io.vigil.api.alert.AlertReview;
import io.vigil.api.alert.AlertState;
import io.vigil.api.alert.AlertStoreException;
import io.vigil.api.alert.RecognitionEvidence;
import io.vigil.api.audit.AuditActions;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The review contract other bundles use: the store's workflow, evidence decrypted and its view audited. */
class AlertReviewServiceTest {

    @TempDir
    Path data;

    private AlertService service;

    @AfterEach
    void stop() {
        if (service != null) {
            service.deactivate();
        }
    }

    @Test
    void reviewsThroughTheContractFollowTheStoresRules() throws Exception {
        AlertFixture f = new AlertFixture(data);
        service = f.start(AlertFixture.config(31, true));
        RecognitionEvidence stored = evidence(1);
        Alert a = service.store(recognition("cam-1", 7, "S-AAA", 0.62f, 0.7f, T0), stored);
        AlertReview review = new AlertReviewService(service);

        RecognitionEvidence seen = review.evidence(a.id(), "ann").orElseThrow();
        assertArrayEquals(stored.faceCrop(), seen.faceCrop());
        assertEquals("ann", f.audit.of(AuditActions.ALERT_VIEWED).get(0).actor());

        assertEquals(AlertState.CONFIRMED_ONCE, review.confirm(a.id(), "ann").state());
        AlertStoreException twice = assertThrows(AlertStoreException.class, () -> review.confirm(a.id(), "ann"));
        assertTrue(twice.getMessage().contains("different reviewer"), twice.getMessage());
        assertEquals(AlertState.CONFIRMED, review.confirm(a.id(), "bob").state());
        List<AlertReview.Decision> decisions = review.decisions(a.id());
        assertEquals(List.of("ann", "bob"), decisions.stream().map(AlertReview.Decision::reviewer).toList());
        assertTrue(decisions.stream().allMatch(AlertReview.Decision::confirmed));

        Alert b = service.store(recognition("cam-2", 3, "S-BBB", 0.7f, 0.7f, T0), evidence(2));
        assertThrows(AlertStoreException.class, () -> review.dismiss(b.id(), "ann", "  "));
        assertEquals(AlertState.DISMISSED, review.dismiss(b.id(), "ann", "false-alert").state());
        AlertReview.Decision d = review.decisions(b.id()).get(0);
        assertFalse(d.confirmed());
        assertEquals("false-alert", d.reason().orElseThrow());
        assertThrows(AlertStoreException.class, () -> review.evidence("A-999-00000000", "ann"));
    }
}
