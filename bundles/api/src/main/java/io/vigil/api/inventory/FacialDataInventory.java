package io.vigil.api.inventory;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The facial data a bundle stores now, as the compliance ledger counts it (China's Measures Art. 15
 * count "individuals whose facial information is stored": templates and images alike). Served by
 * the watchlist bundle from its database without decrypting names, references, templates or
 * photos. A change to what is held is announced on {@link InventoryTopics#CHANGED}.
 */
@ProviderType
public interface FacialDataInventory {

    /** What is held at this moment. */
    InventorySnapshot snapshot() throws InventoryException;
}
