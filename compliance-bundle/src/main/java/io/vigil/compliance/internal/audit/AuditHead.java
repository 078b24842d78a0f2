package io.vigil.compliance.internal.audit;

import io.vigil.api.audit.AuditException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The head file beside the audit database: one line per entry, appended and forced to disk after
 * the entry's commit, never rewritten. After a crash ({@code kill -9}) the entries since the last
 * checkpoint are sealed by nothing but this file: the next start reads its last line and records
 * it in the start entry, so deleting those entries from the database shows as a break. The file
 * lives outside SQLite, so dropping the database's triggers does not reach it; a copy of the
 * checkpoints elsewhere (the remote checkpoint file) is what defends against someone who edits both.
 */
public final class AuditHead {

    /** An entry the head file says was written. */
    public record Head(long sequence, String hash) {
    }

    private static final Pattern LINE = Pattern.compile("vigil-audit-head v1 sequence=(\\d+) hash=([0-9a-f]{64})");
    /** Enough for the last few lines; a line is about 110 bytes. */
    private static final int TAIL = 4096;

    private final Path file;

    public AuditHead(Path file) {
        this.file = file;
    }

    /** The head file of the database at {@code database}: {@code <database>.head}. */
    public static AuditHead beside(Path database) {
        return new AuditHead(database.resolveSibling(database.getFileName() + ".head"));
    }

    public Path file() {
        return file;
    }

    public boolean exists() {
        return Files.isRegularFile(file);
    }

    public synchronized void append(long sequence, String hash) throws AuditException {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND)) {
                ByteBuffer line = ByteBuffer.wrap(("vigil-audit-head v1 sequence=" + sequence + " hash=" + hash + "\n")
                        .getBytes(StandardCharsets.US_ASCII));
                while (line.hasRemaining()) {
                    ch.write(line);
                }
                ch.force(false);
            }
        } catch (IOException e) {
            throw new AuditException("cannot append entry " + sequence + " to the head file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The newest entry the file names: its last complete line (a line cut short by a crash while it
     * was written is skipped). Empty when the file does not exist or names no entry.
     */
    public synchronized Optional<Head> last() throws AuditException {
        if (!exists()) {
            return Optional.empty();
        }
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            long length = f.length();
            int size = (int) Math.min(TAIL, length);
            byte[] tail = new byte[size];
            f.seek(length - size);
            f.readFully(tail);
            String[] lines = new String(tail, StandardCharsets.ISO_8859_1).split("\n", -1);
            // the last element is what follows the last newline: complete only if empty
            for (int i = lines.length - 2; i >= 0; i--) {
                Matcher m = LINE.matcher(lines[i].strip());
                if (m.matches()) {
                    return Optional.of(new Head(Long.parseLong(m.group(1)), m.group(2)));
                }
            }
            return Optional.empty();
        } catch (IOException | NumberFormatException e) {
            throw new AuditException("cannot read the head file " + file + ": " + e.getMessage(), e);
        }
    }
}
