package io.vigil.watchlist.internal;

import java.time.Instant;
import java.util.Optional;

/**
 * A person on a watchlist, decrypted. Only {@code pseudonym} ever leaves Vigil.
 */
record Subject(long id, long watchlistId, String pseudonym, String displayName, String externalReference, String notes,
               String addedBy, Instant created, Optional<Instant> expiry, int templates, boolean needsReEnrolment) {
}
