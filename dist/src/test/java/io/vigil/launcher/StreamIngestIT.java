package io.vigil.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.api.media.RtspCredentials;
import io.vigil.api.media.RtspMount;
import io.vigil.api.media.StreamSource;
import io.vigil.api.media.VideoCodec;
import io.vigil.gstreamer.testing.GstRtspServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.freedesktop.gstreamer.Gst;
import org.freedesktop.gstreamer.Version;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A camera stream configured the way an administrator does it: a password in the secret store,
 * a stream configuration dropped into deploy/, the container pulling a real RTSP stream.
 */
class StreamIngestIT {

    private static final Duration WAIT = Duration.ofSeconds(40);

    @TempDir
    Path dir;

    @BeforeAll
    static void gstreamer() {
        if (!Gst.isInitialized()) {
            Gst.init(Version.of(1, 20), "vigil-it");
        }
    }

    @Test
    void aStreamConfiguredInDeployIsPulledWithItsPasswordFromTheSecretStore() throws Exception {
        String password = "lobby-cam-Pw!";
        try (GstRtspServer camera = new GstRtspServer("127.0.0.1", 0);
             InstalledDistribution vigil = new InstalledDistribution(dir)) {
            RtspMount mount = camera.mount("/lobby", new StreamSource.TestPattern(VideoCodec.H264, 640, 360, 10),
                    Optional.of(new RtspCredentials("vigil", password.toCharArray())));
            vigil.start();
            assertEquals(0, vigil.vigil(password + "\n", "secret", "set", "camera.lobby").exit());

            Path config = vigil.deploy("io.vigil.ingest.stream-lobby.cfg");
            InstalledDistribution.drop(config, String.join("\n",
                    "camera.id=lobby",
                    "uri=" + mount.uri(),
                    "user=vigil",
                    "password.alias=camera.lobby",
                    "max.fps=5", "").getBytes());

            InstalledDistribution.JsonRun streaming = vigil.awaitJson(r -> InstalledDistribution.stream(r, "lobby")
                    .filter(l -> l.get("phase").asText().equals("STREAMING") && l.get("analysed").asLong() > 5).isPresent(),
                    WAIT, "status", "--json");
            String shown = streaming.doc().toPrettyString();
            JsonNode lobby = InstalledDistribution.stream(streaming, "lobby").orElseThrow();
            assertEquals("H264", lobby.get("codec").asText(), shown);
            assertEquals("avdec_h264", lobby.get("decoder").asText(), shown);
            assertTrue(lobby.get("decoded").asLong() >= lobby.get("analysed").asLong(), shown);
            JsonNode ingest = streaming.list("modules").stream().filter(m -> m.get("module").asText().equals("ingest"))
                    .findFirst().orElseThrow();
            assertEquals("OK", ingest.get("health").asText(), shown);
            assertTrue(ingest.get("detail").asText().startsWith("decoders: H264 avdec_h264 (software)"), shown);
            InstalledDistribution.Result decoders = vigil.vigil("", "decoders");
            assertEquals(0, decoders.exit(), decoders.output());
            assertTrue(decoders.output().contains("avdec_h264"), decoders.output());
            assertEquals(0, streaming.exit(), shown);
            assertTrue(streaming.doc().get("ok").asBoolean(), shown);

            // removing the configuration stops the stream
            Files.delete(config);
            vigil.awaitJson(r -> InstalledDistribution.stream(r, "lobby").isEmpty(), WAIT, "status", "--json");
            vigil.stop();
            String logs = vigil.logs();
            assertTrue(logs.contains("Camera lobby: STREAMING"), logs);
            assertFalse(logs.contains(password), "the camera password reached the log");
        }
    }

    @Test
    void aStreamWithAMissingPasswordSaysWhichAliasToSet() throws Exception {
        try (InstalledDistribution vigil = new InstalledDistribution(dir)) {
            vigil.start();
            InstalledDistribution.drop(vigil.deploy("io.vigil.ingest.stream-gate.cfg"), String.join("\n",
                    "camera.id=gate", "uri=rtsp://127.0.0.1:9/gate", "user=vigil", "password.alias=camera.gate", "")
                    .getBytes());
            InstalledDistribution.Result status = vigil.awaitStatus(
                    r -> r.output().contains("no password 'camera.gate' in the secret store"), WAIT);
            assertEquals(3, status.exit(), status.output());
            assertTrue(status.output().contains("vigil secret set camera.gate"), status.output());
        }
    }
}
