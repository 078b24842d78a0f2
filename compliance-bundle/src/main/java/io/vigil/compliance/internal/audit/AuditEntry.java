package io.vigil.compliance.internal.audit;

import java.time.Instant;

/**
 * One entry of the trail exactly as stored: the time and details are kept as the text that was
 * hashed, so verification hashes the very bytes on disk and any edit of them shows.
 *
 * @param details      canonical JSON of the details (see {@link CanonicalDetails})
 * @param previousHash hex SHA-256 of the entry before (or of the anchor; {@link ChainHash#GENESIS} for the first)
 * @param hash         hex SHA-256 of this entry's fields and {@code previousHash} ({@link ChainHash#entryHash})
 */
public record AuditEntry(long sequence, String time, String actor, String action, String details,
                         String previousHash, String hash) {

    public Instant instant() {
        return Instant.parse(time);
    }

    /** The hash this entry's stored fields give; equal to {@link #hash()} unless something was altered. */
    public String recomputedHash() {
        return ChainHash.entryHash(sequence, time, actor, action, details, previousHash);
    }
}
