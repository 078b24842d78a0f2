package io.vigil.watchlist.internal;

import io.vigil.api.inventory.FacialDataInventory;
import io.vigil.api.inventory.InventoryException;
import io.vigil.api.inventory.InventorySnapshot;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The watchlists' facial data for the compliance ledger (counts and individual keys only). */
@Component
public class FacialDataInventoryService implements FacialDataInventory {

    private final WatchlistService watchlists;

    @Activate
    public FacialDataInventoryService(@Reference WatchlistService watchlists) {
        this.watchlists = watchlists;
    }

    @Override
    public InventorySnapshot snapshot() throws InventoryException {
        try {
            return watchlists.inventory();
        } catch (WatchlistException e) {
            throw new InventoryException("the watchlists cannot be counted: " + e.getMessage(), e);
        }
    }
}
