package io.vigil.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** File arguments reach a running container (with its own working folder) as absolute paths. */
class MainArgumentsTest {

    @Test
    void existingFilesAndOutputsBecomeAbsoluteWordsStayAsGiven() throws Exception {
        Path here = Path.of("").toAbsolutePath();
        Path file = Files.createTempFile(here, "photo", ".jpg");
        try {
            String name = file.getFileName().toString();
            List<String> out = Main.withAbsoluteFiles(List.of("faces", "--json", name, "wanted", "--to", "out.zip"));
            assertEquals(List.of("faces", "--json", file.toString(), "wanted", "--to", here.resolve("out.zip").toString()), out);
            // the command word itself is never rewritten, even if a file of that name exists
            assertEquals("faces", Main.withAbsoluteFiles(List.of("faces")).get(0));
            // an option's value after '=' is the same word as after a space
            assertEquals(List.of("evaluate", "--scenes=" + file, "--to=" + here.resolve("out.zip"), "--last=5"),
                    Main.withAbsoluteFiles(List.of("evaluate", "--scenes=" + name, "--to=out.zip", "--last=5")));
        } finally {
            Files.delete(file);
        }
    }

    /** {@code vigil doctor --jsno} printed the text report, {@code vigil run --shel} ran without the shell. */
    @Test
    void theLaunchersOwnCommandsRefuseOptionsTheyDoNotKnow(@TempDir Path home) {
        for (List<String> line : List.of(List.of("doctor", "--jsno"), List.of("run", "--shel"), List.of("demo", "keep"),
                List.of("bench", "--quik"))) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
            int exit = new Main(new VigilPaths(home, home.resolve("data"), home.resolve("logs")), err, err).dispatch(line);
            String said = bytes.toString(StandardCharsets.UTF_8);
            assertEquals(2, exit, line + ": " + said);
            assertTrue(said.startsWith("vigil " + line.get(0) + ": "), said);
            assertTrue(said.contains(line.get(1)) && said.contains("usage: vigil " + line.get(0)), said);
        }
    }
}
