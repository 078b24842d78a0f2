package io.vigil.compliance.internal.audit;

import java.util.List;
import java.util.Optional;

/**
 * One node's chain as {@code vigil audit verify --cluster} found it in the cluster's audit log.
 *
 * @param first       the first entry published (0: none)
 * @param last        the newest entry published (0: none)
 * @param entries     distinct entries published
 * @param checkpoints distinct signed checkpoints published
 * @param duplicates  records published twice with identical content (tolerated)
 * @param keys        the ids of the keys its checkpoints are checked with, the pinned one first
 * @param findings    problems in sequence order; the first is the first break
 */
record NodeAudit(String node, long first, long last, int entries, int checkpoints, int duplicates, List<String> keys,
                 List<Finding> findings, List<String> notes) {

    NodeAudit {
        keys = List.copyOf(keys);
        findings = List.copyOf(findings);
        notes = List.copyOf(notes);
    }

    boolean intact() {
        return findings.isEmpty();
    }

    Optional<Finding> firstBreak() {
        return findings.stream().findFirst();
    }
}
