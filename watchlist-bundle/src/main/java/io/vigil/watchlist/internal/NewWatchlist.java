package io.vigil.watchlist.internal;

import io.vigil.api.watchlist.WatchlistCategory;
import java.time.LocalDate;
import java.util.Optional;

/** What an administrator gives to create a watchlist. */
record NewWatchlist(String name, WatchlistCategory category, String legalBasis, String authorisingOfficer,
                    Optional<LocalDate> validFrom, Optional<LocalDate> validTo, int priority, float threshold) {
}
