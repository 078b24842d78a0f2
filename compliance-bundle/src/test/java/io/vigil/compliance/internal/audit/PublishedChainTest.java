package io.vigil.compliance.internal.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.compliance.internal.audit.Finding.Kind;
import io.vigil.testing.MemorySecretStore;
import io.vigil.testing.MutableClock;
import io.vigil.testing.RecordingLogger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node's chain as the cluster's audit log carries it: records made from a real trail (SQLite, Ed25519), encoded
 * and read back as the log's bytes, then checked. Records sent twice are tolerated; a forged or conflicting record
 * is the node's first break, at its sequence.
 */
class PublishedChainTest {

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-08T09:00:00Z"));
    private final MemorySecretStore secrets = new MemorySecretStore();
    /** The log's records for node "a", in the order the publisher sends them. */
    private final List<byte[]> records = new ArrayList<>();

    @BeforeEach
    void trailOfTwelve() throws Exception {
        AuditTrailService trail = new AuditTrailService(AuditTrailService.Options.in(dir).withCheckpointEntries(5), secrets,
                clock, new RecordingLogger().logger());
        for (int i = 1; i <= 12; i++) {
            clock.advance(Duration.ofSeconds(1));
            trail.record("test.action", "officer" + i, Map.of("n", Integer.toString(i), "subject", "p-" + i));
        }
        trail.checkpoint();
        records.add(SharedAuditRecords.key("a", trail.publicKey()));
        trail.entriesAfter(0, 100).forEach(e -> records.add(SharedAuditRecords.entry("a", e)));
        trail.checkpointsAfter(0, 100).forEach(c -> records.add(SharedAuditRecords.checkpoint("a", c)));
        trail.close();
    }

    private NodeAudit check(List<byte[]> values) {
        PublishedChain chain = new PublishedChain("a");
        for (byte[] v : values) {
            SharedAuditRecords.Published p = SharedAuditRecords.read("a", v);
            if (p instanceof SharedAuditRecords.PublishedEntry e) {
                chain.entry(e.entry());
            } else if (p instanceof SharedAuditRecords.PublishedCheckpoint c) {
                chain.checkpoint(c.checkpoint());
            } else {
                chain.key((SharedAuditRecords.PublishedKey) p);
            }
        }
        return chain.finish();
    }

    private static AuditEntry entryOf(byte[] value) {
        return ((SharedAuditRecords.PublishedEntry) SharedAuditRecords.read("a", value)).entry();
    }

    @Test
    void theWholeChainVerifiesAndItsDetailsTravelAsHashed() {
        NodeAudit n = check(records);
        assertTrue(n.intact(), n.findings().toString());
        assertEquals(1, n.first());
        assertEquals(12, n.last());
        assertEquals(12, n.entries());
        assertEquals(3, n.checkpoints(), "at 5, 10 and 12");
        assertEquals(1, n.keys().size());
        assertEquals("{\"n\":\"3\",\"subject\":\"p-3\"}", entryOf(records.get(3)).details());
    }

    @Test
    void recordsSentTwiceWithIdenticalContentAreCountedNotBreaks() {
        List<byte[]> twice = new ArrayList<>(records);
        twice.addAll(records.subList(5, 10)); // entries 5..9 again, as after a crash before the position was stored
        twice.add(records.get(records.size() - 1)); // the last checkpoint again
        NodeAudit n = check(twice);
        assertTrue(n.intact(), n.findings().toString());
        assertEquals(6, n.duplicates());
        assertEquals(12, n.entries());
    }

    @Test
    void aForgedEntryAppendedWithAWrongHashIsTheFirstBreakAtItsSequence() {
        AuditEntry last = entryOf(records.get(12));
        AuditEntry forged = new AuditEntry(13, last.time(), "intruder", "alert.dismissed", "{}", last.hash(), "ab".repeat(32));
        List<byte[]> log = new ArrayList<>(records);
        log.add(SharedAuditRecords.entry("a", forged));
        NodeAudit n = check(log);
        assertFalse(n.intact());
        assertEquals(13, n.firstBreak().orElseThrow().sequence());
        assertEquals(Kind.EDITED, n.firstBreak().orElseThrow().kind());
    }

    @Test
    void aDifferentEntryAtAPublishedSequenceIsAConflictThere() {
        AuditEntry seven = entryOf(records.get(7));
        // well formed and correctly hashed, chained where entry 7 is: only the second record at 7 gives it away
        AuditEntry other = new AuditEntry(7, seven.time(), "intruder", seven.action(), "{\"n\":\"forged\"}", seven.previousHash(),
                ChainHash.entryHash(7, seven.time(), "intruder", seven.action(), "{\"n\":\"forged\"}", seven.previousHash()));
        List<byte[]> log = new ArrayList<>(records);
        log.add(SharedAuditRecords.entry("a", other));
        NodeAudit n = check(log);
        assertEquals(7, n.firstBreak().orElseThrow().sequence());
        assertEquals(Kind.CONFLICT, n.firstBreak().orElseThrow().kind());
    }

    @Test
    void aMissingEntryIsAGapAndACheckpointByAnotherKeyIsNotBelieved() throws Exception {
        List<byte[]> log = new ArrayList<>(records);
        log.remove(4); // entry 4
        CheckpointSigner stranger = CheckpointSigner.fromSecretStore(new MemorySecretStore(), "k", new SecureRandom());
        AuditEntry eleven = entryOf(records.get(11));
        log.add(SharedAuditRecords.key("a", stranger.publicKey())); // a second key the chain never introduced
        log.add(SharedAuditRecords.checkpoint("a", stranger.sign(11, eleven.hash(), eleven.time())));
        NodeAudit n = check(log);
        assertEquals(List.of(Kind.DELETED, Kind.BAD_SIGNATURE), n.findings().stream().map(Finding::kind).toList(),
                n.findings().toString());
        assertEquals(4, n.firstBreak().orElseThrow().sequence());
        assertEquals(11, n.findings().get(1).sequence());
    }

    @Test
    void aRecordForAnotherNodeOrNotJsonIsRefusedWithItsReason() {
        byte[] entry = records.get(1);
        assertThrows(IllegalArgumentException.class, () -> SharedAuditRecords.read("b", entry));
        assertThrows(IllegalArgumentException.class,
                () -> SharedAuditRecords.read("a", "not json".getBytes(StandardCharsets.UTF_8)));
    }
}
