package io.vigil.watchlist.internal;

import io.vigil.api.watchlist.WatchlistAdministration;
import io.vigil.api.watchlist.WatchlistCategory;
import io.vigil.api.watchlist.WatchlistOperationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Watchlist administration for the web console: a thin door onto {@link WatchlistService}, so an
 * upload is enrolled, checked and audited exactly as {@code vigil watchlist enrol} does, with the
 * console user as the actor.
 */
@Component(service = WatchlistAdministration.class)
public class WatchlistAdministrationService implements WatchlistAdministration {

    private final WatchlistService service;

    @Activate
    public WatchlistAdministrationService(@Reference WatchlistService service) {
        this.service = service;
    }

    @Override
    public List<Summary> watchlists() throws WatchlistOperationException {
        try {
            List<Summary> out = new ArrayList<>();
            for (WatchlistService.Summary s : service.summaries()) {
                out.add(summary(s.watchlist(), s.subjects(), s.templates()));
            }
            return out;
        } catch (WatchlistException e) {
            throw new WatchlistOperationException(e.getMessage(), e);
        }
    }

    @Override
    public Summary create(String name, WatchlistCategory category, String legalBasis, String authorisingOfficer, String actor)
            throws WatchlistOperationException {
        if (legalBasis.isBlank() || authorisingOfficer.isBlank()) {
            throw new WatchlistOperationException("a watchlist needs its legal basis and authorising officer");
        }
        try {
            Watchlist w = service.create(new NewWatchlist(name.strip(), category, legalBasis.strip(), authorisingOfficer.strip(),
                    Optional.empty(), Optional.empty(), 1, service.defaultThreshold()), actor);
            return summary(w, 0, 0);
        } catch (WatchlistException e) {
            throw new WatchlistOperationException(e.getMessage(), e);
        }
    }

    @Override
    public String enrol(String watchlist, String displayName, byte[] photo, String photoName, String actor)
            throws WatchlistOperationException {
        try {
            return service.enrol(watchlist, displayName.strip(), photo, photoName, actor).pseudonym();
        } catch (WatchlistException e) {
            throw new WatchlistOperationException(e.getMessage(), e);
        }
    }

    @Override
    public void delete(String watchlist, String actor) throws WatchlistOperationException {
        try {
            service.delete(watchlist, actor);
        } catch (WatchlistException e) {
            throw new WatchlistOperationException(e.getMessage(), e);
        }
    }

    private static Summary summary(Watchlist w, int subjects, int templates) {
        return new Summary(w.name(), w.category(), w.legalBasis(), w.authorisingOfficer(), w.threshold(), subjects, templates);
    }
}
