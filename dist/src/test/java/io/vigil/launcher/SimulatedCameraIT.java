package io.vigil.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.onvif.internal.client.ConnectedCamera;
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
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A simulated ONVIF camera run by the container from a configuration file, found through its
 * ONVIF device service by Vigil's camera client, and its stream pulled by Vigil's ingest: the
 * path a real camera takes, short of discovery and the camera registry.
 */
class SimulatedCameraIT {

    private static final Duration WAIT = Duration.ofSeconds(40);
    private static final Pattern DEVICE = Pattern.compile("simulator/front\\s+OK\\s+ONVIF (\\S+), video");

    @TempDir
    Path dir;

    @Test
    void theSimulatedCameraIsFoundOverOnvifAndItsStreamIsAnalysed() throws Exception {
        String password = "front-door-Pw";
        try (InstalledDistribution vigil = new InstalledDistribution(dir)) {
            vigil.start();
            assertEquals(0, vigil.vigil(password + "\n", "secret", "set", "camera.front").exit());
            InstalledDistribution.drop(vigil.deploy("io.vigil.simulator.camera-front.cfg"), String.join("\n",
                    "name=front", "user=admin", "password.alias=camera.front", "codec=H264", "width=640", "height=360",
                    "fps=10", "").getBytes());
            String status = vigil.awaitStatus(r -> DEVICE.matcher(r.output()).find(), WAIT).output();
            Matcher device = DEVICE.matcher(status);
            assertTrue(device.find());

            SoapClient soap = new SoapClient(SoapClientOptions.DEFAULTS);
            DeviceClient client = new DeviceClient(soap, URI.create(device.group(1)),
                    ClientAuthentication.of(new Credentials("admin", password.toCharArray())), Clock.systemUTC());
            // the main stream is 640x360: the default policy (closest to 1280x720) takes the H.265 720p
            // profile, which the simulator serves as H.265 (issue 17: it used to serve H.264 under that label)
            ConnectedCamera camera = new OnvifCamera(client, ProfilePolicy.DEFAULT).connect();
            URI stream = camera.streamUri();
            assertEquals("Profile_H265", camera.profile().token());
            assertTrue(stream.getPath().endsWith("/sim/front/h265"), stream.toString());

            InstalledDistribution.drop(vigil.deploy("io.vigil.ingest.stream-front.cfg"), String.join("\n",
                    "camera.id=front", "uri=" + stream, "user=admin", "password.alias=camera.front", "").getBytes());
            com.fasterxml.jackson.databind.JsonNode streaming = vigil.awaitAnalysing("front"::equals, WAIT);
            assertEquals("H265", streaming.get("codec").asText(), streaming.toPrettyString());
            assertEquals("avdec_h265", streaming.get("decoder").asText(), streaming.toPrettyString());
        }
    }

    @Test
    void camerasImportedFromAVmsCsvAreReachedOverOnvifAndStreamedWithoutFurtherHelp() throws Exception {
        String password = "yard-Pw-42";
        try (InstalledDistribution vigil = new InstalledDistribution(dir)) {
            vigil.start();
            assertEquals(0, vigil.vigil(password + "\n", "secret", "set", "camera.yard").exit());
            InstalledDistribution.drop(vigil.deploy("io.vigil.simulator.camera-yard.cfg"), String.join("\n",
                    "name=yard", "user=admin", "password.alias=camera.yard", "codec=H264", "width=640", "height=360",
                    "fps=10", "").getBytes());
            Pattern yardDevice = Pattern.compile("simulator/yard\\s+OK\\s+ONVIF (\\S+), video");
            Matcher device = yardDevice.matcher(vigil.awaitStatus(r -> yardDevice.matcher(r.output()).find(), WAIT).output());
            assertTrue(device.find());

            String csv = String.join("\n",
                    "address,user,password.alias,vms.camera.id,name,location,signage",
                    device.group(1) + ",admin,camera.yard,VMS-0007,Yard,\"North yard, gate 2\",posted",
                    "ftp://wrong/onvif,admin,camera.yard,VMS-0008,Wrong,,unknown",
                    "");
            InstalledDistribution.Result imported = vigil.vigil(csv, "cameras", "import");
            assertEquals(3, imported.exit(), imported.output());
            assertTrue(imported.output().contains("line 3: address 'ftp://wrong/onvif' is not an http(s) URL"), imported.output());
            assertTrue(imported.output().contains("Imported 1 camera(s)"), imported.output());

            // the registry resolves the stream over ONVIF and hands it to ingest by itself
            vigil.awaitAnalysing("vms-0007"::equals, WAIT);
            com.fasterxml.jackson.databind.JsonNode yard = camera(vigil, "vms-0007");
            assertEquals("Yard", yard.get("name").asText(), yard.toPrettyString());
            assertEquals("STREAMING", yard.get("state").asText(), yard.toPrettyString());
            assertEquals("VMS-0007", yard.get("vms_camera_id").asText(), yard.toPrettyString());
            assertTrue(yard.get("stream").asText().contains("/sim/yard"), yard.toPrettyString());
            assertTrue(vigil.status().output().contains("cameras      OK        1 cameras: 1 streaming"), vigil.status().output());
        }
    }

    @Test
    void aCameraFoundByDiscoveryIsAddedAndStreamed() throws Exception {
        String password = "dock-Pw-7";
        int discoveryPort;
        try (java.net.DatagramSocket probe = new java.net.DatagramSocket(0)) {
            discoveryPort = probe.getLocalPort();
        }
        try (InstalledDistribution vigil = new InstalledDistribution(dir)) {
            vigil.start();
            assertEquals(0, vigil.vigil(password + "\n", "secret", "set", "camera.dock").exit());
            InstalledDistribution.drop(vigil.deploy("io.vigil.simulator.camera-dock.cfg"), String.join("\n",
                    "name=dock", "user=admin", "password.alias=camera.dock", "codec=H264", "width=640", "height=360",
                    "fps=10", "discovery.port=" + discoveryPort, "").getBytes());
            vigil.awaitStatus(r -> r.output().contains("discovery udp 127.0.0.1:" + discoveryPort), WAIT);

            // directed probes over an address range, as across routed networks (127.0.0.2 and .3 are
            // loopback addresses where nothing answers); no multicast leaves this machine
            String target = "127.0.0.1-3:" + discoveryPort;
            InstalledDistribution.Result seen = vigil.vigil("", "cameras", "discover", "--target", target, "--wait", "2");
            assertEquals(0, seen.exit(), seen.output());
            assertTrue(seen.output().matches("(?s).*dock\\s+http://127\\.0\\.0\\.1:\\d+/onvif/device_service\\s+new.*"),
                    seen.output());

            InstalledDistribution.Result added = vigil.vigil("", "cameras", "discover", "--target", target, "--wait", "2",
                    "--add", "--user", "admin", "--password-alias", "camera.dock");
            assertTrue(added.output().contains("added as camera dock-"), added.output());
            vigil.awaitAnalysing(c -> c.startsWith("dock-"), WAIT);
            com.fasterxml.jackson.databind.JsonNode dock = camera(vigil, "dock-");
            assertEquals("dock", dock.get("name").asText(), dock.toPrettyString());
            assertEquals("STREAMING", dock.get("state").asText(), dock.toPrettyString());
            assertTrue(dock.get("stream").asText().contains("/sim/dock"), dock.toPrettyString());

            InstalledDistribution.Result again = vigil.vigil("", "cameras", "discover", "--target", target, "--wait", "2");
            assertTrue(again.output().contains("already camera dock-"), again.output());
        }
    }

    @Test
    void aCameraThatGoesAwayIsReportedAndPickedUpAgainWhenItComesBack() throws Exception {
        String password = "porch-Pw-3";
        int onvifPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            onvifPort = socket.getLocalPort();
        }
        try (InstalledDistribution vigil = new InstalledDistribution(dir)) {
            vigil.start();
            assertEquals(0, vigil.vigil(password + "\n", "secret", "set", "camera.porch").exit());
            java.nio.file.Path simulator = vigil.deploy("io.vigil.simulator.camera-porch.cfg");
            byte[] simulatorConfig = String.join("\n", "name=porch", "user=admin", "password.alias=camera.porch",
                    "codec=H264", "width=320", "height=240", "fps=10", "port=" + onvifPort, "").getBytes();
            InstalledDistribution.drop(simulator, simulatorConfig);
            InstalledDistribution.drop(vigil.deploy("io.vigil.onvif.camera-porch.cfg"), String.join("\n",
                    "camera.id=porch", "address=http://127.0.0.1:" + onvifPort + "/onvif/device_service", "user=admin",
                    "password.alias=camera.porch", "profile.width=640", "profile.height=360", "profile.encodings=H264",
                    "").getBytes());
            vigil.awaitStatus(r -> r.output().contains("cameras      OK        1 cameras: 1 streaming"), WAIT);
            // the profile policy of the camera's configuration chose the simulator's small stream
            com.fasterxml.jackson.databind.JsonNode chosen = camera(vigil, "porch");
            assertEquals(List.of("Profile_Sub", "H264", 640, 360), List.of(chosen.get("profile").asText(),
                    chosen.get("encoding").asText(), chosen.get("width").asInt(), chosen.get("height").asInt()), chosen.toPrettyString());

            // the camera goes away: its stream stops and the registry says so
            java.nio.file.Files.delete(simulator);
            vigil.awaitStatus(r -> r.output().contains("1 cameras: 1 failed"), WAIT);
            com.fasterxml.jackson.databind.JsonNode away = camera(vigil, "porch");
            assertEquals("FAILED", away.get("state").asText(), away.toPrettyString());
            assertTrue(away.get("detail").asText().contains("stream: "), away.toPrettyString());

            // and comes back at the same address: ingest reconnects by itself
            InstalledDistribution.drop(simulator, simulatorConfig);
            vigil.awaitStatus(r -> r.output().contains("1 cameras: 1 streaming"), Duration.ofSeconds(90));
        }
    }

    /** The one camera of {@code vigil cameras --json} whose id is or starts with {@code id}. */
    private static com.fasterxml.jackson.databind.JsonNode camera(InstalledDistribution vigil, String id) throws Exception {
        InstalledDistribution.JsonRun cameras = vigil.json("cameras", "--json");
        assertEquals(0, cameras.exit(), cameras.err());
        List<com.fasterxml.jackson.databind.JsonNode> found = cameras.list("cameras").stream()
                .filter(c -> id.endsWith("-") ? c.get("id").asText().startsWith(id) : c.get("id").asText().equals(id)).toList();
        assertEquals(1, found.size(), "one camera " + id + ":\n" + cameras.doc().toPrettyString());
        return found.get(0);
    }
}
