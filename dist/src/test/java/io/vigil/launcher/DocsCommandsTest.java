package io.vigil.launcher;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every command the user guides (docs/*.md) show is run somewhere by a test or by the demo: a
 * test or DemoScenario passes its words as arguments ({@code "alerts", "confirm"}), or the
 * command's own test ({@code AlertsCommandTest}) runs the subcommand. A guide showing a command
 * nobody runs fails here.
 */
class DocsCommandsTest {

    private static final Path ROOT = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().getParent();
    private static final Pattern COMMAND = Pattern.compile("^(?:bin/)?vigil ([a-z-]+)(?: ([a-z][a-z-]*))?");

    @Test
    void everyCommandInTheGuidesIsRunByATestOrTheDemo() throws IOException {
        List<String> sources = new ArrayList<>();
        List<Path> commandTests = new ArrayList<>();
        try (Stream<Path> files = Files.walk(ROOT)) {
            files.filter(p -> p.toString().endsWith(".java") && !p.toString().contains("/target/")
                    && (p.toString().contains("/src/test/java/") || p.getFileName().toString().equals("DemoScenario.java"))
                    && !p.getFileName().toString().equals("DocsCommandsTest.java"))
                    .forEach(p -> {
                        sources.add(read(p));
                        if (p.getFileName().toString().endsWith("CommandTest.java")) {
                            commandTests.add(p);
                        }
                    });
        }
        Set<String> missing = new TreeSet<>();
        int checked = 0;
        try (Stream<Path> guides = Files.list(ROOT.resolve("docs"))) {
            for (Path guide : guides.filter(p -> p.toString().endsWith(".md")).toList()) {
                for (String[] command : commands(read(guide))) {
                    checked++;
                    if (!covered(command, sources, commandTests)) {
                        missing.add(guide.getFileName() + ": vigil " + String.join(" ", command));
                    }
                }
            }
        }
        assertTrue(checked > 20, "the guides' commands were found: " + checked);
        assertTrue(missing.isEmpty(), "shown in the guides but run by no test or demo: " + missing);
    }

    /** The command and its subcommand (when the second word is not an option or an argument) of each command line in code blocks. */
    static List<String[]> commands(String markdown) {
        List<String[]> found = new ArrayList<>();
        boolean code = false;
        for (String line : markdown.lines().toList()) {
            if (line.startsWith("```")) {
                code = !code;
                continue;
            }
            Matcher m = COMMAND.matcher(line.strip());
            if (code && m.find()) {
                String sub = m.group(2);
                found.add(sub == null || !isSubcommand(m.group(1), sub) ? new String[] {m.group(1)}
                        : new String[] {m.group(1), sub});
            }
        }
        return found;
    }

    /** Words after these commands are arguments (a file, a name), not subcommands. */
    private static boolean isSubcommand(String command, String word) {
        return !Set.of("faces", "identify", "status", "doctor", "version", "models", "decoders").contains(command);
    }

    private static boolean covered(String[] command, List<String> sources, List<Path> commandTests) {
        String quoted = "\"" + String.join("\", \"", command) + "\"";
        if (sources.stream().anyMatch(s -> s.contains(quoted))) {
            return true;
        }
        if (command.length == 2) {
            String prefix = command[0].substring(0, 1).toUpperCase(Locale.ROOT) + command[0].substring(1);
            return commandTests.stream().filter(p -> p.getFileName().toString().startsWith(prefix))
                    .anyMatch(p -> read(p).contains("\"" + command[1] + "\""));
        }
        return false;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
