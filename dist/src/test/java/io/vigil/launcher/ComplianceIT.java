package io.vigil.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ledger and filing pack through bin/vigil in the real container: the CN deadline across the
 * 2025 National Day holiday, the status against the threshold, a signed (honestly incomplete) pack
 * whose PDF, JSON and CSV are written with PDFBox and Bouncy Castle wired inside Felix, and a
 * changed file named by verification.
 */
class ComplianceIT {

    @TempDir
    Path dir;

    @Test
    void theDeadlineStatusAndASignedPackWorkInTheContainer() throws Exception {
        try (InstalledDistribution vigil = new InstalledDistribution(dir)) {
            vigil.start();
            vigil.awaitJson(r -> r.list("modules").stream().anyMatch(m -> m.get("module").asText().equals("compliance")
                    && m.get("health").asText().equals("OK")), Duration.ofSeconds(60), "status", "--json");

            InstalledDistribution.Result deadline = vigil.vigil("", "compliance", "deadline", "--profile", "CN",
                    "--crossed", "2025-09-26");
            assertEquals(0, deadline.exit(), deadline.output());
            assertEquals("2025-11-13", deadline.output().strip());

            InstalledDistribution.JsonRun status = vigil.json("compliance", "status", "--json");
            assertEquals(0, status.exit(), status.err());
            assertEquals(0, status.doc().get("individuals").asLong(), status.doc().toPrettyString());
            com.fasterxml.jackson.databind.JsonNode cn = status.list("profiles").stream()
                    .filter(p -> p.get("code").asText().equals("CN")).findFirst().orElseThrow();
            assertEquals(100000, cn.get("threshold").asLong());
            assertTrue(cn.get("crossed_on").isNull() && cn.get("obligations").isEmpty(), cn.toPrettyString());
            assertTrue(status.doc().get("ok").asBoolean());

            // vigil status: the compliance module's line ends with the ledger
            InstalledDistribution.Result overall = vigil.status();
            assertTrue(overall.output().contains("CN: 0 of 100000 individuals; no filing due"), overall.output());

            // use stopped: the reason is required; with nothing ever due there is no filing to cancel
            InstalledDistribution.Result noReason = vigil.vigil("", "compliance", "stopped");
            assertEquals(2, noReason.exit(), noReason.output());
            assertTrue(noReason.output().contains("needs --reason"), noReason.output());
            InstalledDistribution.Result nothingFiled = vigil.vigil("", "compliance", "stopped", "--reason", "trial ended");
            assertEquals(3, nothingFiled.exit(), nothingFiled.output());
            assertTrue(nothingFiled.output().contains("never crossed, so there is no filing to cancel"), nothingFiled.output());

            Path pack = dir.resolve("pack");
            InstalledDistribution.Result report = vigil.vigil("", "compliance", "report", "--profile", "CN", "--to",
                    pack.toString());
            assertEquals(3, report.exit(), report.output());
            assertTrue(report.output().contains("INCOMPLETE") && report.output().contains("pia.reference"), report.output());
            for (String f : new String[] {"filing.pdf", "filing.json", "filing.csv", "history.csv", "MANIFEST.sha256",
                    "MANIFEST.sha256.p7s"}) {
                assertTrue(Files.size(pack.resolve(f)) > 0, f);
            }
            assertTrue(Files.isRegularFile(dir.resolve("pack.zip")));
            assertTrue(Files.readString(pack.resolve("filing.json")).contains("31 days (io.vigil.alerts retention.days, the default)"),
                    "the pack states the alert retention in force");

            InstalledDistribution.Result ok = vigil.vigil("", "compliance", "verify", pack.toString());
            assertEquals(0, ok.exit(), ok.output());
            Files.writeString(pack.resolve("filing.csv"), Files.readString(pack.resolve("filing.csv")) + "x\r\n");
            InstalledDistribution.Result bad = vigil.vigil("", "compliance", "verify", pack.toString());
            assertEquals(3, bad.exit(), bad.output());
            assertTrue(bad.output().contains("filing.csv: changed since it was signed"), bad.output());

            // the officer's form template names the fields the report asked for
            InstalledDistribution.Result form = vigil.vigil("", "compliance", "form");
            assertEquals(0, form.exit(), form.output());
            assertTrue(form.output().contains("pia.reference"), form.output());
            // nothing was crossed, so there is no filing to record: refused with the reason, nothing recorded
            InstalledDistribution.Result filed = vigil.vigil("", "compliance", "filed", "initial", "--date", "2025-10-20",
                    "--reference", "CAC-SH-2025-0001");
            assertEquals(3, filed.exit(), filed.output());
            assertTrue(filed.output().contains("no open initial filing for CN"), filed.output());
        }
    }
}
