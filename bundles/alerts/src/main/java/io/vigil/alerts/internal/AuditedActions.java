package io.vigil.alerts.internal;

import io.vigil.api.alert.AlertStoreException;
import io.vigil.api.audit.AuditException;
import io.vigil.api.audit.AuditTrail;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

/**
 * The rules every action of a person on an alert follows, shared by review and export: it is
 * done by a named account, on an alert that exists, and recorded in the audit trail first.
 */
final class AuditedActions {

    private AuditedActions() {
    }

    /**
     * The trail, with every match entry waiting for it forwarded first, so it hears of an alert
     * before anyone's review of it. A person's action is refused while the trail is absent.
     */
    static AuditTrail requireAudit(AlertStoreState state, OpenStore p, String what) throws AlertStoreException {
        AuditTrail trail = state.auditTrail().orElseThrow(() -> new AlertStoreException(
                "the audit trail (compliance bundle) is not running: " + what
                        + " must be recorded there first, so it is refused until it runs", null));
        if (!p.backlog().forward()) {
            throw new AlertStoreException("the audit trail does not accept entries: " + what
                    + " must be recorded there first, so it is refused (see vigil status)", null);
        }
        return trail;
    }

    static void record(AuditTrail trail, String action, String actor, Map<String, String> details)
            throws AlertStoreException {
        try {
            trail.record(action, actor, details);
        } catch (AuditException | RuntimeException e) {
            throw new AlertStoreException("the audit trail refused the record of " + action + " (" + e.getMessage()
                    + "); nothing was done", e);
        }
    }

    /** Who did it: the authenticated account (the admin channel's caller, the console's user); never a default name. */
    static String actor(String given) throws AlertStoreException {
        String a = given == null ? "" : given.strip();
        if (a.isEmpty()) {
            throw new AlertStoreException("an action on an alert needs the account that does it; nothing was done", null);
        }
        return a;
    }

    static AlertId idOf(String id) throws AlertStoreException {
        return AlertId.parse(id).orElseThrow(() -> new AlertStoreException(
                "'" + id + "' is not an alert id (A-<number>-<tag>, as vigil alerts list shows)", null));
    }

    static StoredAlert found(Connection c, AlertId id) throws SQLException, AlertStoreException {
        return AlertRecords.find(c, id).orElseThrow(() -> new AlertStoreException(
                "no alert " + id + " (never stored, or deleted by retention)", null));
    }
}
