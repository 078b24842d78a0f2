package io.vigil.api.inventory;

import java.util.List;
import java.util.Objects;

/**
 * One watchlist's facial data.
 *
 * @param name               the watchlist's name
 * @param category           its category (e.g. WANTED, MISSING)
 * @param legalBasis         the law relied on (the purpose the data is held for)
 * @param authorisingOfficer who authorised it
 * @param subjects           the people on it
 */
public record WatchlistHoldings(String name, String category, String legalBasis, String authorisingOfficer,
                                List<HeldSubject> subjects) {
    public WatchlistHoldings {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(legalBasis, "legalBasis");
        Objects.requireNonNull(authorisingOfficer, "authorisingOfficer");
        subjects = List.copyOf(subjects);
    }
}
