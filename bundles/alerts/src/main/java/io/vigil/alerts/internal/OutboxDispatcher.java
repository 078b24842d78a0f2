package io.vigil.alerts.internal;

import io.vigil.api.alert.AlertStoreException;
import io.vigil.support.sqlite.SqliteDatabase;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/**
 * Posts the outbox's announcements to Event Admin, oldest first, and marks each delivered after
 * posting. Without Event Admin it leaves them waiting; run again when it arrives, and at start,
 * it delivers whatever a stop or crash left behind.
 */
final class OutboxDispatcher {

    static final String ALERT_ID = "alert.id";
    static final String ALERT_STATE = "alert.state";
    /** true when a STORED announcement is a better face of an alert announced before. */
    static final String ALERT_UPDATED = "alert.updated";

    private final SqliteDatabase<AlertStoreException> database;
    private final Supplier<EventAdmin> eventAdmin;
    private final Clock clock;

    OutboxDispatcher(SqliteDatabase<AlertStoreException> database, Supplier<EventAdmin> eventAdmin, Clock clock) {
        this.database = database;
        this.eventAdmin = eventAdmin;
        this.clock = clock;
    }

    /** @return how many announcements were posted */
    synchronized int deliver() throws AlertStoreException {
        int posted = 0;
        while (true) {
            EventAdmin admin = eventAdmin.get();
            if (admin == null) {
                return posted;
            }
            List<Outbox.Entry> batch = database.read(c -> Outbox.undelivered(c, 100));
            if (batch.isEmpty()) {
                return posted;
            }
            for (Outbox.Entry e : batch) {
                Map<String, Object> properties = new HashMap<>();
                properties.put(ALERT_ID, e.alertId());
                properties.put(ALERT_STATE, e.state().name());
                properties.put(ALERT_UPDATED, e.updated());
                admin.postEvent(new Event(e.topic(), properties));
                database.transaction(c -> {
                    Outbox.delivered(c, e.id(), clock.instant());
                    return null;
                });
                posted++;
            }
        }
    }

    int waiting() throws AlertStoreException {
        return database.read(Outbox::undeliveredCount);
    }
}
