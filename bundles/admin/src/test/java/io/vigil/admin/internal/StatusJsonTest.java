package io.vigil.admin.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.api.status.ModuleStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code vigil status --json}: the documented shape, read back by a real JSON parser. */
class StatusJsonTest {

    private final ObjectMapper mapper = new ObjectMapper();

    private static List<String> names(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }

    @Test
    void aReportWithProblemsIsData() throws Exception {
        StatusReport report = new StatusReport(
                new StatusReport.Header("1.0.0", "run", Optional.of(42L), false, "/opt/vigil", "/var/lib/vigil"),
                List.of(new StatusReport.BundleRow(0, "ACTIVE", "org.apache.felix.framework", "7.0.5", "framework", Optional.empty()),
                        new StatusReport.BundleRow(12, "INSTALLED", "io.vigil.alerts", "1.0.0", "deploy/io.vigil.alerts.jar",
                                Optional.of("missing package \"io.vigil.api.alert\"\ttab"))),
                List.of(new StatusReport.UnusedFile("notes.txt", "not a bundle")),
                List.of(new StatusReport.ComponentRow("io.vigil.admin.internal.StatusCommand", "ACTIVE", Optional.empty()),
                        new StatusReport.ComponentRow("io.vigil.alerts.internal.AlertService", "WAITING",
                                Optional.of("waiting for services: secrets"))),
                17,
                List.of(new ModuleStatus("ingest", ModuleStatus.Health.DEGRADED, "lobby: reconnecting")),
                List.of("io.vigil.alerts (deploy/io.vigil.alerts.jar): missing package", "deploy/notes.txt: not a bundle"));
        JsonNode doc = mapper.readTree(StatusJson.write(report));

        assertEquals(List.of("format", "vigil", "bundles", "deploy_not_installed", "components", "components_satisfied",
                "modules", "problems", "ok"), names(doc));
        assertEquals(1, doc.get("format").asInt());
        JsonNode vigil = doc.get("vigil");
        assertEquals(List.of("version", "mode", "uptime_seconds", "starting", "home", "data"), names(vigil));
        assertEquals(42, vigil.get("uptime_seconds").asLong());
        assertFalse(vigil.get("starting").asBoolean());
        assertEquals("/var/lib/vigil", vigil.get("data").asText());

        JsonNode alerts = doc.get("bundles").get(1);
        assertEquals(List.of("id", "state", "symbolic_name", "version", "origin", "problem"), names(alerts));
        assertEquals(12, alerts.get("id").asLong());
        assertEquals("INSTALLED", alerts.get("state").asText());
        assertEquals("missing package \"io.vigil.api.alert\"\ttab", alerts.get("problem").asText(), "escaped, and read back whole");
        assertTrue(doc.get("bundles").get(0).get("problem").isNull());
        assertEquals("not a bundle", doc.get("deploy_not_installed").get(0).get("reason").asText());
        assertEquals("WAITING", doc.get("components").get(1).get("state").asText());
        assertEquals("waiting for services: secrets", doc.get("components").get(1).get("problem").asText());
        assertEquals(17, doc.get("components_satisfied").asInt());
        assertEquals("DEGRADED", doc.get("modules").get(0).get("health").asText());
        assertEquals("lobby: reconnecting", doc.get("modules").get(0).get("detail").asText());
        assertEquals(2, doc.get("problems").size());
        assertFalse(doc.get("ok").asBoolean());
    }

    @Test
    void aQuietReportIsOkWithEmptyLists() throws Exception {
        JsonNode doc = mapper.readTree(StatusJson.write(new StatusReport(
                new StatusReport.Header("1.0.0", "one-shot", Optional.empty(), true, "/h", "/d"),
                List.of(), List.of(), List.of(), 0, List.of(), List.of())));
        assertTrue(doc.get("vigil").get("uptime_seconds").isNull());
        assertTrue(doc.get("vigil").get("starting").asBoolean());
        assertTrue(doc.get("bundles").isArray() && doc.get("bundles").isEmpty());
        assertTrue(doc.get("problems").isEmpty());
        assertTrue(doc.get("ok").asBoolean());
    }
}
