package io.vigil.api.inventory;

/** Event Admin topics announcing changes to the facial data held; one topic per kind. */
public final class InventoryTopics {

    /**
     * Facial data was added or removed (enrolment, removal, expiry, deletion). Property
     * {@code watchlist} (its name). Only a hint: read {@link FacialDataInventory#snapshot()}.
     */
    public static final String CHANGED = "io/vigil/inventory/CHANGED";

    private InventoryTopics() {
    }
}
