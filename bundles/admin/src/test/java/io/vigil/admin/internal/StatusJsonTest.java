package io.vigil.admin.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.api.media.StreamStatus;
import io.vigil.api.media.VideoCodec;
import io.vigil.api.status.ModuleStatus;
import io.vigil.api.watchlist.RecognitionStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
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
                Optional.of(List.of(new StreamStatus("lobby", StreamStatus.Phase.STREAMING, "streaming", Instant.parse(
                        "2026-12-07T20:48:25.120Z"), Optional.of(VideoCodec.H264), Optional.of("avdec_h264"), 1500, 300, 7, 2,
                        41.5))),
                Optional.of(new RecognitionStatus(true, false, 3, 1, 120, 4, 2, 1, 1, 0, 5, 80, OptionalLong.of(310),
                        OptionalLong.of(950))),
                List.of("io.vigil.alerts (deploy/io.vigil.alerts.jar): missing package", "deploy/notes.txt: not a bundle"));
        JsonNode doc = mapper.readTree(StatusJson.write(report));

        assertEquals(List.of("format", "vigil", "bundles", "deploy_not_installed", "components", "components_satisfied",
                "modules", "streams", "recognition", "problems", "ok"), names(doc));
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
        JsonNode lobby = doc.get("streams").get(0);
        assertEquals(List.of("camera", "phase", "detail", "since", "codec", "decoder", "decoded", "analysed", "dropped",
                "reconnects", "latency_ms"), names(lobby));
        assertEquals("lobby", lobby.get("camera").asText());
        assertEquals("STREAMING", lobby.get("phase").asText());
        assertEquals("2026-12-07T20:48:25.120Z", lobby.get("since").asText());
        assertEquals("H264", lobby.get("codec").asText());
        assertEquals("avdec_h264", lobby.get("decoder").asText());
        assertEquals(List.of(1500L, 300L, 7L, 2L), List.of(lobby.get("decoded").asLong(), lobby.get("analysed").asLong(),
                lobby.get("dropped").asLong(), lobby.get("reconnects").asLong()));
        assertTrue(lobby.get("decoded").isIntegralNumber());
        assertEquals(41.5, lobby.get("latency_ms").asDouble());
        JsonNode recognition = doc.get("recognition");
        assertEquals(List.of("matching", "storing", "queued_faces", "dropped_faces", "matched_faces", "recognitions",
                "alerts_raised", "alerts_updated", "lost_recognitions", "failed_frames", "wait_last_ms", "wait_max_ms",
                "stored_last_ms", "stored_max_ms"), names(recognition));
        assertTrue(recognition.get("matching").asBoolean());
        assertFalse(recognition.get("storing").asBoolean());
        assertEquals(120, recognition.get("matched_faces").asLong());
        assertEquals(2, recognition.get("alerts_raised").asLong());
        assertEquals(1, recognition.get("lost_recognitions").asLong());
        assertEquals(950, recognition.get("stored_max_ms").asLong());
        assertEquals(2, doc.get("problems").size());
        assertFalse(doc.get("ok").asBoolean());
    }

    @Test
    void aQuietReportIsOkWithEmptyLists() throws Exception {
        JsonNode doc = mapper.readTree(StatusJson.write(new StatusReport(
                new StatusReport.Header("1.0.0", "one-shot", Optional.empty(), true, "/h", "/d"),
                List.of(), List.of(), List.of(), 0, List.of(), Optional.empty(), Optional.empty(), List.of())));
        assertTrue(doc.get("vigil").get("uptime_seconds").isNull());
        assertTrue(doc.get("vigil").get("starting").asBoolean());
        assertTrue(doc.get("bundles").isArray() && doc.get("bundles").isEmpty());
        assertTrue(doc.get("problems").isEmpty());
        assertTrue(doc.get("streams").isNull(), "ingest not running: no figures, written null");
        assertTrue(doc.get("recognition").isNull());
        assertTrue(doc.get("ok").asBoolean());
    }
}
