package io.vigil.logging.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogLevel;
import org.osgi.service.log.LogListener;
import org.osgi.service.log.LogReaderService;

/**
 * Sends every OSGi log entry to java.util.logging, whose handlers the launcher set up from
 * {@code conf/logging.properties} (rotating files in {@code logs/}). The launcher owns the files
 * so that its own messages and the framework's land in the same place as the bundles'.
 */
@Component(immediate = true)
public class JulLogBridge implements LogListener {

    private final LogReaderService reader;
    private final AtomicLong firstLiveSequence = new AtomicLong(Long.MAX_VALUE);

    @Activate
    public JulLogBridge(@Reference LogReaderService reader) {
        this.reader = reader;
        reader.addLogListener(this);
        replayHistory();
    }

    /** Entries logged before this bundle started (the log service keeps recent ones), oldest first. */
    private void replayHistory() {
        List<LogEntry> history = new ArrayList<>(Collections.list(reader.getLog()));
        Collections.reverse(history);
        for (LogEntry entry : history) {
            if (entry.getSequence() < firstLiveSequence.get()) {
                forward(entry);
            }
        }
    }

    @Deactivate
    void deactivate() {
        reader.removeLogListener(this);
    }

    @Override
    public void logged(LogEntry entry) {
        firstLiveSequence.compareAndSet(Long.MAX_VALUE, entry.getSequence());
        forward(entry);
    }

    /**
     * Framework events keep their logger names ({@code Events.Service}, ...) so that
     * {@code conf/logging.properties} can quieten them; everything else is named by its bundle.
     */
    private static void forward(LogEntry entry) {
        String bundle = entry.getBundle() != null && entry.getBundle().getSymbolicName() != null
                ? entry.getBundle().getSymbolicName() : "?";
        boolean event = entry.getLoggerName() != null && entry.getLoggerName().startsWith("Events.");
        String name = event ? entry.getLoggerName() : bundle;
        String message = event ? "[" + bundle + "] " + entry.getMessage() : entry.getMessage();
        LogRecord record = new LogRecord(level(entry.getLogLevel()), message);
        record.setLoggerName(name);
        record.setInstant(Instant.ofEpochMilli(entry.getTime()));
        record.setThrown(entry.getException());
        Logger.getLogger(name).log(record);
    }

    static Level level(LogLevel level) {
        return switch (level) {
            case AUDIT, ERROR -> Level.SEVERE;
            case WARN -> Level.WARNING;
            case INFO -> Level.INFO;
            case DEBUG -> Level.FINE;
            case TRACE -> Level.FINEST;
        };
    }
}
