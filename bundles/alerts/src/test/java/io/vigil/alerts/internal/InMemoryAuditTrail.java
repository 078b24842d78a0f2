package io.vigil.alerts.internal;

import io.vigil.api.audit.AuditException;
import io.vigil.api.audit.AuditTrail;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Entries in a list: the real hash-chained trail lives in the compliance bundle; here what
 * matters is which entries the alert store records, when, and what it does when refused.
 */
final class InMemoryAuditTrail implements AuditTrail {

    record Entry(String action, String actor, Map<String, String> details) {
    }

    private final List<Entry> entries = new ArrayList<>();
    volatile boolean refusing;

    @Override
    public synchronized long record(String action, String actor, Map<String, String> details) throws AuditException {
        if (refusing) {
            throw new AuditException("disk full (test)");
        }
        entries.add(new Entry(action, actor, Map.copyOf(details)));
        return entries.size();
    }

    synchronized List<Entry> entries() {
        return List.copyOf(entries);
    }

    synchronized List<Entry> of(String action) {
        return entries.stream().filter(e -> e.action().equals(action)).toList();
    }
}
