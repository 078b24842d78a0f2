package io.vigil.compliance.internal.audit;

import io.vigil.api.audit.AuditException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How far this node's trail went to the cluster's audit log: the newest entry and checkpoint Kafka acknowledged, and
 * the key last published. The trail itself is the outbox (its entries and checkpoints are durable before they are
 * published); this file, beside the database, is only the cursor. It is replaced atomically after acknowledgements,
 * so a crash can only make it lag, and what is sent again is identical, which verification tolerates.
 *
 * @param entry      the newest entry acknowledged (0: none)
 * @param checkpoint the newest checkpoint acknowledged (0: none)
 * @param keyId      the key published last ("" for none)
 */
record PublishedPosition(long entry, long checkpoint, String keyId) {

    static final PublishedPosition NONE = new PublishedPosition(0, 0, "");

    private static final Pattern LINE = Pattern.compile(
            "vigil-audit-published v1 entry=(\\d+) checkpoint=(\\d+) key=([0-9a-f]{0,16})");

    /** The position file of the database at {@code database}: {@code <database>.published}. */
    static Path beside(Path database) {
        return database.resolveSibling(database.getFileName() + ".published");
    }

    /** The position stored in {@code file}; {@link #NONE} when there is no file (nothing published yet). */
    static PublishedPosition read(Path file) throws AuditException {
        if (!Files.isRegularFile(file)) {
            return NONE;
        }
        try {
            String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
            Matcher m = LINE.matcher(text);
            if (!m.matches()) {
                // publishing everything again costs only duplicates, which verification tolerates
                throw new AuditException("the audit publish position " + file + " is damaged; delete it to publish the"
                        + " whole trail again (verification ignores records sent twice)");
            }
            return new PublishedPosition(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), m.group(3));
        } catch (IOException | NumberFormatException e) {
            throw new AuditException("cannot read the audit publish position " + file + ": " + e.getMessage(), e);
        }
    }

    void write(Path file) throws AuditException {
        Path temporary = file.resolveSibling(file.getFileName() + ".new");
        try {
            Files.writeString(temporary, "vigil-audit-published v1 entry=" + entry + " checkpoint=" + checkpoint + " key="
                    + keyId + "\n", StandardCharsets.US_ASCII);
            try (FileChannel ch = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new AuditException("cannot write the audit publish position " + file + ": " + e.getMessage(), e);
        }
    }

    PublishedPosition withEntry(long sequence) {
        return new PublishedPosition(sequence, checkpoint, keyId);
    }

    PublishedPosition withCheckpoint(long sequence) {
        return new PublishedPosition(entry, sequence, keyId);
    }

    PublishedPosition withKey(String id) {
        return new PublishedPosition(entry, checkpoint, id);
    }
}
