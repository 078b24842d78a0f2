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

    /** Every logger's messages also go to the terminal ({@code vigil run}). */
    static final String EVERYTHING = "";
    /**
     * Only the launcher's own messages go to the terminal: for one-shot commands and the demo,
     * whose terminal is for their answer; the framework's and bundles' warnings (a service
     * unregistered while the container stops, a port in use) are in the log.
     */
    static final String LAUNCHER = "io.vigil.launcher";

    /**
     * @param consoleLevel  what also goes to the terminal
     * @param consoleLogger only this logger's messages go to the terminal ({@link #EVERYTHING}: every logger's)
     */
    static void configure(VigilPaths paths, Level consoleLevel, String consoleLogger) {
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
        if (!consoleLogger.isEmpty()) {
            console.setFilter(record -> consoleLogger.equals(record.getLoggerName()));
        }
        Logger.getLogger("").addHandler(console);
    }
}
