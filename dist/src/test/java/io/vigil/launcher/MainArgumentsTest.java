package io.vigil.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

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
        } finally {
            Files.delete(file);
        }
    }
}
