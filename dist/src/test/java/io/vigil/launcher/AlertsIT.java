package io.vigil.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alert store in the real container: the bundle resolves (SQLite, Bouncy Castle, Event Admin),
 * opens its database, puts its data and signing keys in the BCFKS secret store, answers
 * {@code vigil alerts}, and refuses a review while no audit trail runs.
 */
class AlertsIT {

    @TempDir
    Path dir;

    @Test
    void theAlertStoreRunsInTheContainer() throws Exception {
        try (InstalledDistribution vigil = new InstalledDistribution(dir)) {
            vigil.start();
            InstalledDistribution.Result status = vigil.awaitStatus(
                    r -> r.output().matches("(?s).*alerts\\s+(OK|DEGRADED).*0 alerts; retention 31 days; two-person confirmation on.*"),
                    Duration.ofSeconds(60));
            assertTrue(Files.isRegularFile(vigil.data.resolve("alerts/alerts.db")), status.output());

            InstalledDistribution.JsonRun list = vigil.json("alerts", "list", "--json");
            assertEquals(0, list.exit(), list.err());
            assertEquals(1, list.doc().get("format").asInt());
            assertTrue(list.list("alerts").isEmpty(), list.doc().toPrettyString());

            InstalledDistribution.Result rates = vigil.vigil("", "alerts", "rates");
            assertEquals(0, rates.exit(), rates.output());

            InstalledDistribution.Result secrets = vigil.vigil("", "secret", "list");
            // no single evidence key any more: one per day, today's and tomorrow's made ahead
            assertFalse(secrets.output().contains("alerts.key"), secrets.output());
            assertTrue(secrets.output().contains("alerts.evidence." + java.time.LocalDate.now(java.time.ZoneOffset.UTC)),
                    secrets.output());
            assertTrue(secrets.output().contains("alerts.export.signing"), secrets.output());
            // the first start generated the passphrase beside the keystore: status says so, with the fix
            assertTrue(status.output().matches("(?s).*secrets\\s+DEGRADED\\s+\\d+ secrets; .*passphrase kept in the data folder.*"
                    + "VIGIL_SECRETS_PASSPHRASE_FILE=.*"), status.output());

            InstalledDistribution.Result confirm = vigil.vigil("", "alerts", "confirm", "A-1-00000000");
            assertEquals(3, confirm.exit(), confirm.output());
            assertTrue(confirm.output().contains("no alert A-1-00000000") || confirm.output().contains("audit trail"),
                    confirm.output());

            // the reviewer is the account running bin/vigil (root here), not a name typed after --reviewer
            InstalledDistribution.Result other = vigil.vigil("", "alerts", "confirm", "A-1-00000000", "--reviewer", "Ann");
            assertEquals(2, other.exit(), other.output());
            assertTrue(other.output().contains("--reviewer Ann is not your account (root)"), other.output());
        }
    }
}
