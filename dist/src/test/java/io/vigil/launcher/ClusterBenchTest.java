package io.vigil.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vigil bench cluster}'s options: defaults, bounds, and a wrong option refused with exit 2 before anything starts. */
class ClusterBenchTest {

    @TempDir
    Path dir;

    @Test
    void defaultsAreThirtyCamerasAndFiveKills() {
        Optional<ClusterBench.Settings> s = ClusterBench.Settings.parse(List.of(), new PrintStream(new ByteArrayOutputStream()));
        assertEquals(Optional.of(new ClusterBench.Settings(30, 5, false)), s);
        assertEquals(Optional.of(new ClusterBench.Settings(120, 2, true)), ClusterBench.Settings.parse(
                List.of("--cameras", "120", "--kills", "2", "--json"), new PrintStream(new ByteArrayOutputStream())));
    }

    @Test
    void aWrongOptionIsRefusedWithItsUsageAndNothingStarts() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Main main = new Main(new VigilPaths(dir.resolve("home"), dir.resolve("data"), dir.resolve("logs")),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        for (List<String> wrong : List.of(List.of("bench", "cluster", "--kills", "0"), List.of("bench", "cluster", "--cameras", "x"),
                List.of("bench", "cluster", "--cameras", "1000"), List.of("bench", "cluster", "--fast"))) {
            err.reset();
            assertEquals(2, main.dispatch(wrong), wrong.toString());
            assertTrue(err.toString(StandardCharsets.UTF_8).contains("usage: vigil bench cluster"), err.toString(StandardCharsets.UTF_8));
        }
        assertEquals(2, main.dispatch(List.of("cluster", "demo", "--fast")));
        assertEquals("", out.toString(StandardCharsets.UTF_8), "nothing started, nothing printed");
        assertTrue(!dir.resolve("data").toFile().exists(), "no work folder made");
    }
}
