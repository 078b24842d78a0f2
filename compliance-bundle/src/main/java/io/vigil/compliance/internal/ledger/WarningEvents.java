package io.vigil.compliance.internal.ledger;

import io.vigil.api.compliance.ComplianceTopics;
import java.util.HashMap;
import java.util.Map;
import org.osgi.service.event.Event;

/** A ledger warning as the Event Admin event {@link ComplianceTopics#WARNING}. */
final class WarningEvents {

    private WarningEvents() {
    }

    static Event of(LedgerWarning w) {
        Map<String, Object> p = new HashMap<>();
        p.put(ComplianceTopics.PROFILE, w.profile());
        p.put(ComplianceTopics.KIND, w.kind());
        p.put(ComplianceTopics.COUNT, w.count());
        p.put(ComplianceTopics.THRESHOLD, w.threshold());
        p.put(ComplianceTopics.MESSAGE, w.message());
        w.deadline().ifPresent(d -> p.put(ComplianceTopics.DEADLINE, d.toString()));
        return new Event(ComplianceTopics.WARNING, p);
    }
}
