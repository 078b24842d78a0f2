package io.vigil.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.api.media.RtspCredentials;
import io.vigil.api.media.RtspMount;
import io.vigil.api.media.StreamSource;
import io.vigil.api.media.VideoCodec;
import io.vigil.gstreamer.testing.GstRtspServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
    private static final Pattern ANALYSED = Pattern.compile("ingest/lobby\\s+OK\\s+STREAMING.*analysed (\\d+)");

    @TempDir
    Path dir;

    @BeforeAll
    static void gstreamer() {
        if (!Gst.isInitialized()) {
            Gst.init(Version.of(1, 20), "vigil-it");
        }
    }

    private static long analysed(String status) {
        Matcher m = ANALYSED.matcher(status);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
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

            String streaming = vigil.awaitStatus(r -> analysed(r.output()) > 5, WAIT).output();
            assertTrue(streaming.contains("H264 via avdec_h264"), streaming);
            assertTrue(streaming.contains("ingest       OK        decoders: H264 avdec_h264 (software)"), streaming);
            InstalledDistribution.Result decoders = vigil.vigil("", "decoders");
            assertEquals(0, decoders.exit(), decoders.output());
            assertTrue(decoders.output().contains("avdec_h264"), decoders.output());
            assertEquals(0, vigil.status().exit(), streaming);

            // removing the configuration stops the stream
            Files.delete(config);
            vigil.awaitStatus(r -> !r.output().contains("ingest/lobby"), WAIT);
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
