package io.vigil.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * Deployments and the audit trail through bin/vigil in the real container: a deployment is created,
 * started and listed, the trail verifies and its checkpoint reaches the shipped file; then one byte
 * of the audit database is changed while the container is stopped, and verification fails naming
 * the entry.
 */
class DeploymentAuditIT {

    @TempDir
    Path dir;

    @Test
    void aDeploymentIsAuditedAndAByteEditedInTheAuditFileIsFound() throws Exception {
        try (InstalledDistribution vigil = new InstalledDistribution(dir)) {
            vigil.start();
            vigil.awaitStatus(r -> r.output().matches("(?s).*compliance\\s+OK.*"), Duration.ofSeconds(60));

            InstalledDistribution.Result created = vigil.vigil("", "deployment", "create", "west-end",
                    "--cameras", "cam-1,cam-2", "--watchlists", "wanted", "--threshold", "0.55",
                    "--location", "Oxford Street MARKER-LOCATION", "--purpose", "locate wanted offenders",
                    "--legal-basis", "common law policing powers", "--authorisation", "Supt. Hale AUTH-1", "--hours", "4");
            assertEquals(0, created.exit(), created.output());
            assertTrue(created.output().contains("Created deployment west-end"), created.output());
            InstalledDistribution.Result started = vigil.vigil("", "deployment", "start", "west-end");
            assertEquals(0, started.exit(), started.output());

            InstalledDistribution.Result list = vigil.vigil("", "deployment", "list");
            assertEquals(0, list.exit(), list.output());
            assertTrue(list.output().matches("(?s).*west-end\\s+active.*cam-1,cam-2\\s+wanted.*"), list.output());

            InstalledDistribution.Result noAuth = vigil.vigil("", "deployment", "set-threshold", "west-end", "0.6");
            assertEquals(2, noAuth.exit(), noAuth.output());

            InstalledDistribution.Result audit = vigil.vigil("", "audit", "list");
            assertEquals(0, audit.exit(), audit.output());
            assertTrue(audit.output().contains("deployment.created") && audit.output().contains("deployment.started"),
                    audit.output());

            InstalledDistribution.Result verified = vigil.vigil("", "audit", "verify");
            assertEquals(0, verified.exit(), verified.output());
            assertTrue(verified.output().contains("INTACT"), verified.output());

            assertTrue(vigil.status().output().contains("1 active deployment"), vigil.status().output());
            vigil.stop();

            // stopping sealed the trail: the checkpoint is in the file to ship, the key beside it
            Path compliance = vigil.data.resolve("compliance");
            List<String> shipped = Files.readAllLines(compliance.resolve("checkpoints.log"));
            assertFalse(shipped.isEmpty());
            assertTrue(shipped.get(shipped.size() - 1).startsWith("vigil-audit-checkpoint v1 sequence="), shipped.toString());
            assertTrue(Files.readString(compliance.resolve("checkpoints.log.pub")).startsWith("ed25519 "));

            // one byte of the file, as someone with a hex editor would change it
            Path db = compliance.resolve("audit.db");
            assertFalse(Files.exists(compliance.resolve("audit.db-wal")) && Files.size(compliance.resolve("audit.db-wal")) > 0,
                    "the container folds its write-ahead log into the file when it stops");
            byte[] bytes = Files.readAllBytes(db);
            int at = indexOf(bytes, "MARKER-LOCATION".getBytes(StandardCharsets.US_ASCII));
            assertTrue(at >= 0, "the location is in the audit file");
            bytes[at] = 'N';
            Files.write(db, bytes);
            long edited = sequenceContaining(db, "NARKER-LOCATION");

            InstalledDistribution.Result tampered = vigil.vigil("", "audit", "verify");
            assertEquals(3, tampered.exit(), tampered.output());
            assertTrue(tampered.output().contains("NOT INTACT"), tampered.output());
            assertTrue(tampered.output().contains("sequence " + edited + ": entry " + edited + " was edited"),
                    tampered.output());
        }
    }

    /**
     * Issue 19.2's crash-and-truncate sequence on the real distribution: the container is killed
     * (kill -9), someone drops the trail's triggers and deletes the newest entries with their own
     * SQLite connection, with their checkpoints and the local checkpoint file's lines, and the
     * container starts again. The start entry names the entry the killed run wrote last (the head
     * file beside the database), so verification reports the cut.
     */
    @Test
    void entriesCutOffAfterAKillAreABreakAtTheNextStart() throws Exception {
        try (InstalledDistribution vigil = new InstalledDistribution(dir)) {
            vigil.start();
            vigil.awaitStatus(r -> r.output().matches("(?s).*compliance\\s+OK.*"), Duration.ofSeconds(60));
            assertEquals(0, vigil.vigil("", "deployment", "create", "night", "--cameras", "cam-1", "--watchlists", "wanted",
                    "--location", "Station Road", "--purpose", "locate wanted offenders", "--legal-basis", "common law",
                    "--authorisation", "Supt. Hale AUTH-9", "--hours", "4").exit());
            assertEquals(0, vigil.vigil("", "deployment", "start", "night").exit());
            vigil.kill();

            Path compliance = vigil.data.resolve("compliance");
            Path db = compliance.resolve("audit.db");
            long cutFrom;
            SQLiteDataSource source = new SQLiteDataSource();
            source.setUrl("jdbc:sqlite:" + db);
            try (Connection c = source.getConnection(); java.sql.Statement s = c.createStatement()) {
                try (ResultSet r = s.executeQuery("SELECT min(sequence) FROM entry WHERE action = 'deployment.started'")) {
                    cutFrom = r.getLong(1);
                }
                s.execute("DROP TRIGGER IF EXISTS entry_pruned_only");
                s.execute("DELETE FROM entry WHERE sequence >= " + cutFrom);
                s.execute("DELETE FROM checkpoint WHERE sequence >= " + cutFrom);
            }
            Path log = compliance.resolve("checkpoints.log");
            Files.write(log, Files.readAllLines(log).stream().filter(l -> {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile(" sequence=(\\d+) ").matcher(l);
                return m.find() && Long.parseLong(m.group(1)) < cutFrom;
            }).toList());

            vigil.start();
            // the first start after the cut reports it in status (FAILED, naming the head file) until it stops
            InstalledDistribution.Result status = vigil.awaitStatus(r -> r.output().matches("(?s).*compliance\\s+FAILED.*"),
                    Duration.ofSeconds(90));
            assertTrue(status.output().contains("previous run wrote up to entry"), status.output());
            InstalledDistribution.Result verified = vigil.vigil("", "audit", "verify");
            assertEquals(3, verified.exit(), verified.output());
            assertTrue(verified.output().contains("NOT INTACT") && verified.output().contains("cut off"), verified.output());
            assertTrue(verified.output().contains("sequence " + cutFrom + ":"), verified.output());
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Which entry the changed byte landed in, read with SQLite itself (read-only). */
    private static long sequenceContaining(Path db, String text) throws Exception {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        SQLiteDataSource source = new SQLiteDataSource(config);
        source.setUrl("jdbc:sqlite:" + db);
        try (Connection c = source.getConnection();
             PreparedStatement p = c.prepareStatement("SELECT sequence FROM entry WHERE instr(details, ?) > 0")) {
            p.setString(1, text);
            try (ResultSet r = p.executeQuery()) {
                assertTrue(r.next(), "no entry holds " + text);
                long sequence = r.getLong(1);
                assertFalse(r.next(), "the edit touched one entry");
                return sequence;
            }
        }
    }
}
