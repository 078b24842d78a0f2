package io.vigil.compliance.internal.ledger;

import io.vigil.compliance.internal.store.StorageException;
import java.time.Clock;
import java.util.Optional;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.log.Logger;

/**
 * Takes each ledger warning, already written to the ledger, to the chosen channels: the log at
 * once, Event Admin as soon as it runs. What Event Admin has not had stays unposted in the ledger
 * and goes out, oldest first, at the next {@link #post}; when the channel is not chosen warnings
 * are marked "off" instead, so choosing it later does not replay old ones.
 */
final class WarningOutbox {

    private final Ledger ledger;
    private final WarningChannels channels;
    private final Logger logger;
    private final Clock clock;

    WarningOutbox(Ledger ledger, WarningChannels channels, Logger logger, Clock clock) {
        this.ledger = ledger;
        this.channels = channels;
        this.logger = logger;
        this.clock = clock;
    }

    /** A new warning: to the log now, then whatever Event Admin has not had. */
    void tell(LedgerWarning w, Optional<EventAdmin> events) {
        if (channels.log()) {
            logger.warn("Compliance: {}", w.message());
        }
        post(events);
    }

    /** @return how many were posted */
    synchronized int post(Optional<EventAdmin> events) {
        int n = 0;
        try {
            for (LedgerWarning w : ledger.unposted()) {
                if (!channels.eventAdmin()) {
                    ledger.posted(w.id(), "off");
                } else if (events.isPresent()) {
                    events.get().postEvent(WarningEvents.of(w));
                    ledger.posted(w.id(), clock.instant().toString());
                    n++;
                }
            }
        } catch (StorageException | RuntimeException e) {
            logger.error("Compliance warnings could not be posted on Event Admin (they are kept and retried): {}",
                    e.getMessage());
        }
        return n;
    }
}
