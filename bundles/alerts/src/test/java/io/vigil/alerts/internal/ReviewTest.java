package io.vigil.alerts.internal;

import static io.vigil.alerts.internal.AlertFixture.T0;
import static io.vigil.alerts.internal.AlertFixture.evidence;
import static io.vigil.alerts.internal.AlertFixture.recognition;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.api.alert.Alert;
import io.vigil.api.alert.AlertState;
import io.vigil.api.alert.AlertStoreException;
import io.vigil.api.alert.AlertTopics;
import io.vigil.api.audit.AuditActions;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.service.event.Event;

/** Two-person review, dismissal, finality, and no review without its audit record. */
class ReviewTest {

    @TempDir
    Path data;

    private AlertService service;

    @AfterEach
    void stop() {
        if (service != null) {
            service.deactivate();
        }
    }

    private Alert newAlert(AlertFixture f, boolean twoPerson) throws AlertStoreException {
        service = f.start(AlertFixture.config(31, twoPerson));
        return service.store(recognition("cam-1", 7, "S-AAA", 0.62f, 0.7f, T0), evidence(1));
    }

    @Test
    void twoDifferentReviewersConfirmAndTheSameOneTwiceIsRefused() throws Exception {
        AlertFixture f = new AlertFixture(data);
        Alert a = newAlert(f, true);

        assertEquals(AlertState.CONFIRMED_ONCE, service.review().confirm(a.id(), "Ann").state());
        AlertStoreException twice = assertThrows(ReviewWorkflow.ReviewRefusedException.class, () -> service.review().confirm(a.id(), "Ann"));
        assertTrue(twice.getMessage().contains("Ann already confirmed alert " + a.id()), twice.getMessage());
        assertTrue(twice.getMessage().contains("different reviewer"), twice.getMessage());
        // the same person however written
        assertThrows(ReviewWorkflow.ReviewRefusedException.class, () -> service.review().confirm(a.id(), "  ann "));
        assertEquals(AlertState.CONFIRMED_ONCE, service.alert(a.id()).orElseThrow().state());

        assertEquals(AlertState.CONFIRMED, service.review().confirm(a.id(), "Bob").state());
        AlertStoreException third = assertThrows(ReviewWorkflow.ReviewRefusedException.class, () -> service.review().confirm(a.id(), "Cy"));
        assertTrue(third.getMessage().contains("cannot be reviewed again"), third.getMessage());
        assertThrows(ReviewWorkflow.ReviewRefusedException.class,
                () -> service.review().dismiss(a.id(), "Cy", DismissReason.parse("false-alert")));

        List<InMemoryAuditTrail.Entry> confirmations = f.audit.of(AuditActions.ALERT_CONFIRMED);
        assertEquals(List.of("Ann", "Bob"), confirmations.stream().map(InMemoryAuditTrail.Entry::actor).toList());
        assertEquals(List.of("CONFIRMED_ONCE", "CONFIRMED"), confirmations.stream().map(e -> e.details().get("to")).toList());
        List<Event> reviewed = f.events.await(3).stream().filter(e -> e.getTopic().equals(AlertTopics.REVIEWED)).toList();
        assertEquals(List.of("CONFIRMED_ONCE", "CONFIRMED"), reviewed.stream().map(e -> e.getProperty("alert.state")).toList());
        assertEquals(2, service.review().show(a.id(), "Dee").reviews().size());
        assertEquals(1, f.audit.of(AuditActions.ALERT_VIEWED).size());
        assertEquals("Dee", f.audit.of(AuditActions.ALERT_VIEWED).get(0).actor());
    }

    @Test
    void aDismissedAlertCannotBeConfirmedAndCountsAsAFalseAlert() throws Exception {
        AlertFixture f = new AlertFixture(data);
        Alert a = newAlert(f, true);
        Alert b = service.store(recognition("cam-2", 3, "S-BBB", 0.7f, 0.7f, T0), evidence(2));
        Alert c = service.store(recognition("cam-2", 4, "S-CCC", 0.7f, 0.7f, T0), evidence(3));

        assertEquals(AlertState.DISMISSED, service.review().dismiss(a.id(), "Ann", DismissReason.parse("false-alert")).state());
        AlertStoreException refused = assertThrows(ReviewWorkflow.ReviewRefusedException.class, () -> service.review().confirm(a.id(), "Bob"));
        assertTrue(refused.getMessage().contains("is DISMISSED (dismissed by Ann"), refused.getMessage());
        assertTrue(refused.getMessage().contains("(false-alert)"), refused.getMessage());
        assertEquals("false-alert", f.audit.of(AuditActions.ALERT_DISMISSED).get(0).details().get("reason"));

        // one confirmed, one still open, on another camera
        service.review().confirm(b.id(), "Ann");
        service.review().confirm(b.id(), "Bob");
        service.review().confirm(c.id(), "Ann");
        FalseAlertRates.Report r = service.rates();
        assertEquals(List.of(new FalseAlertRates.Row("wl-wanted", 1, 1, 0, 0, 1)), r.byWatchlist());
        assertEquals(List.of(new FalseAlertRates.Row("cam-1", 0, 1, 0, 0, 0), new FalseAlertRates.Row("cam-2", 1, 0, 0, 0, 1)),
                r.byCamera());
        assertEquals(0.5, r.byWatchlist().get(0).falseAlertRate());
    }

    @Test
    void withTwoPersonConfirmationOffOneConfirmationIsEnough() throws Exception {
        AlertFixture f = new AlertFixture(data);
        Alert a = newAlert(f, false);
        assertEquals(AlertState.CONFIRMED, service.review().confirm(a.id(), "Ann").state());
        assertEquals("false", f.audit.of(AuditActions.ALERT_CONFIRMED).get(0).details().get("two.person.confirmation"));
    }

    @Test
    void turningTwoPersonConfirmationOffAppliesAtOnceAndIsAudited() throws Exception {
        AlertFixture f = new AlertFixture(data);
        Alert a = newAlert(f, true);
        service.modified(AlertFixture.config(31, false));
        assertEquals(AlertState.CONFIRMED, service.review().confirm(a.id(), "Ann").state());
        AlertServiceTest.awaitAudit(f, AuditActions.CONFIGURATION_CHANGED, 1);
        assertEquals("false", f.audit.of(AuditActions.CONFIGURATION_CHANGED).get(0).details().get("two.person.confirmation"));
    }

    @Test
    void noReviewWithoutItsAuditRecord() throws Exception {
        AlertFixture f = new AlertFixture(data);
        Alert a = newAlert(f, true);

        f.audit.refusing = true;
        AlertStoreException refused = assertThrows(AlertStoreException.class, () -> service.review().confirm(a.id(), "Ann"));
        assertTrue(refused.getMessage().contains("audit trail"), refused.getMessage());
        assertEquals(AlertState.NEW, service.alert(a.id()).orElseThrow().state(), "rolled back");
        f.audit.refusing = false;

        service.unsetAuditTrail(f.audit);
        AlertStoreException absent = assertThrows(AlertStoreException.class,
                () -> service.review().dismiss(a.id(), "Ann", DismissReason.parse("not actionable")));
        assertTrue(absent.getMessage().contains("audit trail (compliance bundle) is not running"), absent.getMessage());
        assertEquals(AlertState.NEW, service.alert(a.id()).orElseThrow().state());
        service.setAuditTrail(f.audit);
        assertEquals(AlertState.DISMISSED,
                service.review().dismiss(a.id(), "Ann", DismissReason.parse("not actionable")).state());
        assertEquals("not-actionable", service.review().show(a.id(), "x").reviews().get(0).reason().orElseThrow().text());
    }

    @Test
    void reasonsAndNamesAreChecked() {
        assertEquals(DismissReason.Kind.FALSE_ALERT, DismissReason.parse(" False_Alert ").kind());
        assertEquals(DismissReason.Kind.NOT_ACTIONABLE, DismissReason.parse("not-actionable").kind());
        DismissReason other = DismissReason.parse("twin brother, known to officers");
        assertEquals(DismissReason.Kind.OTHER, other.kind());
        assertEquals("twin brother, known to officers", other.text());
        assertThrows(IllegalArgumentException.class, () -> DismissReason.parse("  "));
        assertThrows(AlertStoreException.class, () -> ReviewWorkflow.reviewer(" "));
    }
}
