package io.vigil.api.watchlist;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Creating, filling and deleting watchlists for a named person (the web console's watchlist
 * manager): the same service, checks and audit records as {@code vigil watchlist}, with the actor
 * recorded as given instead of "administrator".
 */
@ProviderType
public interface WatchlistAdministration {

    /** Enrolment photos larger than this are refused before decoding. */
    long MAX_PHOTO_BYTES = 32L * 1024 * 1024;

    /** One watchlist and what it holds. */
    record Summary(String name, WatchlistCategory category, String legalBasis, String authorisingOfficer, float threshold,
                   int subjects, int templates) {
    }

    List<Summary> watchlists() throws WatchlistOperationException;

    /** Creates a list with the default threshold and no validity limits. */
    Summary create(String name, WatchlistCategory category, String legalBasis, String authorisingOfficer, String actor)
            throws WatchlistOperationException;

    /**
     * Enrols one person from one photo (exactly one face of enrolment quality).
     *
     * @return the subject's pseudonym
     */
    String enrol(String watchlist, String displayName, byte[] photo, String photoName, String actor)
            throws WatchlistOperationException;

    /** Deletes the list, its subjects and its data key. */
    void delete(String watchlist, String actor) throws WatchlistOperationException;
}
