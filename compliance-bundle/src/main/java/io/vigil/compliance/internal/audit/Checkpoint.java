package io.vigil.compliance.internal.audit;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A signed statement "the trail's entry {@code sequence} had hash {@code entryHash} at {@code time}".
 * It is kept in the database and, one line each, in a file the administrator ships elsewhere:
 * whoever can rewrite the database cannot reach that copy, so cutting the tail or rewriting the
 * chain after a shipped checkpoint shows.
 *
 * @param keyId     the first 16 hex digits of the SHA-256 of the Ed25519 public key that signed it
 * @param signature Base64 Ed25519 signature over {@link ChainHash#checkpointMessage}
 */
public record Checkpoint(long sequence, String entryHash, String time, String keyId, String signature) {

    private static final Pattern LINE = Pattern.compile(
            "vigil-audit-checkpoint v1 sequence=(\\d+) hash=([0-9a-f]{64}) time=(\\S+) key=([0-9a-f]{16}) signature=(\\S+)");

    public String line() {
        return "vigil-audit-checkpoint v1 sequence=" + sequence + " hash=" + entryHash + " time=" + time + " key=" + keyId
                + " signature=" + signature;
    }

    /** The checkpoint a line of the shipped file holds; empty when the line is not one. */
    public static Optional<Checkpoint> parse(String line) {
        Matcher m = LINE.matcher(line.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Checkpoint(Long.parseLong(m.group(1)), m.group(2), m.group(3), m.group(4), m.group(5)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
