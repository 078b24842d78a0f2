package io.vigil.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.onvif.internal.client.DeviceClient;
import io.vigil.onvif.internal.client.OnvifCamera;
import io.vigil.onvif.internal.client.ProfilePolicy;
import io.vigil.onvif.security.Credentials;
import io.vigil.onvif.transport.ClientAuthentication;
import io.vigil.onvif.transport.SoapClient;
import io.vigil.onvif.transport.SoapClientOptions;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The video path in the real container: a simulated camera shows a photo of three people, ingest
 * decodes its RTSP stream, and the inference bundle finds, tracks and embeds their faces.
 */
class FaceAnalysisIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Pattern DEVICE = Pattern.compile("simulator/lobby\\s+OK\\s+ONVIF (\\S+), video");
    private static final Pattern FACES = Pattern.compile(
            "face-analysis\\s+OK\\s+lobby: (\\d+) frames, \\d+ dropped \\(analysis slower than the stream\\), (\\d+) faces embedded, (\\d+) live tracks");

    @TempDir
    Path dir;

    @Test
    void facesOnASimulatedCameraAreFoundTrackedAndEmbedded() throws Exception {
        Path photo = InstalledDistribution.samplePhoto("sample3.jpg");
        String password = "lobby-Pw-7";
        try (InstalledDistribution vigil = new InstalledDistribution(dir)) {
            vigil.start();
            assertEquals(0, vigil.vigil(password + "\n", "secret", "set", "camera.lobby").exit());
            InstalledDistribution.drop(vigil.deploy("io.vigil.simulator.camera-lobby.cfg"), String.join("\n",
                    "name=lobby", "user=admin", "password.alias=camera.lobby", "codec=H264", "width=1280", "height=720",
                    "fps=10", "photos=" + photo, "").getBytes());
            Matcher device = DEVICE.matcher(vigil.awaitStatus(r -> DEVICE.matcher(r.output()).find(), WAIT).output());
            assertTrue(device.find());
            URI stream = new OnvifCamera(new DeviceClient(new SoapClient(SoapClientOptions.DEFAULTS), URI.create(device.group(1)),
                    ClientAuthentication.of(new Credentials("admin", password.toCharArray())), Clock.systemUTC()),
                    ProfilePolicy.DEFAULT).connect().streamUri();

            InstalledDistribution.drop(vigil.deploy("io.vigil.ingest.stream-lobby.cfg"), String.join("\n",
                    "camera.id=lobby", "uri=" + stream, "user=admin", "password.alias=camera.lobby", "").getBytes());
            String status = vigil.awaitStatus(r -> {
                Matcher m = FACES.matcher(r.output());
                return m.find() && Integer.parseInt(m.group(2)) >= 3;
            }, WAIT).output();
            System.out.println(status);
            Matcher faces = FACES.matcher(status);
            assertTrue(faces.find(), status);
            // the photo stands still: its three people are three tracks, each embedded at most
            // faces.per.track (3) times however many frames pass
            assertEquals(3, Integer.parseInt(faces.group(3)), status);
            assertTrue(Integer.parseInt(faces.group(2)) <= 9, status);
            assertTrue(status.matches("(?s).*inference\\s+OK\\s+.*models loaded.*embedded [1-9].*"), status);
        }
    }
}
