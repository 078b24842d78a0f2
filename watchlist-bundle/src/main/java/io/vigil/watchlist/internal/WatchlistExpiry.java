package io.vigil.watchlist.internal;

import io.vigil.api.audit.AuditActions;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.service.log.Logger;

/**
 * Erases what has outlived its authority: watchlists past their last valid day (the whole list,
 * key destroyed) and subjects past their expiry. Runs when the watchlists open and every hour on
 * a thread of its own, stopped with the component.
 */
final class WatchlistExpiry {

    private final OpenStore store;
    private final LoadedTemplates loaded;
    private final WatchlistChanges changes;
    private final Logger logger;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "vigil-watchlist-expiry");
        t.setDaemon(true);
        return t;
    });

    WatchlistExpiry(OpenStore store, LoadedTemplates loaded, WatchlistChanges changes, Logger logger) {
        this.store = store;
        this.loaded = loaded;
        this.changes = changes;
        this.logger = logger;
    }

    /** Enforces expiry now and then every hour. */
    void start() {
        enforce();
        timer.scheduleWithFixedDelay(this::enforce, 1, 1, TimeUnit.HOURS);
    }

    void stop() {
        timer.shutdownNow();
    }

    /** @return the lists and subjects erased */
    int enforce() {
        WatchlistStore s;
        try {
            s = store.get();
        } catch (WatchlistException e) {
            return 0; // the database did not open: nothing to erase from
        }
        int erased = 0;
        try {
            LocalDate today = LocalDate.now(Clock.systemUTC());
            for (Watchlist w : s.list()) {
                if (w.validTo().isPresent() && w.validTo().get().isBefore(today)) {
                    Map<Long, String> gone = s.pseudonyms(w);
                    loaded.forget(w);
                    s.delete(w);
                    loaded.forgetSubjects(gone.keySet());
                    changes.audited(AuditActions.WATCHLIST_DELETED, WatchlistService.ADMINISTRATOR, Map.of("watchlist", w.name(),
                            "reason", "expired " + w.validTo().get(), "subjects", Integer.toString(gone.size())));
                    logger.info("Watchlist {} expired on {}: erased and its key destroyed", w.name(), w.validTo().get());
                    erased++;
                } else {
                    int gone = s.removeExpiredSubjects(w, Instant.now());
                    if (gone > 0) {
                        loaded.reload(s, w);
                        changes.inventoryChanged(w.name());
                        logger.info("{} subjects of watchlist {} expired and were erased", gone, w.name());
                        erased += gone;
                    }
                }
            }
        } catch (WatchlistException e) {
            logger.error("Expired watchlist data could not be erased yet: {}", e.getMessage());
        }
        return erased;
    }
}
