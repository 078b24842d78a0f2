package io.vigil.compliance.internal.audit;

/**
 * One thing verification found wrong, at the sequence number where it shows.
 *
 * @param sequence the entry (or checkpoint) sequence number the problem is at
 * @param kind     what kind of tampering it looks like, for tests and filters
 * @param text     what is wrong, in words for an administrator
 */
public record Finding(long sequence, Kind kind, String text) {

    public enum Kind { EDITED, DELETED, INSERTED, REORDERED, REWRITTEN, TRUNCATED, BAD_SIGNATURE, CHECKPOINT_MISSING, ANCHOR,
        /** Two different records at one sequence of a node's published chain (cluster). */
        CONFLICT,
        /** A record of the cluster's audit log that is not an audit record. */
        MALFORMED }

    @Override
    public String toString() {
        return "sequence " + sequence + ": " + text;
    }
}
