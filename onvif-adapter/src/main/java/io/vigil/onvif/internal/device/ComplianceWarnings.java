package io.vigil.onvif.internal.device;

import io.vigil.api.compliance.ComplianceTopics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.osgi.service.event.Event;

/**
 * The facial-data ledger's warnings (Event Admin {@link ComplianceTopics#WARNING}) as
 * {@code vigil:Compliance/Warning} notifications, so a VMS operator sees an approaching filing
 * deadline where they see alarms. Not a property: each warning is told once. Source: {@code Profile};
 * Data: {@code Kind}, {@code Count}, {@code Threshold}, {@code Deadline} (when there is one),
 * {@code Message}. Nothing in it names a person.
 */
final class ComplianceWarnings {

    private ComplianceWarnings() {
    }

    /** Empty when the event lacks the profile or kind (not a warning this device can describe). */
    static Optional<Notification> notification(Event event, Instant now) {
        Object profile = event.getProperty(ComplianceTopics.PROFILE);
        Object kind = event.getProperty(ComplianceTopics.KIND);
        if (profile == null || kind == null) {
            return Optional.empty();
        }
        List<Notification.Item> data = new ArrayList<>();
        data.add(new Notification.Item("Kind", kind.toString()));
        for (String[] item : new String[][] {{"Count", ComplianceTopics.COUNT}, {"Threshold", ComplianceTopics.THRESHOLD},
                {"Deadline", ComplianceTopics.DEADLINE}, {"Message", ComplianceTopics.MESSAGE}}) {
            Object value = event.getProperty(item[1]);
            if (value != null) {
                data.add(new Notification.Item(item[0], value.toString()));
            }
        }
        return Optional.of(new Notification(EventTopic.COMPLIANCE_WARNING, now, Optional.empty(),
                List.of(new Notification.Item("Profile", profile.toString())), data, List.of()));
    }
}
