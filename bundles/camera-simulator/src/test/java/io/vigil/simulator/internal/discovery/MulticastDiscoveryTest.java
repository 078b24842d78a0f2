package io.vigil.simulator.internal.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * WS-Discovery over real multicast, only inside a network namespace this test creates: a child
 * JVM runs {@link MulticastScenario} under {@code unshare -n}, where lo is the only interface and
 * multicast is routed to it (DESIGN.md), so not one datagram can reach a real network.
 */
@Timeout(60)
class MulticastDiscoveryTest {

    private static final long SCENARIO_SECONDS = 45;
    /** Inside the new namespace: lo up, multicast routed to it with 127.0.0.1 as source, then the JVM. */
    private static final String NAMESPACE_SCRIPT = NetworkNamespace.LOOPBACK_WITH_MULTICAST
            + " && exec \"$0\" -cp \"$1\" " + MulticastScenario.class.getName() + " " + MulticastScenario.IN_NAMESPACE;

    @TempDir
    Path temporary;

    @Test
    void oneMulticastProbeFindsTwoCamerasAndAThirdSaysHelloAndBye() throws Exception {
        NetworkNamespace.assumeAvailable();
        Path output = temporary.resolve("scenario.out");
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        Process scenario = new ProcessBuilder("unshare", "-n", "sh", "-c", NAMESPACE_SCRIPT, java,
                System.getProperty("java.class.path"))
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        boolean finished;
        try {
            finished = scenario.waitFor(SCENARIO_SECONDS, TimeUnit.SECONDS);
        } finally {
            scenario.destroyForcibly();
        }
        String text = Files.readString(output, StandardCharsets.UTF_8);
        assertTrue(finished, () -> "the scenario did not end within " + SCENARIO_SECONDS + " s:\n" + text);
        assertEquals(0, scenario.exitValue(), () -> "the scenario failed:\n" + text);

        List<String> cameras = NetworkNamespace.lines(text, "CAMERA ");
        assertEquals(3, cameras.size(), text);
        assertEquals(Set.of(cameras.get(0), cameras.get(1)), Set.copyOf(NetworkNamespace.lines(text, "FOUND ")),
                () -> "one multicast probe finds the two running cameras with their device services, once each:\n" + text);
        assertEquals(2, NetworkNamespace.lines(text, "FOUND ").size(), text);
        assertEquals(List.of(cameras.get(2)), NetworkNamespace.lines(text, "HELLO "), text);
        assertEquals(List.of(cameras.get(2).split(" ")[0]), NetworkNamespace.lines(text, "BYE "), text);
    }
}
