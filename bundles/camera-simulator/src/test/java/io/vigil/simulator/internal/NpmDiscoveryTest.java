package io.vigil.simulator.internal;

import io.vigil.onvif.testing.NodeClients;
import io.vigil.onvif.testing.Json;

import io.vigil.simulator.internal.discovery.NetworkNamespace;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The npm clients {@code onvif@0.8.3} and {@code node-onvif@0.1.7} find two simulated cameras by
 * WS-Discovery multicast, then connect to one at the XAddr they discovered: with the right
 * password they read its profiles and stream URI, with a wrong one they are refused. Multicast
 * only inside a network namespace this test creates: a child JVM runs
 * {@link NpmDiscoveryScenario} under {@code unshare -n}, where lo is the only interface and
 * multicast is routed to it (DESIGN.md); the Node processes it starts inherit the namespace.
 */
@Timeout(40)
class NpmDiscoveryTest {

    private static final long SCENARIO_SECONDS = 30;
    private static final String RTSP = "rtsp://127.0.0.1:8554/sim/npm-discovery";

    @TempDir
    Path temporary;

    /** A script's run as the scenario printed it. */
    private record Run(int exitCode, Map<String, Object> result) {
    }

    @Test
    void bothClientsDiscoverTwoCamerasByMulticastThenConnectOnlyWithTheRightPassword() throws Exception {
        NodeClients.installed(); // fails here, saying how to install them, rather than in the child
        NetworkNamespace.assumeAvailable();
        String text = runScenario();

        List<String> cameras = NetworkNamespace.lines(text, "CAMERA ");
        assertEquals(2, cameras.size(), text);
        Map<String, Run> runs = runs(text);

        Run onvif = runs.get("onvif-discover");
        assertEquals(0, onvif.exitCode(), text);
        assertEquals(Set.copyOf(cameras), found(onvif), () -> "onvif@0.8.3 Discovery.probe finds both cameras:\n" + text);
        assertEquals(List.of(), onvif.result().get("errors"), () -> "every reply was a ProbeMatch onvif could read:\n" + text);
        Run nodeOnvif = runs.get("node-onvif-discover");
        assertEquals(0, nodeOnvif.exitCode(), text);
        assertEquals(Set.copyOf(cameras), found(nodeOnvif), () -> "node-onvif@0.1.7 startProbe finds both cameras:\n" + text);
        for (Object device : Json.array(nodeOnvif.result().get("devices"))) {
            assertEquals(List.of("dn:NetworkVideoTransmitter", "tds:Device"), Json.object(device).get("types"), text);
        }

        for (String client : List.of("onvif", "node-onvif")) {
            Run right = runs.get(client + "-connect-right");
            assertTrue(right != null && right.exitCode() == 0 && Boolean.TRUE.equals(right.result().get("ok")),
                    () -> client + " connects at the discovered XAddr with the right password:\n" + text);
            assertEquals(RTSP, right.result().get("streamUri"), text);
            // onvif reads the Media2 profiles; node-onvif knows Media1 only
            int profiles = (client.equals("onvif") ? SimulatedProfiles.media2() : SimulatedProfiles.media1()).size();
            assertEquals(profiles, Json.array(right.result().get("profiles")).size(), text);
            Run wrong = runs.get(client + "-connect-wrong");
            assertNotEquals(0, wrong.exitCode(), text);
            assertEquals(Boolean.FALSE, wrong.result().get("ok"), text);
            assertTrue(String.valueOf(wrong.result().get("error")).contains("Sender not Authorized"), text);
        }

        List<String[]> responders = NetworkNamespace.lines(text, "RESPONDER ").stream().map(line -> line.split(" ")).toList();
        assertEquals(2, responders.size(), text);
        for (String[] responder : responders) {
            assertEquals("0", responder[2], () -> "no probe from either client was unreadable to the simulator:\n" + text);
        }
        assertTrue(Long.parseLong(responders.get(0)[3]) > 0, () -> "the wrong passwords were refused by the first camera:\n" + text);
        System.out.println(text);
    }

    private String runScenario() throws IOException, InterruptedException {
        String basedir = System.getProperty("basedir", System.getProperty("user.dir"));
        return NetworkNamespace.runJava(temporary.resolve("scenario.out"), SCENARIO_SECONDS, List.of("-Dbasedir=" + basedir),
                NpmDiscoveryScenario.class.getName(), NpmDiscoveryScenario.IN_NAMESPACE);
    }

    /** {@code RUN label exit millis json} lines by label. */
    private static Map<String, Run> runs(String text) {
        Map<String, Run> runs = new HashMap<>();
        for (String line : NetworkNamespace.lines(text, "RUN ")) {
            String[] fields = line.split(" ", 4);
            runs.put(fields[0], new Run(Integer.parseInt(fields[1]), Json.object(Json.parse(fields[3]))));
        }
        return runs;
    }

    /** The devices a discovery script printed, as {@code urn xaddr} like the CAMERA lines. */
    private static Set<String> found(Run run) {
        List<String> found = Json.array(run.result().get("devices")).stream().map(Json::object)
                .map(device -> device.get("urn") + " " + String.join(" ", Json.array(device.get("xaddrs")).stream()
                        .map(String::valueOf).toList()))
                .toList();
        assertEquals(found.size(), Set.copyOf(found).size(), "each camera once: " + found);
        return Set.copyOf(found);
    }
}
