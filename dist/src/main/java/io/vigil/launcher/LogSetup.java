package io.vigil.launcher;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.logging.ConsoleHandler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * java.util.logging is the one log of the process: the launcher, the framework and, through
 * the io.vigil.logging bundle, every bundle's OSGi log end up in the rotating files that
 * {@code conf/logging.properties} describes.
 */
final class LogSetup {

    private LogSetup() {
    }

    /**
     * @param consoleLevel     what also goes to the terminal
     * @param consoleVigilOnly true to keep the terminal to Vigil's own messages (short-lived
     *                         commands, where the framework's start and stop chatter is noise)
     */
    static void configure(VigilPaths paths, Level consoleLevel, boolean consoleVigilOnly) {
        Path file = paths.conf().resolve("logging.properties");
        try {
            Files.createDirectories(paths.logs());
            String text = Files.readString(file, StandardCharsets.UTF_8);
            String resolved = FrameworkProperties.substitute("logging.properties", text,
                    Map.of("vigil.logs", paths.logs().toString(), "vigil.home", paths.home().toString())::get, 0, file);
            LogManager.getLogManager().readConfiguration(new ByteArrayInputStream(resolved.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new LauncherException("Cannot set up logging from " + file + ": " + e.getMessage(), e);
        }
        ConsoleHandler console = new ConsoleHandler();
        console.setLevel(consoleLevel);
        console.setFormatter(new SimpleFormatter());
        if (consoleVigilOnly) {
            console.setFilter(record -> record.getLoggerName() != null && record.getLoggerName().startsWith("io.vigil"));
        }
        Logger.getLogger("").addHandler(console);
    }
}
