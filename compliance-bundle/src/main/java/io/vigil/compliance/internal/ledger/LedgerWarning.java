package io.vigil.compliance.internal.ledger;

import io.vigil.api.compliance.ComplianceTopics;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/**
 * Something the ledger must tell an administrator once: an early warning, the threshold crossed, a
 * filing that became due, a deadline approaching or passed. Kept in the ledger (table
 * {@code notice}) in the same transaction as what caused it, so a warning that no channel took yet
 * (Event Admin absent, a crash) is still there to be posted.
 *
 * @param id        its row; 0 before it is written
 * @param kind      one of {@link ComplianceTopics#KINDS}
 * @param count     distinct individuals held when it arose
 * @param threshold the profile's filing threshold
 * @param deadline  the filing deadline, for every kind but early warnings
 * @param message   in words, for the log and an operator
 * @param obligation the filing a deadline reminder is about
 */
public record LedgerWarning(long id, String profile, String kind, long count, long threshold, Optional<LocalDate> deadline,
                            String message, Instant raised, Optional<Long> obligation) {

    public LedgerWarning {
        if (!ComplianceTopics.KINDS.contains(kind)) {
            throw new IllegalArgumentException("unknown warning kind " + kind);
        }
    }

    LedgerWarning withId(long rowId) {
        return new LedgerWarning(rowId, profile, kind, count, threshold, deadline, message, raised, obligation);
    }

    LedgerWarning withObligation(long obligationId) {
        return new LedgerWarning(id, profile, kind, count, threshold, deadline, message, raised, Optional.of(obligationId));
    }
}
