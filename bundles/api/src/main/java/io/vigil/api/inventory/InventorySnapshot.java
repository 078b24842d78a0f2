package io.vigil.api.inventory;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What was held when the snapshot was taken.
 *
 * @param takenAt      when
 * @param watchlists   every watchlist with its subjects
 * @param keyScheme    how {@link HeldSubject#individualKey()} was made, for the filing pack
 *                     (e.g. "HMAC-SHA256 of the normalised external reference")
 * @param storage      where the data is stored, in words for the filing pack (files, encryption)
 */
public record InventorySnapshot(Instant takenAt, List<WatchlistHoldings> watchlists, String keyScheme, String storage) {
    public InventorySnapshot {
        Objects.requireNonNull(takenAt, "takenAt");
        watchlists = List.copyOf(watchlists);
        Objects.requireNonNull(keyScheme, "keyScheme");
        Objects.requireNonNull(storage, "storage");
    }
}
