package io.vigil.simulator.internal;

import io.vigil.onvif.testing.NodeClients;
import io.vigil.onvif.testing.Json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.onvif.message.MediaProfile;
import io.vigil.onvif.message.VideoSettings;
import io.vigil.onvif.security.Credentials;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;

/**
 * The simulated camera against ONVIF clients nobody here wrote: the npm packages
 * {@code onvif@0.8.3} and {@code node-onvif@0.1.7}, run by the scripts in {@code src/test/node/}
 * as child processes, connecting over real HTTP on 127.0.0.1 to the device service URL (no
 * discovery). They must read the profiles the camera offers and the stream URI it was given, and
 * fail to connect with a wrong password. The operations each client calls are printed from the
 * simulator's log.
 */
@Timeout(60)
class NpmOnvifClientsTest {

    private static final URI RTSP = URI.create("rtsp://127.0.0.1:8554/sim/npm-clients");
    private static final String USER = "operator";
    private static final char[] PASSWORD = "correct horse".toCharArray();
    private static final long SCRIPT_SECONDS = 45;

    /** Held strongly: java.util.logging keeps loggers only weakly. */
    private static final Logger ENDPOINT_LOG = Logger.getLogger(OnvifEndpoint.class.getName());

    private final NodeClients clients = NodeClients.installed();
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    private final Handler recorder = new Handler() {
        @Override
        public void publish(LogRecord record) {
            Object[] parameters = record.getParameters();
            if (parameters != null && parameters.length == 3) {
                String element = String.valueOf(parameters[1]);
                requests.add(element.replace("http://www.onvif.org/", "") + parameters[2]);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private final List<SimulatedCamera> cameras = new ArrayList<>();
    private Level previousLevel;

    @BeforeEach
    void recordRequests() {
        previousLevel = ENDPOINT_LOG.getLevel();
        ENDPOINT_LOG.setLevel(Level.FINE);
        ENDPOINT_LOG.addHandler(recorder);
    }

    @AfterEach
    void stop(TestInfo test) {
        cameras.forEach(SimulatedCamera::stop);
        ENDPOINT_LOG.removeHandler(recorder);
        ENDPOINT_LOG.setLevel(previousLevel);
        System.out.println(test.getDisplayName() + " - requests the simulator received: " + String.join(", ", requests));
    }

    private SimulatedCamera start(SimulatedCameraSettings settings) throws Exception {
        SimulatedCamera camera = new SimulatedCamera(settings);
        cameras.add(camera);
        camera.start();
        return camera;
    }

    private static SimulatedCameraSettings settings() {
        return SimulatedCameraSettings.of(new Credentials(USER, PASSWORD), RTSP);
    }

    private NodeClients.Run onvif(SimulatedCamera camera, String password) throws Exception {
        URI device = camera.deviceService();
        return clients.run("onvif-client.js", SCRIPT_SECONDS, device.getHost(), Integer.toString(device.getPort()), device.getPath(),
                USER, password);
    }

    private NodeClients.Run nodeOnvif(SimulatedCamera camera, String password) throws Exception {
        return clients.run("node-onvif-client.js", SCRIPT_SECONDS, camera.deviceService().toString(), USER, password);
    }

    /** The profiles as the scripts print them: token, name, encoding, width, height. */
    private static List<List<Object>> expected(List<MediaProfile> profiles) {
        return profiles.stream().map(profile -> {
            VideoSettings video = profile.video().orElseThrow();
            return List.<Object>of(profile.token(), profile.name(), video.encoding(), video.resolution().width(),
                    video.resolution().height());
        }).toList();
    }

    private static List<List<Object>> printed(Map<String, Object> result) {
        return Json.array(result.get("profiles")).stream().map(Json::object).map(profile -> List.<Object>of(
                profile.get("token"), profile.get("name"), profile.get("encoding"), profile.get("width"), profile.get("height"))).toList();
    }

    private void assertCalled(String... operations) {
        for (String operation : operations) {
            assertTrue(requests.contains(operation), operation + " not among the requests: " + requests);
        }
    }

    @Test
    void onvifReadsTheMedia2ProfilesAndTheStreamUri() throws Exception {
        SimulatedCamera camera = start(settings());

        NodeClients.Run run = onvif(camera, new String(PASSWORD));

        assertTrue(run.ok(), run.toString());
        assertEquals(Boolean.TRUE, run.result().get("media2"), run.toString());
        assertEquals(expected(SimulatedProfiles.media2()), printed(run.result()));
        assertEquals(List.of(SimulatedProfiles.SOURCE), run.result().get("videoSources"));
        assertEquals(RTSP.toString(), run.result().get("streamUri"));
        assertEquals(0, camera.refusedTokens());
        assertCalled("{ver10/device/wsdl}GetSystemDateAndTime", "{ver10/device/wsdl}GetServices",
                "{ver20/media/wsdl}GetProfiles", "{ver10/media/wsdl}GetVideoSources", "{ver20/media/wsdl}GetStreamUri");
        assertFalse(requests.stream().anyMatch(request -> request.endsWith("(not implemented)")), requests.toString());
    }

    @Test
    void onvifUsesMedia1WhenTheCameraHasNoMedia2() throws Exception {
        SimulatedCamera camera = start(settings().withoutMedia2());

        NodeClients.Run run = onvif(camera, new String(PASSWORD));

        assertTrue(run.ok(), run.toString());
        assertEquals(Boolean.FALSE, run.result().get("media2"), run.toString());
        assertEquals(expected(SimulatedProfiles.media1()), printed(run.result()));
        assertEquals(RTSP.toString(), run.result().get("streamUri"));
        assertCalled("{ver10/media/wsdl}GetProfiles", "{ver10/media/wsdl}GetVideoSources", "{ver10/media/wsdl}GetStreamUri");
    }

    @Test
    void onvifFollowsACameraClockTenMinutesAhead() throws Exception {
        SimulatedCamera camera = start(settings().withClockOffset(Duration.ofMinutes(10)));

        NodeClients.Run run = onvif(camera, new String(PASSWORD));

        assertTrue(run.ok(), run.toString());
        assertEquals(0, camera.refusedTokens());
    }

    @Test
    void onvifIsRefusedWithAWrongPassword() throws Exception {
        SimulatedCamera camera = start(settings());

        NodeClients.Run run = onvif(camera, "wrong horse");

        assertNotEquals(0, run.exitCode(), run.toString());
        assertEquals(Boolean.FALSE, run.result().get("ok"));
        assertTrue(String.valueOf(run.result().get("error")).contains("Sender not Authorized"), run.toString());
        assertTrue(camera.refusedTokens() > 0);
    }

    @Test
    void nodeOnvifReadsTheDeviceTheMedia1ProfilesAndTheStreamUri() throws Exception {
        SimulatedCamera camera = start(settings());

        NodeClients.Run run = nodeOnvif(camera, new String(PASSWORD));

        assertTrue(run.ok(), run.toString());
        Map<String, Object> information = Json.object(run.result().get("information"));
        assertEquals("Vigil", information.get("Manufacturer"));
        assertEquals("Simulated camera", information.get("Model"));
        assertEquals("SIM-0001", information.get("SerialNumber"));
        // node-onvif knows Media1 only
        assertEquals(expected(SimulatedProfiles.media1()), printed(run.result()));
        for (Object profile : Json.array(run.result().get("profiles"))) {
            assertEquals(RTSP.toString(), Json.object(profile).get("rtsp"), run.toString());
        }
        assertEquals(RTSP.toString(), run.result().get("streamUri"));
        assertEquals(0, camera.refusedTokens());
        assertCalled("{ver10/device/wsdl}GetSystemDateAndTime", "{ver10/device/wsdl}GetCapabilities",
                "{ver10/device/wsdl}GetDeviceInformation", "{ver10/media/wsdl}GetProfiles", "{ver10/media/wsdl}GetStreamUri",
                // no snapshot server: answered ter:ActionNotSupported, which node-onvif tolerates
                "{ver10/media/wsdl}GetSnapshotUri (not implemented)");
    }

    @Test
    void nodeOnvifFollowsACameraClockTenMinutesBehind() throws Exception {
        SimulatedCamera camera = start(settings().withClockOffset(Duration.ofMinutes(-10)));

        NodeClients.Run run = nodeOnvif(camera, new String(PASSWORD));

        assertTrue(run.ok(), run.toString());
        assertEquals(0, camera.refusedTokens());
    }

    @Test
    void nodeOnvifIsRefusedWithAWrongPassword() throws Exception {
        SimulatedCamera camera = start(settings());

        NodeClients.Run run = nodeOnvif(camera, "wrong horse");

        assertNotEquals(0, run.exitCode(), run.toString());
        assertEquals(Boolean.FALSE, run.result().get("ok"));
        assertTrue(String.valueOf(run.result().get("error")).contains("Sender not Authorized"), run.toString());
        assertTrue(camera.refusedTokens() > 0);
    }
}
