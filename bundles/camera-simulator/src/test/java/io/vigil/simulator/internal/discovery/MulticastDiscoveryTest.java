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
    private static final String NAMESPACE_SCRIPT = "ip link set lo up && ip route add 224.0.0.0/4 dev lo src 127.0.0.1"
            + " && exec \"$0\" -cp \"$1\" " + MulticastScenario.class.getName() + " " + MulticastScenario.IN_NAMESPACE;

    @TempDir
    Path temporary;

    @Test
    void oneMulticastProbeFindsTwoCamerasAndAThirdSaysHelloAndBye() throws Exception {
        assumeNamespacesWork();
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

        List<String> cameras = lines(text, "CAMERA ");
        assertEquals(3, cameras.size(), text);
        assertEquals(Set.of(cameras.get(0), cameras.get(1)), Set.copyOf(lines(text, "FOUND ")),
                () -> "one multicast probe finds the two running cameras with their device services, once each:\n" + text);
        assertEquals(2, lines(text, "FOUND ").size(), text);
        assertEquals(List.of(cameras.get(2)), lines(text, "HELLO "), text);
        assertEquals(List.of(cameras.get(2).split(" ")[0]), lines(text, "BYE "), text);
    }

    private static List<String> lines(String text, String prefix) {
        return text.lines().filter(line -> line.startsWith(prefix)).map(line -> line.substring(prefix.length()))
                .collect(Collectors.toList());
    }

    /** Skips, saying why, where network namespaces cannot be made (no unshare, or not permitted). */
    private static void assumeNamespacesWork() throws InterruptedException {
        String reason;
        try {
            Process probe = new ProcessBuilder("unshare", "-n", "ip", "link", "set", "lo", "up")
                    .redirectErrorStream(true).start();
            boolean done = probe.waitFor(10, TimeUnit.SECONDS);
            String said = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            probe.destroyForcibly();
            reason = done && probe.exitValue() == 0 ? null : "unshare -n / ip failed: " + said;
        } catch (IOException e) {
            reason = "unshare or ip is not installed: " + e.getMessage();
        }
        Assumptions.assumeTrue(reason == null, "multicast discovery needs a network namespace of its own; " + reason);
    }
}
