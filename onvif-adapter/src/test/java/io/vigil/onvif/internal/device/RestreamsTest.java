package io.vigil.onvif.internal.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.api.camera.Camera;
import io.vigil.api.camera.CameraState;
import io.vigil.api.camera.SignageStatus;
import io.vigil.api.camera.StreamProfile;
import io.vigil.api.media.RtspCredentials;
import io.vigil.api.media.RtspMount;
import io.vigil.api.media.StreamSource;
import io.vigil.api.media.VideoCodec;
import io.vigil.gstreamer.testing.GstRtspServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17: Vigil's restreams on a real RTSP server, of cameras on another. A camera whose
 * profile says H265 but which sends H.264 is restreamed as H.264 and plays in ffmpeg with the
 * VMS's login; one whose stream cannot be relayed (MJPEG) is not mounted and is reported as
 * unable to play, with the reason, instead of "mounted".
 */
class RestreamsTest {

    private static final String CAMERA_PASSWORD = "camera-pw";
    private static final String VMS_PASSWORD = "vms-pw";

    @TempDir
    Path folder;

    @Test
    void aMislabelledCameraPlaysAndOneThatCannotBeRelayedIsReportedAsSuch() throws Exception {
        try (GstRtspServer cameras = new GstRtspServer("127.0.0.1", 0); GstRtspServer vigil = new GstRtspServer("127.0.0.1", 0)) {
            RtspMount h264 = cameras.mount("/h264", new StreamSource.TestPattern(VideoCodec.H264, 320, 240, 10),
                    Optional.of(new RtspCredentials("admin", CAMERA_PASSWORD.toCharArray())));
            RtspMount mjpeg = cameras.mount("/mjpeg", new StreamSource.TestPattern(VideoCodec.MJPEG, 320, 240, 10),
                    Optional.empty());
            List<Camera> watched = List.of(camera("mislabelled", h264.uri(), "H265"), camera("mjpeg", mjpeg.uri(), "H264"));
            try (Restreams restreams = new Restreams(() -> watched, () -> Optional.of(vigil),
                    camera -> Optional.of(new Restreams.Source(camera.streamProfile().streamUri().orElseThrow(),
                            camera.id().equals("mislabelled")
                                    ? Optional.of(new RtspCredentials("admin", CAMERA_PASSWORD.toCharArray()))
                                    : Optional.empty())),
                    () -> Optional.of(new RtspCredentials("vms", VMS_PASSWORD.toCharArray())), now -> new byte[0], 200)) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
                while ((!restreams.mounted().contains("mislabelled") || restreams.videoProblem("mjpeg").isEmpty())
                        && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                assertEquals(java.util.Set.of("mislabelled"), restreams.mounted(), restreams.state());
                assertEquals(Optional.empty(), restreams.videoProblem("mislabelled"));
                assertTrue(restreams.videoProblem("mjpeg").orElseThrow().contains("image/jpeg"), restreams.state());
                assertTrue(restreams.state().startsWith("1 restream(s) and 2 metadata stream(s) mounted, 1 cannot play (mjpeg: "),
                        restreams.state());

                URI restream = URI.create("rtsp://vms:" + VMS_PASSWORD + "@127.0.0.1:" + vigil.port() + Restreams.path("mislabelled"));
                Path frames = folder.resolve("frames.txt");
                Process ffmpeg = new ProcessBuilder("ffmpeg", "-nostdin", "-v", "error", "-rtsp_transport", "tcp", "-i",
                        restream.toString(), "-map", "0:v:0", "-frames:v", "5", "-f", "framemd5", "-")
                        .redirectErrorStream(true).redirectOutput(frames.toFile()).start();
                assertTrue(ffmpeg.waitFor(60, TimeUnit.SECONDS), "ffmpeg hangs");
                String decoded = Files.readString(frames);
                assertEquals(5, decoded.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).count(), decoded);
            }
        }
    }

    private static Camera camera(String id, URI stream, String encoding) {
        return new Camera(id, id, URI.create("http://127.0.0.1:1/onvif/device_service"), Optional.empty(), id,
                SignageStatus.POSTED, new StreamProfile("Profile_" + id, Optional.of(stream), encoding, 320, 240),
                new CameraState(CameraState.Phase.STREAMING, "test", Instant.now()));
    }
}
