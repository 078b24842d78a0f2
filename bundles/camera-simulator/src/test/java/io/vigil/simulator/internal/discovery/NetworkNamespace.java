package io.vigil.simulator.internal.discovery;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;

/**
 * What multicast tests share: they run their scenario in a network namespace of its own, the
 * only place multicast may go, and read the lines it prints.
 */
public final class NetworkNamespace {

    /** The shell prelude that gives a new namespace loopback with multicast routed onto it. */
    public static final String LOOPBACK_WITH_MULTICAST =
            "ip link set lo up && ip route add 224.0.0.0/4 dev lo src 127.0.0.1";

    private NetworkNamespace() {
    }

    /** Skips, saying why, where network namespaces cannot be made (no unshare, or not permitted). */
    public static void assumeAvailable() throws InterruptedException {
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

    /** The scenario's lines that start with {@code prefix}, without it. */
    public static List<String> lines(String text, String prefix) {
        return text.lines().filter(line -> line.startsWith(prefix)).map(line -> line.substring(prefix.length()))
                .collect(Collectors.toList());
    }
}
