package io.vigil.compliance.internal.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.api.audit.AuditException;
import io.vigil.compliance.internal.audit.Finding.Kind;
import io.vigil.support.json.Json;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Re-computes the chain entry by entry, checks every checkpoint's signature and the entry it
 * seals, and compares the trail with a shipped copy of the checkpoints. Each problem is reported
 * at the sequence number where it shows, with what it looks like (edited, deleted, inserted,
 * reordered, rewritten, cut off), so an investigator knows where to look.
 *
 * <p>What it cannot see: entries appended after the newest checkpoint the shipped copy holds can be
 * cut off, or the chain after it rewritten, without trace; that is why checkpoints are made every
 * few minutes and the file is shipped often.
 */
public final class AuditVerifier {

    /** Action of the entry the trail writes before pruning; verification expects one after the anchor. */
    public static final String PRUNED = "audit.pruned";

    /**
     * Action of the entry each start of the trail writes, naming the entry the previous run ended
     * at ({@code previous.sequence}, {@code previous.hash}, from the head file): it must be the
     * entry just before it, or entries were cut off (or added) while Vigil was not running.
     */
    public static final String STARTED = "audit.started";

    /** Action of the entry that records a new signing key ({@code previous.keys}, {@code key}). */
    public static final String KEY_CHANGED = "audit.key-changed";

    /** More findings than this say nothing more; the rest are counted. */
    static final int MAX_FINDINGS = 100;

    private final AuditLog log;
    private final CheckpointKeys signer;
    private final Optional<AuditHead> head;

    /**
     * @param keys the keys checkpoints must verify with
     * @param head the head file written beside the database, when there is one to compare
     */
    public AuditVerifier(AuditLog log, CheckpointKeys keys, Optional<AuditHead> head) {
        this.log = log;
        this.signer = keys;
        this.head = head;
    }

    /**
     * @param shipped          the shipped copy of the checkpoints, if one is to be compared
     * @param shippedRequired  whether the caller named the file (then its absence is an error, not a finding)
     */
    public VerificationReport verify(Optional<CheckpointFile> shipped, boolean shippedRequired) throws AuditException {
        List<Finding> findings = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Optional<AuditLog.Anchor> anchor = log.anchor();
        long start = anchor.map(AuditLog.Anchor::sequence).orElse(0L);
        List<Checkpoint> stored = log.checkpoints();
        Map<Long, Checkpoint> storedBySequence = new HashMap<>();
        for (Checkpoint c : stored) {
            storedBySequence.put(c.sequence(), c);
            if (!signer.verifies(c)) {
                findings.add(new Finding(c.sequence(), Kind.BAD_SIGNATURE, "checkpoint " + c.sequence()
                        + " in the database " + signer.whyNot(c)));
            }
        }

        List<CheckpointFile.Line> lines = List.of();
        if (shipped.isPresent()) {
            if (shipped.get().exists() || shippedRequired) {
                lines = shipped.get().read();
            } else if (!stored.isEmpty()) {
                Checkpoint newest = stored.get(stored.size() - 1);
                findings.add(new Finding(newest.sequence(), Kind.CHECKPOINT_MISSING, "the checkpoint file "
                        + shipped.get().file() + " is missing although the database holds " + stored.size()
                        + " checkpoints: restore it from the shipped copy, or name that copy with --checkpoints"));
            }
        }

        // the entries whose hashes checkpoints vouch for
        Map<Long, String> hashAt = new TreeMap<>();
        stored.forEach(c -> hashAt.put(c.sequence(), null));
        lines.forEach(l -> l.checkpoint().ifPresent(c -> hashAt.put(c.sequence(), null)));
        Optional<AuditHead.Head> lastWritten = head.isPresent() ? head.get().last() : Optional.empty();
        lastWritten.ifPresent(h -> hashAt.put(h.sequence(), null));

        ChainWalk walk = new ChainWalk(start, anchor.map(AuditLog.Anchor::hash).orElse(ChainHash.GENESIS), findings, hashAt,
                anchor.map(a -> String.valueOf(a.sequence())));
        log.forEach(start, walk::visit);
        walk.finish();
        walk.keyChanges.forEach(notes::add);

        // the head file: the newest entry written, whatever the database says now
        if (lastWritten.isPresent() && lastWritten.get().sequence() > start) {
            AuditHead.Head h = lastWritten.get();
            if (h.sequence() > walk.lastSequence) {
                findings.add(new Finding(walk.lastSequence + 1, Kind.TRUNCATED, "the head file " + head.get().file()
                        + " says entry " + h.sequence() + " was written, but the trail ends at entry " + walk.lastSequence
                        + ": entries " + (walk.lastSequence + 1) + ".." + h.sequence() + " were cut off"));
            } else if (hashAt.get(h.sequence()) != null && !hashAt.get(h.sequence()).equals(h.hash())) {
                findings.add(new Finding(h.sequence(), Kind.REWRITTEN, "entry " + h.sequence() + " is not the entry the head file "
                        + head.get().file() + " says was written: the trail up to it was rewritten"));
            }
        }

        if (anchor.isPresent()) {
            AuditLog.Anchor a = anchor.get();
            Checkpoint c = storedBySequence.get(a.sequence());
            if (c == null || !c.entryHash().equals(a.hash()) || !signer.verifies(c)) {
                findings.add(new Finding(a.sequence(), Kind.ANCHOR, "the trail starts after entry " + a.sequence()
                        + " but no signed checkpoint vouches for that starting point (entries before it removed?)"));
            } else if (!walk.pruneRecorded) {
                findings.add(new Finding(a.sequence(), Kind.ANCHOR, "entries up to " + a.sequence()
                        + " were removed but no '" + PRUNED + "' entry records that pruning"));
            }
            notes.add("entries up to " + a.sequence() + " were pruned on " + a.prunedAt()
                    + "; the signed checkpoint " + a.sequence() + " anchors the rest");
        }

        long last = walk.lastSequence;
        long previousCheckpoint = start;
        for (Checkpoint c : stored) {
            if (c.sequence() <= start) {
                continue;
            }
            if (c.sequence() > last) {
                findings.add(new Finding(last + 1, Kind.TRUNCATED, "checkpoint " + c.sequence()
                        + " seals an entry beyond the last one (" + last + "): entries " + (last + 1) + ".." + c.sequence()
                        + " were cut off"));
            } else {
                String actual = hashAt.get(c.sequence());
                if (actual != null && !actual.equals(c.entryHash())) {
                    findings.add(new Finding(c.sequence(), Kind.REWRITTEN, "checkpoint " + c.sequence() + " sealed hash "
                            + c.entryHash().substring(0, 12) + "… but entry " + c.sequence() + " now has " + actual.substring(0, 12)
                            + "…: entries " + (previousCheckpoint + 1) + ".." + c.sequence() + " were rewritten"));
                }
            }
            previousCheckpoint = c.sequence();
        }

        int shippedCount = -1;
        if (shipped.isPresent() && shipped.get().exists()) {
            shippedCount = 0;
            boolean cutReported = false;
            long newestShipped = 0;
            for (CheckpointFile.Line line : lines) {
                String where = shipped.get().file() + " line " + line.number();
                if (line.checkpoint().isEmpty()) {
                    findings.add(new Finding(0, Kind.BAD_SIGNATURE, where + " is not a checkpoint line (altered)"));
                    continue;
                }
                shippedCount++;
                Checkpoint c = line.checkpoint().get();
                newestShipped = Math.max(newestShipped, c.sequence());
                if (!signer.verifies(c)) {
                    findings.add(new Finding(c.sequence(), Kind.BAD_SIGNATURE, "shipped checkpoint " + c.sequence() + " ("
                            + where + ") " + signer.whyNot(c)));
                    continue;
                }
                if (c.sequence() <= start) {
                    continue;
                }
                if (c.sequence() > last) {
                    if (!cutReported) {
                        findings.add(new Finding(last + 1, Kind.TRUNCATED, "the trail ends at entry " + last
                                + " but the shipped checkpoints reach entry " + c.sequence() + " (" + where + "): entries "
                                + (last + 1) + ".." + c.sequence() + " at least were cut off"));
                        cutReported = true;
                    }
                    continue;
                }
                String actual = hashAt.get(c.sequence());
                if (actual != null && !actual.equals(c.entryHash())) {
                    findings.add(new Finding(c.sequence(), Kind.REWRITTEN, "shipped checkpoint " + c.sequence() + " (" + where
                            + ") sealed a different entry " + c.sequence() + ": the trail up to it was rewritten"));
                } else if (!storedBySequence.containsKey(c.sequence())) {
                    findings.add(new Finding(c.sequence(), Kind.CHECKPOINT_MISSING, "checkpoint " + c.sequence()
                            + " is in the shipped file (" + where + ") but no longer in the database (removed)"));
                }
            }
            if (shippedCount > 0 && !stored.isEmpty() && stored.get(stored.size() - 1).sequence() > newestShipped) {
                notes.add("the shipped file ends at checkpoint " + newestShipped + "; later entries are sealed only by"
                        + " checkpoints on this machine: ship the file again");
            }
        }

        findings.sort(Comparator.comparingLong(Finding::sequence));
        List<Finding> kept = findings.size() > MAX_FINDINGS ? new ArrayList<>(findings.subList(0, MAX_FINDINGS)) : findings;
        if (findings.size() > MAX_FINDINGS) {
            notes.add((findings.size() - MAX_FINDINGS) + " more problems not listed");
        }
        return new VerificationReport(walk.firstSequence, last, stored.size(), shippedCount, kept, notes);
    }

    /** The walk along the stored entries, in sequence order. */
    private final class ChainWalk {
        private final List<Finding> findings;
        private final Map<Long, String> hashAt;
        /** The sequence the retention anchor is at: a prune entry naming it {@code through} records the cut. */
        private final Optional<String> prunedThrough;
        long lastSequence;
        long firstSequence;
        String previousHash;
        boolean pruneRecorded;
        /** Entries up to this one were reported out of order; their links and hashes need no more words. */
        private long reorderedFrom = -1;
        private long reorderedThrough = -1;
        /** A run of entries whose hash fits their sequence number shifted by {@code renumberShift}. */
        private long renumberedFrom = -1;
        private long renumberedThrough = -1;
        private int renumberShift;
        final List<String> keyChanges = new ArrayList<>();

        ChainWalk(long start, String startHash, List<Finding> findings, Map<Long, String> hashAt, Optional<String> prunedThrough) {
            this.lastSequence = start;
            this.previousHash = startHash;
            this.findings = findings;
            this.hashAt = hashAt;
            this.prunedThrough = prunedThrough;
        }

        void visit(AuditEntry e) throws AuditException {
            if (firstSequence == 0) {
                firstSequence = e.sequence();
            }
            boolean inReordered = e.sequence() <= reorderedThrough;
            if (e.sequence() > lastSequence + 1) {
                long from = lastSequence + 1;
                long to = e.sequence() - 1;
                add(new Finding(from, Kind.DELETED, (from == to ? "entry " + from + " is missing" : "entries " + from + ".." + to
                        + " are missing") + " (deleted): the sequence jumps from " + lastSequence + " to " + e.sequence()));
            } else if (!e.previousHash().equals(previousHash) && !inReordered) {
                explainBrokenLink(e);
                inReordered = e.sequence() <= reorderedThrough;
            }
            if (!inReordered && !e.recomputedHash().equals(e.hash())) {
                explainWrongHash(e);
            } else {
                closeRenumberedRun();
            }
            if (hashAt.containsKey(e.sequence())) {
                hashAt.put(e.sequence(), e.hash());
            }
            if (prunedThrough.isPresent() && PRUNED.equals(e.action()) && detail(e, "through").equals(prunedThrough)) {
                pruneRecorded = true;
            }
            if (STARTED.equals(e.action())) {
                checkStart(e);
            }
            if (KEY_CHANGED.equals(e.action())) {
                keyChanges.add("entry " + e.sequence() + " records a change of the signing key (" + e.details() + "): checkpoints"
                        + " after it are signed by the new key; verify with --public-key against the key you hold");
            }
            lastSequence = e.sequence();
            previousHash = e.hash();
        }

        /**
         * A start entry names the entry the run before it ended at (from the head file); anything
         * else just before it means entries were cut off, or added, while Vigil was not running.
         */
        private void checkStart(AuditEntry e) {
            Optional<String> s = detail(e, "previous.sequence").filter(v -> v.matches("\\d{1,18}"));
            Optional<String> h = detail(e, "previous.hash").filter(v -> v.matches("[0-9a-f]{64}"));
            if (s.isEmpty() || h.isEmpty()) {
                add(new Finding(e.sequence(), Kind.EDITED, "start entry " + e.sequence()
                        + " does not name the entry the previous run ended at"));
                return;
            }
            long previous = Long.parseLong(s.get());
            if (previous > e.sequence() - 1) {
                add(new Finding(e.sequence(), Kind.TRUNCATED, "the run before the start at entry " + e.sequence()
                        + " ended at entry " + previous + " (head file), but the start follows entry " + (e.sequence() - 1)
                        + ": entries " + e.sequence() + ".." + previous + " of that run were cut off while Vigil was not running"));
            } else if (previous < e.sequence() - 1) {
                add(new Finding(previous + 1, Kind.INSERTED, "the run before the start at entry " + e.sequence() + " ended at"
                        + " entry " + previous + " (head file), but entries " + (previous + 1) + ".." + (e.sequence() - 1)
                        + " come before the start: added while Vigil was not running"));
            } else if (!h.get().equals(e.previousHash())) {
                add(new Finding(e.sequence() - 1, Kind.REWRITTEN, "entry " + (e.sequence() - 1) + " is not the entry the"
                        + " previous run ended with (head file): the trail up to it was rewritten while Vigil was not running"));
            }
        }

        /** One of an entry's details (canonical JSON of strings); empty when absent, or when the details are not JSON. */
        private static Optional<String> detail(AuditEntry e, String key) {
            try {
                JsonNode value = Json.read(e.details()).get(key);
                return value != null && value.isTextual() ? Optional.of(value.asText()) : Optional.empty();
            } catch (IllegalArgumentException notJson) {
                return Optional.empty();
            }
        }

        private void explainBrokenLink(AuditEntry e) throws AuditException {
            List<Long> named = log.sequencesWithHash(e.previousHash());
            if (named.isEmpty()) {
                add(new Finding(e.sequence(), Kind.EDITED, "entry " + e.sequence() + " does not chain to entry " + lastSequence
                        + " (it names a predecessor no entry has): entry " + lastSequence
                        + " was altered and re-hashed, or entry " + e.sequence() + " was inserted or altered"));
                return;
            }
            long j = named.get(0);
            if (j > e.sequence()) {
                reorderedFrom = e.sequence();
                reorderedThrough = j;
                add(new Finding(e.sequence(), Kind.REORDERED, "entries " + e.sequence() + ".." + j
                        + " are out of order: entry " + e.sequence() + " chains to entry " + j + ", which comes after it"));
            } else if (reorderedThrough >= 0 && j >= reorderedFrom && j <= reorderedThrough) {
                // the entry after a reordered block chains into the block: already reported
                reorderedThrough = -1;
            } else {
                add(new Finding(j + 1, Kind.INSERTED, (j + 1 == lastSequence ? "entry " + lastSequence + " does"
                        : "entries " + (j + 1) + ".." + lastSequence + " do") + " not belong to the chain (inserted): entry "
                        + e.sequence() + " chains to entry " + j));
            }
        }

        private void explainWrongHash(AuditEntry e) {
            for (int shift : new int[] {-1, 1}) {
                String shifted = ChainHash.entryHash(e.sequence() + shift, e.time(), e.actor(), e.action(), e.details(),
                        e.previousHash());
                if (shifted.equals(e.hash())) {
                    if (renumberedThrough == e.sequence() - 1 && renumberShift == shift) {
                        renumberedThrough = e.sequence();
                    } else {
                        closeRenumberedRun();
                        renumberedFrom = e.sequence();
                        renumberedThrough = e.sequence();
                        renumberShift = shift;
                    }
                    return;
                }
            }
            closeRenumberedRun();
            add(new Finding(e.sequence(), Kind.EDITED, "entry " + e.sequence()
                    + " was edited: its time, actor, action or details no longer match its hash"));
        }

        private void closeRenumberedRun() {
            if (renumberedFrom < 0) {
                return;
            }
            String range = renumberedFrom == renumberedThrough ? "entry " + renumberedFrom + " was"
                    : "entries " + renumberedFrom + ".." + renumberedThrough + " were";
            add(new Finding(renumberedFrom, renumberShift < 0 ? Kind.INSERTED : Kind.DELETED, range + " renumbered by "
                    + (renumberShift < 0 ? "+1 (an entry was inserted before)" : "-1 (an entry was deleted before)")));
            renumberedFrom = -1;
            renumberedThrough = -1;
        }

        void finish() {
            closeRenumberedRun();
        }

        private void add(Finding f) {
            findings.add(f);
        }
    }
}
