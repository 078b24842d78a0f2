package io.vigil.simulator.internal.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
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

    /**
     * Runs {@code mainClass} in a fresh JVM on this test's class path, inside a network namespace
     * of its own with loopback up and multicast routed onto it, and returns what it printed;
     * fails unless it ends with exit status 0 within {@code seconds}.
     */
    public static String runJava(Path output, long seconds, List<String> jvmOptions, String mainClass,
            String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("unshare", "-n", "sh", "-c",
                LOOPBACK_WITH_MULTICAST + " && exec \"$0\" \"$@\"",
                Paths.get(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(args));
        Process scenario = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        boolean finished;
        try {
            finished = scenario.waitFor(seconds, TimeUnit.SECONDS);
        } finally {
            // kills only the JVM: a child process it was running is left to end by itself
            scenario.destroyForcibly();
        }
        String text = Files.readString(output, StandardCharsets.UTF_8);
        assertTrue(finished, () -> "the scenario did not end within " + seconds + " s:\n" + text);
        assertEquals(0, scenario.exitValue(), () -> "the scenario failed:\n" + text);
        return text;
    }

    /** The scenario's lines that start with {@code prefix}, without it. */
    public static List<String> lines(String text, String prefix) {
        return text.lines().filter(line -> line.startsWith(prefix)).map(line -> line.substring(prefix.length()))
                .collect(Collectors.toList());
    }
}
