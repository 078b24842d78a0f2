package io.vigil.compliance.internal.ledger;

import java.time.LocalDate;
import java.util.Optional;

/**
 * A filing that became due.
 *
 * @param kind     INITIAL (threshold crossed), CHANGE (purpose, storage, security or count band
 *                 changed) or CANCELLATION (use stopped: nothing held any more)
 * @param openedOn the day of the event; the deadline counts from the day after it
 * @param count    the individuals held that day
 */
public record Obligation(long id, String profile, String kind, LocalDate openedOn, LocalDate deadline, String reason,
                         long count, Optional<LocalDate> filedOn, String reference) {

    public boolean open() {
        return filedOn.isEmpty();
    }
}
