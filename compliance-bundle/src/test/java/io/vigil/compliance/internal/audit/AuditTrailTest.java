package io.vigil.compliance.internal.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.api.audit.AuditException;
import io.vigil.compliance.internal.audit.Finding.Kind;
import io.vigil.testing.MemorySecretStore;
import io.vigil.testing.MutableClock;
import io.vigil.testing.RecordingLogger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trail on a real SQLite file with real Ed25519 signatures: a clean trail verifies; every kind
 * of tampering is found at the sequence where it was done; checkpoints reach the shipped file;
 * pruning keeps the rest verifiable.
 */
class AuditTrailTest {

    @TempDir
    Path dir;

    private final MemorySecretStore secrets = new MemorySecretStore();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T09:00:00Z"));
    private final RecordingLogger logs = new RecordingLogger();

    private AuditTrailService open() {
        return new AuditTrailService(AuditTrailService.Options.in(dir).withCheckpointEntries(5), secrets, clock, logs.logger());
    }

    /** Entries 1..12, checkpoints at 5 and 10 by count and at 12 when the trail closes. */
    private void twelveEntries() throws AuditException {
        AuditTrailService trail = open();
        for (int i = 1; i <= 12; i++) {
            clock.advance(Duration.ofSeconds(1));
            long seq = trail.record("test.action-" + (i % 3), "officer" + i, Map.of("n", Integer.toString(i), "camera", "cam-1"));
            assertEquals(i, seq);
        }
        trail.close();
    }

    private VerificationReport verify() throws AuditException {
        AuditTrailService trail = open();
        try {
            return trail.verify(Optional.empty());
        } finally {
            trail.close();
        }
    }

    private static Finding first(VerificationReport r) {
        assertFalse(r.intact(), "tampering went unnoticed");
        return r.findings().get(0);
    }

    @Test
    void aCleanTrailVerifiesAndItsCheckpointsAreInTheFile() throws Exception {
        twelveEntries();
        VerificationReport r = verify();
        assertTrue(r.intact(), r.findings().toString());
        assertEquals(1, r.firstSequence());
        assertEquals(13, r.lastSequence(), "12 entries and the start of the run that verifies");
        assertEquals(4, r.checkpoints());
        assertEquals(4, r.shippedCheckpoints());

        List<String> lines = Files.readAllLines(dir.resolve("checkpoints.log"));
        assertEquals(4, lines.size(), lines.toString());
        assertTrue(lines.get(0).startsWith("vigil-audit-checkpoint v1 sequence=5 hash="), lines.get(0));
        assertTrue(lines.get(1).contains(" sequence=10 "), lines.get(1));
        assertTrue(lines.get(2).contains(" sequence=12 "), lines.get(2));
        String pub = Files.readString(dir.resolve("checkpoints.log.pub"));
        assertTrue(pub.startsWith("ed25519 "), pub);

        // the public key beside the file is enough to check a line, without Vigil's database
        byte[] key = java.util.Base64.getDecoder().decode(pub.split(" ")[1]);
        Checkpoint c = Checkpoint.parse(lines.get(1)).orElseThrow();
        org.bouncycastle.crypto.signers.Ed25519Signer v = new org.bouncycastle.crypto.signers.Ed25519Signer();
        v.init(false, new org.bouncycastle.crypto.params.Ed25519PublicKeyParameters(key, 0));
        byte[] message = ChainHash.checkpointMessage(c.sequence(), c.entryHash(), c.time());
        v.update(message, 0, message.length);
        assertTrue(v.verifySignature(java.util.Base64.getDecoder().decode(c.signature())));
    }

    @Test
    void theSigningKeyIsMadeOnceAndKeptInTheSecretStore() throws Exception {
        AuditTrailService first = open();
        String id = first.keyId();
        first.close();
        assertTrue(secrets.aliases().contains("audit.signing.ed25519"));
        assertEquals(32, secrets.key("audit.signing.ed25519").orElseThrow().getEncoded().length);
        AuditTrailService again = open();
        assertEquals(id, again.keyId());
        again.close();
    }

    @Test
    void detailsAreCanonicalAndEntriesListNewestLast() throws Exception {
        AuditTrailService trail = open();
        trail.record("a.b", "ann", Map.of("z", "1", "a", "quote\" and \\", "m", ""));
        trail.record("c.d", "bob", Map.of());
        trail.record("a.b", "cy", null);
        List<AuditEntry> last = trail.last(2, Optional.empty());
        assertEquals(List.of(2L, 3L), last.stream().map(AuditEntry::sequence).toList());
        AuditEntry e = trail.last(5, Optional.of("a.b")).get(0);
        assertEquals("{\"a\":\"quote\\\" and \\\\\",\"m\":\"\",\"z\":\"1\"}", e.details());
        assertEquals("2026-11-28T09:00:00.000000Z", e.time());
        assertThrows(AuditException.class, () -> trail.record(" ", "ann", Map.of()));
        trail.close();
    }

    @Test
    void anEditedByteOfDetailsIsFoundAtItsEntry() throws Exception {
        twelveEntries();
        try (Tamper t = new Tamper(dir.resolve("audit.db"))) {
            t.sql("UPDATE entry SET details = replace(details, '\"n\":\"7\"', '\"n\":\"8\"') WHERE sequence = 7");
        }
        VerificationReport r = verify();
        assertEquals(1, r.findings().size(), r.findings().toString());
        assertEquals(7, first(r).sequence());
        assertEquals(Kind.EDITED, first(r).kind());
    }

    @Test
    void aDeletedEntryIsFoundWhereItWas() throws Exception {
        twelveEntries();
        try (Tamper t = new Tamper(dir.resolve("audit.db"))) {
            t.sql("DELETE FROM entry WHERE sequence = 7");
        }
        VerificationReport r = verify();
        assertEquals(1, r.findings().size(), r.findings().toString());
        assertEquals(7, first(r).sequence());
        assertEquals(Kind.DELETED, first(r).kind());
        assertTrue(first(r).text().contains("entry 7 is missing"), first(r).text());
    }

    @Test
    void anInsertedEntryIsFoundEvenWhenTheForgerChainedItAndRenumberedTheRest() throws Exception {
        twelveEntries();
        try (Tamper t = new Tamper(dir.resolve("audit.db"))) {
            t.sql("UPDATE entry SET sequence = -sequence WHERE sequence >= 7",
                    "UPDATE entry SET sequence = 1 - sequence WHERE sequence < 0");
            AuditEntry sixth = t.entry(6);
            String time = sixth.time();
            String details = "{\"n\":\"forged\"}";
            t.put(new AuditEntry(7, time, "intruder", "alert.dismissed", details, sixth.hash(),
                    ChainHash.entryHash(7, time, "intruder", "alert.dismissed", details, sixth.hash())));
        }
        VerificationReport r = verify();
        assertEquals(7, first(r).sequence(), r.findings().toString());
        assertEquals(Kind.INSERTED, first(r).kind(), r.findings().toString());
        assertTrue(r.findings().stream().anyMatch(f -> f.sequence() == 8 && f.text().contains("renumbered by +1")),
                r.findings().toString());
    }

    @Test
    void twoSwappedEntriesAreReportedAsReorderedAtTheFirst() throws Exception {
        twelveEntries();
        try (Tamper t = new Tamper(dir.resolve("audit.db"))) {
            t.sql("UPDATE entry SET sequence = -1 WHERE sequence = 7", "UPDATE entry SET sequence = 7 WHERE sequence = 8",
                    "UPDATE entry SET sequence = 8 WHERE sequence = -1");
        }
        VerificationReport r = verify();
        assertEquals(1, r.findings().size(), r.findings().toString());
        assertEquals(7, first(r).sequence());
        assertEquals(Kind.REORDERED, first(r).kind());
    }

    @Test
    void aTailCutAfterACheckpointIsFoundAgainstTheShippedCopy() throws Exception {
        twelveEntries();
        Path shipped = dir.resolve("shipped-checkpoints.log");
        Files.copy(dir.resolve("checkpoints.log"), shipped);
        // the intruder cuts entries 11 and 12 with the checkpoint that sealed them, and the local file's line too
        try (Tamper t = new Tamper(dir.resolve("audit.db"))) {
            t.sql("DELETE FROM entry WHERE sequence > 10", "DELETE FROM checkpoint WHERE sequence > 10");
        }
        List<String> local = Files.readAllLines(dir.resolve("checkpoints.log"));
        Files.write(dir.resolve("checkpoints.log"), local.subList(0, 2));
        // ... and the head file's lines for them: without the shipped copy the cut cannot show
        List<String> head = Files.readAllLines(dir.resolve("audit.db.head"));
        Files.write(dir.resolve("audit.db.head"), head.subList(0, 10));
        AuditTrailService trail = open();
        assertTrue(trail.verify(Optional.empty()).intact(), "without the shipped copy the cut cannot show");

        VerificationReport r = trail.verify(Optional.of(shipped));
        trail.close();
        // the start sealed entry 11 anew; the shipped checkpoint of the old entry 12 is beyond the trail's end
        assertEquals(1, r.findings().size(), r.findings().toString());
        assertEquals(Kind.TRUNCATED, first(r).kind());
        assertTrue(first(r).text().contains("shipped checkpoints reach entry 12"), first(r).text());
    }

    @Test
    void aTailCutWhileTheLocalFileIsKeptIsFoundByDefault() throws Exception {
        twelveEntries();
        try (Tamper t = new Tamper(dir.resolve("audit.db"))) {
            t.sql("DELETE FROM entry WHERE sequence > 10", "DELETE FROM checkpoint WHERE sequence > 10");
        }
        VerificationReport r = verify();
        assertEquals(11, first(r).sequence(), r.findings().toString());
        assertEquals(Kind.TRUNCATED, first(r).kind());
    }

    @Test
    void anAlteredCheckpointSignatureIsFoundInTheDatabaseAndInTheFile() throws Exception {
        twelveEntries();
        try (Tamper t = new Tamper(dir.resolve("audit.db"))) {
            t.sql("UPDATE checkpoint SET signature = (CASE WHEN substr(signature, 1, 1) = 'A' THEN 'B' ELSE 'A' END)"
                    + " || substr(signature, 2) WHERE sequence = 10");
        }
        VerificationReport r = verify();
        assertEquals(1, r.findings().size(), r.findings().toString());
        assertEquals(10, first(r).sequence());
        assertEquals(Kind.BAD_SIGNATURE, first(r).kind());
        assertTrue(first(r).text().contains("in the database"), first(r).text());

        Path file = dir.resolve("checkpoints.log");
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(file));
        lines.set(0, lines.get(0).replace("sequence=5 ", "sequence=4 "));
        Files.write(file, lines, StandardCharsets.US_ASCII);
        VerificationReport again = verify();
        assertTrue(again.findings().stream().anyMatch(f -> f.sequence() == 4 && f.kind() == Kind.BAD_SIGNATURE
                && f.text().contains("line 1")), again.findings().toString());
    }

    @Test
    void aChainRewrittenFromAnEntryOnIsCaughtByTheNextCheckpoint() throws Exception {
        twelveEntries();
        try (Tamper t = new Tamper(dir.resolve("audit.db"))) {
            String previous = t.entry(6).hash();
            for (long s = 7; s <= 12; s++) {
                AuditEntry e = t.entry(s);
                String details = s == 7 ? "{\"n\":\"nothing happened\"}" : e.details();
                AuditEntry forged = new AuditEntry(s, e.time(), e.actor(), e.action(), details, previous,
                        ChainHash.entryHash(s, e.time(), e.actor(), e.action(), details, previous));
                t.put(forged);
                previous = forged.hash();
            }
        }
        VerificationReport r = verify();
        assertEquals(10, first(r).sequence(), r.findings().toString());
        assertEquals(Kind.REWRITTEN, first(r).kind());
        assertTrue(first(r).text().contains("entries 6..10"), first(r).text());
    }

    @Test
    void noCheckpointIsSignedOverATrailAlteredSinceTheLastOne() throws Exception {
        AuditTrailService trail = open();
        for (int i = 1; i <= 7; i++) {
            trail.record("x", "y", Map.of("n", "" + i));
        }
        try (Tamper t = new Tamper(dir.resolve("audit.db"))) {
            t.sql("UPDATE entry SET actor = 'z' WHERE sequence = 6");
        }
        AuditException refused = assertThrows(AuditException.class, trail::checkpoint);
        assertTrue(refused.getMessage().contains("entry 6"), refused.getMessage());
        assertTrue(trail.summary().contains("altered"), trail.summary());
        trail.close();
    }

    @Test
    void checkpointsComeEveryNEntriesAndOnlyWhenThereIsSomethingNew() throws Exception {
        AuditTrailService trail = open();
        assertTrue(trail.checkpoint().isEmpty(), "nothing to seal in an empty trail");
        for (int i = 1; i <= 4; i++) {
            trail.record("x", "y", Map.of());
        }
        assertFalse(Files.exists(dir.resolve("checkpoints.log")));
        trail.record("x", "y", Map.of());
        assertEquals(1, Files.readAllLines(dir.resolve("checkpoints.log")).size());
        trail.record("x", "y", Map.of());
        assertEquals(6, trail.checkpoint().orElseThrow().sequence(), "the timed checkpoint seals what is new");
        assertTrue(trail.checkpoint().isEmpty());
        trail.close();
        assertEquals(2, Files.readAllLines(dir.resolve("checkpoints.log")).size(), "nothing new: no checkpoint on close");
    }

    @Test
    void pruningRemovesOldEntriesBehindASignedAnchorAndTheRestStillVerifies() throws Exception {
        AuditTrailService.Options options = AuditTrailService.Options.in(dir).withCheckpointEntries(5)
                .withRetention(Duration.ofDays(30));
        AuditTrailService trail = new AuditTrailService(options, secrets, clock, logs.logger());
        for (int i = 1; i <= 6; i++) {
            trail.record("old", "y", Map.of("n", "" + i));
        }
        clock.advance(Duration.ofDays(40));
        for (int i = 7; i <= 9; i++) {
            trail.record("new", "y", Map.of("n", "" + i));
        }
        assertEquals(5, trail.prune(), "entries up to the newest old-enough checkpoint (5)");
        assertEquals(0, trail.prune(), "nothing more is old enough");
        VerificationReport r = trail.verify(Optional.empty());
        assertTrue(r.intact(), r.findings().toString());
        assertEquals(6, r.firstSequence());
        assertTrue(r.notes().stream().anyMatch(n -> n.contains("pruned")), r.notes().toString());
        AuditEntry pruned = trail.last(1, Optional.of(AuditVerifier.PRUNED)).get(0);
        assertTrue(pruned.details().contains("\"through\":\"5\""), pruned.details());
        trail.close();

        // the anchor survives a restart, and tampering after it is still found
        assertTrue(verify().intact());
        try (Tamper t = new Tamper(dir.resolve("audit.db"))) {
            t.sql("DELETE FROM entry WHERE sequence = 6");
        }
        VerificationReport after = verify();
        assertEquals(6, first(after).sequence(), after.findings().toString());
        assertEquals(Kind.DELETED, first(after).kind());
    }

    @Test
    void entriesRemovedWithoutARecordedPruningAreFound() throws Exception {
        twelveEntries();
        // someone fakes a pruning: the anchor is a real checkpoint, but no entry records it
        try (AuditLog log = AuditLog.open(dir.resolve("audit.db"))) {
            Checkpoint five = log.checkpoints().get(0);
            log.pruneThrough(five, "2026-11-28T10:00:00.000000Z");
        }
        VerificationReport r = verify();
        assertEquals(5, first(r).sequence(), r.findings().toString());
        assertEquals(Kind.ANCHOR, first(r).kind());
    }

    @Test
    void anUnreadableDatabaseIsReportedNotReplaced() throws Exception {
        Files.writeString(dir.resolve("audit.db"), "this is not a database, but it may be evidence");
        AuditTrailService trail = open();
        AuditException e = assertThrows(AuditException.class, () -> trail.record("x", "y", Map.of()));
        assertTrue(e.getMessage().contains("not a database"), e.getMessage());
        trail.close();
        assertEquals("this is not a database, but it may be evidence", Files.readString(dir.resolve("audit.db")));
    }

    @Test
    void theCommandExitsZeroWhenIntactAndThreeNamingTheSequenceWhenNot() throws Exception {
        twelveEntries();
        AuditTrailService trail = open();
        AuditCommand command = new AuditCommand(trail);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        java.io.PrintStream out = new java.io.PrintStream(bytes, true, StandardCharsets.UTF_8);
        assertEquals(0, command.execute(List.of("verify"), java.io.InputStream.nullInputStream(), out, out), bytes.toString());
        assertTrue(bytes.toString().contains("INTACT"), bytes.toString());
        bytes.reset();
        assertEquals(0, command.execute(List.of("list", "--last", "2", "--action", "test.action-1"),
                java.io.InputStream.nullInputStream(), out, out));
        assertTrue(bytes.toString().startsWith("7  ") && bytes.toString().contains("\n10  "), bytes.toString());
        bytes.reset();
        assertEquals(2, command.execute(List.of("verify", "--bogus"), java.io.InputStream.nullInputStream(), out, out));
        // an --action without its value listed every action, as if it had not been given
        bytes.reset();
        assertEquals(2, command.execute(List.of("list", "--action"), java.io.InputStream.nullInputStream(), out, out));
        assertTrue(bytes.toString().startsWith("vigil audit list: --action needs a value\nusage: vigil audit"), bytes.toString());
        bytes.reset();
        assertEquals(2, command.execute(List.of("list", "--last", "ten"), java.io.InputStream.nullInputStream(), out, out));
        assertTrue(bytes.toString().startsWith("vigil audit list: --last needs a whole number, not 'ten'"), bytes.toString());
        trail.close();

        try (Tamper t = new Tamper(dir.resolve("audit.db"))) {
            t.sql("UPDATE entry SET actor = 'officer9' WHERE sequence = 3");
        }
        trail = open();
        bytes.reset();
        assertEquals(3, new AuditCommand(trail).execute(List.of("verify"), java.io.InputStream.nullInputStream(), out, out));
        assertTrue(bytes.toString().contains("NOT INTACT") && bytes.toString().contains("sequence 3: entry 3 was edited"),
                bytes.toString());
        bytes.reset();
        assertEquals(3, new AuditCommand(trail).execute(List.of("verify", "--checkpoints", dir.resolve("nowhere").toString()),
                java.io.InputStream.nullInputStream(), out, out));
        assertTrue(bytes.toString().contains("does not exist"), bytes.toString());
        trail.close();
    }

    /**
     * The crash-and-truncate sequence: the trail is killed (kill -9: no checkpoint on the way
     * down, so entries 6 and 7 are sealed by nothing in the database), someone drops the trigger
     * and deletes them with their own SQLite connection, and Vigil starts again. The start entry
     * names entry 7 from the head file, so the cut is a break, and stays one after later checkpoints.
     */
    @Test
    void entriesCutOffAfterAKillAreABreakAtTheNextStart() throws Exception {
        AuditTrailService killed = open();
        for (int i = 1; i <= 7; i++) {
            clock.advance(Duration.ofSeconds(1));
            killed.record("test.action", "officer", Map.of("n", Integer.toString(i)));
        }
        // killed: never closed, so no checkpoint seals 6 and 7 (the object stays unreachable like a dead process)
        killed = null;
        assertEquals(1, Files.readAllLines(dir.resolve("checkpoints.log")).size(), "only checkpoint 5");
        try (Tamper t = new Tamper(dir.resolve("audit.db"))) {
            t.sql("DELETE FROM entry WHERE sequence > 5");
        }

        AuditTrailService restarted = open();
        AuditEntry start = restarted.last(1, Optional.of(AuditVerifier.STARTED)).get(0);
        assertEquals(6, start.sequence());
        assertTrue(start.details().contains("\"previous.sequence\":\"7\""), start.details());
        assertTrue(restarted.summary().contains("previous run wrote up to entry 7"), restarted.summary());
        VerificationReport r = restarted.verify(Optional.empty());
        assertEquals(1, r.findings().size(), r.findings().toString());
        assertEquals(6, first(r).sequence());
        assertEquals(Kind.TRUNCATED, first(r).kind());
        assertTrue(first(r).text().contains("entries 6..7"), first(r).text());

        restarted.record("test.action", "officer", Map.of("n", "after"));
        assertTrue(restarted.checkpoint().isPresent());
        restarted.close();
        VerificationReport later = verify();
        assertEquals(Kind.TRUNCATED, first(later).kind(), "later checkpoints do not seal the cut away");
        assertEquals(6, first(later).sequence());
    }

    @Test
    void aCleanRestartIsBoundToThePreviousRunAndVerifies() throws Exception {
        twelveEntries();
        AuditTrailService again = open();
        AuditEntry start = again.last(1, Optional.of(AuditVerifier.STARTED)).get(0);
        assertEquals(13, start.sequence());
        assertTrue(start.details().contains("\"previous.sequence\":\"12\""), start.details());
        assertTrue(Files.readString(dir.resolve("checkpoints.log")).contains(" sequence=13 "), "the start is sealed at once");
        assertTrue(again.verify(Optional.empty()).intact());
        again.close();
        assertTrue(Files.readString(dir.resolve("audit.db.head")).endsWith("sequence=13 hash=" + start.hash() + "\n"));
    }

    @Test
    void aDecisionIsSealedAtOnceARoutineEntryIsNot() throws Exception {
        AuditTrailService trail = open();
        trail.record("match", "system", Map.of("n", "1"));
        assertFalse(Files.exists(dir.resolve("checkpoints.log")));
        long confirmed = trail.record(io.vigil.api.audit.AuditActions.ALERT_CONFIRMED, "ann", Map.of("alert", "A-1"));
        assertTrue(Files.readString(dir.resolve("checkpoints.log")).contains(" sequence=" + confirmed + " "));
        long secret = trail.record("secret.set", "root", Map.of("alias", "camera.lobby"));
        assertTrue(Files.readString(dir.resolve("checkpoints.log")).contains(" sequence=" + secret + " "));
        long user = trail.record("console.user-added", "root", Map.of("user", "alice"));
        assertTrue(Files.readString(dir.resolve("checkpoints.log")).contains(" sequence=" + user + " "));
        long view = trail.record(io.vigil.api.audit.AuditActions.ALERT_VIEWED, "ann", Map.of("alert", "A-1"));
        assertFalse(Files.readString(dir.resolve("checkpoints.log")).contains(" sequence=" + view + " "), "a view waits");
        trail.close();
    }

    @Test
    void checkpointsAreCopiedToTheRemoteFile() throws Exception {
        Path remote = Files.createDirectories(dir.resolve("other-mount")).resolve("vigil-checkpoints.log");
        AuditTrailService trail = new AuditTrailService(AuditTrailService.Options.in(dir).withCheckpointEntries(5)
                .withRemoteCheckpoints(remote), secrets, clock, logs.logger());
        for (int i = 1; i <= 6; i++) {
            trail.record("x", "y", Map.of("n", "" + i));
        }
        trail.close();
        assertEquals(Files.readAllLines(dir.resolve("checkpoints.log")), Files.readAllLines(remote));
        assertEquals(2, Files.readAllLines(remote).size());
        // the remote copy is what shows a cut made together with the local file and the head file
        try (Tamper t = new Tamper(dir.resolve("audit.db"))) {
            t.sql("DELETE FROM entry WHERE sequence > 5", "DELETE FROM checkpoint WHERE sequence > 5");
        }
        Files.write(dir.resolve("checkpoints.log"), Files.readAllLines(dir.resolve("checkpoints.log")).subList(0, 1));
        Files.write(dir.resolve("audit.db.head"), Files.readAllLines(dir.resolve("audit.db.head")).subList(0, 5));
        AuditTrailService reopened = open();
        VerificationReport r = reopened.verify(Optional.of(remote));
        reopened.close();
        assertFalse(r.intact());
        assertTrue(r.findings().stream().anyMatch(f -> f.kind() == Kind.TRUNCATED || f.kind() == Kind.REWRITTEN),
                r.findings().toString());
    }

    @Test
    void aNewSigningKeyNeverReplacesThePublishedOneAndFailsAgainstTheHeldKey() throws Exception {
        twelveEntries();
        Path held = dir.resolve("held.pub");
        Files.copy(dir.resolve("checkpoints.log.pub"), held);
        String oldKey = open().keyId();
        // the seed is replaced in the secret store (by someone who wants to sign a rewritten trail)
        secrets.remove("audit.signing.ed25519");
        AuditTrailService trail = open();
        assertFalse(oldKey.equals(trail.keyId()));
        List<String> pub = Files.readAllLines(dir.resolve("checkpoints.log.pub"));
        assertEquals(Files.readAllLines(held).get(0), pub.get(0), "the published key is kept");
        assertTrue(pub.get(1).contains("key=" + trail.keyId() + " since="), pub.toString());
        AuditEntry change = trail.last(1, Optional.of(AuditVerifier.KEY_CHANGED)).get(0);
        assertTrue(change.details().contains(oldKey) && change.details().contains(trail.keyId()), change.details());
        assertTrue(Files.readString(dir.resolve("checkpoints.log")).contains(" sequence=" + change.sequence() + " "));

        VerificationReport published = trail.verify(Optional.empty());
        assertTrue(published.intact(), published.findings().toString());
        assertTrue(published.notes().stream().anyMatch(n -> n.contains("change of the signing key")), published.notes().toString());

        VerificationReport againstHeld = trail.verify(Optional.empty(), Optional.of(held));
        assertFalse(againstHeld.intact());
        assertTrue(againstHeld.findings().stream().allMatch(f -> f.kind() == Kind.BAD_SIGNATURE
                && f.sequence() >= change.sequence() - 1 && f.text().contains("not with key " + oldKey)),
                againstHeld.findings().toString());
        trail.close();
    }

    @Test
    void theHeldKeyVerifiesAnUntouchedTrailAndAGarbledKeyFileIsAnError() throws Exception {
        twelveEntries();
        Path held = dir.resolve("held.pub");
        Files.copy(dir.resolve("checkpoints.log.pub"), held);
        AuditTrailService trail = open();
        assertTrue(trail.verify(Optional.empty(), Optional.of(held)).intact());
        Files.writeString(held, "ed25519 not-a-key key=0123456789abcdef\n");
        AuditException e = assertThrows(AuditException.class, () -> trail.verify(Optional.empty(), Optional.of(held)));
        assertTrue(e.getMessage().contains("line 1"), e.getMessage());
        trail.close();
    }
}
