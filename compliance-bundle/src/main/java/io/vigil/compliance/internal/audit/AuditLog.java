package io.vigil.compliance.internal.audit;

import io.vigil.api.audit.AuditException;
import io.vigil.compliance.internal.store.SqliteFile;
import io.vigil.compliance.internal.store.StorageException;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The trail in its SQLite file: entries appended in sequence, each chained to the one before by
 * its hash; the signed checkpoints; and the anchor left by pruning (the signed checkpoint the
 * oldest kept entry chains to). Triggers refuse updates and deletes other than pruning's, which
 * stops mistakes; against someone who edits the file, the chain and the signatures are the defence.
 */
public final class AuditLog implements AutoCloseable {

    /** Where the chain continues from when nothing is left before it. */
    public record Anchor(long sequence, String hash, String prunedAt) {
    }

    /** The newest entry's sequence and hash (0 and the anchor's or genesis hash when there is none). */
    public record Tip(long sequence, String hash) {
    }

    static final List<List<String>> SCHEMA = List.of(
            List.of(
                    """
                    CREATE TABLE entry (
                      sequence INTEGER PRIMARY KEY,
                      time TEXT NOT NULL,
                      actor TEXT NOT NULL,
                      action TEXT NOT NULL,
                      details TEXT NOT NULL,
                      previous_hash TEXT NOT NULL,
                      hash TEXT NOT NULL)""",
                    "CREATE INDEX entry_action ON entry(action)",
                    """
                    CREATE TABLE checkpoint (
                      sequence INTEGER PRIMARY KEY,
                      entry_hash TEXT NOT NULL,
                      time TEXT NOT NULL,
                      key_id TEXT NOT NULL,
                      signature TEXT NOT NULL)""",
                    """
                    CREATE TABLE anchor (
                      id INTEGER PRIMARY KEY CHECK (id = 1),
                      sequence INTEGER NOT NULL,
                      hash TEXT NOT NULL,
                      pruned_at TEXT NOT NULL)""",
                    """
                    CREATE TRIGGER entry_append_only BEFORE UPDATE ON entry
                    BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END""",
                    """
                    CREATE TRIGGER entry_pruned_only BEFORE DELETE ON entry
                    WHEN OLD.sequence > coalesce((SELECT sequence FROM anchor WHERE id = 1), 0)
                    BEGIN SELECT RAISE(ABORT, 'audit entries are deleted only by pruning up to a checkpoint'); END""",
                    """
                    CREATE TRIGGER checkpoint_append_only BEFORE UPDATE ON checkpoint
                    BEGIN SELECT RAISE(ABORT, 'checkpoints are append-only'); END"""));

    private final SqliteFile db;
    private Tip tip;

    private AuditLog(SqliteFile db) throws AuditException {
        this.db = db;
        this.tip = readTip();
    }

    public static AuditLog open(Path file) throws AuditException {
        try {
            return new AuditLog(SqliteFile.open(file, "audit trail", SCHEMA));
        } catch (StorageException e) {
            throw new AuditException(e.getMessage(), e);
        }
    }

    public Path file() {
        return db.file();
    }

    private Tip readTip() throws AuditException {
        return read(c -> {
            try (Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT sequence, hash FROM entry ORDER BY sequence DESC LIMIT 1")) {
                if (r.next()) {
                    return new Tip(r.getLong(1), r.getString(2));
                }
            }
            return anchorNow(c).map(a -> new Tip(a.sequence(), a.hash())).orElse(new Tip(0, ChainHash.GENESIS));
        });
    }

    public synchronized Tip tip() {
        return tip;
    }

    /** Appends the entry after the tip; it is on disk when this returns (synchronous=FULL). */
    public synchronized AuditEntry append(String time, String actor, String action, String details) throws AuditException {
        long sequence = tip.sequence() + 1;
        AuditEntry e = new AuditEntry(sequence, time, actor, action, details, tip.hash(),
                ChainHash.entryHash(sequence, time, actor, action, details, tip.hash()));
        write(c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "INSERT INTO entry (sequence, time, actor, action, details, previous_hash, hash) VALUES (?,?,?,?,?,?,?)")) {
                p.setLong(1, e.sequence());
                p.setString(2, e.time());
                p.setString(3, e.actor());
                p.setString(4, e.action());
                p.setString(5, e.details());
                p.setString(6, e.previousHash());
                p.setString(7, e.hash());
                p.executeUpdate();
            }
            return null;
        });
        tip = new Tip(e.sequence(), e.hash());
        return e;
    }

    /** Something done with each entry, in sequence order. */
    public interface EntryVisitor {
        void visit(AuditEntry entry) throws AuditException;
    }

    /** Visits the entries after {@code afterSequence} in sequence order without loading them all. */
    public void forEach(long afterSequence, EntryVisitor visitor) throws AuditException {
        long from = afterSequence;
        while (true) {
            List<AuditEntry> page = page(from, 1000);
            for (AuditEntry e : page) {
                visitor.visit(e);
            }
            if (page.size() < 1000) {
                return;
            }
            from = page.get(page.size() - 1).sequence();
        }
    }

    /** At most {@code size} entries after {@code after}, oldest first. */
    public List<AuditEntry> page(long after, int size) throws AuditException {
        return read(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT sequence, time, actor, action, details, previous_hash, hash"
                    + " FROM entry WHERE sequence > ? ORDER BY sequence LIMIT ?")) {
                p.setLong(1, after);
                p.setInt(2, size);
                return entries(p);
            }
        });
    }

    /** The newest {@code count} entries (of one action when given), oldest first. */
    public List<AuditEntry> last(int count, Optional<String> action) throws AuditException {
        List<AuditEntry> newestFirst = read(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT sequence, time, actor, action, details, previous_hash, hash"
                    + " FROM entry" + (action.isPresent() ? " WHERE action = ?" : "") + " ORDER BY sequence DESC LIMIT ?")) {
                int i = 1;
                if (action.isPresent()) {
                    p.setString(i++, action.get());
                }
                p.setInt(i, count);
                return entries(p);
            }
        });
        List<AuditEntry> out = new ArrayList<>(newestFirst);
        Collections.reverse(out);
        return out;
    }

    private static List<AuditEntry> entries(PreparedStatement p) throws SQLException {
        List<AuditEntry> out = new ArrayList<>();
        try (ResultSet r = p.executeQuery()) {
            while (r.next()) {
                out.add(new AuditEntry(r.getLong(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5),
                        r.getString(6), r.getString(7)));
            }
        }
        return out;
    }

    /** The sequences of the entries whose stored hash is {@code hash}; used only to explain a broken chain. */
    public List<Long> sequencesWithHash(String hash) throws AuditException {
        return read(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT sequence FROM entry WHERE hash = ? ORDER BY sequence")) {
                p.setString(1, hash);
                List<Long> out = new ArrayList<>();
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        out.add(r.getLong(1));
                    }
                }
                return out;
            }
        });
    }

    public Optional<AuditEntry> entry(long sequence) throws AuditException {
        return read(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT sequence, time, actor, action, details, previous_hash, hash"
                    + " FROM entry WHERE sequence = ?")) {
                p.setLong(1, sequence);
                return entries(p).stream().findFirst();
            }
        });
    }

    public long count() throws AuditException {
        return read(c -> {
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT count(*) FROM entry")) {
                return r.getLong(1);
            }
        });
    }

    public void addCheckpoint(Checkpoint cp) throws AuditException {
        write(c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "INSERT INTO checkpoint (sequence, entry_hash, time, key_id, signature) VALUES (?,?,?,?,?)")) {
                p.setLong(1, cp.sequence());
                p.setString(2, cp.entryHash());
                p.setString(3, cp.time());
                p.setString(4, cp.keyId());
                p.setString(5, cp.signature());
                p.executeUpdate();
            }
            return null;
        });
    }

    public List<Checkpoint> checkpoints() throws AuditException {
        return read(c -> {
            List<Checkpoint> out = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(
                    "SELECT sequence, entry_hash, time, key_id, signature FROM checkpoint ORDER BY sequence")) {
                while (r.next()) {
                    out.add(new Checkpoint(r.getLong(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5)));
                }
            }
            return out;
        });
    }

    /** The checkpoints sealing entries {@code after + 1 .. through}, oldest first. */
    public List<Checkpoint> checkpoints(long after, long through) throws AuditException {
        return read(c -> {
            List<Checkpoint> out = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("SELECT sequence, entry_hash, time, key_id, signature FROM checkpoint"
                    + " WHERE sequence > ? AND sequence <= ? ORDER BY sequence")) {
                p.setLong(1, after);
                p.setLong(2, through);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        out.add(new Checkpoint(r.getLong(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5)));
                    }
                }
            }
            return out;
        });
    }

    public Optional<Checkpoint> lastCheckpoint() throws AuditException {
        return read(c -> {
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(
                    "SELECT sequence, entry_hash, time, key_id, signature FROM checkpoint ORDER BY sequence DESC LIMIT 1")) {
                return r.next() ? Optional.of(new Checkpoint(r.getLong(1), r.getString(2), r.getString(3), r.getString(4),
                        r.getString(5))) : Optional.<Checkpoint>empty();
            }
        });
    }

    public Optional<Anchor> anchor() throws AuditException {
        return read(AuditLog::anchorNow);
    }

    private static Optional<Anchor> anchorNow(java.sql.Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT sequence, hash, pruned_at FROM anchor WHERE id = 1")) {
            return r.next() ? Optional.of(new Anchor(r.getLong(1), r.getString(2), r.getString(3))) : Optional.empty();
        }
    }

    /**
     * The newest checkpoint whose entry, and so every entry before it, is older than {@code cutoff}
     * (ISO-8601 text compares in time order for the fixed format {@link AuditTime} writes).
     */
    public Optional<Checkpoint> newestCheckpointBefore(String cutoff) throws AuditException {
        return read(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT k.sequence, k.entry_hash, k.time, k.key_id, k.signature"
                    + " FROM checkpoint k JOIN entry e ON e.sequence = k.sequence"
                    + " WHERE e.time < ? ORDER BY k.sequence DESC LIMIT 1")) {
                p.setString(1, cutoff);
                try (ResultSet r = p.executeQuery()) {
                    return r.next() ? Optional.of(new Checkpoint(r.getLong(1), r.getString(2), r.getString(3), r.getString(4),
                            r.getString(5))) : Optional.<Checkpoint>empty();
                }
            }
        });
    }

    /**
     * Deletes the entries up to and including the checkpoint's, which becomes the anchor the oldest
     * kept entry chains to. The checkpoint itself stays, so its signature still vouches for the anchor.
     *
     * @return how many entries were deleted
     */
    public synchronized int pruneThrough(Checkpoint anchor, String now) throws AuditException {
        return write(c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "INSERT OR REPLACE INTO anchor (id, sequence, hash, pruned_at) VALUES (1, ?, ?, ?)")) {
                p.setLong(1, anchor.sequence());
                p.setString(2, anchor.entryHash());
                p.setString(3, now);
                p.executeUpdate();
            }
            try (PreparedStatement p = c.prepareStatement("DELETE FROM entry WHERE sequence <= ?")) {
                p.setLong(1, anchor.sequence());
                return p.executeUpdate();
            }
        });
    }

    private <T> T read(SqliteFile.Work<T> work) throws AuditException {
        try {
            return db.read(work);
        } catch (StorageException e) {
            throw new AuditException(e.getMessage(), e);
        }
    }

    private <T> T write(SqliteFile.Work<T> work) throws AuditException {
        try {
            return db.transaction(work);
        } catch (StorageException e) {
            throw new AuditException(e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        db.close();
    }
}
