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
        // the secret first: its one-shot container runs before anything may multicast
        assertEquals(0, vigil.vigil(password + "\n", "secret", "set", alias).exit());
        Files.writeString(vigil.deploy("io.vigil.onvif.discovery.cfg"), "listen.announcements=true\n");
        vigil.startInOwnNetworkNamespace();
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
            InstalledDistribution.Result listed = vigil.await(
                    r -> r.output().matches("(?s).*gate-[0-9a-f]{6}\\s+gate\\s+DISCOVERED\\s+-\\s+said Hello.*"), WAIT,
                    "cameras");
            assertTrue(listed.output().matches("(?s).*device http://127\\.0\\.0\\.1:\\d+/onvif/device_service\\s*"),
                    "listed with the device service of its Hello, and no stream: nothing was asked of it\n"
                            + listed.output());
            InstalledDistribution.Result status = vigil.status();
            assertTrue(status.output().contains("1 cameras: 1 discovered"), status.output());
            assertTrue(status.output().contains("1 announced, not added"), status.output());
            // it was only listed: no credentials were tried and no stream configured
            assertTrue(!status.output().contains("ingest/gate"), status.output());

            Files.delete(simulator);
            vigil.await(r -> r.output().contains("No cameras."), WAIT, "cameras");
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
            vigil.awaitStatus(r -> r.output().matches("(?s).*ingest/dock-\\S+\\s+OK\\s+STREAMING.*analysed [1-9].*"), WAIT);
            InstalledDistribution.Result streaming = vigil.vigil("", "cameras");
            assertTrue(streaming.output().matches("(?s).*dock-\\S+\\s+dock\\s+STREAMING.*/sim/dock.*"), streaming.output());
            assertEquals(1, streaming.output().lines().filter(l -> l.startsWith("dock-")).count(),
                    () -> "the added camera is listed once, not also as announced:\n" + streaming.output());

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
            InstalledDistribution.Result after = vigil.vigil("", "cameras");
            assertTrue(after.output().matches("(?s).*dock-\\S+\\s+dock\\s+STREAMING.*"), after.output());

            // the camera really leaves: its stream (and the check its Bye asks for) fail it
            Files.delete(simulator);
            vigil.await(r -> r.output().matches("(?s).*dock-\\S+\\s+dock\\s+FAILED\\s+-.*"), WAIT, "cameras");
            assertTrue(vigil.status().output().contains("1 cameras: 1 failed"), vigil.status().output());
        }
    }
}
