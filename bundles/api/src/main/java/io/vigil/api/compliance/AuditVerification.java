package io.vigil.api.compliance;

import java.util.List;

/**
 * What verifying the audit trail found.
 *
 * @param intact        no finding: every entry chains and every checkpoint signature holds
 * @param firstSequence the oldest entry kept; 0 when there is none
 * @param lastSequence  the newest entry; 0 when there is none
 * @param checkpoints   signed checkpoints checked
 * @param findings      the problems, in words
 * @param notes         what is worth knowing but not a problem
 */
public record AuditVerification(boolean intact, long firstSequence, long lastSequence, int checkpoints, List<String> findings,
                                List<String> notes) {
    public AuditVerification {
        findings = List.copyOf(findings);
        notes = List.copyOf(notes);
    }
}
