package io.vigil.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The suite's plumbing, with stand-in commands: the benches themselves run in the container. */
class BenchSuiteTest {

    @TempDir
    Path photos;

    @Test
    void everyBenchRunsOnceAndTheirSummariesMakeOneTable() throws Exception {
        Files.write(photos.resolve("sample1.jpg"), new byte[] {1});
        Files.write(photos.resolve("sample3.jpg"), new byte[] {1});
        Files.write(photos.resolve("notes.txt"), new byte[] {1});
        List<List<String>> called = new ArrayList<>();
        ByteArrayOutputStream terminal = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(terminal, true, StandardCharsets.UTF_8);
        int status = new BenchSuite(out, out, (command, to) -> {
            called.add(command);
            to.println("working on " + command.get(1));
            to.println("SUMMARY|" + command.get(1) + "|a figure|1.5|its reference|1.0|1.50");
            return command.get(1).equals("events") ? 3 : 0;
        }, photos).run(List.of("--quick"));
        assertEquals(3, status, "a failed bench fails the suite");
        assertEquals(List.of("ingest", "inference", "match", "events", "soak"), called.stream().map(c -> c.get(1)).toList());
        assertTrue(called.stream().allMatch(c -> c.contains("--quick")));
        assertEquals(List.of("bench", "soak", "--photos", photos.resolve("sample1.jpg").toString(),
                photos.resolve("sample3.jpg").toString(), "--quick"), called.get(4));
        String printed = terminal.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("working on match"), "each bench's own output shows as it runs");
        assertTrue(printed.matches("(?s).*soak\\s+a figure\\s+1\\.5\\s+its reference\\s+1\\.0\\s+1\\.50.*"), printed);
        assertTrue(printed.contains("vigil bench events failed (exit 3)"), printed);
    }

    @Test
    void markdownNamesTheMachine() {
        String table = BenchSuite.markdown(List.of(BenchSuite.Row.parse("SUMMARY|soak|fps|38.0|asked|40.0|0.95").orElseThrow()));
        assertTrue(table.startsWith("Machine: ") && table.contains(" cores"), table);
        assertTrue(table.contains("| soak | fps | 38.0 | asked | 40.0 | 0.95 |"), table);
        assertEquals(Optional.empty(), BenchSuite.Row.parse("SUMMARY|too|few"));
    }

    @Test
    void withoutSamplePhotosItSaysHowToGetThem() {
        ByteArrayOutputStream terminal = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(terminal, true, StandardCharsets.UTF_8);
        int status = new BenchSuite(out, out, (command, to) -> 0, photos.resolve("missing")).run(List.of());
        assertEquals(1, status);
        assertTrue(terminal.toString(StandardCharsets.UTF_8).contains("./vigil setup"));
    }
}
