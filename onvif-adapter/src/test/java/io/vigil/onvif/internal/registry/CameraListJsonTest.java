package io.vigil.onvif.internal.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.api.camera.Camera;
import io.vigil.api.camera.CameraState;
import io.vigil.api.camera.SignageStatus;
import io.vigil.api.camera.StreamProfile;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code vigil cameras --json}: the documented shape, read back by a real JSON parser. */
class CameraListJsonTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void everyCameraIsOneObjectWithItsStateAndStreams() throws Exception {
        Camera lobby = new Camera("lobby", "Lobby \"east\"", URI.create("http://127.0.0.1:8081/onvif/device_service"),
                Optional.of("vms-7"), "Hall 1", SignageStatus.UNKNOWN,
                new StreamProfile("main", Optional.of(URI.create("rtsp://127.0.0.1:8554/lobby")), "H264", 1280, 720),
                new CameraState(CameraState.Phase.STREAMING, "decoding", Instant.parse("2026-03-02T04:05:06Z")));
        Camera heard = new Camera("dock", "dock", URI.create("http://127.0.0.1:9/onvif/device_service"), Optional.empty(), "",
                SignageStatus.UNKNOWN, new StreamProfile("", Optional.empty(), "", 0, 0),
                new CameraState(CameraState.Phase.FAILED, "no answer", Instant.parse("2026-03-02T04:00:00Z")));
        JsonNode doc = mapper.readTree(CameraListJson.write(List.of(lobby, heard), Set.of("dock"),
                id -> id.equals("lobby") ? Optional.of("restream rtsp://127.0.0.1:8555/lobby (serving)") : Optional.empty()));

        assertEquals(1, doc.get("format").asInt());
        assertEquals(2, doc.get("cameras").size());
        JsonNode a = doc.get("cameras").get(0);
        List<String> names = new ArrayList<>();
        a.fieldNames().forEachRemaining(names::add);
        assertEquals(List.of("id", "name", "configured", "state", "detail", "state_since", "address", "vms_camera_id",
                "location", "profile", "encoding", "width", "height", "stream", "restream"), names);
        assertEquals("lobby", a.get("id").asText());
        assertEquals("Lobby \"east\"", a.get("name").asText(), "quotes are escaped, not cut");
        assertTrue(a.get("configured").asBoolean());
        assertEquals("STREAMING", a.get("state").asText());
        assertEquals("2026-03-02T04:05:06Z", a.get("state_since").asText());
        assertEquals("vms-7", a.get("vms_camera_id").asText());
        assertEquals(1280, a.get("width").asInt());
        assertEquals("rtsp://127.0.0.1:8554/lobby", a.get("stream").asText());
        assertEquals("restream rtsp://127.0.0.1:8555/lobby (serving)", a.get("restream").asText());

        JsonNode b = doc.get("cameras").get(1);
        assertFalse(b.get("configured").asBoolean(), "known from an announcement only");
        assertEquals("FAILED", b.get("state").asText());
        assertTrue(b.get("vms_camera_id").isNull() && b.get("stream").isNull() && b.get("restream").isNull());
    }

    @Test
    void noCamerasIsAnEmptyList() throws Exception {
        JsonNode doc = mapper.readTree(CameraListJson.write(List.of(), Set.of(), id -> Optional.empty()));
        assertEquals(1, doc.get("format").asInt());
        assertTrue(doc.get("cameras").isArray() && doc.get("cameras").isEmpty());
    }
}
