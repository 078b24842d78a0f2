package io.vigil.watchlist.internal;

import io.vigil.api.watchlist.WatchlistCategory;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/**
 * A watchlist as stored: why it exists and under whose authority, when it is valid, how urgent its
 * alerts are and the similarity its matches need.
 */
record Watchlist(long id, String name, WatchlistCategory category, String legalBasis, String authorisingOfficer,
                 Optional<LocalDate> validFrom, Optional<LocalDate> validTo, int priority, float threshold,
                 int keyVersion, Instant created) {

    boolean validOn(LocalDate day) {
        return validFrom.map(f -> !day.isBefore(f)).orElse(true) && validTo.map(t -> !day.isAfter(t)).orElse(true);
    }

    /** The secret-store alias of this watchlist's data key. */
    String keyAlias() {
        return keyAlias(id, keyVersion);
    }

    /** The same list under another version of its key (the database's version is the current one). */
    Watchlist withKeyVersion(int version) {
        return new Watchlist(id, name, category, legalBasis, authorisingOfficer, validFrom, validTo, priority, threshold,
                version, created);
    }

    static String keyAlias(long watchlistId, int keyVersion) {
        return "watchlist." + watchlistId + ".key.v" + keyVersion;
    }
}
