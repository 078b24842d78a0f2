package io.vigil.simulator.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.api.secret.SecretStore;
import io.vigil.gstreamer.testing.GstRtspServer;
import io.vigil.onvif.internal.client.ConnectedCamera;
import io.vigil.onvif.internal.client.DeviceClient;
import io.vigil.onvif.internal.client.OnvifCamera;
import io.vigil.onvif.internal.client.ProfilePolicy;
import io.vigil.onvif.message.MediaProfile;
import io.vigil.onvif.message.Resolution;
import io.vigil.onvif.security.Credentials;
import io.vigil.onvif.transport.ClientAuthentication;
import io.vigil.onvif.transport.SoapClient;
import io.vigil.onvif.transport.SoapClientOptions;
import io.vigil.testing.RecordingLogger;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17: the simulated camera advertised an H.265 profile (and a 1080p main stream, an MJPEG
 * and a 360p one) but served one H.264 stream for all of them. Each profile's stream URI, asked
 * over ONVIF Media2, must now play in ffprobe/ffmpeg (with the camera's login, Digest) as the
 * profile's encoding at the profile's size, and decode.
 */
class ProfilesPlayAsTheySayTest {

    private static final String PASSWORD = "camera pw";

    @TempDir
    Path folder;

    @Test
    void everyProfileStreamsTheEncodingAndSizeItAdvertises() throws Exception {
        try (GstRtspServer rtsp = new GstRtspServer("127.0.0.1", 0)) {
            SimulatedCameraComponent component = new SimulatedCameraComponent(config(), rtsp, new OnePassword(),
                    RecordingLogger.quiet());
            try {
                URI device = URI.create(component.status().detail().replaceFirst("^ONVIF (\\S+), .*", "$1"));
                List<MediaProfile> advertised = SimulatedProfiles.of(io.vigil.api.media.VideoCodec.H264, new Resolution(320, 240));
                assertEquals(4, advertised.size());
                for (MediaProfile profile : advertised) {
                    var video = profile.video().orElseThrow();
                    DeviceClient client = new DeviceClient(new SoapClient(SoapClientOptions.DEFAULTS), device,
                            ClientAuthentication.of(new Credentials("admin", PASSWORD.toCharArray())), Clock.systemUTC());
                    ConnectedCamera connected = new OnvifCamera(client, new ProfilePolicy(video.resolution(),
                            List.of(video.encoding()))).connect();
                    assertEquals(profile.token(), connected.profile().token());
                    String probed = probe(connected.streamUri());
                    String codec = switch (video.encoding()) {
                        case "H264" -> "h264";
                        case "H265" -> "hevc";
                        default -> "mjpeg";
                    };
                    assertEquals(codec + "," + video.resolution().width() + "," + video.resolution().height(), probed,
                            profile.token() + " at " + connected.streamUri());
                    assertEquals(3, decodedFrames(connected.streamUri()), profile.token());
                }
            } finally {
                component.deactivate();
            }
        }
    }

    private String url(URI uri) {
        return "rtsp://admin:" + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8).replace("+", "%20") + "@"
                + uri.getHost() + ":" + uri.getPort() + uri.getRawPath();
    }

    private String probe(URI uri) throws IOException, InterruptedException {
        return run(List.of("ffprobe", "-v", "error", "-rtsp_transport", "tcp", "-select_streams", "v:0", "-show_entries",
                "stream=codec_name,width,height", "-of", "csv=p=0", url(uri))).strip();
    }

    private long decodedFrames(URI uri) throws IOException, InterruptedException {
        return run(List.of("ffmpeg", "-nostdin", "-v", "error", "-rtsp_transport", "tcp", "-i", url(uri), "-map", "0:v:0",
                "-frames:v", "3", "-f", "framemd5", "-")).lines().filter(l -> !l.isBlank() && !l.startsWith("#")).count();
    }

    private String run(List<String> command) throws IOException, InterruptedException {
        Path out = Files.createTempFile(folder, "out", ".txt");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        return Files.readString(out);
    }

    private static SimulatedCameraComponent.Config config() {
        return new SimulatedCameraComponent.Config() {
            @Override public Class<? extends Annotation> annotationType() { return SimulatedCameraComponent.Config.class; }
            @Override public String name() { return "profiles"; }
            @Override public int port() { return 0; }
            @Override public String user() { return "admin"; }
            @Override public String password_alias() { return "camera"; }
            @Override public long clock_offset_seconds() { return 0; }
            @Override public boolean media2() { return true; }
            @Override public String[] photos() { return new String[0]; }
            @Override public int seconds_per_photo() { return 2; }
            @Override public String codec() { return "H264"; }
            @Override public int width() { return 320; }
            @Override public int height() { return 240; }
            @Override public int fps() { return 10; }
            @Override public int discovery_port() { return -1; }
            @Override public boolean discovery_multicast() { return false; }
        };
    }

    /** The secret store is another bundle's: here only the camera's one password. */
    private static final class OnePassword implements SecretStore {
        @Override public Optional<char[]> password(String alias) { return Optional.of(PASSWORD.toCharArray()); }
        @Override public void putPassword(String alias, char[] password) { throw new UnsupportedOperationException(); }
        @Override public Optional<SecretKey> key(String alias) { return Optional.empty(); }
        @Override public void putKey(String alias, SecretKey key) { throw new UnsupportedOperationException(); }
        @Override public boolean remove(String alias) { return false; }
        @Override public Set<String> aliases() { return Set.of("camera"); }
    }

}
