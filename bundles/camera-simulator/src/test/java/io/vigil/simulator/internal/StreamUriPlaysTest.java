package io.vigil.simulator.internal;

import io.vigil.onvif.testing.NodeClients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.api.media.RtspMount;
import io.vigil.api.media.StreamSource;
import io.vigil.api.media.VideoCodec;
import io.vigil.gstreamer.testing.GstRtspServer;
import io.vigil.onvif.security.Credentials;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stream URI an ONVIF client nobody here wrote gets from the simulated camera plays in
 * GStreamer: a test pattern mounted on a real {@link GstRtspServer} on 127.0.0.1, a camera whose
 * stream URI is that mount, {@code onvif@0.8.3} asking the camera for it, and
 * {@code gst-launch-1.0} (rtspsrc over TCP, decodebin) decoding frames from what it was told.
 */
@Timeout(40)
class StreamUriPlaysTest {

    private static final String USER = "operator";
    private static final char[] PASSWORD = "correct horse".toCharArray();
    private static final long SCRIPT_SECONDS = 20;
    private static final int FRAMES = 10;
    private static final long PLAY_SECONDS = 15;

    @TempDir
    Path temporary;

    @Test
    void theStreamUriOnvifGetsPlaysInGStreamer() throws Exception {
        NodeClients clients = NodeClients.installed();
        assumeGstLaunch();
        try (GstRtspServer server = new GstRtspServer("127.0.0.1", 0);
                RtspMount mount = server.mount("/sim/plays", new StreamSource.TestPattern(VideoCodec.H264, 320, 240, 15),
                        Optional.empty());
                SimulatedCamera camera = new SimulatedCamera(SimulatedCameraSettings.of(new Credentials(USER, PASSWORD), mount.uri()))) {
            camera.start();
            URI device = camera.deviceService();

            NodeClients.Run run = clients.run("onvif-client.js", SCRIPT_SECONDS, device.getHost(), Integer.toString(device.getPort()),
                    device.getPath(), USER, new String(PASSWORD));
            assertTrue(run.ok(), run.toString());
            String streamUri = String.valueOf(run.result().get("streamUri"));
            assertEquals(mount.uri().toString(), streamUri, run.toString());

            play(streamUri);
        }
    }

    /**
     * {@code gst-launch-1.0} decodes {@link #FRAMES} frames from {@code uri} and reaches EOS. Its
     * exit status is not the measure: after EOS rtspsrc sends PAUSE and TEARDOWN while the
     * pipeline shuts down, and when the server has already closed the connection that send fails
     * ("Could not write to resource", exit 1) although every frame arrived.
     */
    private void play(String uri) throws IOException, InterruptedException {
        Path output = temporary.resolve("gst-launch.out");
        Process player = new ProcessBuilder(List.of("gst-launch-1.0", "rtspsrc", "location=" + uri, "protocols=tcp",
                "latency=200", "!", "decodebin", "!", "fakesink", "num-buffers=" + FRAMES))
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        long start = System.nanoTime();
        boolean finished;
        try {
            player.getOutputStream().close();
            finished = player.waitFor(PLAY_SECONDS, TimeUnit.SECONDS);
        } finally {
            player.destroyForcibly();
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        String said = Files.readString(output, StandardCharsets.UTF_8).strip();
        assertTrue(finished, () -> "gst-launch-1.0 did not decode " + FRAMES + " frames of " + uri + " within " + PLAY_SECONDS + " s: " + said);
        assertTrue(said.contains("Got EOS from element \"pipeline0\""), () -> "gst-launch-1.0 failed to play " + uri + ": " + said);
        System.out.println("gst-launch-1.0 decoded " + FRAMES + " frames of " + uri + " in " + millis + " ms");
    }

    /** Skips, saying why, where the GStreamer command-line tools are not installed. */
    private static void assumeGstLaunch() throws InterruptedException {
        String reason;
        try {
            Process probe = new ProcessBuilder("gst-launch-1.0", "--version").redirectErrorStream(true).start();
            boolean done = probe.waitFor(10, TimeUnit.SECONDS);
            probe.destroyForcibly();
            reason = done && probe.exitValue() == 0 ? null : "gst-launch-1.0 --version failed";
        } catch (IOException e) {
            reason = "gst-launch-1.0 is not installed: " + e.getMessage();
        }
        Assumptions.assumeTrue(reason == null, "playing the stream URI needs gst-launch-1.0 (gstreamer1.0-tools); " + reason);
    }
}
