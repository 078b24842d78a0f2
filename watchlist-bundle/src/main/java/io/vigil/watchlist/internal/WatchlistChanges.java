package io.vigil.watchlist.internal;

import io.vigil.api.audit.AuditException;
import io.vigil.api.audit.AuditTrail;
import io.vigil.api.inventory.InventoryTopics;
import java.util.Map;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.log.Logger;

/**
 * Every change to what the watchlists hold goes on record here: in the audit trail before it is
 * reported done, and announced to the compliance ledger. The trail and Event Admin are optional
 * services the component binds and hands over.
 */
final class WatchlistChanges {

    private final Logger logger;
    private volatile AuditTrail audit;
    private volatile EventAdmin events;

    WatchlistChanges(Logger logger) {
        this.logger = logger;
    }

    void setAudit(AuditTrail trail) {
        this.audit = trail;
    }

    void unsetAudit(AuditTrail trail) {
        if (this.audit == trail) {
            this.audit = null;
        }
    }

    void setEvents(EventAdmin events) {
        this.events = events;
    }

    void unsetEvents(EventAdmin events) {
        if (this.events == events) {
            this.events = null;
        }
    }

    /**
     * Records a change in the audit trail before reporting it done. Without a trail (the compliance
     * bundle not running) the change is logged as unaudited rather than refused, so an
     * administrator can still erase data.
     */
    void audited(String action, String actor, Map<String, String> details) throws WatchlistException {
        if (details.containsKey("watchlist")) {
            // every change to what is held is audited through here: the ledger hears of it too
            inventoryChanged(details.get("watchlist"));
        }
        AuditTrail trail = audit;
        if (trail == null) {
            logger.warn("Not audited (no audit trail running): {} {}", action, details);
            return;
        }
        try {
            trail.record(action, actor, details);
        } catch (AuditException e) {
            throw new WatchlistException("done, but the audit trail could not record it: " + e.getMessage(), e);
        }
    }

    /** Announces (asynchronously, after the change is committed) that the facial data held changed. */
    void inventoryChanged(String watchlist) {
        EventAdmin e = events;
        if (e != null) {
            e.postEvent(new Event(InventoryTopics.CHANGED, Map.of("watchlist", watchlist)));
        }
    }
}
