package io.vigil.compliance.internal.audit;

import io.vigil.api.audit.AuditException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The plain-text copy of the checkpoints, one line each, appended and forced to disk so a line is
 * there before the checkpoint is reported made. The administrator ships it (or its tail) off the
 * machine; {@code vigil audit verify --checkpoints} compares the trail with such a copy. The
 * public key is written beside it ({@code <file>.pub}) for anyone who wants to check signatures
 * without Vigil.
 */
public final class CheckpointFile {

    /** One line of the file: its number (from 1) and the checkpoint, if it is one. */
    public record Line(int number, String text, Optional<Checkpoint> checkpoint) {
    }

    private final Path file;

    public CheckpointFile(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    public Path publicKeyFile() {
        return file.resolveSibling(file.getFileName() + ".pub");
    }

    public synchronized void append(Checkpoint c) throws AuditException {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND)) {
                ByteBuffer line = ByteBuffer.wrap((c.line() + "\n").getBytes(StandardCharsets.US_ASCII));
                while (line.hasRemaining()) {
                    ch.write(line);
                }
                ch.force(true);
            }
        } catch (IOException e) {
            throw new AuditException("cannot append checkpoint " + c.sequence() + " to " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Appends a key to the public key file beside the checkpoints, the file made when there is
     * none. The file is never rewritten: a key that replaces another is a further line naming the
     * entry that records the change ({@code since}), so a verifier who kept the old file still
     * holds the old key, and a checkpoint signed by the new one does not verify against it.
     */
    public void appendPublicKey(byte[] publicKey, String keyId, java.util.OptionalLong since) throws AuditException {
        String text = "ed25519 " + Base64.getEncoder().encodeToString(publicKey) + " key=" + keyId
                + (since.isPresent() ? " since=" + since.getAsLong() : "") + "\n";
        Path pub = publicKeyFile();
        try {
            Files.createDirectories(pub.toAbsolutePath().getParent());
            Files.writeString(pub, text, StandardCharsets.US_ASCII, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new AuditException("cannot write the audit public key to " + pub + ": " + e.getMessage(), e);
        }
    }

    /** The keys published beside the file; empty when there is no key file yet. */
    public Optional<CheckpointKeys> publishedKeys() throws AuditException {
        return Files.exists(publicKeyFile()) ? Optional.of(CheckpointKeys.read(publicKeyFile())) : Optional.empty();
    }

    public boolean exists() {
        return Files.isRegularFile(file);
    }

    public List<Line> read() throws AuditException {
        List<String> lines;
        try {
            // Latin-1 reads any byte: a damaged line is reported as such, not as an unreadable file
            lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException e) {
            throw new AuditException("the checkpoint file " + file + " does not exist", e);
        } catch (IOException e) {
            throw new AuditException("cannot read the checkpoint file " + file + ": " + e.getMessage(), e);
        }
        List<Line> out = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).isBlank()) {
                out.add(new Line(i + 1, lines.get(i), Checkpoint.parse(lines.get(i))));
            }
        }
        return out;
    }
}
