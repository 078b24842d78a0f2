package io.vigil.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.vigil.onvif.discovery.DiscoveredDevice;
import io.vigil.onvif.discovery.DiscoveryClientOptions;
import io.vigil.onvif.discovery.Probe;
import io.vigil.onvif.discovery.WsDiscoveryClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A VMS finds Vigil as it finds a camera, by WS-Discovery: a directed probe to the configured UDP
 * port on loopback, and (opt-in) multicast, where npm {@code onvif@0.8.3} and
 * {@code node-onvif@0.1.7} find it and a listener hears its Hello when the device starts and its
 * Bye when it stops. Multicast happens only inside the container's own network namespace
 * (loopback only), never on a real network.
 */
class OnvifDeviceDiscoveryIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String UUID = "urn:uuid:0e3c5b9a-7d1f-4c2e-9a61-5f0b2d7c4e18";

    @TempDir
    Path dir;

    private static String deviceConfig(int discoveryPort, boolean multicast) {
        return String.join("\n", "accounts=vms-onvif=onvif.vms", "device.uuid=" + UUID, "location=Main hall",
                "discovery.port=" + discoveryPort, "discovery.multicast=" + multicast, "");
    }

    @Test
    @LatencyBound // the probe's answer must come within a 1 s window
    void aDirectedProbeOnLoopbackFindsVigilWithItsScopesAndADeviceServiceThatAnswers() throws Exception {
        try (InstalledDistribution vigil = new InstalledDistribution(dir)) {
            vigil.start();
            assertEquals(0, vigil.vigil("vms-Onvif-7\n", "secret", "set", "onvif.vms").exit());
            int port = InstalledDistribution.freePort();
            InstalledDistribution.drop(vigil.deploy("io.vigil.onvif.device.cfg"), deviceConfig(port, false).getBytes(StandardCharsets.UTF_8));
            vigil.awaitStatus(r -> r.output().contains("probes on udp 127.0.0.1:" + port + ", no multicast"), WAIT);

            List<DiscoveredDevice> found = new WsDiscoveryClient(DiscoveryClientOptions.on(InetAddress.getLoopbackAddress()))
                    .probeDirected(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), Probe.forCameras(), Duration.ofSeconds(1));
            assertEquals(1, found.size(), found.toString());
            DiscoveredDevice device = found.get(0);
            assertEquals(UUID, device.endpointReference());
            URI service = URI.create("http://127.0.0.1:" + vigil.httpPort + "/onvif/device_service");
            assertEquals(List.of(service), device.xaddrs());
            assertTrue(device.scopes().containsAll(List.of("onvif://www.onvif.org/type/video_analytics",
                    "onvif://www.onvif.org/name/Vigil", "onvif://www.onvif.org/location/Main%20hall")), device.scopes().toString());
            assertTrue(device.types().toString().contains("NetworkVideoTransmitter"), device.types().toString());
            HttpResponse<String> time = HttpClient.newHttpClient().send(HttpRequest.newBuilder(service)
                    .header("Content-Type", "application/soap+xml; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofString("<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"><s:Body>"
                            + "<GetSystemDateAndTime xmlns=\"http://www.onvif.org/ver10/device/wsdl\"/></s:Body></s:Envelope>")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, time.statusCode(), time.body());
            System.out.printf("directed probe to 127.0.0.1:%d (1 s window): Vigil found at %s, scopes %s%n", port, device.xaddrs(),
                    device.scopes());
            assertTrue(vigil.status().output().contains("1 probes answered"), vigil.status().output());
        }
    }

    @Test
    void byMulticastNpmClientsFindVigilAndAListenerHearsHelloOnStartAndByeOnStop() throws Exception {
        InstalledDistribution.assumeNetworkNamespaces();
        Path nodeModules = nodeClients();
        try (InstalledDistribution vigil = new InstalledDistribution(dir)) {
            // the camera side listens too: it must not take Vigil's own Hello for a camera's
            Files.writeString(vigil.deploy("io.vigil.onvif.discovery.cfg"), "listen.announcements=true\n");
            vigil.startInOwnNetworkNamespace();
            assertEquals(0, vigil.vigil("vms-Onvif-7\n", "secret", "set", "onvif.vms").exit());
            assertEquals(1, vigil.containerNetworkInterfaces().size(), "loopback only");

            BlockingQueue<String> heard = new LinkedBlockingQueue<>();
            Process listener = vigil.inContainerNetwork(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), AnnouncementPrinter.class.getName(), "90"))
                    .redirectErrorStream(true).start();
            Thread reader = new Thread(() -> {
                try (BufferedReader out = new BufferedReader(new InputStreamReader(listener.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line = out.readLine(); line != null; line = out.readLine()) {
                        heard.add(line);
                    }
                } catch (IOException e) {
                    // ended
                }
            });
            reader.setDaemon(true);
            reader.start();
            try {
                assertEquals("LISTENING", heard.poll(30, TimeUnit.SECONDS));
                int port = InstalledDistribution.freePort();
                Path config = vigil.deploy("io.vigil.onvif.device.cfg");
                InstalledDistribution.drop(config, deviceConfig(port, true).getBytes(StandardCharsets.UTF_8));
                String xaddr = "http://127.0.0.1:" + vigil.httpPort + "/onvif/device_service";
                assertEquals("HELLO " + UUID + " [" + xaddr + "]", awaitLine(heard, "HELLO ", WAIT), "Hello on start");
                vigil.awaitStatus(r -> r.output().contains("and multicast (Hello said)"), WAIT);

                String onvif = node(vigil, nodeModules, "onvif-discover.js", "3000");
                assertTrue(onvif.contains("\"urn\":\"" + UUID + "\"") && onvif.contains(xaddr), "onvif@0.8.3 by multicast: " + onvif);
                String nodeOnvif = node(vigil, nodeModules, "node-onvif-discover.js");
                assertTrue(nodeOnvif.contains("\"urn\":\"" + UUID + "\"") && nodeOnvif.contains(xaddr),
                        "node-onvif@0.1.7 by multicast: " + nodeOnvif);
                System.out.println("onvif@0.8.3 discovered: " + onvif);
                System.out.println("node-onvif@0.1.7 discovered: " + nodeOnvif);

                // Vigil hears itself, and knows itself: not a camera
                InstalledDistribution.Result discover = vigil.vigil("", "cameras", "discover", "--multicast", "--wait", "2");
                assertEquals(0, discover.exit(), discover.output());
                assertTrue(discover.output().contains("a Vigil device (restreams of cameras), not a camera"), discover.output());
                InstalledDistribution.JsonRun cameras = vigil.json("cameras", "--json");
                assertTrue(cameras.list("cameras").isEmpty(), "Vigil's own Hello listed as a camera:\n" + cameras.doc());

                Files.delete(config);
                assertEquals("BYE " + UUID, awaitLine(heard, "BYE ", WAIT), "Bye on stop");
            } finally {
                listener.destroy();
                listener.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static String awaitLine(BlockingQueue<String> lines, String prefix, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        List<String> seen = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            String line = lines.poll(1, TimeUnit.SECONDS);
            if (line != null && line.startsWith(prefix)) {
                return line;
            }
            if (line != null) {
                seen.add(line);
            }
        }
        fail("no " + prefix.strip() + " within " + wait + "; heard " + seen);
        return null;
    }

    /** Runs a discovery script of the camera simulator's tests (the same npm clients) in the container's network. */
    private static String node(InstalledDistribution vigil, Path nodeModules, String script, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("node", Path.of(System.getProperty("basedir", "."), "..", "bundles",
                "camera-simulator", "src", "test", "node", script).normalize().toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = vigil.inContainerNetwork(command);
        builder.environment().put("NODE_PATH", nodeModules.toString());
        Process process = builder.redirectErrorStream(true).start();
        process.getOutputStream().close();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail(script + " did not finish");
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), out);
        return out.lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElse(out);
    }

    private static Path nodeClients() {
        String given = System.getenv("VIGIL_NODE_CLIENTS");
        Path modules = given != null && !given.isBlank() ? Path.of(given)
                : Path.of(System.getProperty("user.home"), ".cache", "vigil", "node", "onvif-clients", "node_modules");
        assertTrue(Files.isDirectory(modules.resolve("onvif")) && Files.isDirectory(modules.resolve("node-onvif")),
                "npm onvif@0.8.3 and node-onvif@0.1.7 are not installed at " + modules + ": run ./vigil test once");
        return modules;
    }
}
