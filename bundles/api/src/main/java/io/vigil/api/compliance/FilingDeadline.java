package io.vigil.api.compliance;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * A filing that became due.
 *
 * @param kind      INITIAL, CHANGE or CANCELLATION
 * @param openedOn  the day of the event that made it due
 * @param deadline  the last day to file
 * @param reason    why it is due, in words
 * @param filedOn   when it was recorded as filed; empty: still open
 * @param reference the filing's reference, when filed
 */
public record FilingDeadline(String kind, LocalDate openedOn, LocalDate deadline, String reason, Optional<LocalDate> filedOn,
                             String reference) {
    public FilingDeadline {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(filedOn, "filedOn");
    }
}
