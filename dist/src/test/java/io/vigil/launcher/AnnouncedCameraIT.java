package io.vigil.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * WS-Discovery by multicast through the real container: Hello and Bye heard by the camera
 * registry, and {@code vigil cameras discover --multicast}. The container runs in a network
 * namespace of its own ({@link InstalledDistribution#startInOwnNetworkNamespace()}) with loopback
 * as its only interface, so not one datagram reaches a real network; its simulated cameras may
 * multicast there only because their configuration says so.
 */
class AnnouncedCameraIT {

    private static final Duration WAIT = Duration.ofSeconds(40);

    @TempDir
    Path dir;

    /** Installs the camera's password, turns listening on and starts the container in its own network. */
    private static void startListening(InstalledDistribution vigil, String alias, String password) throws Exception {
        Files.writeString(vigil.deploy("io.vigil.onvif.discovery.cfg"), "listen.announcements=true\n");
        vigil.startInOwnNetworkNamespace();
        // through the running container (in its namespace), not a one-shot container of its own
        assertEquals(0, vigil.vigil(password + "\n", "secret", "set", alias).exit());
        List<String> interfaces = vigil.containerNetworkInterfaces();
        assertEquals(1, interfaces.size(), () -> "the container must see loopback only: " + interfaces);
        assertTrue(interfaces.get(0).contains(": lo:"), interfaces.toString());
        vigil.awaitStatus(r -> r.output().contains("listening for Hello and Bye on 0.0.0.0"), WAIT);
    }

    private static byte[] multicastCamera(String name, String alias) {
        return String.join("\n", "name=" + name, "user=admin", "password.alias=" + alias, "codec=H264", "width=640",
                "height=360", "fps=10", "discovery.multicast=true", "").getBytes();
    }

    @Test
    void aCameraThatSaysHelloIsListedAsDiscoveredAndTakenOffWhenItSaysBye() throws Exception {
        InstalledDistribution.assumeNetworkNamespaces();
        try (InstalledDistribution vigil = new InstalledDistribution(dir)) {
            startListening(vigil, "camera.gate", "gate-Pw-5");

            Path simulator = vigil.deploy("io.vigil.simulator.camera-gate.cfg");
            InstalledDistribution.drop(simulator, multicastCamera("gate", "camera.gate"));
            InstalledDistribution.JsonRun listed = vigil.awaitJson(r -> r.list("cameras").stream().anyMatch(
                    c -> c.get("id").asText().matches("gate-[0-9a-f]{6}") && c.get("state").asText().equals("DISCOVERED")),
                    WAIT, "cameras", "--json");
            com.fasterxml.jackson.databind.JsonNode gate = listed.list("cameras").get(0);
            assertEquals("gate", gate.get("name").asText(), gate.toPrettyString());
            assertTrue(!gate.get("configured").asBoolean() && gate.get("vms_camera_id").isNull(), gate.toPrettyString());
            // listed with the device service of its Hello, and no stream: nothing was asked of it
            assertTrue(gate.get("address").asText().matches("http://127\\.0\\.0\\.1:\\d+/onvif/device_service"),
                    gate.toPrettyString());
            assertTrue(gate.get("stream").isNull(), gate.toPrettyString());
            InstalledDistribution.Result status = vigil.status();
            assertTrue(status.output().contains("1 cameras: 1 discovered"), status.output());
            assertTrue(status.output().contains("1 announced, not added"), status.output());
            // it was only listed: no credentials were tried and no stream configured
            assertTrue(!status.output().contains("ingest/gate"), status.output());

            Files.delete(simulator);
            vigil.awaitJson(r -> r.list("cameras").isEmpty(), WAIT, "cameras", "--json");
        }
    }

    @Test
    void discoverByMulticastFindsTheCameraAndASpoofedByeFailsNothingWhileTheCameraLeavingDoes() throws Exception {
        InstalledDistribution.assumeNetworkNamespaces();
        try (InstalledDistribution vigil = new InstalledDistribution(dir)) {
            startListening(vigil, "camera.dock", "dock-Pw-8");
            Path simulator = vigil.deploy("io.vigil.simulator.camera-dock.cfg");
            InstalledDistribution.drop(simulator, multicastCamera("dock", "camera.dock"));
            vigil.awaitStatus(r -> r.output().matches("(?s).*simulator/dock\\s+OK.*discovery udp 127\\.0\\.0\\.1:\\d+ and multicast.*"),
                    WAIT);

            InstalledDistribution.Result seen = vigil.vigil("", "cameras", "discover", "--multicast", "--wait", "2");
            assertEquals(0, seen.exit(), seen.output());
            // announced by its Hello, so listed by the registry, but not a camera until added
            assertTrue(seen.output().matches("(?s).*dock\\s+http://127\\.0\\.0\\.1:\\d+/onvif/device_service\\s+new.*"),
                    seen.output());

            InstalledDistribution.Result added = vigil.vigil("", "cameras", "discover", "--multicast", "--wait", "2",
                    "--add", "--user", "admin", "--password-alias", "camera.dock");
            assertEquals(0, added.exit(), added.output());
            assertTrue(added.output().contains("added as camera dock-"), added.output());
            vigil.awaitAnalysing(c -> c.startsWith("dock-"), WAIT);
            InstalledDistribution.JsonRun streaming = vigil.json("cameras", "--json");
            List<com.fasterxml.jackson.databind.JsonNode> docks = streaming.list("cameras").stream()
                    .filter(c -> c.get("id").asText().startsWith("dock-")).toList();
            assertEquals(1, docks.size(), () -> "the added camera is listed once, not also as announced:\n" + streaming.doc());
            assertEquals("STREAMING", docks.get(0).get("state").asText(), docks.get(0).toPrettyString());
            assertTrue(docks.get(0).get("configured").asBoolean() && docks.get(0).get("stream").asText().contains("/sim/dock"),
                    docks.get(0).toPrettyString());

            // anyone on the network can multicast a Bye naming the camera: it is checked again over
            // ONVIF with its credentials, found there, and keeps streaming
            InstalledDistribution.Result json = vigil.vigil("", "cameras", "discover", "--multicast", "--wait", "2", "--json");
            java.util.regex.Matcher reference = java.util.regex.Pattern.compile("\"endpointReference\": \"([^\"]+)\"")
                    .matcher(json.output());
            assertTrue(reference.find(), json.output());
            Process spoof = vigil.inContainerNetwork(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), ByeSender.class.getName(), reference.group(1)))
                    .redirectErrorStream(true).start();
            String sent = new String(spoof.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(spoof.waitFor(60, java.util.concurrent.TimeUnit.SECONDS) && sent.contains("SENT"), sent);
            Thread.sleep(5_000);
            InstalledDistribution.JsonRun after = vigil.json("cameras", "--json");
            assertEquals(List.of("STREAMING"), after.list("cameras").stream().filter(c -> c.get("id").asText().startsWith("dock-"))
                    .map(c -> c.get("state").asText()).toList(), after.doc().toPrettyString());

            // the camera really leaves: its stream (and the check its Bye asks for) fail it
            Files.delete(simulator);
            vigil.awaitJson(r -> r.list("cameras").stream().anyMatch(c -> c.get("id").asText().startsWith("dock-")
                    && c.get("state").asText().equals("FAILED") && c.get("vms_camera_id").isNull()), WAIT, "cameras", "--json");
            assertTrue(vigil.status().output().contains("1 cameras: 1 failed"), vigil.status().output());
        }
    }
}
