package io.vigil.watchlist.internal;

import io.vigil.api.audit.AuditActions;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;

/** Watchlists made, deleted (the whole list, its key destroyed) and re-keyed; each change audited. */
final class WatchlistLifecycle {

    private final OpenStore store;
    private final LoadedTemplates loaded;
    private final WatchlistChanges changes;

    WatchlistLifecycle(OpenStore store, LoadedTemplates loaded, WatchlistChanges changes) {
        this.store = store;
        this.loaded = loaded;
        this.changes = changes;
    }

    /** @param actor who is recorded in the audit trail: "administrator" at the admin channel, a console user's name */
    Watchlist create(NewWatchlist w, String actor) throws WatchlistException {
        if (w.name().isBlank() || w.name().length() > 100) {
            throw new WatchlistException("a watchlist name is 1 to 100 characters");
        }
        if (w.validTo().isPresent() && w.validTo().get().isBefore(LocalDate.now(Clock.systemUTC()))) {
            throw new WatchlistException("--valid-to " + w.validTo().get() + " is in the past: the list would be erased at once");
        }
        Watchlist created = store.get().create(w);
        loaded.named(created);
        changes.audited(AuditActions.WATCHLIST_CREATED, actor, Map.of("watchlist", created.name(),
                "category", created.category().name(), "threshold", Float.toString(created.threshold()),
                "legal.basis", created.legalBasis(), "authorising.officer", created.authorisingOfficer()));
        return created;
    }

    void delete(String watchlist, String actor) throws WatchlistException {
        Watchlist w = store.watchlist(watchlist);
        Map<Long, String> gone = store.get().pseudonyms(w);
        loaded.forget(w);
        store.get().delete(w);
        loaded.forgetSubjects(gone.keySet());
        changes.audited(AuditActions.WATCHLIST_DELETED, actor, Map.of("watchlist", w.name(),
                "subjects", Integer.toString(gone.size()), "key", w.keyAlias() + " destroyed"));
    }

    Watchlist rotateKey(String watchlist, String actor) throws WatchlistException {
        Watchlist rotated = store.get().rotateKey(store.watchlist(watchlist));
        loaded.named(rotated);
        changes.audited(AuditActions.WATCHLIST_KEY_ROTATED, actor, Map.of("watchlist", rotated.name(), "key", rotated.keyAlias()));
        return rotated;
    }
}
