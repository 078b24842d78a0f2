package io.vigil.compliance.internal.audit;

import java.util.List;

/**
 * What {@code vigil audit verify} found.
 *
 * @param firstSequence     the oldest entry kept (after the anchor when pruned); 0 when there is none
 * @param lastSequence      the newest entry; 0 when there is none
 * @param checkpoints       signed checkpoints in the database
 * @param shippedCheckpoints checkpoint lines read from the shipped file (-1 when none was read)
 * @param findings          problems in sequence order of discovery; empty means intact
 * @param notes             what the administrator should know that is not a problem
 */
public record VerificationReport(long firstSequence, long lastSequence, int checkpoints, int shippedCheckpoints,
                                 List<Finding> findings, List<String> notes) {

    public VerificationReport {
        findings = List.copyOf(findings);
        notes = List.copyOf(notes);
    }

    public boolean intact() {
        return findings.isEmpty();
    }
}
