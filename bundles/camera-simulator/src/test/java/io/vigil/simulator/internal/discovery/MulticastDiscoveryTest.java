package io.vigil.simulator.internal.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
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

    @TempDir
    Path temporary;

    @Test
    void oneMulticastProbeFindsTwoCamerasAndAThirdSaysHelloAndBye() throws Exception {
        NetworkNamespace.assumeAvailable();
        String text = NetworkNamespace.runJava(temporary.resolve("scenario.out"), SCENARIO_SECONDS, List.of(),
                MulticastScenario.class.getName(), MulticastScenario.IN_NAMESPACE);

        List<String> cameras = NetworkNamespace.lines(text, "CAMERA ");
        assertEquals(3, cameras.size(), text);
        assertEquals(Set.of(cameras.get(0), cameras.get(1)), Set.copyOf(NetworkNamespace.lines(text, "FOUND ")),
                () -> "one multicast probe finds the two running cameras with their device services, once each:\n" + text);
        assertEquals(2, NetworkNamespace.lines(text, "FOUND ").size(), text);
        assertEquals(List.of(cameras.get(2)), NetworkNamespace.lines(text, "HELLO "), text);
        assertEquals(List.of(cameras.get(2).split(" ")[0]), NetworkNamespace.lines(text, "BYE "), text);
    }
}
