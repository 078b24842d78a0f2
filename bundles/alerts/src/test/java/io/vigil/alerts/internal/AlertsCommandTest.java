package io.vigil.alerts.internal;

import static io.vigil.alerts.internal.AlertFixture.T0;
import static io.vigil.alerts.internal.AlertFixture.evidence;
import static io.vigil.alerts.internal.AlertFixture.recognition;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.api.admin.AdminCaller;
import io.vigil.api.admin.AdminCommand;
import io.vigil.api.alert.Alert;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vigil alerts ...} as an operator types it: outputs, exit codes, refusals. */
class AlertsCommandTest {

    @TempDir
    Path data;

    private AlertFixture fixture;
    private AlertService service;
    private AlertsCommand command;

    record Run(int exit, String out, String err) {
    }

    @BeforeEach
    void start() {
        fixture = new AlertFixture(data);
        service = fixture.start();
        command = new AlertsCommand(service);
    }

    @AfterEach
    void stop() {
        service.deactivate();
    }

    /** As the account "ann" runs bin/vigil. */
    private Run run(String... args) {
        return as("ann", args);
    }

    /** As {@code account} runs bin/vigil: the caller the admin channel hands over. */
    private Run as(String account, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = command.execute(new AdminCaller(account), List.of(args), new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theListAsJsonHasTheDocumentedShape() throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        Run empty = run("list", "--json");
        assertEquals(0, empty.exit(), empty.err());
        assertEquals(1, mapper.readTree(empty.out()).get("format").asInt());
        assertEquals(0, mapper.readTree(empty.out()).get("alerts").size(), "no alerts is an empty list, not prose");

        Alert a = service.store(recognition("cam-1", 7, "S-AAA", 0.62f, 0.7f, T0), evidence(1));
        service.store(recognition("cam-2", 8, "S-BBB", 0.55f, 0.7f, T0), evidence(2));
        run("confirm", a.id());
        Run list = run("list", "--camera", "cam-1", "--json");
        assertEquals(0, list.exit(), list.err());
        com.fasterxml.jackson.databind.JsonNode alerts = mapper.readTree(list.out()).get("alerts");
        assertEquals(1, alerts.size(), list.out());
        com.fasterxml.jackson.databind.JsonNode x = alerts.get(0);
        List<String> names = new java.util.ArrayList<>();
        x.fieldNames().forEachRemaining(names::add);
        assertEquals(List.of("id", "state", "deployment", "camera", "vms_camera_id", "captured", "last_seen", "track", "faces",
                "watchlist", "category", "subject", "score", "threshold", "quality", "model", "legal_hold", "stored", "updated",
                "origin_node"), names);
        assertTrue(x.get("origin_node").isNull(), "stored on this node");
        assertEquals(a.id(), x.get("id").asText());
        assertEquals("CONFIRMED_ONCE", x.get("state").asText());
        assertEquals("dep-1", x.get("deployment").asText());
        assertEquals("cam-1", x.get("camera").asText());
        assertTrue(x.get("vms_camera_id").isNull());
        assertEquals(T0.toString(), x.get("captured").asText());
        assertEquals(7, x.get("track").asLong());
        assertEquals(1, x.get("faces").asInt());
        assertEquals("wl-wanted", x.get("watchlist").asText());
        assertEquals("SUSPECT", x.get("category").asText());
        assertEquals("S-AAA", x.get("subject").asText());
        assertEquals("0.62", x.get("score").asText(), "a float's own decimal, not the double it widens to");
        assertEquals(0.51, x.get("threshold").asDouble(), 1e-6);
        assertEquals(0.7, x.get("quality").asDouble(), 1e-6);
        assertEquals("fr_feature@sha256:abc", x.get("model").asText());
        assertEquals(false, x.get("legal_hold").asBoolean());

        Run bad = run("list", "--json", "--limit", "0");
        assertEquals(AdminCommand.USAGE, bad.exit());
        assertEquals("", bad.out(), "a refused list writes no half document");
    }

    @Test
    void reviewAnAlertFromTheCommandLine() throws Exception {
        assertEquals("no alerts\n", run("list").out());
        Alert a = service.store(recognition("cam-1", 7, "S-AAA", 0.62f, 0.7f, T0), evidence(1));
        Alert b = service.store(recognition("cam-2", 8, "S-BBB", 0.55f, 0.7f, T0), evidence(2));

        Run list = run("list", "--camera", "cam-1");
        assertEquals(0, list.exit());
        assertTrue(list.out().contains(a.id()) && !list.out().contains(b.id()), list.out());
        assertTrue(list.out().contains("0.620"), list.out());

        Run once = run("confirm", a.id(), "--reviewer", "Ann");
        assertEquals(0, once.exit(), once.err());
        assertTrue(once.out().contains("CONFIRMED_ONCE: a second, different reviewer must confirm it"), once.out());
        Run twice = run("confirm", a.id());
        assertEquals(AdminCommand.PROBLEM, twice.exit());
        assertTrue(twice.err().contains("ann already confirmed"), twice.err());
        assertEquals(0, as("bob", "confirm", a.id()).exit());

        Run dismissed = run("dismiss", b.id(), "--reason", "false-alert");
        assertEquals(0, dismissed.exit(), dismissed.err());
        assertTrue(run("list", "--state", "dismissed").out().contains(b.id()));

        Run show = as("cy", "show", a.id(), "--by", "Cy");
        assertEquals(0, show.exit(), show.err());
        assertTrue(show.out().contains("state        CONFIRMED"), show.out());
        assertTrue(show.out().contains("confirmed by ann") && show.out().contains("confirmed by bob"), show.out());

        Run hold = as("wood", "hold", a.id(), "on");
        assertEquals(0, hold.exit(), hold.err());
        assertTrue(run("show", a.id()).out().contains("legal hold   on (wood"));

        Path zip = data.resolve("a.zip");
        Run export = run("export", a.id(), "--to", zip.toString());
        assertEquals(0, export.exit(), export.err());
        assertTrue(Files.size(zip) > 0);
        assertTrue(export.out().contains("signing key SHA-256"), export.out());

        Run rates = run("rates");
        assertEquals(0, rates.exit());
        assertTrue(rates.out().contains("wl-wanted") && rates.out().contains("50.0%"), rates.out());
        assertTrue(rates.out().contains("cam-2") && rates.out().contains("100.0%"), rates.out());
    }

    @Test
    void wrongCommandLinesPrintUsage() {
        assertEquals(AdminCommand.USAGE, run().exit());
        assertEquals(AdminCommand.USAGE, run("dismiss", "A-1-00000000", "--reviewer", "Ann").exit(), "--reason is required");
        assertEquals(AdminCommand.USAGE, run("hold", "A-1-00000000", "maybe").exit());
        assertEquals(AdminCommand.USAGE, run("list", "--state", "LOST").exit());
        assertEquals(AdminCommand.USAGE, run("list", "--colour", "red").exit());
        // rates took whatever followed it
        Run rates = run("rates", "--json");
        assertEquals(AdminCommand.USAGE, rates.exit());
        assertTrue(rates.err().startsWith("vigil alerts rates: unknown option --json\nusage: vigil alerts"), rates.err());
        Run limit = run("list", "--limit", "many");
        assertEquals(AdminCommand.USAGE, limit.exit());
        assertTrue(limit.err().startsWith("vigil alerts list: --limit needs a whole number, not 'many'"), limit.err());
        Run twoIds = run("confirm", "A-1-00000000", "A-2-00000000");
        assertEquals(AdminCommand.USAGE, twoIds.exit());
        assertTrue(twoIds.err().startsWith("vigil alerts confirm: unexpected argument 'A-2-00000000'"), twoIds.err());
        Run missing = run("show", "A-99-00000000");
        assertEquals(AdminCommand.PROBLEM, missing.exit());
        assertTrue(missing.err().contains("no alert A-99-00000000"), missing.err());
        Run notAnId = run("show", "42");
        assertTrue(notAnId.err().contains("not an alert id"), notAnId.err());
    }

    /**
     * The bypass of issue 19.3: one operator confirmed twice under two names. The names are now
     * checked against the account that runs the command, and the review is that account's.
     */
    @Test
    void oneAccountCannotConfirmTwiceUnderTwoNames() throws Exception {
        Alert a = service.store(recognition("cam-1", 7, "S-AAA", 0.62f, 0.7f, T0), evidence(1));
        assertEquals(0, as("root", "confirm", a.id(), "--reviewer", "root").exit());
        Run other = as("root", "confirm", a.id(), "--reviewer", "b");
        assertEquals(AdminCommand.USAGE, other.exit());
        assertTrue(other.err().contains("--reviewer b is not your account (root)"), other.err());
        Run plain = as("root", "confirm", a.id());
        assertEquals(AdminCommand.PROBLEM, plain.exit());
        assertTrue(plain.err().contains("root already confirmed"), plain.err());
        assertEquals("CONFIRMED_ONCE", service.review().list(new AlertRecords.Filter(java.util.Optional.empty(),
                java.util.Optional.empty(), 10)).get(0).state().name());
        // the audit trail names the account each time
        assertTrue(fixture.audit.entries().stream().filter(e -> e.action().equals("alert.confirmed"))
                .allMatch(e -> e.actor().equals("root")), fixture.audit.entries().toString());
        assertEquals(0, as("bob", "confirm", a.id()).exit());
    }

    @Test
    void withoutTheChannelsCallerNothingIsRecorded() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = command.execute(List.of("confirm", "A-1-00000000"), new ByteArrayInputStream(new byte[0]),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(AdminCommand.PROBLEM, exit);
    }
}
