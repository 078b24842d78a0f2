package io.vigil.console.internal;

import io.vigil.api.audit.AuditException;
import io.vigil.api.audit.AuditTrail;
import java.util.Map;

/** The console's audit entries: written before the action they record, or the action is not done. */
final class AuditRecords {

    private AuditRecords() {
    }

    static void record(AuditTrail audit, String action, String actor, Map<String, String> details) throws ConsoleException {
        try {
            audit.record(action, actor, details);
        } catch (AuditException | RuntimeException e) {
            throw new ConsoleException("The audit trail refused the record (" + e.getMessage() + "); nothing was done.", e);
        }
    }
}
